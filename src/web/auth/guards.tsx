import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useParams, type Location } from 'react-router';
import type { BreakGlassList } from '../../shared/break-glass.js';
import type { Role } from '../../shared/roles.js';
import { LoadStatus } from '../components/LoadStatus.js';
import { useApiGet } from '../components/useApiGet.js';
import { errorMessage } from '../i18n/i18n.js';
import { useAuth } from './AuthContext.js';

/** What a guard puts in the location state when it sends someone elsewhere first. */
export interface ReturnState {
  from?: string;
}

/** The page the user first asked for, when it is one of ours; otherwise home. */
export function returnPath(state: unknown): string {
  if (typeof state !== 'object' || state === null || !('from' in state)) return '/';
  const from: unknown = state.from;
  // Only a path on this site: never `//host` or a full URL.
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//')) return '/';
  // Going back to a sign-in page after signing in would be a loop.
  if (['/login', '/setup', '/enrol'].some((p) => from === p || from.startsWith(`${p}?`))) return '/';
  return from;
}

function here(location: Location): string {
  return `${location.pathname}${location.search}${location.hash}`;
}

/** Shown while the session is being asked for, and when the server cannot be reached. */
function AuthPending() {
  const { t } = useTranslation();
  const { state, reload } = useAuth();
  return (
    <LoadStatus
      state={state.status === 'failed' ? { kind: 'failed', code: state.code } : { kind: 'loading' }}
      onRetry={reload}
      testId="auth"
      loadingText={t('auth.checking')}
    />
  );
}

/**
 * Pages for signed-in staff. Anyone else goes to sign in (or to first-run
 * setup on a new installation), and someone who has not enrolled a second
 * factor goes to enrol, whatever they opened. With `enrolment`, it guards
 * the enrolment page itself: for those still enrolling only.
 */
export function RequireSession({ enrolment = false }: { enrolment?: boolean }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading' || state.status === 'failed') return <AuthPending />;
  if (state.status === 'signedOut') {
    const target = state.setupNeeded ? '/setup' : '/login';
    const from: ReturnState = { from: enrolment ? returnPath(location.state) : here(location) };
    return <Navigate to={target} replace state={from} />;
  }
  if (state.session.enrolmentRequired && !enrolment) {
    return <Navigate to="/enrol" replace state={{ from: here(location) } satisfies ReturnState} />;
  }
  if (!state.session.enrolmentRequired && enrolment) {
    return <Navigate to={returnPath(location.state)} replace />;
  }
  return <Outlet />;
}

/**
 * The sign-in and setup pages: only for the signed-out. Signing in on one of
 * them changes the state, and this sends the user on to where they first
 * wanted to go (through enrolment when that is still due).
 */
export function RequireSignedOut({ setup = false }: { setup?: boolean }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading' || state.status === 'failed') return <AuthPending />;
  if (state.status === 'signedIn') {
    const from = returnPath(location.state);
    if (state.session.enrolmentRequired) {
      return <Navigate to="/enrol" replace state={{ from } satisfies ReturnState} />;
    }
    return <Navigate to={from} replace />;
  }
  if (state.setupNeeded !== setup) {
    return <Navigate to={state.setupNeeded ? '/setup' : '/login'} replace state={location.state as unknown} />;
  }
  return <Outlet />;
}

function Forbidden({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div data-testid="forbidden">
      <h1>{t('auth.forbiddenTitle')}</h1>
      <p>{errorMessage(t, 'FORBIDDEN')}</p>
      {children}
    </div>
  );
}

/** A page for some roles only; the server checks again on every call. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children?: ReactNode }) {
  const { state } = useAuth();
  if (state.status !== 'signedIn' || !roles.includes(state.session.user.role)) return <Forbidden />;
  return children ?? <Outlet />;
}

/**
 * One case's page: for the roles that work cases, and for an administrator
 * who holds an active break-glass grant on this case (the only way an
 * administrator reads one). The server checks again on every call.
 */
export function RequireCaseReader({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  const { state } = useAuth();
  const { caseId } = useParams();
  const user = state.status === 'signedIn' ? state.session.user : undefined;
  const grants = useApiGet<BreakGlassList>(user?.role === 'admin' ? '/api/break-glass' : null);
  if (user !== undefined && roles.includes(user.role)) return <Outlet />;
  if (user?.role !== 'admin') return <Forbidden />;
  if (grants.state.kind !== 'ready')
    return <LoadStatus state={grants.state} onRetry={grants.reload} testId="case-access" />;
  const open = grants.state.data.grants.some((g) => g.active && g.caseId === caseId && g.userId === user.id);
  if (open) return <Outlet />;
  return (
    <Forbidden>
      <p data-testid="break-glass-needed">
        {t('breakGlass.needGrant')} <Link to="/break-glass">{t('breakGlass.title')}</Link>
      </p>
    </Forbidden>
  );
}
