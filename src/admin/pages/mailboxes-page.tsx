import {
  Badge,
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
import { type FormEvent, useState } from 'react';
import type { Mailbox, MailboxListQuery } from '../../common/api/mailbox';
import { SYNC_METHOD_LABELS, SYNC_METHODS, type SyncMethod } from '../../common/sync-methods';
import { describeError } from '../api/api-problem';
import { ErrorBar } from '../components/error-bar';
import { formatDateTime } from '../components/format';
import { useFormStyles } from '../components/form-layout';
import { ListPager } from '../components/list-pager';
import { LoadStatus } from '../components/load-status';
import { TRACKING_FILTER_LABELS } from '../components/method-labels';
import { PageHeading } from '../components/page-heading';
import { AddQueueForm } from '../mailboxes/add-queue-form';
import { RouterLink } from '../router';
import { useSession } from '../session';
import { useLoader } from '../use-loader';

const PAGE_SIZE = 100;

const useStyles = makeStyles({
  table: { tableLayout: 'auto' },
  filters: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'flex-end', marginBottom: tokens.spacingVerticalL },
  address: { display: 'flex', flexDirection: 'column' },
  secondary: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  approve: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  badge: { whiteSpace: 'nowrap', flexShrink: 0 },
  addQueue: { marginTop: tokens.spacingVerticalXXL },
  h2: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: `0 0 ${tokens.spacingVerticalM}` },
});

interface Filters {
  search: string;
  kind: '' | 'user' | 'queue';
  incomingMethod: '' | SyncMethod;
  outgoingMethod: '' | SyncMethod;
  approved: '' | 'yes' | 'no';
}

const NO_FILTERS: Filters = { search: '', kind: '', incomingMethod: '', outgoingMethod: '', approved: '' };

function toQuery(filters: Filters, offset: number): MailboxListQuery {
  return {
    search: filters.search.trim() || undefined,
    kind: filters.kind || undefined,
    incomingMethod: filters.incomingMethod || undefined,
    outgoingMethod: filters.outgoingMethod || undefined,
    approved: filters.approved === '' ? undefined : filters.approved === 'yes',
    limit: PAGE_SIZE,
    offset,
  };
}

