import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../shared/errors.js';
import type { DatabaseDialect, HealthResponse } from '../../shared/health.js';
import { ApiError, apiGet } from '../api/client.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { errorMessage } from '../i18n/i18n.js';

// The error keeps its code, not its text, so the message follows a language switch.
type HealthState =
  { kind: 'loading' } | { kind: 'ready'; health: HealthResponse } | { kind: 'failed'; code: ErrorCode };

// Product names, the same in every language.
const DATABASE_NAMES: Record<DatabaseDialect, string> = {
  sqlite: 'SQLite',
  postgres: 'PostgreSQL',
};

export function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('home.title'));
  const [state, setState] = useState<HealthState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    apiGet<HealthResponse>('/api/health', { signal: controller.signal }).then(
      (health) => setState({ kind: 'ready', health }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ kind: 'failed', code: error instanceof ApiError ? error.code : 'INTERNAL_ERROR' });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const retry = useCallback(() => {
    // Show the loading state again while the retry is in flight.
    setState({ kind: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  return (
    <>
      <h1>{t('home.title')}</h1>
      <section className="card" aria-labelledby="health-heading" aria-busy={state.kind === 'loading'}>
        <h2 id="health-heading">{t('home.healthHeading')}</h2>
        {state.kind === 'loading' && (
          <p className="muted" role="status" data-testid="health-loading">
            {t('home.loading')}
          </p>
        )}
        {state.kind === 'failed' && (
          <div className="alert" role="alert" data-testid="health-error" data-code={state.code}>
            <p>{errorMessage(t, state.code)}</p>
            <button type="button" onClick={retry}>
              {t('home.retry')}
            </button>
          </div>
        )}
        {state.kind === 'ready' && (
          <dl className="facts">
            <div>
              <dt>{t('home.status')}</dt>
              <dd data-testid="health-status" data-status={state.health.status}>
                <span className="badge badge-ok">{t('home.statusOk')}</span>
              </dd>
            </div>
            <div>
              <dt>{t('home.database')}</dt>
              <dd data-testid="health-database" data-database={state.health.database}>
                {DATABASE_NAMES[state.health.database]}
              </dd>
            </div>
            <div>
              <dt>{t('home.version')}</dt>
              <dd data-testid="health-version">{state.health.version}</dd>
            </div>
          </dl>
        )}
      </section>
    </>
  );
}
