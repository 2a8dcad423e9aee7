import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import type { EmailSettings } from '../../common/api/settings';
import { fieldError, isFieldError } from '../api/api-problem';
import { ErrorBar } from '../components/error-bar';
import { useFormStyles } from '../components/form-layout';
import { LoadStatus } from '../components/load-status';
import { ExplainedChoice } from '../components/method-choice';
import { PageHeading } from '../components/page-heading';
import { defaultIncomingChoices, defaultOutgoingChoices } from '../mailboxes/method-choices';
import { useSession } from '../session';
import { useLoader } from '../use-loader';

const DEFAULTS_NOTE = 'Existing mailboxes keep their methods; the defaults apply to mailboxes created from now on.';
const FIELDS = ['defaultIncomingMethod', 'defaultOutgoingMethod', 'trackingTokenInSubject', 'internalMailAsTwoActivities', 'maxAttachmentKb', 'maxBodyKb', 'retentionDays'] as const;
const NUMBER_FIELDS = ['maxAttachmentKb', 'maxBodyKb', 'retentionDays'] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

const isWholeNumber = (text: string) => /^\d+$/.test(text.trim());

/** "Email Configuration Settings": defaults for new user mailboxes, correlation, limits, retention. */
export function SettingsPage() {
  const { api } = useSession();
  const loaded = useLoader(async () => {
    const [settings, forward] = await Promise.all([api.emailSettings(), api.mailboxes({ kind: 'queue', limit: 500 })]);
    return { settings, orgHasForwardMailbox: forward.mailboxes.some((m) => m.isForwardMailbox) };
  }, [api]);

  if (!loaded.data) {
    return (
      <>
        <PageHeading title="Email Configuration Settings">Email Configuration Settings</PageHeading>
        <LoadStatus loaded={loaded} errorTitle="The settings could not be loaded" loadingLabel="Loading the settings…" />
      </>
    );
  }
  return <SettingsForm settings={loaded.data.settings} orgHasForwardMailbox={loaded.data.orgHasForwardMailbox} />;
}

/** The form starts from the loaded settings; the numbers are kept as typed until they are whole numbers. */
function SettingsForm({ settings, orgHasForwardMailbox }: { settings: EmailSettings; orgHasForwardMailbox: boolean }) {
  const styles = useFormStyles();
  const { api } = useSession();
  const [draft, setDraft] = useState<EmailSettings>(settings);
  const [numbers, setNumbers] = useState<Record<NumberField, string>>({
    maxAttachmentKb: String(settings.maxAttachmentKb),
    maxBodyKb: String(settings.maxBodyKb),
    retentionDays: String(settings.retentionDays),
  });
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>();

  const change = (patch: Partial<EmailSettings>) => {
    setDraft({ ...draft, ...patch });
    setSaved(false);
  };
  const numberError = (field: NumberField) => (isWholeNumber(numbers[field]) ? fieldError(error, field) : 'Enter a whole number.');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (NUMBER_FIELDS.some((field) => !isWholeNumber(numbers[field]))) return;
    setSaving(true);
    setError(undefined);
    setSaved(false);
    try {
      const body: EmailSettings = {
        ...draft,
        maxAttachmentKb: Number(numbers.maxAttachmentKb),
        maxBodyKb: Number(numbers.maxBodyKb),
        retentionDays: Number(numbers.retentionDays),
      };
      setDraft(await api.saveEmailSettings(body));
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const numberField = (field: NumberField, label: string, hint: string) => (
    <Field label={label} hint={hint} validationMessage={numberError(field)}>
      <Input
        className={styles.narrow}
        inputMode="numeric"
        value={numbers[field]}
        onChange={(_e, data) => {
          setNumbers({ ...numbers, [field]: data.value });
          setSaved(false);
        }}
      />
    </Field>
  );

  return (
    <>
      <PageHeading title="Email Configuration Settings">Email Configuration Settings</PageHeading>
      <form className={styles.form} onSubmit={submit} aria-label="Email Configuration Settings" noValidate>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>Synchronization defaults for new user mailboxes</legend>
          <MessageBar intent="info">
            <MessageBarBody>{DEFAULTS_NOTE}</MessageBarBody>
          </MessageBar>
          <ExplainedChoice
            label="Incoming email"
            name="defaultIncomingMethod"
            value={draft.defaultIncomingMethod}
            choices={defaultIncomingChoices(orgHasForwardMailbox, settings.defaultIncomingMethod)}
            onChange={(value) => change({ defaultIncomingMethod: value })}
            error={fieldError(error, 'defaultIncomingMethod')}
            hint={orgHasForwardMailbox ? undefined : 'Forward Mailbox is offered once a queue is marked as the forward mailbox.'}
          />
          <ExplainedChoice
            label="Outgoing email"
            name="defaultOutgoingMethod"
            value={draft.defaultOutgoingMethod}
            choices={defaultOutgoingChoices()}
            onChange={(value) => change({ defaultOutgoingMethod: value })}
            error={fieldError(error, 'defaultOutgoingMethod')}
          />
        </fieldset>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>Correlation</legend>
          <Field validationMessage={fieldError(error, 'trackingTokenInSubject')} hint="Adds a short token such as DKT:00000A to subjects, so replies from any mail client correlate.">
            <Checkbox label="Put a tracking token in the subject" checked={draft.trackingTokenInSubject} onChange={(_e, data) => change({ trackingTokenInSubject: data.checked === true })} />
          </Field>
          <Field validationMessage={fieldError(error, 'internalMailAsTwoActivities')} hint="Off: mail between two users is one email with two trackers.">
            <Checkbox
              label="Track email sent between users as two activities"
              checked={draft.internalMailAsTwoActivities}
              onChange={(_e, data) => change({ internalMailAsTwoActivities: data.checked === true })}
            />
          </Field>
        </fieldset>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>Limits and retention</legend>
          {numberField('maxAttachmentKb', 'Largest attachment stored (KB)', 'Larger attachments are recorded with a "not saved" notice. 0 stores none; at most 131072.')}
          {numberField('maxBodyKb', 'Largest body stored (KB)', 'Longer bodies are stored truncated, with a notice. From 1 to 16384.')}
          {numberField('retentionDays', 'Days to keep an email after its last tracker goes', '0 deletes it with its last tracker; at most 36500.')}
        </fieldset>
        {saved && (
          <MessageBar intent="success" role="status">
            <MessageBarBody>
              <MessageBarTitle>Saved.</MessageBarTitle>
              {DEFAULTS_NOTE}
            </MessageBarBody>
          </MessageBar>
        )}
        {error !== undefined && !isFieldError(error, FIELDS) && <ErrorBar error={error} title="The settings were not saved" />}
        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save settings'}
          </Button>
        </div>
      </form>
    </>
  );
}
