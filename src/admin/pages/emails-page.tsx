import {
  Button,
  Field,
  Input,
  makeStyles,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import type { AdminEmailQuery } from '../../common/api/admin';
import { RECORD_TYPES, type RecordType } from '../../common/api/primitives';
import { formatAddress, formatDateTime } from '../components/format';
import { useFormStyles } from '../components/form-layout';
import { ListPager } from '../components/list-pager';
import { LoadStatus } from '../components/load-status';
import { PageHeading } from '../components/page-heading';
import { type PickedRecord, RecordPicker } from '../components/record-picker';
import { navigate, RouterLink, useLocationPath } from '../router';
import { useSession } from '../session';
import { useLoader } from '../use-loader';

const PAGE_SIZE = 50;

const useStyles = makeStyles({
  table: { tableLayout: 'auto' },
  filters: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'flex-end', marginBottom: tokens.spacingVerticalL },
  secondary: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

interface Search {
  search: string;
  participant: string;
  regarding: PickedRecord | null;
  direction: '' | 'incoming' | 'outgoing';
  from: string;
  to: string;
  offset: number;
}

/** The search lives in the address, so Back from an email returns to the same results. */
function readSearch(params: URLSearchParams): Search {
  const type = params.get('regardingType');
  const id = params.get('regardingId');
  const direction = params.get('direction');
  return {
    search: params.get('search') ?? '',
    participant: params.get('participant') ?? '',
    regarding: id && type && (RECORD_TYPES as readonly string[]).includes(type) ? { id, type: type as RecordType, name: params.get('regardingName') ?? id } : null,
    direction: direction === 'incoming' || direction === 'outgoing' ? direction : '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    offset: Math.max(0, Number(params.get('offset')) || 0),
  };
}

function writeSearch(search: Search): string {
  const params = new URLSearchParams();
  if (search.search.trim()) params.set('search', search.search.trim());
  if (search.participant.trim()) params.set('participant', search.participant.trim());
  if (search.regarding) {
    params.set('regardingType', search.regarding.type);
    params.set('regardingId', search.regarding.id);
    params.set('regardingName', search.regarding.name);
  }
  if (search.direction) params.set('direction', search.direction);
  if (search.from) params.set('from', search.from);
  if (search.to) params.set('to', search.to);
  if (search.offset) params.set('offset', String(search.offset));
  const text = params.toString();
  return text ? `/admin/emails?${text}` : '/admin/emails';
}

function toQuery(search: Search): AdminEmailQuery {
  return {
    search: search.search.trim() || undefined,
    participant: search.participant.trim() || undefined,
    regardingId: search.regarding?.id,
    regardingType: search.regarding?.type,
    direction: search.direction || undefined,
    from: search.from || undefined,
    to: search.to || undefined,
    limit: PAGE_SIZE,
    offset: search.offset,
  };
}

/** Tracked email of the organisation, searched by subject, participant, regarding and date. */
export function EmailsPage() {
  const styles = useStyles();
  const formStyles = useFormStyles();
  const { api } = useSession();
  const key = useLocationPath().search.toString();
  const applied = useMemo(() => readSearch(new URLSearchParams(key)), [key]);
  const [draft, setDraft] = useState<Search>(applied);
  useEffect(() => setDraft(applied), [applied]);
  const list = useLoader(() => api.emails(toQuery(applied)), [api, applied]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(writeSearch({ ...draft, offset: 0 }));
  };

  return (
    <>
      <PageHeading title="Tracked email">Tracked email</PageHeading>
      <form className={styles.filters} onSubmit={submit} role="search" aria-label="Search tracked email">
        <Field label="Subject">
          <Input type="search" value={draft.search} onChange={(_e, data) => setDraft({ ...draft, search: data.value })} />
        </Field>
        <Field label="Participant">
          <Input type="search" placeholder="Address or part of one" value={draft.participant} onChange={(_e, data) => setDraft({ ...draft, participant: data.value })} />
        </Field>
        <RecordPicker label="Regarding" value={draft.regarding} onChange={(regarding) => setDraft({ ...draft, regarding })} />
        <Field label="Direction">
          <Select value={draft.direction} onChange={(_e, data) => setDraft({ ...draft, direction: data.value as Search['direction'] })}>
            <option value="">Both</option>
            <option value="incoming">Incoming</option>
            <option value="outgoing">Outgoing</option>
          </Select>
        </Field>
        <Field label="Tracked from">
          <Input type="date" value={draft.from} onChange={(_e, data) => setDraft({ ...draft, from: data.value })} />
        </Field>
        <Field label="Tracked to">
          <Input type="date" value={draft.to} onChange={(_e, data) => setDraft({ ...draft, to: data.value })} />
        </Field>
        <div className={formStyles.actions}>
          <Button type="submit" appearance="primary">
            Search
          </Button>
          <Button onClick={() => navigate('/admin/emails')}>Clear</Button>
        </div>
      </form>
      <LoadStatus loaded={list} errorTitle="The search failed" loadingLabel="Searching…" />
      {list.data && (
        <>
          <Text role="status">{list.data.total === 0 ? 'No tracked email matches.' : `${list.data.total} tracked email${list.data.total === 1 ? '' : 's'}`}</Text>
          {list.data.emails.length > 0 && (
            <Table className={styles.table} aria-label="Tracked email">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Subject</TableHeaderCell>
                  <TableHeaderCell>From</TableHeaderCell>
                  <TableHeaderCell>Direction</TableHeaderCell>
                  <TableHeaderCell>Regarding</TableHeaderCell>
                  <TableHeaderCell>Trackers</TableHeaderCell>
                  <TableHeaderCell>Tracked</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.data.emails.map((email) => (
                  <TableRow key={email.id}>
                    <TableCell>
                      <RouterLink href={`/admin/emails/${email.id}`}>{email.subject || '(no subject)'}</RouterLink>
                    </TableCell>
                    <TableCell>{formatAddress(email.from)}</TableCell>
                    <TableCell>{email.direction === 'incoming' ? 'Incoming' : 'Outgoing'}</TableCell>
                    <TableCell>{email.regarding ? `${email.regarding.name} (${email.regarding.type})` : <span className={styles.secondary}>—</span>}</TableCell>
                    <TableCell>{email.trackers.length}</TableCell>
                    <TableCell>{formatDateTime(email.createdAt)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          <ListPager offset={applied.offset} pageSize={PAGE_SIZE} total={list.data.total} onOffsetChange={(offset) => navigate(writeSearch({ ...applied, offset }))} />
        </>
      )}
    </>
  );
}
