import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { createTaskBody } from '../../../shared/cases.schema.js';
import { proposalsOf, proposedDueDate, type ProposedTask } from '../../../shared/task-deadlines.js';
import type { CaseDetail } from '../../api/cases.js';
import { apiPost } from '../../api/client.js';
import { FormError, TextField, useSchemaForm } from '../../components/forms.js';
import { useDateFormat } from '../../components/format.js';
import { useLanguage, useTermMap } from '../../vocab/terms.js';
import { periodWords } from '../vocabularies/period.js';

/** Today in the browser's time zone, as YYYY-MM-DD: the day a user means by "today". */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A proposal's form: the day the event happened (a court's decision, a
 * letter's sending), which the law counts the period from, and the due day it
 * gives, which the user may still change. The event cannot be after today.
 */
function proposalForm(today: string) {
  return z.object({
    eventDate: createTaskBody.shape.dueDate.refine((day) => day <= today, { message: 'tasks.eventInFuture' }),
    dueDate: z.preprocess((value) => (value === '' ? undefined : value), createTaskBody.shape.dueDate),
  });
}

interface Offer {
  key: string;
  proposal: ProposedTask;
}

/**
 * Deadlines from the law: when this page sees the case enter a stage, or an
 * outcome recorded, whose vocabulary term proposes tasks, it offers each for
 * the user to confirm (assigned to them) or dismiss. The period counts from
 * the event's day, today unless the user says otherwise.
 */
export function ProposedTasks({ detail, onAdded }: { detail: CaseDetail; onAdded: () => Promise<void> }) {
  const stages = useTermMap('stage');
  const outcomes = useTermMap('outcome');
  const seen = useRef({ stage: detail.stage, outcome: detail.outcome });
  const [offers, setOffers] = useState<Offer[]>([]);

  useEffect(() => {
    const before = seen.current;
    seen.current = { stage: detail.stage, outcome: detail.outcome };
    const entered: ProposedTask[] = [
      ...(detail.stage !== before.stage ? proposalsOf(stages.get(detail.stage)?.attributes) : []),
      ...(detail.outcome !== null && detail.outcome !== before.outcome
        ? proposalsOf(outcomes.get(detail.outcome)?.attributes)
        : []),
    ];
    if (entered.length === 0) return;
    setOffers((shown) => [
      ...shown,
      ...entered.map((proposal, index) => ({ key: `${detail.updatedAt}-${String(index)}`, proposal })),
    ]);
  }, [detail.stage, detail.outcome, detail.updatedAt, stages, outcomes]);

  const dismiss = (key: string) => setOffers((shown) => shown.filter((offer) => offer.key !== key));
  if (offers.length === 0) return null;
  return (
    <div className="stack" role="status" data-testid="task-proposals">
      {offers.map((offer) => (
        <ProposalForm
          key={offer.key}
          caseId={detail.id}
          proposal={offer.proposal}
          onDismiss={() => dismiss(offer.key)}
          onAdded={async () => {
            dismiss(offer.key);
            await onAdded();
          }}
        />
      ))}
    </div>
  );
}

interface ProposalFormProps {
  caseId: string;
  proposal: ProposedTask;
  onDismiss: () => void;
  onAdded: () => Promise<void>;
}

function ProposalForm({ caseId, proposal, onDismiss, onAdded }: ProposalFormProps) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const language = useLanguage();
  const today = useMemo(() => localToday(), []);
  const schema = useMemo(() => proposalForm(today), [today]);
  const { form, field, formProps, pending, failure, run } = useSchemaForm(schema, {
    eventDate: today,
    dueDate: proposedDueDate(proposal, today),
  });
  const title = language === 'ru' ? proposal.titleRu : proposal.titleEn;
  const eventDate = form.watch('eventDate');
  const dueDate = form.watch('dueDate');
  useEffect(() => {
    // A new event day gives a new due day; the user may change that one afterwards.
    if (typeof eventDate === 'string' && DAY.test(eventDate) && eventDate <= today) {
      form.setValue('dueDate', proposedDueDate(proposal, eventDate));
    }
  }, [eventDate, today, proposal, form]);
  const add = async (values: z.output<typeof schema>) => {
    const body = { title, dueDate: values.dueDate };
    const created = await run(() => apiPost(`/api/cases/${caseId}/tasks`, body).then(() => true));
    if (created) await onAdded();
  };
  const shownDue = typeof dueDate === 'string' && DAY.test(dueDate) ? format.date(dueDate) : null;
  return (
    <form className="notice stack" data-testid="task-proposal" aria-label={title} {...formProps(add)}>
      <FormError failure={failure} testId="task-proposal-error" />
      <p>
        {shownDue === null ? t('tasks.proposalUndated', { title }) : t('tasks.proposal', { title, date: shownDue })}
      </p>
      <p className="hint">{t('tasks.periodFrom', { period: periodWords(language, proposal) })}</p>
      {proposal.example === true && <p className="hint">{t('tasks.proposalExample')}</p>}
      <div className="row wrap">
        <TextField
          label={t('tasks.eventDate')}
          type="date"
          max={today}
          {...field('eventDate')}
          testId="task-proposal-event"
        />
        <TextField label={t('tasks.dueDate')} type="date" {...field('dueDate')} testId="task-proposal-due" />
      </div>
      <div className="row wrap">
        <button type="submit" disabled={pending} data-testid="task-proposal-add">
          {t('tasks.proposalAdd')}
        </button>
        <button type="button" className="button-secondary" onClick={onDismiss} data-testid="task-proposal-dismiss">
          {t('tasks.proposalDismiss')}
        </button>
      </div>
    </form>
  );
}
