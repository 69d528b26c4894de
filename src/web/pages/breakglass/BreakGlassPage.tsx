import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BreakGlassGrant, BreakGlassList } from '../../../shared/break-glass.js';
import { apiDelete } from '../../api/client.js';
import { useSession } from '../../auth/AuthContext.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { useDateFormat } from '../../components/format.js';
import { FormError, Notice, useSubmit } from '../../components/forms.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { BreakGlassForm } from './BreakGlassForm.js';
import { TableHead } from '../../components/TableHead.js';

/** Active grants first, then newest first. */
function ordered(grants: readonly BreakGlassGrant[]): BreakGlassGrant[] {
  return [...grants].sort((a, b) => Number(b.active) - Number(a.active) || b.createdAt.localeCompare(a.createdAt));
}

/**
 * Break-glass grants: an administrator's time-limited, audited access to one
 * case. Coordinators see every grant; administrators also open and end them.
 */
export function BreakGlassPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('breakGlass.title'));
  const { user } = useSession();
  const isAdmin = user.role === 'admin';
  const { dateTime } = useDateFormat();
  const { state, reload } = useApiGet<BreakGlassList>('/api/break-glass');
  const { pending, failure, run } = useSubmit();
  const [ended, setEnded] = useState(false);

  async function end(grant: BreakGlassGrant) {
    setEnded(false);
    const ok = await run(() => apiDelete(`/api/break-glass/${encodeURIComponent(grant.id)}`).then(() => true));
    if (ok) setEnded(true);
    reload();
  }

  return (
    <>
      <h1>{t('breakGlass.title')}</h1>
      <p className="muted">{t('breakGlass.intro')}</p>
      <div className="stack">
        {isAdmin && <BreakGlassForm onOpened={reload} />}
        <section className="card" aria-labelledby="grants-heading">
          <h2 id="grants-heading">{t('breakGlass.listHeading')}</h2>
          <LoadStatus state={state} onRetry={reload} testId="grants" />
          <FormError failure={failure} testId="grants-action-error" />
          {ended && <Notice testId="grant-ended">{t('breakGlass.ended')}</Notice>}
          {state.kind === 'ready' && state.data.grants.length === 0 && (
            <p className="muted" data-testid="grants-empty">
              {t('breakGlass.empty')}
            </p>
          )}
          {state.kind === 'ready' && state.data.grants.length > 0 && (
            <table className="data-table" data-testid="grants-table">
              <TableHead
                columns={[
                  t('breakGlass.status'),
                  t('breakGlass.who'),
                  t('breakGlass.case'),
                  t('breakGlass.reason'),
                  t('breakGlass.opened'),
                  t('breakGlass.until'),
                ]}
                actions={isAdmin}
              />
              <tbody>
                {ordered(state.data.grants).map((grant) => (
                  <tr key={grant.id} data-testid="grant-row" data-active={grant.active}>
                    <td data-label={t('breakGlass.status')}>
                      <span className={grant.active ? 'badge badge-warn' : 'badge'}>
                        {grant.active ? t('breakGlass.active') : t('breakGlass.inactive')}
                      </span>
                    </td>
                    <td data-label={t('breakGlass.who')}>{grant.username}</td>
                    <td data-label={t('breakGlass.case')}>
                      <Link to={`/cases/${grant.caseId}`} data-testid="grant-case">
                        {grant.caseNumber ?? grant.caseId}
                      </Link>
                    </td>
                    <td data-label={t('breakGlass.reason')} className="reason">
                      <span data-testid="grant-reason">{t(`breakGlass.reasons.${grant.reason}`)}</span>
                      {grant.note !== null && (
                        <p className="muted" data-testid="grant-note">
                          {grant.note}
                        </p>
                      )}
                    </td>
                    <td data-label={t('breakGlass.opened')}>{dateTime(grant.createdAt)}</td>
                    <td data-label={t('breakGlass.until')}>
                      {grant.endedAt
                        ? t('breakGlass.endedAt', { time: dateTime(grant.endedAt) })
                        : dateTime(grant.expiresAt)}
                    </td>
                    {isAdmin && (
                      <td className="actions">
                        {grant.active && (
                          <ConfirmButton
                            label={t('breakGlass.end')}
                            question={t('breakGlass.endQuestion', { number: grant.caseNumber ?? grant.caseId })}
                            confirmLabel={t('breakGlass.end')}
                            onConfirm={() => void end(grant)}
                            disabled={pending}
                            testId="grant-end"
                          />
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </>
  );
}
