import { Badge, Button, Caption1, Spinner, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { CrmRecord, ResolveResult } from '../../../common/api/record';
import { randomUuid } from '../../outbox/random-uuid';
import { isApiAddress } from '../../capture/api-rules';
import { useServices, type ReadMessage } from '../services';
import { describeFailure } from '../words';
import { RECORD_TYPE_LABELS } from '../../../common/record-type-labels';

type Match = ResolveResult['matches'][number];

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  person: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  badges: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  address: { color: tokens.colorNeutralForeground3 },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

interface Participant { address: string; name?: string }

/** Sender and recipients with the records they match; unknown outsiders can become contacts. */
export function Participants({ message }: { message: ReadMessage }) {
  const { api, mailbox, createId = randomUuid } = useServices();
  const styles = useStyles();
  const participants = useMemo(() => uniqueParticipants(message, mailbox.userAddress), [message, mailbox.userAddress]);
  const [matches, setMatches] = useState<Map<string, Match> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [creating, setCreating] = useState<Set<string>>(new Set());
  const [createProblems, setCreateProblems] = useState<Map<string, string>>(new Map());

  useEffect(() => {
    let cancelled = false;
    api.resolve(participants.map((p) => p.address)).then(
      (found) => !cancelled && setMatches(new Map(found.map((match) => [match.address.toLowerCase(), match]))),
      (error: unknown) => {
        if (cancelled) return;
        const failure = describeFailure(error);
        setProblem(`Docket could not look up the participants' records. ${failure.title}: ${failure.detail}`);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, participants]);

  async function createContact(participant: Participant) {
    const key = participant.address.toLowerCase();
    setCreating((current) => new Set(current).add(key));
    setCreateProblems((current) => withoutKey(current, key));
    try {
      const record = await api.createRecord({ type: 'contact', name: participant.name?.trim() || participant.address, emails: [participant.address] }, createId());
      setMatches((current) => {
        const next = new Map(current);
        const match = next.get(key);
        next.set(key, { address: participant.address, isUser: match?.isUser ?? false, records: [...(match?.records ?? []), record] });
        return next;
      });
    } catch (error) {
      const failure = describeFailure(error);
      setCreateProblems((current) => new Map(current).set(key, `The contact was not created. ${failure.title}: ${failure.detail}`));
    } finally {
      setCreating((current) => {
        const next = new Set(current);
        next.delete(key);
        return next;
      });
    }
  }

  if (participants.length === 0) return null;
  return (
    <section className={styles.root} aria-label="Participants">
      <Subtitle2 as="h2">Participants</Subtitle2>
      {problem && <Caption1 className={styles.problem}>{problem}</Caption1>}
      {!matches && !problem && <Spinner size="tiny" label="Looking up records…" />}
      {matches && (
        <ul className={styles.list}>
          {participants.map((participant) => {
            const key = participant.address.toLowerCase();
            const match = matches.get(key);
            const records: CrmRecord[] = match?.records ?? [];
            const display = participant.name || participant.address;
            return (
              <li key={key} className={styles.person}>
                <Text>{display}</Text>
                {participant.name && <Caption1 className={styles.address}>{participant.address}</Caption1>}
                <div className={styles.badges}>
                  {records.map((record) => (
                    <Badge key={record.id} appearance="tint" color="brand" shape="rounded">
                      {`${RECORD_TYPE_LABELS[record.type]}: ${record.name}`}
                    </Badge>
                  ))}
                  {match?.isUser && (
                    <Badge appearance="tint" color="informative" shape="rounded">
                      Docket user
                    </Badge>
                  )}
                  {records.length === 0 && !match?.isUser && (
                    <>
                      <Caption1 className={styles.address}>No matching record.</Caption1>
                      <Button size="small" disabled={creating.has(key)} onClick={() => void createContact(participant)} aria-label={`Create contact for ${display}`}>
                        {creating.has(key) ? 'Creating…' : 'Create contact'}
                      </Button>
                    </>
                  )}
                </div>
                {createProblems.get(key) && <Caption1 className={styles.problem}>{createProblems.get(key)}</Caption1>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function uniqueParticipants(message: ReadMessage, userAddress: string): Participant[] {
  const seen = new Set([userAddress.toLowerCase()]);
  const result: Participant[] = [];
  for (const person of [message.from, ...message.to, ...message.cc]) {
    const key = person.address.toLowerCase();
    if (seen.has(key) || !isApiAddress(person.address)) continue;
    seen.add(key);
    result.push(person.name ? { address: person.address, name: person.name } : { address: person.address });
  }
  return result.slice(0, 100);
}

function withoutKey<V>(map: Map<string, V>, key: string): Map<string, V> {
  const next = new Map(map);
  next.delete(key);
  return next;
}
