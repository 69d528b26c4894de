import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { AuditEntry, AuditPage as AuditPageBody, UsersResponse } from '../../api/accounts.js';
import { apiGet, type ApiPath } from '../../api/client.js';
import { FormError, useSubmit } from '../../components/forms.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { AuditFilters } from './AuditFilters.js';
import { AuditTable } from './AuditTable.js';
import { auditExportPath, auditPath, filtersFromParams, paramsFromFilters } from './auditQuery.js';

/** Older pages loaded so far, for the query they continue. */
interface Older {
  path: ApiPath;
  entries: AuditEntry[];
  nextBefore: number | null;
}

/**
 * The audit log, newest first, with filters kept in the address (so Back and
 * a shared link work) and older entries loaded page by page.
 */
export function AuditPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('audit.title'));
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFromParams(searchParams);
  const path = auditPath(filters);
  const { state, reload } = useApiGet<AuditPageBody>(path);
  const users = useApiGet<UsersResponse>('/api/users').state;
  const [older, setOlder] = useState<Older | null>(null);
  const { pending, failure, run } = useSubmit();

  const first = state.kind === 'ready' ? state.data : null;
  const more = older?.path === path ? older : null;
  const entries = first ? [...first.entries, ...(more?.entries ?? [])] : [];
  const nextBefore = more ? more.nextBefore : (first?.nextBefore ?? null);

  async function loadOlder() {
    if (nextBefore === null) return;
    const page = await run(() => apiGet<AuditPageBody>(auditPath(filters, nextBefore)));
    if (page) {
      setOlder({ path, entries: [...(more?.entries ?? []), ...page.entries], nextBefore: page.nextBefore });
    }
  }

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p className="muted">{t('audit.intro')}</p>
      <div className="stack">
        <AuditFilters
          // Remounted when the address changes (Back, a link), so the form shows what is applied.
          key={searchParams.toString()}
          initial={filters}
          users={users.kind === 'ready' ? users.data.users : null}
          onApply={(values) => setSearchParams(paramsFromFilters(values))}
        />
        <section className="card" aria-labelledby="audit-entries-heading" aria-busy={state.kind === 'loading'}>
          <h2 id="audit-entries-heading">{t('audit.entries')}</h2>
          <p>
            <a href={auditExportPath(filters)} download data-testid="audit-download">
              {t('audit.download')}
            </a>{' '}
            <span className="muted">{t('audit.downloadHint')}</span>
          </p>
          <LoadStatus state={state} onRetry={reload} testId="audit" />
          {first && entries.length === 0 && (
            <p className="muted" data-testid="audit-empty">
              {t('audit.empty')}
            </p>
          )}
          {entries.length > 0 && <AuditTable entries={entries} />}
          <FormError failure={failure} testId="audit-older-error" />
          {first && nextBefore !== null && (
            <div className="form-actions">
              <button
                type="button"
                className="button-secondary"
                disabled={pending}
                onClick={() => void loadOlder()}
                data-testid="audit-older"
              >
                {pending ? t('common.loading') : t('audit.older')}
              </button>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
