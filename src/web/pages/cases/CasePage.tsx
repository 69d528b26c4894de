import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { TermsResponse } from '../../../shared/vocabularies.js';
import type { CaseDetail, StageMove } from '../../api/cases.js';
import { apiPost } from '../../api/client.js';
import { useSession } from '../../auth/AuthContext.js';
import { FormError, useSubmit } from '../../components/forms.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { AssigneesSection, TimelineSection } from './CaseSections.js';
import { PeopleSection } from './PeopleSection.js';
import { TasksSection } from './TasksSection.js';

/** One case: summary, stage and outcome, assignees, timeline and tasks. */
export function CasePage() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const { user } = useSession();
  const { state, reload } = useApiGet<CaseDetail>(`/api/cases/${encodeURIComponent(caseId)}`);
  const outcomes = useApiGet<TermsResponse>('/api/vocabularies/outcome');
  const [stage, setStage] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const stageMove = useSubmit();
  const outcomeSave = useSubmit();
  const pending = stageMove.pending || outcomeSave.pending;
  const language = currentLanguage();
  // An administrator reaches a case only through break-glass, which grants reading and nothing else.
  const readOnly = user.role === 'admin';
  useDocumentTitle(state.kind === 'ready' ? state.data.number : t('cases.title'));

  async function move(body: StageMove) {
    await stageMove.run(() => apiPost(`/api/cases/${caseId}/stage`, body));
    setStage('');
    // Moved, or refused because someone else moved it first (CONFLICT): either way show the case as it is now.
    reload();
  }
  async function saveOutcomeAs(chosen: string | null) {
    const ok = await outcomeSave.run(() =>
      apiPost(`/api/cases/${caseId}/outcome`, { outcome: chosen }).then(() => true),
    );
    if (ok) reload();
  }
  if (state.kind !== 'ready') return <LoadStatus state={state} onRetry={reload} testId="case" />;
  const detail = state.data;
  const moveTo = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    // `from` is the stage this page shows: the server refuses the move if the case has moved on since.
    if (stage !== '') void move({ to: stage, from: detail.stage });
  };
  const saveOutcome = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const chosen = outcome ?? detail.outcome ?? '';
    void saveOutcomeAs(chosen === '' ? null : chosen);
  };

  return (
    <>
      <h1>
        <span data-testid="case-number">{detail.number}</span> {detail.title}
      </h1>
      {detail.summary !== null && <p className="pre-wrap">{detail.summary}</p>}
      <div className="stack">
        <section className="card stack">
          {stageMove.failure?.code === 'CONFLICT' ? (
            <div className="alert" role="alert" data-testid="form-error" data-code="CONFLICT">
              <p data-testid="stage-conflict">{t('cases.stageConflict')}</p>
            </div>
          ) : (
            <FormError failure={stageMove.failure} />
          )}
          <FormError failure={outcomeSave.failure} />
          <p>
            {t('cases.stage')}:{' '}
            <strong data-testid="case-stage" data-stage={detail.stage}>
              {detail.stage}
            </strong>
          </p>
          {readOnly && (
            <p className="muted" data-testid="case-read-only">
              {t('cases.readOnly')}
            </p>
          )}
          {!readOnly && (
            <form className="row wrap" onSubmit={moveTo}>
              <label>
                {t('cases.moveTo')}
                <select
                  data-testid="case-stage-select"
                  value={stage}
                  onChange={(event) => setStage(event.target.value)}
                >
                  <option value="" />
                  {detail.allowedStages.map((s) => (
                    <option key={s.code} value={s.code}>
                      {language === 'ru' ? s.labelRu : s.labelEn}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" disabled={pending} data-testid="case-stage-submit">
                {t('cases.move')}
              </button>
            </form>
          )}
          {!readOnly && (
            <form className="row wrap" onSubmit={saveOutcome}>
              <label>
                {t('cases.outcome')}
                <select
                  data-testid="case-outcome-select"
                  value={outcome ?? detail.outcome ?? ''}
                  onChange={(event) => setOutcome(event.target.value)}
                >
                  <option value="">{t('cases.noOutcome')}</option>
                  {outcomes.state.kind === 'ready' &&
                    outcomes.state.data.terms
                      .filter((term) => !term.retired || term.code === detail.outcome)
                      .map((term) => (
                        <option key={term.id} value={term.code}>
                          {language === 'ru' ? term.labelRu : term.labelEn}
                        </option>
                      ))}
                </select>
              </label>
              <button type="submit" disabled={pending} data-testid="case-outcome-submit">
                {t('cases.saveOutcome')}
              </button>
            </form>
          )}
        </section>
        <AssigneesSection detail={detail} onChanged={reload} canAssign={user.role === 'coordinator'} />
        <PeopleSection detail={detail} onChanged={reload} canAdd={user.role !== 'admin'} />
        <TasksSection detail={detail} onChanged={reload} readOnly={readOnly} />
        {/* Remounted when the case changes, so stage and outcome events appear at once. */}
        <TimelineSection key={detail.updatedAt} detail={detail} onChanged={reload} readOnly={readOnly} />
      </div>
    </>
  );
}
