import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, StageMove } from '../../api/cases.js';
import { apiPost } from '../../api/client.js';
import { FormError, useSubmit, type FormFailure } from '../../components/forms.js';
import { TermSelect } from '../../vocab/TermSelect.js';
import { useTermLabel, useTermMap } from '../../vocab/terms.js';
import { allowsOutcome, type Vocabulary } from '../../../shared/vocabularies.js';
import { OpenFormButton } from './CaseSections.js';
import { CaseMoveForm } from './CaseMoveForm.js';

type Open = 'stage' | 'outcome' | 'close' | 'reopen' | null;

interface StageSectionProps {
  detail: CaseDetail;
  /** Reading only (an administrator through break-glass): no forms that the server would refuse. */
  readOnly: boolean;
  onChanged: () => void;
}

/**
 * The case's stage and outcome, and the forms that change them, each opened
 * on demand: move to another stage, record the outcome (only at a stage that
 * allows it), close with a reason, reopen.
 */
export function StageSection({ detail, readOnly, onChanged }: StageSectionProps) {
  const { t } = useTranslation();
  const stages = useTermMap('stage');
  const stageLabel = useTermLabel('stage');
  const outcomeLabel = useTermLabel('outcome');
  const [open, setOpen] = useState<Open>(null);
  /** A close or reopen refused because another tab or colleague got there first. */
  const [overtaken, setOvertaken] = useState<'close' | 'reopen' | null>(null);
  const stageMove = useSubmit();
  const outcomeSave = useSubmit();
  const pending = stageMove.pending || outcomeSave.pending;

  async function move(to: string) {
    // `from` is the stage this page shows: the server refuses the move if the case has moved on since.
    const body: StageMove = { to, from: detail.stage };
    const moved = await stageMove.run(() => apiPost(`/api/cases/${detail.id}/stage`, body).then(() => true));
    // On a conflict the form stays open, offering the moves from where the case is now.
    if (moved === true) setOpen(null);
    // Moved, or refused because someone else moved it first (CONFLICT): either way show the case as it is now.
    onChanged();
  }
  async function saveOutcome(chosen: string) {
    const body = { outcome: chosen === '' ? null : chosen };
    const ok = await outcomeSave.run(() => apiPost(`/api/cases/${detail.id}/outcome`, body).then(() => true));
    if (ok) {
      setOpen(null);
      onChanged();
    }
  }
  function settled(kind: 'close' | 'reopen', conflict: boolean) {
    setOpen(null);
    setOvertaken(conflict ? kind : null);
    onChanged();
  }

  const closed = detail.closedAt !== null;
  const outcomeAllowed = allowsOutcome(stages.get(detail.stage));
  const firstAllowing = [...stages.values()].find((term) => allowsOutcome(term));
  return (
    <section className="card stack" aria-labelledby="case-stage-heading">
      <ConflictOrError failure={stageMove.failure} conflict={t('cases.stageConflict')} testId="stage-conflict" />
      <FormError failure={outcomeSave.failure} />
      {overtaken !== null && (
        <div className="alert" role="alert" data-testid="case-overtaken" data-kind={overtaken}>
          <p>{overtaken === 'close' ? t('casePage.closedMeanwhile') : t('casePage.reopenedMeanwhile')}</p>
        </div>
      )}
      <h2 id="case-stage-heading">
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
          <OpenFormButton label={t('casePage.changeStage')} testId="case-stage-open" onOpen={() => setOpen('stage')} />
          {outcomeAllowed && (
            <OpenFormButton
              label={t('casePage.recordOutcome')}
              testId="case-outcome-open"
              onOpen={() => setOpen('outcome')}
            />
          )}
          {closed ? (
            <OpenFormButton label={t('cases.reopen')} testId="case-reopen-open" onOpen={() => setOpen('reopen')} />
          ) : (
            <OpenFormButton label={t('cases.close')} testId="case-close-open" onOpen={() => setOpen('close')} />
          )}
        </div>
      )}
      {!readOnly && !outcomeAllowed && firstAllowing !== undefined && (
        <p className="muted" data-testid="case-outcome-later">
          {t('casePage.outcomeLater', { stage: stageLabel(firstAllowing.code) })}
        </p>
      )}
      {!readOnly && open === 'stage' && (
        <TermChoiceForm
          key={detail.stage}
          vocabulary="stage"
          only={detail.allowedStages.map((next) => next.code)}
          label={t('cases.moveTo')}
          submit={t('cases.move')}
          testId="case-stage"
          initial=""
          pending={pending}
          onChoose={(code) => void (code === '' ? undefined : move(code))}
        />
      )}
      {!readOnly && open === 'outcome' && outcomeAllowed && (
        <TermChoiceForm
          vocabulary="outcome"
          label={t('cases.outcome')}
          submit={t('cases.saveOutcome')}
          testId="case-outcome"
          initial={detail.outcome ?? ''}
          pending={pending}
          onChoose={(code) => void saveOutcome(code)}
        />
      )}
      {!readOnly && (open === 'close' || open === 'reopen') && (
        <CaseMoveForm
          key={open}
          caseId={detail.id}
          action={open}
          onCancel={() => setOpen(null)}
          onSettled={(conflict) => settled(open, conflict)}
        />
      )}
    </section>
  );
}

/** A refusal: CONFLICT in the words that say what happened meanwhile, anything else as the catalogue words it. */
function ConflictOrError({
  failure,
  conflict,
  testId,
}: {
  failure: FormFailure | null;
  conflict: string;
  testId: string;
}) {
  if (failure?.code !== 'CONFLICT') return <FormError failure={failure} />;
  return (
    <div className="alert" role="alert" data-testid="form-error" data-code="CONFLICT">
      <p data-testid={testId}>{conflict}</p>
    </div>
  );
}

interface TermChoiceFormProps {
  vocabulary: Vocabulary;
  /** The codes offered; all offered terms when left out. */
  only?: readonly string[];
  label: string;
  submit: string;
  /** Prefix of the select's and button's test ids (`-select`, `-submit`). */
  testId: string;
  initial: string;
  pending: boolean;
  /** The chosen code, or '' for none. */
  onChoose: (code: string) => void;
}

/** One term chosen from a vocabulary and sent: a stage to move to, an outcome to record. */
function TermChoiceForm({ vocabulary, only, label, submit, testId, initial, pending, onChoose }: TermChoiceFormProps) {
  const [chosen, setChosen] = useState(initial);
  const send = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChoose(chosen);
  };
  return (
    <form className="row wrap" onSubmit={send}>
      <label>
        {label}
        <TermSelect
          vocabulary={vocabulary}
          empty="none"
          {...(only === undefined ? {} : { only })}
          testId={`${testId}-select`}
          value={chosen}
          onChange={(event) => setChosen(event.target.value)}
        />
      </label>
      <button type="submit" disabled={pending} data-testid={`${testId}-submit`}>
        {submit}
      </button>
    </form>
  );
}
