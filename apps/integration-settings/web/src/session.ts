import { createContext, useContext } from 'react';
import { ApiError, type Api } from './api';

export interface Session {
  api: Api;
  /** True once the server said this key is a member key (403 admin_required on a change). */
  readOnly: boolean;
  /**
   * Handles what every call may answer: 401 signs out, 404 not_connected shows the
   * connect form, 403 admin_required switches the page to read-only. Returns true when
   * the error was handled here and the caller should show nothing more.
   */
  handle: (error: unknown) => boolean;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionContext');
  return session;
}

const KEY = 'front-agent.apiKey';
const READ_ONLY = 'front-agent.readOnly';

export const storedKey = {
  get: (): string | null => safe(() => sessionStorage.getItem(KEY)),
  set: (key: string) => safe(() => sessionStorage.setItem(KEY, key)),
  clear: () =>
    safe(() => {
      sessionStorage.removeItem(KEY);
      sessionStorage.removeItem(READ_ONLY);
    }),
  getReadOnly: (): boolean => safe(() => sessionStorage.getItem(READ_ONLY) === '1') ?? false,
  setReadOnly: () => safe(() => sessionStorage.setItem(READ_ONLY, '1')),
};

function safe<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null; // storage disabled (private mode, policies): the key lives in memory only
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
