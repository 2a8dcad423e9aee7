import type { TokenProvider } from '../outbox/transport';
import type { LocalTokenProvider } from './local-token-provider';

/**
 * How the user signs in to Docket, as the Settings view sees it: a pasted local token
 * (single-machine installs) or Microsoft Entra ID through Outlook (nested app authentication).
 */
export type SignInSession =
  | {
      method: 'local';
      tokenProvider: TokenProvider;
      saveToken(token: string): Promise<void>;
      signOut(): Promise<void>;
    }
  | {
      method: 'entra';
      tokenProvider: TokenProvider;
      /** Interactive sign-in; call it from a click so the host may show its window. */
      signIn(): Promise<void>;
    };

export function localTokenSession(provider: LocalTokenProvider): SignInSession {
  return {
    method: 'local',
    tokenProvider: provider,
    saveToken: (token) => provider.save(token),
    signOut: () => provider.clear(),
  };
}
