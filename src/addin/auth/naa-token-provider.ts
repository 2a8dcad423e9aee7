import { entraAccessScope } from '../../common/entra-app';
import type { TokenProvider } from '../outbox/transport';
import type { SignInSession } from './sign-in-session';

/** The slice of MSAL's public client this provider uses; tests hand in a fake. */
export interface NestableClient {
  acquireTokenSilent(request: { scopes: string[]; forceRefresh?: boolean }): Promise<{ accessToken: string }>;
  acquireTokenPopup(request: { scopes: string[] }): Promise<{ accessToken: string }>;
}

export interface NaaTokenProviderOptions {
  clientId: string;
  /** The origin the add-in is served from: it names the API scope (src/common/entra-app.ts). */
  addinOrigin: string;
  /**
   * Creates the MSAL client. The default loads `@azure/msal-browser` on first use, so MSAL
   * is not part of the task pane's first render.
   */
  createClient?: (clientId: string) => Promise<NestableClient>;
}

async function createMsalClient(clientId: string): Promise<NestableClient> {
  const msal = await import(/* webpackChunkName: "msal" */ '@azure/msal-browser');
  const client = await msal.createNestablePublicClientApplication({
    auth: { clientId, authority: 'https://login.microsoftonline.com/common' },
  });
  return {
    acquireTokenSilent: (request) => client.acquireTokenSilent(request),
    acquireTokenPopup: (request) => client.acquireTokenPopup(request),
  };
}

/**
 * Entra ID tokens through Outlook's nested app authentication: silently when the host can,
 * else once through the host's sign-in window. When that window was closed or refused,
 * background callers (the outbox) get null ("signed out") instead of new windows popping up
 * until the user presses Sign in.
 */
export class NaaTokenProvider implements TokenProvider {
  private readonly scopes: string[];
  private client: Promise<NestableClient> | null = null;
  private interactive: Promise<string | null> | null = null;
  private needsUserSignIn = false;

  constructor(private readonly options: NaaTokenProviderOptions) {
    this.scopes = [entraAccessScope(options.addinOrigin, options.clientId)];
  }

  async getToken(): Promise<string | null> {
    return this.acquire(false);
  }

  async refresh(): Promise<string | null> {
    return this.acquire(true);
  }

  /** Signs in from a user gesture, even after an earlier window was dismissed. */
  async signIn(): Promise<void> {
    this.needsUserSignIn = false;
    const token = await this.popup();
    if (!token) throw new Error('Sign-in did not complete. Try again, or ask your administrator to consent to Docket for your organisation.');
  }

  private async acquire(forceRefresh: boolean): Promise<string | null> {
    const client = await this.loadClient();
    try {
      const result = await client.acquireTokenSilent({ scopes: this.scopes, ...(forceRefresh && { forceRefresh: true }) });
      return result.accessToken;
    } catch (error) {
      if (!needsInteraction(error)) throw error;
      if (this.needsUserSignIn) return null;
      return this.popup();
    }
  }

  /** One sign-in window at a time, whoever asks. */
  private popup(): Promise<string | null> {
    this.interactive ??= (async () => {
      try {
        const client = await this.loadClient();
        return (await client.acquireTokenPopup({ scopes: this.scopes })).accessToken;
      } catch {
        this.needsUserSignIn = true;
        return null;
      } finally {
        this.interactive = null;
      }
    })();
    return this.interactive;
  }

  private loadClient(): Promise<NestableClient> {
    this.client ??= (this.options.createClient ?? createMsalClient)(this.options.clientId).catch((error: unknown) => {
      this.client = null;
      throw error;
    });
    return this.client;
  }
}

/** MSAL says "the user must act" with InteractionRequiredAuthError or these codes; anything else is transient. */
function needsInteraction(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, errorCode } = error as { name?: string; errorCode?: string };
  if (name === 'InteractionRequiredAuthError') return true;
  return ['interaction_required', 'consent_required', 'login_required', 'no_account_error', 'no_tokens_found', 'user_cancelled'].includes(errorCode ?? '');
}

export function naaSession(provider: NaaTokenProvider): SignInSession {
  return { method: 'entra', tokenProvider: provider, signIn: () => provider.signIn() };
}
