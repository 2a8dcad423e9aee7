import { LocalTokenProvider } from '../auth/local-token-provider';
import type { KeyValueStore, TokenProvider } from '../outbox';
import { withTimeout } from './with-timeout';

/** Office's own single sign-on (`Office.auth.getAccessToken`, silent only); the entry file wires it. */
export type AccessTokenSource = () => Promise<string>;

/** Office answers from its cache almost at once; longer than this and the handler goes on without a token. */
export const SSO_TIMEOUT_MS = 2500;

/** The Office error code and message of a failed sign-on, for the log: never the token. */
function describeSsoFailure(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { code, message } = error as { code?: unknown; message?: unknown };
  return `${code === undefined ? '' : `code ${String(code)}: `}${typeof message === 'string' ? message : 'no message'}`;
}

/**
 * Entra ID tokens in the event runtime, from Office's single sign-on. MSAL's nested app
 * authentication (what the task pane uses) does not fit the event bundle's size budget, and the
 * JavaScript-only runtime of classic Outlook has no window for it; Office's sign-on needs the
 * manifest's `WebApplicationInfo` and the well-known allow list, both written by the build.
 *
 * Silent only: a send handler never shows a sign-in window. When Office has no token to give
 * (the user never consented, Office is offline past the token's life, the host does not support
 * it), the answer is null, "not signed in here", and the caller decides what still can be done.
 * One handler run asks Office once; `refresh` asks again.
 */
export class OfficeSsoTokenProvider implements TokenProvider {
  private current: Promise<string | null> | null = null;

  constructor(
    private readonly source: AccessTokenSource,
    private readonly timeoutMs = SSO_TIMEOUT_MS,
  ) {}

  getToken(): Promise<string | null> {
    this.current ??= this.ask();
    return this.current;
  }

  refresh(): Promise<string | null> {
    this.current = this.ask();
    return this.current;
  }

  private async ask(): Promise<string | null> {
    try {
      const token = await withTimeout(this.source(), this.timeoutMs, 'Office single sign-on');
      return typeof token === 'string' && token.trim() ? token.trim() : null;
    } catch (error) {
      console.warn(`Docket: Office single sign-on gave no token (${describeSsoFailure(error)})`);
      return null;
    }
  }
}

/**
 * How the event runtime signs in, mirroring the task pane: Entra ID when the build has a client
 * id (through Office's sign-on here, MSAL in the pane), else the local token pasted in Settings.
 */
export function eventTokenProvider(options: { entraClientId: string; store: KeyValueStore; accessToken: AccessTokenSource }): TokenProvider {
  return options.entraClientId.trim() ? new OfficeSsoTokenProvider(options.accessToken) : new LocalTokenProvider(options.store);
}
