import type { TokenSource } from '../api/admin-api';
import { ENTRA_TENANT_ID, entraScope } from './entra-config';

/**
 * Entra ID sign-in with MSAL's redirect flow. MSAL is loaded only when Entra is configured and
 * used, so a local-token console never downloads it.
 */
export interface EntraSession extends TokenSource {
  signOut(): Promise<void>;
}

type Msal = import('@azure/msal-browser').PublicClientApplication;

let client: Promise<Msal> | null = null;

function msalClient(clientId: string): Promise<Msal> {
  client ??= (async () => {
    const msal = await import(/* webpackChunkName: "msal" */ '@azure/msal-browser');
    const app = new msal.PublicClientApplication({
      auth: { clientId, authority: `https://login.microsoftonline.com/${ENTRA_TENANT_ID}`, redirectUri: `${window.location.origin}/admin` },
      cache: { cacheLocation: 'sessionStorage' },
    });
    await app.initialize();
    const result = await app.handleRedirectPromise();
    if (result?.account) app.setActiveAccount(result.account);
    else if (!app.getActiveAccount() && app.getAllAccounts()[0]) app.setActiveAccount(app.getAllAccounts()[0]!);
    return app;
  })();
  return client;
}

/** The signed-in Entra session after a redirect back, or null when nobody is signed in. */
export async function resumeEntraSession(clientId: string): Promise<EntraSession | null> {
  const app = await msalClient(clientId);
  const account = app.getActiveAccount();
  if (!account) return null;
  const scopes = [entraScope(clientId)];
  return {
    async getToken() {
      try {
        return (await app.acquireTokenSilent({ scopes, account })).accessToken;
      } catch {
        await app.acquireTokenRedirect({ scopes, account });
        throw new Error('Signing in again with Microsoft…');
      }
    },
    signOut: () => app.logoutRedirect({ account, postLogoutRedirectUri: `${window.location.origin}/admin` }),
  };
}

export async function startEntraSignIn(clientId: string): Promise<void> {
  const app = await msalClient(clientId);
  await app.loginRedirect({ scopes: [entraScope(clientId)], redirectStartPage: window.location.href });
}
