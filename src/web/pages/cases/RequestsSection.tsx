import { useTranslation } from 'react-i18next';
import type { CaseRequests } from '../../../shared/cases.schema.js';
import { useApiGet } from '../../components/useApiGet.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useDateFormat } from '../../components/format.js';
import { useTermLabel } from '../../vocab/terms.js';

/**
 * The requests the case came from: who wrote, how to reach them, what they
 * wrote and what followed. The server answers only those who may read the
 * case, and records each read.
 */
export function RequestsSection({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { state, reload } = useApiGet<CaseRequests>(`/api/cases/${caseId}/requests`);
  const roleLabel = useTermLabel('requester_role');
  const channelLabel = useTermLabel('channel');
  const { dateTime } = useDateFormat();
  return (
    <section className="card stack" aria-labelledby="case-requests-heading" data-testid="case-requests">
      <h2 id="case-requests-heading">{t('casePage.requests')}</h2>
      {state.kind !== 'ready' ? (
        <LoadStatus state={state} onRetry={reload} testId="case-requests-status" />
      ) : state.data.requests.length === 0 ? (
        <p className="muted">{t('casePage.noRequests')}</p>
      ) : (
        <>
          {state.data.requests.map((request) => (
            <article key={request.id} className="stack" data-testid="case-request">
              <h3>{t('casePage.request', { date: dateTime(request.submittedAt) })}</h3>
              <dl className="facts">
                <div>
                  <dt>{t('casePage.requesterRole')}</dt>
                  <dd>{roleLabel(request.requesterRole)}</dd>
                </div>
                <div>
                  <dt>{t('casePage.handle')}</dt>
                  <dd data-testid="request-handle">{request.handle ?? '—'}</dd>
                </div>
                <div>
                  <dt>{t('casePage.contact')}</dt>
                  <dd data-testid="request-contact">{request.contact ?? t('casePage.noContact')}</dd>
                </div>
                <div>
                  <dt>{t('casePage.channel')}</dt>
                  <dd>{channelLabel(request.channel)}</dd>
                </div>
              </dl>
              <h4>{t('casePage.text')}</h4>
              <p className="pre-wrap">{request.text}</p>
              {request.followUps.length > 0 && (
                <>
                  <h4>{t('casePage.followUps')}</h4>
                  <ol className="stack">
                    {request.followUps.map((message) => (
                      <li key={message.id}>
                        <span className="muted">{dateTime(message.createdAt)}</span>
                        <p className="pre-wrap">{message.body}</p>
                      </li>
                    ))}
                  </ol>
                </>
              )}
            </article>
          ))}
          {state.data.more && <p className="muted">{t('casePage.moreRequests')}</p>}
        </>
      )}
    </section>
  );
}
