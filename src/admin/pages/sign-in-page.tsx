import { Button, Field, Input, MessageBar, MessageBarBody, makeStyles, Text, tokens } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { describeError } from '../api/api-problem';
import { PageHeading } from '../components/page-heading';

const useStyles = makeStyles({
  page: {
    maxWidth: '36rem',
    margin: `${tokens.spacingVerticalXXXL} auto`,
    padding: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

export interface SignInPageProps {
  message?: string;
  onLocalToken(token: string): Promise<void>;
  /** Present when the console was built with an Entra client id. */
  onEntra?: () => Promise<void>;
}

export function SignInPage({ message, onLocalToken, onEntra }: SignInPageProps) {
  const styles = useStyles();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!token.trim()) {
      setError('Paste an admin token.');
      return;
    }
    setBusy(true);
    setError(undefined);
    await onLocalToken(token.trim());
    setBusy(false);
  };

  const entra = async () => {
    setBusy(true);
    try {
      await onEntra?.();
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };

  return (
    <main className={styles.page}>
      <PageHeading title="Sign in">Docket admin: sign in</PageHeading>
      {message && (
        <MessageBar intent="warning" role="alert">
          <MessageBarBody>{message}</MessageBarBody>
        </MessageBar>
      )}
      {onEntra && (
        <Button appearance="primary" onClick={entra} disabled={busy}>
          Sign in with Microsoft
        </Button>
      )}
      <form className={styles.form} onSubmit={submit} aria-label="Sign in with an admin token">
        <Field
          label="Admin token"
          validationMessage={error}
          hint={
            <Text>
              Create one on the server: <span className={styles.code}>docket user add you@example.com --admin</span>, then{' '}
              <span className={styles.code}>docket token create you@example.com</span>. It is kept for this tab only.
            </Text>
          }
        >
          <Input type="password" value={token} onChange={(_e, data) => setToken(data.value)} autoComplete="off" />
        </Field>
        <Button type="submit" appearance={onEntra ? 'secondary' : 'primary'} disabled={busy}>
          Sign in with token
        </Button>
      </form>
    </main>
  );
}
