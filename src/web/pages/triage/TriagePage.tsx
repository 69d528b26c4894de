import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { apiPatch, apiPost } from '../../api/client.js';
import { useSession } from '../../auth/AuthContext.js';
import { useDateFormat } from '../../components/format.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { useTermLabel } from '../../vocab/terms.js';
import { StatusLabel, UrgencyBadge } from './IntakeBits.js';
import { TriageActions } from './TriageActions.js';
import { isOpenStatus, type IntakeDetail } from './intakeTypes.js';
import { AttachToCase, Matches } from './RequestMatches.js';

/** One intake request, opened: what was written, follow-ups, possible matches, and the triage actions. */
export function TriagePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('triage.requestTitle'));
  const { intakeId = '' } = useParams();
  const { user } = useSession();
  const { dateTime } = useDateFormat();
  const base = `/api/intake/${encodeURIComponent(intakeId)}` as const;
  const { state, reload } = useApiGet<IntakeDetail>(base);
  const [notice, setNotice] = useState<string | null>(null);
  const coordinator = user.role === 'coordinator';
  const channelLabel = useTermLabel('channel');
  const roleLabel = useTermLabel('requester_role');
  const regionLabel = useTermLabel('region');
  const serviceLabel = useTermLabel('service_category');
  const forceLabel = useTermLabel('force');
  const locationLabel = useTermLabel('location_type');

  return (
    <>
      <p>
        <Link to="/triage">{t('triage.back')}</Link>
      </p>
      <h1>{t('triage.requestTitle')}</h1>
      <LoadStatus state={state} onRetry={reload} testId="triage-request" />
      {state.kind === 'ready' && (
        <div className="stack">
          <section className="card" aria-labelledby="triage-actions-heading">
            <h2 id="triage-actions-heading">{t('triage.actions')}</h2>
            {notice && (
              <p className="notice" role="status" data-testid="triage-notice">
                {notice}
              </p>
            )}
            {isOpenStatus(state.data.status) ? (
              <>
                <TriageActions
                  key={`${state.data.id}-${state.data.status}-${state.data.urgency}`}
                  request={state.data}
                  onSave={async (body) => {
                    setNotice(null);
                    await apiPatch(base, body);
                    setNotice(t('triage.saved'));
                    reload();
                  }}
                  onDecline={async (reason) => {
                    setNotice(null);
                    await apiPost(`${base}/decline`, { reason });
                    setNotice(t('triage.declined'));
                    reload();
                  }}
                />
                {coordinator && (
                  <>
                    <p>
                      <Link
                        className="button-link"
                        to={`/cases/new?intake=${encodeURIComponent(state.data.id)}`}
                        data-testid="triage-open-case"
                      >
                        {t('triage.openCase')}
                      </Link>
                    </p>
                    <AttachToCase
                      matches={state.data.possibleMatches}
                      onAttach={async (caseId, number) => {
                        setNotice(null);
                        await apiPost(`/api/cases/${caseId}/attach-intake`, { intakeId: state.data.id });
                        setNotice(t('triage.attached', { number }));
                        reload();
                      }}
                    />
                  </>
                )}
              </>
            ) : (
              <p className="muted" data-testid="triage-closed">
                {t('triage.closed')}
              </p>
            )}
          </section>
          <section className="card" aria-labelledby="triage-request-heading">
            <h2 id="triage-request-heading" className="cell-stack">
              <UrgencyBadge urgency={state.data.urgency} />
              <StatusLabel status={state.data.status} testId="triage-status" />
            </h2>
            <dl className="facts">
              <div>
                <dt>{t('triage.form.handle')}</dt>
                <dd data-testid="triage-handle">{state.data.handle ?? '—'}</dd>
              </div>
              <div>
                <dt>{t('triage.form.contact')}</dt>
                <dd data-testid="triage-contact">{state.data.contact ?? '—'}</dd>
              </div>
              <div>
                <dt>{t('triage.received')}</dt>
                <dd>{dateTime(state.data.createdAt)}</dd>
              </div>
            </dl>
            <h3>{t('triage.form.text')}</h3>
            <div className="pre-wrap" data-testid="triage-text">
              <Lines text={state.data.text} />
            </div>
            <h3>{t('triage.messages')}</h3>
            {state.data.messages.length === 0 ? (
              <p className="muted">{t('triage.noMessages')}</p>
            ) : (
              <ol className="stack">
                {state.data.messages.map((message) => (
                  <li key={message.id} data-testid="triage-message">
                    <time className="muted" dateTime={message.createdAt}>
                      {dateTime(message.createdAt)}
                    </time>
                    <div className="pre-wrap">
                      <Lines text={message.body} />
                    </div>
                  </li>
                ))}
              </ol>
            )}
          </section>

          <section className="card" aria-labelledby="triage-details-heading">
            <h2 id="triage-details-heading">{t('triage.details')}</h2>
            <dl className="facts" data-testid="triage-details">
              <Fact label={t('triage.channel')} value={channelLabel(state.data.channel)} />
              <Fact label={t('triage.form.requesterRole')} value={roleLabel(state.data.requesterRole)} />
              <Fact label={t('triage.form.groupSize')} value={String(state.data.groupSize)} />
              <Fact label={t('triage.form.region')} value={regionLabel(state.data.region)} />
              <Fact label={t('triage.form.serviceCategory')} value={serviceLabel(state.data.serviceCategory)} />
              <Fact label={t('triage.form.force')} value={forceLabel(state.data.force)} />
              <Fact label={t('triage.form.locationType')} value={locationLabel(state.data.locationType)} />
              <Fact label={t('triage.assignee')} value={state.data.assigneeUsername ?? t('triage.nobody')} />
              <Fact
                label={t('triage.form.consentDocumentation')}
                value={state.data.consentDocumentation ? t('triage.yes') : t('triage.no')}
              />
              <Fact
                label={t('triage.form.consentStatistics')}
                value={state.data.consentStatistics ? t('triage.yes') : t('triage.no')}
              />
              {state.data.triagedAt && <Fact label={t('triage.triaged')} value={dateTime(state.data.triagedAt)} />}
              {state.data.declineReason && (
                <Fact label={t('triage.declineReason')} value={reasonLabel(t, state.data.declineReason)} />
              )}
              {state.data.caseId && (
                <div>
                  <dt>{t('triage.case')}</dt>
                  <dd>
                    {coordinator ? (
                      <Link to={`/cases/${state.data.caseId}`} data-testid="triage-case">
                        {t('triage.caseLink')}
                      </Link>
                    ) : (
                      t('triage.yes')
                    )}
                  </dd>
                </div>
              )}
            </dl>
          </section>

          <Matches matches={state.data.possibleMatches} />
        </div>
      )}
    </>
  );
}

/** Text as written, its line breaks kept, without inline styles (the CSP allows none). */
function Lines({ text }: { text: string }) {
  return text.split(/\r?\n/).map((line, index) => <p key={index}>{line || '\u00a0'}</p>);
}

// i18next's own TFunction: the hook's return type instantiates too deeply over the whole resource.
type T = TFunction;

function reasonLabel(t: T, reason: string): string {
  return t(`triage.reasons.${reason}` as 'triage.reasons.other', { defaultValue: reason });
}

function Fact({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value ?? '—'}</dd>
    </div>
  );
}
