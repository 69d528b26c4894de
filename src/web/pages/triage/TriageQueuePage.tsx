import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { apiGet, type ApiPath } from '../../api/client.js';
import { FormError, useSubmit } from '../../components/forms.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { useTermLabel } from '../../vocab/terms.js';
import { StatusLabel, UrgencyBadge, useAge } from './IntakeBits.js';
import { INTAKE_STATUSES, URGENCIES, type IntakeList, type IntakeSummary } from './intakeTypes.js';

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | '' {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : '';
}

/** The intake queue: most urgent first, with status and urgency filters kept in the address. */
export function TriageQueuePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('triage.title'));
  const [params, setParams] = useSearchParams();
  const status = pick(params.get('status'), INTAKE_STATUSES);
  const urgency = pick(params.get('urgency'), URGENCIES);
  const query = new URLSearchParams();
  if (status) query.set('status', status);
  if (urgency) query.set('urgency', urgency);
  const path: ApiPath = `/api/intake${query.size > 0 ? `?${query.toString()}` : ''}`;
  const { state, reload } = useApiGet<IntakeList>(path);
  // Later pages, kept with the first page's path so a filter change drops them.
  const [more, setMore] = useState<{ path: ApiPath; requests: IntakeSummary[]; nextCursor: string | null } | null>(
    null,
  );
  const { pending, failure, run } = useSubmit();
  const age = useAge();
  const channelLabel = useTermLabel('channel');
  const roleLabel = useTermLabel('requester_role');
  const regionLabel = useTermLabel('region');

  function setFilter(key: 'status' | 'urgency', value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  }

  const extra = more !== null && more.path === path ? more : null;
  const rows = state.kind === 'ready' ? [...state.data.requests, ...(extra?.requests ?? [])] : [];
  const nextCursor = extra ? extra.nextCursor : state.kind === 'ready' ? state.data.nextCursor : null;

  async function loadMore() {
    if (nextCursor === null) return;
    const next = new URLSearchParams(query);
    next.set('cursor', nextCursor);
    const page = await run(() => apiGet<IntakeList>(`/api/intake?${next.toString()}`));
    if (page) {
      setMore({ path, requests: [...(extra?.requests ?? []), ...page.requests], nextCursor: page.nextCursor });
    }
  }

  return (
    <>
      <h1>{t('triage.title')}</h1>
      <div className="stack">
        <form className="card filter-grid" role="search" aria-label={t('triage.filters')}>
          <div className="field">
            <label htmlFor="triage-filter-status">{t('triage.status')}</label>
            <select
              id="triage-filter-status"
              value={status}
              onChange={(e) => setFilter('status', e.target.value)}
              data-testid="triage-filter-status"
            >
              <option value="">{t('triage.any')}</option>
              {INTAKE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`triage.statuses.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="triage-filter-urgency">{t('triage.urgency')}</label>
            <select
              id="triage-filter-urgency"
              value={urgency}
              onChange={(e) => setFilter('urgency', e.target.value)}
              data-testid="triage-filter-urgency"
            >
              <option value="">{t('triage.any')}</option>
              {URGENCIES.map((u) => (
                <option key={u} value={u}>
                  {t(`triage.urgencies.${u}`)}
                </option>
              ))}
            </select>
          </div>
        </form>
        <section className="card" aria-labelledby="triage-heading">
          <h2 id="triage-heading">{t('triage.queueHeading')}</h2>
          <LoadStatus state={state} onRetry={reload} testId="triage" />
          {state.kind === 'ready' && rows.length === 0 && (
            <p className="muted" data-testid="triage-empty">
              {t('triage.empty')}
            </p>
          )}
          {rows.length > 0 && (
            <table className="data-table" data-testid="triage-table">
              <thead>
                <tr>
                  <th scope="col">{t('triage.urgency')}</th>
                  <th scope="col">{t('triage.age')}</th>
                  <th scope="col">{t('triage.channel')}</th>
                  <th scope="col">{t('triage.requesterRole')}</th>
                  <th scope="col">{t('triage.groupSize')}</th>
                  <th scope="col">{t('triage.region')}</th>
                  <th scope="col">{t('triage.preview')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} data-testid="triage-row" data-intake-id={row.id} data-status={row.status}>
                    <td data-label={t('triage.urgency')}>
                      <span className="cell-stack">
                        <UrgencyBadge urgency={row.urgency} />
                        {row.status !== 'new' && <StatusLabel status={row.status} />}
                      </span>
                    </td>
                    <td data-label={t('triage.age')}>
                      <time dateTime={row.createdAt}>{age(row.ageSeconds)}</time>
                    </td>
                    <td data-label={t('triage.channel')}>{channelLabel(row.channel)}</td>
                    <td data-label={t('triage.requesterRole')}>{roleLabel(row.requesterRole)}</td>
                    <td data-label={t('triage.groupSize')}>{row.groupSize}</td>
                    <td data-label={t('triage.region')}>{regionLabel(row.region)}</td>
                    <td data-label={t('triage.preview')} className="reason">
                      <Link to={`/triage/${row.id}`} data-testid="triage-row-link">
                        {row.preview || t('triage.open')}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <FormError failure={failure} testId="triage-more-error" />
          {nextCursor !== null && (
            <div className="form-actions">
              <button
                type="button"
                className="button-secondary"
                disabled={pending}
                onClick={() => void loadMore()}
                data-testid="triage-more"
              >
                {pending ? t('common.loading') : t('triage.more')}
              </button>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
