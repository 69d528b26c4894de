import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionState, SetupStatus } from '../api/accounts.js';
import type { ErrorCode } from '../../shared/errors.js';
import { ApiError, apiDelete, apiGet, errorCodeOf, onSessionProblem } from '../api/client.js';

/**
 * Who is signed in. The session token lives in an HttpOnly cookie the app
 * never sees; this is only what `GET /api/session` said about it.
 */
export type AuthState =
  | { status: 'loading' }
  | { status: 'signedOut'; setupNeeded: boolean }
  | { status: 'signedIn'; session: SessionState }
  // The server could not be asked (down, unreachable): neither signed in nor out.
  | { status: 'failed'; code: ErrorCode };

export interface AuthContextValue {
  state: AuthState;
  /** Records the session a sign-in, setup or enrolment answered with. */
  signedIn: (session: SessionState) => void;
  /** Ends the session on the server, then here. Rejects with an ApiError when the server could not be told. */
  signOut: () => Promise<void>;
  /** Asks the server again, e.g. after a failure to reach it. */
  reload: () => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** Loads the session once at start and keeps it for every page. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const queryClient = useQueryClient();
  // Whatever the last user loaded leaves the browser's memory when their session ends.
  const signedInAs = state.status === 'signedIn' ? state.session.user.id : null;
  useEffect(() => {
    if (signedInAs === null) queryClient.clear();
  }, [signedInAs, queryClient]);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    void loadAuthState(signal).then((next) => {
      if (!signal.aborted) setState(next);
    });
    return () => controller.abort();
  }, [attempt]);

  // Any API call answered UNAUTHENTICATED means the session is gone (idle
  // timeout, revoked elsewhere): the guards then send the user to sign in.
  // ENROLMENT_REQUIRED means what we hold is stale: ask again.
  useEffect(
    () =>
      onSessionProblem((code, path) => {
        if (code === 'ENROLMENT_REQUIRED') {
          // Never for the session call itself, which would ask again forever.
          if (!path.startsWith('/api/session')) setAttempt((n) => n + 1);
          return;
        }
        setState((current) => (current.status === 'signedIn' ? { status: 'signedOut', setupNeeded: false } : current));
      }),
    [],
  );

  const signedIn = useCallback((session: SessionState) => {
    setState({ status: 'signedIn', session });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await apiDelete('/api/session');
    } catch (error) {
      // Already ended on the server: signed out all the same.
      if (!(error instanceof ApiError && error.code === 'UNAUTHENTICATED')) throw error;
    }
    setState({ status: 'signedOut', setupNeeded: false });
  }, []);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo(() => ({ state, signedIn, signOut, reload }), [state, signedIn, signOut, reload]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** Never rejects; after an abort its answer is meaningless and the caller drops it. */
async function loadAuthState(signal: AbortSignal): Promise<AuthState> {
  try {
    const session = await apiGet<SessionState>('/api/session', { signal });
    return { status: 'signedIn', session };
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'UNAUTHENTICATED')) {
      return { status: 'failed', code: errorCodeOf(error) };
    }
  }
  try {
    const setup = await apiGet<SetupStatus>('/api/setup', { signal });
    return { status: 'signedOut', setupNeeded: setup.needed };
  } catch {
    // The sign-in page is the safe default: setup is for a brand-new installation only.
    return { status: 'signedOut', setupNeeded: false };
  }
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in session, for pages that only render behind a guard. */
export function useSession(): SessionState {
  const { state } = useAuth();
  if (state.status !== 'signedIn') throw new Error('useSession must be used behind a signed-in guard');
  return state.session;
}
