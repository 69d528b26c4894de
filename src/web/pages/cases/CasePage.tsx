import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { CASE_NUMBER_PATTERN } from '../../../shared/cases.schema.js';
import type { CaseDetail, StageMove } from '../../api/cases.js';
import { apiPost } from '../../api/client.js';
import { useSession } from '../../auth/AuthContext.js';
import { FormError, useSubmit } from '../../components/forms.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { AssigneesSection, OpenFormButton, TimelineSection } from './CaseSections.js';
import { PeopleSection } from './PeopleSection.js';
import { TasksSection } from './TasksSection.js';
import { CaseHeader } from './CaseHeader.js';
import { RequestsSection } from './RequestsSection.js';
import { TermSelect } from '../../vocab/TermSelect.js';
import { useTermLabel, useTermMap } from '../../vocab/terms.js';
import { allowsOutcome } from '../../../shared/vocabularies.js';

/**
 * `/cases/:caseId`, where the id may also be a case number (2026-0001): the
 * number is looked up first, under the same access rule as the case.
 */
export function CasePage() {
  const { caseId = '' } = useParams();
  const byNumber = CASE_NUMBER_PATTERN.test(caseId);
  const found = useApiGet<{ id: string }>(byNumber ? `/api/cases/by-number/${encodeURIComponent(caseId)}` : null);
  if (!byNumber) return <CaseView caseId={caseId} />;
  if (found.state.kind !== 'ready') return <LoadStatus state={found.state} onRetry={found.reload} testId="case" />;
  return <CaseView caseId={found.state.data.id} />;
}

/** One case: its header, the requests it came from, stage and outcome, assignees, people, tasks and timeline. */
function CaseView({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const stages = useTermMap('stage');
  const stageLabel = useTermLabel('stage');
  const [open, setOpen] = useState<'stage' | 'outcome' | null>(null);
  const { state, reload } = useApiGet<CaseDetail>(`/api/cases/${encodeURIComponent(caseId)}`);
  const outcomeLabel = useTermLabel('outcome');
  const [stage, setStage] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const stageMove = useSubmit();
  const outcomeSave = useSubmit();
  const pending = stageMove.pending || outcomeSave.pending;
  // An administrator reaches a case only through break-glass, which grants reading and nothing else.
  const readOnly = user.role === 'admin';
  useDocumentTitle(state.kind === 'ready' ? state.data.number : t('cases.title'));

  async function move(body: StageMove) {
    const moved = await stageMove.run(() => apiPost(`/api/cases/${caseId}/stage`, body).then(() => true));
    setStage('');
    // On a conflict the form stays open, offering the moves from where the case is now.
    if (moved === true) setOpen(null);
    // Moved, or refused because someone else moved it first (CONFLICT): either way show the case as it is now.
    reload();
  }
  async function saveOutcomeAs(chosen: string | null) {
    const ok = await outcomeSave.run(() =>
      apiPost(`/api/cases/${caseId}/outcome`, { outcome: chosen }).then(() => true),
    );
    if (ok) {
      setOpen(null);
      reload();
    }
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

  const outcomeAllowed = allowsOutcome(stages.get(detail.stage));
  const firstAllowing = [...stages.values()].find((term) => allowsOutcome(term));
  return (
    <>
      <CaseHeader detail={detail} readOnly={readOnly} onChanged={reload} />
      <div className="stack">
        <RequestsSection caseId={detail.id} />
        <section className="card stack">
          {stageMove.failure?.code === 'CONFLICT' ? (
            <div className="alert" role="alert" data-testid="form-error" data-code="CONFLICT">
              <p data-testid="stage-conflict">{t('cases.stageConflict')}</p>
            </div>
          ) : (
            <FormError failure={stageMove.failure} />
          )}
          <FormError failure={outcomeSave.failure} />
          <h2>
            {t('cases.stage')}: {stageLabel(detail.stage)}
          </h2>
          {detail.outcome !== null && (
            <p data-testid="case-outcome">
              {t('cases.outcome')}: {outcomeLabel(detail.outcome)}
            </p>
          )}
          {readOnly && (
            <p className="muted" data-testid="case-read-only">
              {t('cases.readOnly')}
            </p>
          )}
          {!readOnly && open === null && (
            <div className="row wrap">
              <OpenFormButton
                label={t('casePage.changeStage')}
                testId="case-stage-open"
                onOpen={() => setOpen('stage')}
              />
              {outcomeAllowed && (
                <OpenFormButton
                  label={t('casePage.recordOutcome')}
                  testId="case-outcome-open"
                  onOpen={() => setOpen('outcome')}
                />
              )}
            </div>
          )}
          {!readOnly && !outcomeAllowed && firstAllowing !== undefined && (
            <p className="muted" data-testid="case-outcome-later">
              {t('casePage.outcomeLater', { stage: stageLabel(firstAllowing.code) })}
            </p>
          )}
          {!readOnly && open === 'stage' && (
            <form className="row wrap" onSubmit={moveTo}>
              <label>
                {t('cases.moveTo')}
                <TermSelect
                  vocabulary="stage"
                  empty="none"
                  only={detail.allowedStages.map((next) => next.code)}
                  testId="case-stage-select"
                  value={stage}
                  onChange={(event) => setStage(event.target.value)}
                />
              </label>
              <button type="submit" disabled={pending} data-testid="case-stage-submit">
                {t('cases.move')}
              </button>
            </form>
          )}
          {!readOnly && open === 'outcome' && outcomeAllowed && (
            <form className="row wrap" onSubmit={saveOutcome}>
              <label>
                {t('cases.outcome')}
                <TermSelect
                  vocabulary="outcome"
                  empty="none"
                  testId="case-outcome-select"
                  value={outcome ?? detail.outcome ?? ''}
                  onChange={(event) => setOutcome(event.target.value)}
                />
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
