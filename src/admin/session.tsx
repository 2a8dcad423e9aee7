import { createContext, useContext } from 'react';
import type { AdminApi } from './api/admin-api';
import type { User } from '../common/api/me';

/** The signed-in admin and the API client bound to their token; pages read it instead of globals. */
export interface AdminSession {
  api: AdminApi;
  user: User;
  signOut(): void;
}

export const SessionContext = createContext<AdminSession | null>(null);

export function useSession(): AdminSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a signed-in SessionContext');
  return session;
}
