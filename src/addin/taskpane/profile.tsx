import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { MeResponse } from '../../common/api/me';
import { ApiError } from '../outbox/api-client';
import { useServices } from './services';
import { describeFailure } from './words';

/** Who is signed in and how their mailbox tracks (GET /me), kept for the whole pane session. */
export type ProfileState =
  | { status: 'loading' }
  /** `offline` is set when `me` came from the cache because the server could not be asked. */
  | { status: 'ready'; me: MeResponse; offline: { title: string; detail: string } | null }
  | { status: 'signed-out'; reason: string }
  | { status: 'unreachable'; title: string; detail: string };

interface ProfileContextValue {
  profile: ProfileState;
  /** Asks the server again; resolves with the state it settled on. */
  reload(): Promise<ProfileState>;
}

const ME_CACHE_KEY = 'docket.me';

const ProfileContext = createContext<ProfileContextValue | null>(null);

export function ProfileProvider({ children }: { children: ReactNode }) {
  const { api, cache, session } = useServices();
  const [profile, setProfile] = useState<ProfileState>({ status: 'loading' });
  const latest = useRef(0);

  const signInAdvice =
    session.method === 'local'
      ? 'Open Settings and paste the local token your administrator gave you.'
      : 'Open Settings and sign in with your work account.';

  const load = useCallback(async (): Promise<ProfileState> => {
    const attempt = ++latest.current;
    const settle = (state: ProfileState) => {
      if (attempt === latest.current) setProfile(state);
      return state;
    };
    const cached = await readCachedMe(cache);
    if (cached && attempt === latest.current) {
      setProfile((current) => (current.status === 'ready' ? current : { status: 'ready', me: cached, offline: null }));
    }
    try {
      const me = await api.me();
      await cache.setItem(ME_CACHE_KEY, JSON.stringify(me)).catch(() => undefined);
      return settle({ status: 'ready', me, offline: null });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        await cache.removeItem(ME_CACHE_KEY).catch(() => undefined);
        // The client reports "no token" and "token refused" alike once it cannot refresh; a token still on hand means refused.
        const hasToken = await session.tokenProvider.getToken().then((token) => token !== null, () => false);
        const refusedByServer = error.title !== 'Signed out' || hasToken;
        return settle({
          status: 'signed-out',
          reason: !refusedByServer
            ? `Docket needs you to sign in before it can track mail. ${signInAdvice}`
            : session.method === 'local'
              ? 'The tracking server refused your saved token: it may have been revoked or mistyped. Open Settings and paste a new one.'
              : `The tracking server did not accept your sign-in. ${signInAdvice}`,
        });
      }
      const failure = describeFailure(error);
      return settle(cached ? { status: 'ready', me: cached, offline: failure } : { status: 'unreachable', ...failure });
    }
  }, [api, cache, session, signInAdvice]);

  useEffect(() => {
    void load();
  }, [load]);

  const value = useMemo(() => ({ profile, reload: load }), [profile, load]);
  return <ProfileContext.Provider value={value}>{children}</ProfileContext.Provider>;
}

export function useProfile(): ProfileContextValue {
  const value = useContext(ProfileContext);
  if (!value) throw new Error('useProfile needs <ProfileProvider> above it');
  return value;
}

async function readCachedMe(cache: { getItem(key: string): Promise<string | null | undefined> }): Promise<MeResponse | null> {
  try {
    const text = await cache.getItem(ME_CACHE_KEY);
    return text ? (JSON.parse(text) as MeResponse) : null;
  } catch {
    return null;
  }
}