/** Users' and queues' mailboxes with their methods, approval, filter and last tracking activity. */
export function MailboxesPage() {
  const styles = useStyles();
  const formStyles = useFormStyles();
  const { api } = useSession();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const list = useLoader(() => api.mailboxes(toQuery(applied, offset)), [api, applied, offset]);
  const [approveError, setApproveError] = useState<string>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(draft);
    setOffset(0);
  };

  const approve = async (mailbox: Mailbox) => {
    setApproveError(undefined);
    try {
      const updated = await api.patchMailbox(mailbox.id, { approved: true });
      if (list.data) list.setData({ ...list.data, mailboxes: list.data.mailboxes.map((m) => (m.id === updated.id ? updated : m)) });
    } catch (error) {
      setApproveError(`${mailbox.address} was not approved: ${describeError(error)}`);
    }
  };

  const methodOptions = (
    <>
      <option value="">Any</option>
      {SYNC_METHODS.map((method) => (
        <option key={method} value={method}>
          {SYNC_METHOD_LABELS[method]}
        </option>
      ))}
    </>
  );

  return (
    <>
      <PageHeading title="Mailboxes">Mailboxes</PageHeading>
      <form className={styles.filters} onSubmit={submit} role="search" aria-label="Filter mailboxes">
        <Field label="Search">
          <Input type="search" placeholder="Address or name" value={draft.search} onChange={(_e, data) => setDraft({ ...draft, search: data.value })} />
        </Field>
        <Field label="Kind">
          <Select value={draft.kind} onChange={(_e, data) => setDraft({ ...draft, kind: data.value as Filters['kind'] })}>
            <option value="">Users and queues</option>
            <option value="user">Users</option>
            <option value="queue">Queues</option>
          </Select>
        </Field>
        <Field label="Incoming">
          <Select value={draft.incomingMethod} onChange={(_e, data) => setDraft({ ...draft, incomingMethod: data.value as Filters['incomingMethod'] })}>
            {methodOptions}
          </Select>
        </Field>
        <Field label="Outgoing">
          <Select value={draft.outgoingMethod} onChange={(_e, data) => setDraft({ ...draft, outgoingMethod: data.value as Filters['outgoingMethod'] })}>
            {methodOptions}
          </Select>
        </Field>
        <Field label="Approval">
          <Select value={draft.approved} onChange={(_e, data) => setDraft({ ...draft, approved: data.value as Filters['approved'] })}>
            <option value="">Any</option>
            <option value="yes">Approved</option>
            <option value="no">Not approved</option>
          </Select>
        </Field>
        <div className={formStyles.actions}>
          <Button type="submit" appearance="primary">
            Filter
          </Button>
          <Button
            onClick={() => {
              setDraft(NO_FILTERS);
              setApplied(NO_FILTERS);
              setOffset(0);
            }}
          >
            Clear
          </Button>
        </div>
      </form>
      <LoadStatus loaded={list} errorTitle="The mailboxes could not be loaded" loadingLabel="Loading mailboxes…" />
      {approveError && <ErrorBar error={new Error(approveError)} title="Not approved" />}
      {list.data && (
        <>
          <Text role="status">
            {list.data.total === 0 ? 'No mailbox matches.' : `${list.data.total} mailbox${list.data.total === 1 ? '' : 'es'}`}
          </Text>
          {list.data.mailboxes.length > 0 && (
            <Table className={styles.table} aria-label="Mailboxes">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Mailbox</TableHeaderCell>
                  <TableHeaderCell>Kind</TableHeaderCell>
                  <TableHeaderCell>Incoming</TableHeaderCell>
                  <TableHeaderCell>Outgoing</TableHeaderCell>
                  <TableHeaderCell>Filter</TableHeaderCell>
                  <TableHeaderCell>Approval</TableHeaderCell>
                  <TableHeaderCell>Last tracking activity</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.data.mailboxes.map((mailbox) => (
                  <TableRow key={mailbox.id}>
                    <TableCell>
                      <span className={styles.address}>
                        <RouterLink href={`/admin/mailboxes/${mailbox.id}`}>{mailbox.address}</RouterLink>
                        {mailbox.name !== mailbox.address && <span className={styles.secondary}>{mailbox.name}</span>}
                      </span>
                    </TableCell>
                    <TableCell>
                      {mailbox.kind === 'queue' ? 'Queue' : 'User'}
                      {mailbox.isForwardMailbox && <span className={styles.secondary}> (forward mailbox)</span>}
                    </TableCell>
                    <TableCell>{SYNC_METHOD_LABELS[mailbox.incomingMethod]}</TableCell>
                    <TableCell>{SYNC_METHOD_LABELS[mailbox.outgoingMethod]}</TableCell>
                    <TableCell>{TRACKING_FILTER_LABELS[mailbox.trackingFilter]}</TableCell>
                    <TableCell>
                      {mailbox.approved ? (
                        <Badge className={styles.badge} appearance="tint" color="success">
                          Approved
                        </Badge>
                      ) : (
                        <span className={styles.approve}>
                          <Badge className={styles.badge} appearance="tint" color="warning">
                            Not approved
                          </Badge>
                          <Button size="small" onClick={() => approve(mailbox)} aria-label={`Approve ${mailbox.address}`}>
                            Approve
                          </Button>
                        </span>
                      )}
                    </TableCell>
                    <TableCell>{formatDateTime(mailbox.lastTrackedAt, 'Never')}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          <ListPager offset={offset} pageSize={PAGE_SIZE} total={list.data.total} onOffsetChange={setOffset} />
        </>
      )}
      <section className={styles.addQueue} aria-labelledby="add-queue">
        <h2 id="add-queue" className={styles.h2}>
          Add a queue mailbox
        </h2>
        <AddQueueForm />
      </section>
    </>
  );
}
