import { Button, Checkbox, Field, Input } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { fieldError, isFieldError } from '../api/api-problem';
import { ErrorBar } from '../components/error-bar';
import { useFormStyles } from '../components/form-layout';
import { navigate } from '../router';
import { useSession } from '../session';

/** A queue's mailbox (user mailboxes come with their users). It starts with None/None; its page sets the methods. */
export function AddQueueForm() {
  const styles = useFormStyles();
  const { api } = useSession();
  const [address, setAddress] = useState('');
  const [name, setName] = useState('');
  const [forward, setForward] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const queue = await api.createQueue({ address: address.trim(), name: name.trim() || undefined, isForwardMailbox: forward });
      navigate(`/admin/mailboxes/${queue.id}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={submit} aria-label="Add a queue mailbox" noValidate>
      <div className={styles.row}>
        <Field label="Queue address" required validationMessage={fieldError(error, 'address')}>
          <Input type="email" value={address} onChange={(_e, data) => setAddress(data.value)} />
        </Field>
        <Field label="Queue name" validationMessage={fieldError(error, 'name')}>
          <Input value={name} onChange={(_e, data) => setName(data.value)} />
        </Field>
      </div>
      <Field validationMessage={fieldError(error, 'isForwardMailbox')}>
        <Checkbox label="This queue is the forward mailbox" checked={forward} onChange={(_e, data) => setForward(data.checked === true)} />
      </Field>
      {error !== undefined && !isFieldError(error, ['address', 'name', 'isForwardMailbox']) && <ErrorBar error={error} title="The queue was not added" />}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy}>
          Add queue
        </Button>
      </div>
    </form>
  );
}
