import { Spinner } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { createAdminApi, type TokenSource } from './api/admin-api';
import { describeError } from './api/api-problem';
import { ENTRA_CLIENT_ID } from './auth/entra-config';
import { resumeEntraSession, startEntraSignIn } from './auth/entra-sign-in';
import { forgetLocalToken, readLocalToken, storeLocalToken } from './auth/local-token';
import { SignInPage } from './pages/sign-in-page';
import { type AdminSession, SessionContext } from './session';
import { Shell } from './shell';

type SignIn = { state: 'checking' } | { state: 'signed-out'; message?: string } | { state: 'signed-in'; session: AdminSession };

/** Signs the admin in (local token or Entra ID), checks they are an admin, then shows the console. */
export function App() {
  const [signIn, setSignIn] = useState<SignIn>({ state: 'checking' });

  const signOut = useCallback((message?: string) => {
    forgetLocalToken();
    setSignIn({ state: 'signed-out', message });
  }, []);

  const open = useCallback(
    async (tokens: TokenSource, onSignOut: () => void) => {
      const api = createAdminApi(tokens, (problem) => signOut(`Signed out: ${problem.message}`));
      try {
        const me = await api.me();
        if (!me.user.isAdmin) {
          signOut(`${me.user.email} is not an admin of this organisation. Sign in with an admin's token.`);
          return;
        }
        setSignIn({ state: 'signed-in', session: { api, user: me.user, signOut: onSignOut } });
      } catch (error) {
        signOut(`The sign-in was refused: ${describeError(error)}`);
      }
    },
    [signOut],
  );

  const openLocal = useCallback(
    (token: string) => {
      storeLocalToken(token);
      return open({ getToken: async () => token }, () => signOut());
    },
    [open, signOut],
  );

  useEffect(() => {
    void (async () => {
      const token = readLocalToken();
      if (token) return openLocal(token);
      if (ENTRA_CLIENT_ID) {
        try {
          const entra = await resumeEntraSession(ENTRA_CLIENT_ID);
          if (entra) return open(entra, () => void entra.signOut());
        } catch (error) {
          return signOut(`Microsoft sign-in failed: ${describeError(error)}`);
        }
      }
      setSignIn({ state: 'signed-out' });
    })();
  }, [open, openLocal, signOut]);

  if (signIn.state === 'checking') return <Spinner label="Signing in…" style={{ marginTop: '20vh' }} />;
  if (signIn.state === 'signed-out') {
    return (
      <SignInPage
        message={signIn.message}
        onLocalToken={openLocal}
        onEntra={ENTRA_CLIENT_ID ? () => startEntraSignIn(ENTRA_CLIENT_ID) : undefined}
      />
    );
  }
  return (
    <SessionContext.Provider value={signIn.session}>
      <Shell />
    </SessionContext.Provider>
  );
}
