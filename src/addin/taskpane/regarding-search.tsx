import { Badge, Button, Field, MessageBar, MessageBarBody, SearchBox, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useId, useState } from 'react';
import type { CrmRecord } from '../../common/api/record';
import { useServices } from './services';
import { describeFailure } from './words';
import { RECORD_TYPE_LABELS } from '../../common/record-type-labels';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  results: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  result: { width: '100%', justifyContent: 'flex-start', gap: tokens.spacingHorizontalS, textAlign: 'start' },
  address: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

type SearchState =
  | { kind: 'idle' }
  | { kind: 'searching' }
  | { kind: 'done'; records: CrmRecord[] }
  | { kind: 'failed'; title: string; detail: string };

/** Finds a regarding record: the records endpoint is asked once typing pauses. */
export function RegardingSearch(props: { label: string; onPick(record: CrmRecord): void; onCancel?: () => void }) {
  const { api, searchDelayMs = 300 } = useServices();
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<SearchState>({ kind: 'idle' });
  const resultsId = useId();

  useEffect(() => {
    const text = query.trim();
    if (!text) {
      setSearch({ kind: 'idle' });
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      setSearch({ kind: 'searching' });
      api.searchRecords(text).then(
        (records) => !cancelled && setSearch({ kind: 'done', records }),
        (error: unknown) => !cancelled && setSearch({ kind: 'failed', ...describeFailure(error) }),
      );
    }, searchDelayMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, query, searchDelayMs]);

  return (
    <div className={styles.root}>
      <Field label={props.label} hint="Type part of a name or an email address.">
        <SearchBox value={query} onChange={(_event, data) => setQuery(data.value)} aria-controls={resultsId} autoFocus />
      </Field>
      <div id={resultsId} aria-live="polite">
        {search.kind === 'searching' && <Spinner size="tiny" label="Searching records…" />}
        {search.kind === 'failed' && (
          <MessageBar intent="error">
            <MessageBarBody>
              {search.title}: {search.detail}
            </MessageBarBody>
          </MessageBar>
        )}
        {search.kind === 'done' && search.records.length === 0 && <Text>No record matches “{query.trim()}”.</Text>}
        {search.kind === 'done' && search.records.length > 0 && (
          <ul className={styles.results} aria-label="Matching records">
            {search.records.map((record) => (
              <li key={record.id}>
                <Button
                  className={styles.result}
                  appearance="subtle"
                  onClick={() => props.onPick(record)}
                  aria-label={`Choose ${record.name} (${RECORD_TYPE_LABELS[record.type]})`}
                >
                  <Badge appearance="tint" shape="rounded">
                    {RECORD_TYPE_LABELS[record.type]}
                  </Badge>
                  <span>{record.name}</span>
                  {record.emails[0] && <span className={styles.address}>{record.emails[0]}</span>}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {props.onCancel && (
        <div className={styles.actions}>
          <Button onClick={props.onCancel}>Cancel</Button>
        </div>
      )}
    </div>
  );
}
