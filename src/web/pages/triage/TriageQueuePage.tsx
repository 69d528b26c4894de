import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { apiGet, type ApiPath } from '../../api/client.js';
import { useInvalidate } from '../../api/query.js';
import { FormError, useSubmit } from '../../components/forms.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { BulkActions } from './BulkActions.js';
import type { IntakeList, IntakeSummary } from './intakeTypes.js';
import { QueueFilters } from './QueueFilters.js';
import { QueueTable } from './QueueTable.js';
import { queuePath, readQueueView, withFilter, withSort } from './queueView.js';

/**
 * The intake queue: most urgent first unless a column header sorts it
 * otherwise, filtered by pickers, filters and sort kept in the address; the
 * requests chosen by their checkboxes changed together.
 */
export function TriageQueuePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('triage.title'));
  const [params, setParams] = useSearchParams();
  const view = readQueueView(params);
  const path = queuePath(view);
  const { state, reload } = useApiGet<IntakeList>(path);
  const invalidate = useInvalidate();
  // Later pages, kept with the first page's path so a filter or sort change drops them.
  const [more, setMore] = useState<{ path: ApiPath; requests: IntakeSummary[]; nextCursor: string | null } | null>(
    null,
  );
  const [selected, setSelected] = useState<{ path: ApiPath; ids: ReadonlySet<string> }>({ path, ids: new Set() });
  const { pending, failure, run } = useSubmit();

  const extra = more !== null && more.path === path ? more : null;
  const rows = state.kind === 'ready' ? [...state.data.requests, ...(extra?.requests ?? [])] : [];
  const nextCursor = extra ? extra.nextCursor : state.kind === 'ready' ? state.data.nextCursor : null;
  const chosen = selected.path === path ? selected.ids : new Set<string>();

  function select(ids: readonly string[], on: boolean) {
    const next = new Set(chosen);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    setSelected({ path, ids: next });
  }

  async function loadMore() {
    if (nextCursor === null) return;
    const page = await run(() => apiGet<IntakeList>(queuePath(view, nextCursor)));
    if (page) {
      setMore({ path, requests: [...(extra?.requests ?? []), ...page.requests], nextCursor: page.nextCursor });
    }
  }

  return (
    <>
      <h1>{t('triage.title')}</h1>
      <div className="stack">
        <QueueFilters view={view} onChange={(key, value) => setParams(withFilter(params, key, value))} />
        <section className="card stack" aria-labelledby="triage-heading">
          <h2 id="triage-heading">{t('triage.queueHeading')}</h2>
          <LoadStatus state={state} onRetry={reload} testId="triage" />
          {state.kind === 'ready' && rows.length === 0 && (
            <p className="muted" data-testid="triage-empty">
              {t('triage.empty')}
            </p>
          )}
          {state.kind === 'ready' && (
            <BulkActions
              rows={rows}
              selected={chosen}
              onSelectAll={(on) =>
                select(
                  rows.map((row) => row.id),
                  on,
                )
              }
              onChanged={() => {
                setSelected({ path, ids: new Set() });
                setMore(null);
                void invalidate('/api/intake', '/api/dashboard', '/api/me');
              }}
            />
          )}
          {rows.length > 0 && (
            <QueueTable
              rows={rows}
              view={view}
              sortLink={(column) => withSort(params, view, column)}
              selected={chosen}
              onSelect={(id, on) => select([id], on)}
            />
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
