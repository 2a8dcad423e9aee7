import { Badge, Button, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import type { Mailbox, MailboxPatch } from '../../common/api/mailbox';
import { findMailboxRuleViolations } from '../../common/mailbox-rules';
import type { SyncMethod, TrackingFilter } from '../../common/sync-methods';
import { fieldError, isFieldError } from '../api/api-problem';
import { ErrorBar } from '../components/error-bar';
import { Fact, FactList } from '../components/fact-list';
import { formatDateTime } from '../components/format';
import { useFormStyles } from '../components/form-layout';
import { LoadStatus } from '../components/load-status';
import { ExplainedChoice } from '../components/method-choice';
import { TRACKING_FILTER_CHOICES } from '../components/method-labels';
import { PageHeading } from '../components/page-heading';
import { incomingChoices, outgoingChoices } from '../mailboxes/method-choices';
import { RouterLink } from '../router';
import { useSession } from '../session';
import { useLoader } from '../use-loader';

const useStyles = makeStyles({
  approval: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', marginBottom: tokens.spacingVerticalL },
});

interface Draft {
  name: string;
  incomingMethod: SyncMethod;
  outgoingMethod: SyncMethod;
  trackingFilter: TrackingFilter;
  isForwardMailbox: boolean;
}

const FORM_FIELDS = ['name', 'incomingMethod', 'outgoingMethod', 'trackingFilter', 'isForwardMailbox'] as const;

const draftOf = (mailbox: Mailbox): Draft => ({
  name: mailbox.name,
  incomingMethod: mailbox.incomingMethod,
  outgoingMethod: mailbox.outgoingMethod,
  trackingFilter: mailbox.trackingFilter,
  isForwardMailbox: mailbox.isForwardMailbox,
});

/** Only what the admin changed goes to the server, so a concurrent change to another field survives. */
function changes(mailbox: Mailbox, draft: Draft): MailboxPatch {
  const patch: MailboxPatch = {};
  if (draft.name.trim() !== mailbox.name) patch.name = draft.name.trim();
  if (draft.incomingMethod !== mailbox.incomingMethod) patch.incomingMethod = draft.incomingMethod;
  if (draft.outgoingMethod !== mailbox.outgoingMethod) patch.outgoingMethod = draft.outgoingMethod;
  if (draft.trackingFilter !== mailbox.trackingFilter) patch.trackingFilter = draft.trackingFilter;
  if (draft.isForwardMailbox !== mailbox.isForwardMailbox) patch.isForwardMailbox = draft.isForwardMailbox;
  return patch;
}

/** One mailbox: its methods with the rules of DESIGN §1 enforced in the form, its filter, and approval. */
export function MailboxEditPage({ id }: { id: string }) {
  const { api } = useSession();
  const loaded = useLoader(async () => {
    const [mailbox, queues] = await Promise.all([api.mailbox(id), api.mailboxes({ kind: 'queue', limit: 500 })]);
    return { mailbox, otherForwardMailboxExists: queues.mailboxes.some((m) => m.isForwardMailbox && m.id !== id) };
  }, [api, id]);

  if (!loaded.data) {
    return (
      <>
        <PageHeading title="Mailbox">Mailbox</PageHeading>
        <LoadStatus loaded={loaded} errorTitle="The mailbox could not be loaded" loadingLabel="Loading the mailbox…" />
      </>
    );
  }
  const { mailbox, otherForwardMailboxExists } = loaded.data;
  return <MailboxEditor mailbox={mailbox} otherForwardMailboxExists={otherForwardMailboxExists} onSaved={(updated) => loaded.setData({ mailbox: updated, otherForwardMailboxExists })} />;
}

/** The loaded mailbox's page; the draft starts from it and starts again from each saved version. */
function MailboxEditor({ mailbox, otherForwardMailboxExists, onSaved }: { mailbox: Mailbox; otherForwardMailboxExists: boolean; onSaved(mailbox: Mailbox): void }) {
  const styles = useStyles();
  const formStyles = useFormStyles();
  const { api } = useSession();
  const [draft, setDraft] = useState<Draft>(() => draftOf(mailbox));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();

  const orgHasForwardMailbox = otherForwardMailboxExists || draft.isForwardMailbox;
  const violations = findMailboxRuleViolations({ kind: mailbox.kind, ...draft }, orgHasForwardMailbox);
  const messageFor = (field: (typeof FORM_FIELDS)[number]) =>
    violations.find((v) => v.field === field)?.message ?? fieldError(error, field);

  const edit = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setNotice(undefined);
    setError(undefined);
  };

  const send = async (patch: MailboxPatch, done: string) => {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      const updated = await api.patchMailbox(mailbox.id, patch);
      onSaved(updated);
      setDraft(draftOf(updated));
      setNotice(done);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (violations.length > 0 || !draft.name.trim()) {
      setError(new Error('Fix the fields marked above first; nothing was saved.'));
      return;
    }
    const patch = changes(mailbox, draft);
    if (Object.keys(patch).length === 0) {
      setNotice('Nothing changed.');
      return;
    }
    await send(patch, 'Saved.');
  };

  const title = `Mailbox ${mailbox.address}`;
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <Text>
        <RouterLink href="/admin/mailboxes">All mailboxes</RouterLink>
      </Text>
      <FactList>
        <Fact term="Kind">{mailbox.kind === 'queue' ? 'Queue' : 'User'}</Fact>
        <Fact term="Last tracking activity">{formatDateTime(mailbox.lastTrackedAt, 'Never')}</Fact>
        <Fact term="Created">{formatDateTime(mailbox.createdAt)}</Fact>
      </FactList>
      <div className={styles.approval}>
        {mailbox.approved ? (
          <>
            <Badge appearance="filled" color="success">
              Approved
            </Badge>
            <Button disabled={busy} onClick={() => send({ approved: false }, 'Approval withdrawn.')}>
              Withdraw approval
            </Button>
          </>
        ) : (
          <>
            <Badge appearance="filled" color="warning">
              Not approved
            </Badge>
            <Button appearance="primary" disabled={busy} onClick={() => send({ approved: true }, 'The mailbox is approved.')}>
              Approve mailbox
            </Button>
          </>
        )}
      </div>
      <form className={formStyles.form} onSubmit={submit} aria-label={`Synchronization of ${mailbox.address}`} noValidate>
        <Field label="Display name" validationMessage={draft.name.trim() ? fieldError(error, 'name') : 'Enter a name.'}>
          <Input value={draft.name} onChange={(_e, data) => edit({ name: data.value })} />
        </Field>
        <ExplainedChoice
          label="Incoming email"
          name="incomingMethod"
          value={draft.incomingMethod}
          choices={incomingChoices({ kind: mailbox.kind, isForwardMailbox: draft.isForwardMailbox }, orgHasForwardMailbox, mailbox.incomingMethod)}
          onChange={(value) => edit({ incomingMethod: value })}
          error={messageFor('incomingMethod')}
        />
        <ExplainedChoice
          label="Outgoing email"
          name="outgoingMethod"
          value={draft.outgoingMethod}
          choices={outgoingChoices({ kind: mailbox.kind }, mailbox.outgoingMethod)}
          onChange={(value) => edit({ outgoingMethod: value })}
          error={messageFor('outgoingMethod')}
        />
        <ExplainedChoice
          label="Automatic tracking filter"
          name="trackingFilter"
          value={draft.trackingFilter}
          choices={TRACKING_FILTER_CHOICES}
          onChange={(value) => edit({ trackingFilter: value })}
          error={messageFor('trackingFilter')}
          hint="Applies when the add-in tracks on its own; manual Track ignores it."
        />
        {mailbox.kind === 'queue' && (
          <Field validationMessage={messageFor('isForwardMailbox')} hint="The sink mailbox that Forward Mailbox users' rules send mail to.">
            <Checkbox label="This queue is the forward mailbox" checked={draft.isForwardMailbox} onChange={(_e, data) => edit({ isForwardMailbox: data.checked === true })} />
          </Field>
        )}
        {notice && (
          <MessageBar intent="success" role="status">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
        {error !== undefined && !isFieldError(error, FORM_FIELDS) && <ErrorBar error={error} title="Not saved" />}
        <div className={formStyles.actions}>
          <Button type="submit" appearance="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save mailbox'}
          </Button>
          <Button disabled={busy} onClick={() => edit(draftOf(mailbox))}>
            Undo changes
          </Button>
        </div>
      </form>
    </>
  );
}
