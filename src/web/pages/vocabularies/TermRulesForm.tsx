import { useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  PROPOSAL_TITLE_MAX,
  PROPOSALS_MAX,
  proposalsOf,
  proposedTaskSchema,
  type ProposedTask,
} from '../../../shared/task-deadlines.js';
import { allowsOutcome, type Term, type TermAttributes } from '../../../shared/vocabularies.js';
import { Options, SelectField, TextField, useSchemaForm } from '../../components/forms.js';

const PERIOD_UNITS = ['days', 'months'] as const;

/** A proposal as the form holds it: one period and its unit, instead of two exclusive fields. */
function toProposal(row: { titleRu: string; titleEn: string; period: number; unit: string; example: boolean }) {
  const period = row.unit === 'months' ? { dueInMonths: row.period } : { dueInDays: row.period };
  return { titleRu: row.titleRu, titleEn: row.titleEn, ...period, ...(row.example ? { example: true } : {}) };
}

// Each row is checked by the shared schema the server checks with; a period it refuses is worded by unit.
const ruleRow = z
  .object({
    titleRu: proposedTaskSchema.shape.titleRu,
    titleEn: proposedTaskSchema.shape.titleEn,
    period: z.number().int(),
    unit: z.enum(PERIOD_UNITS),
    example: z.boolean(),
  })
  .superRefine((row, ctx) => {
    const checked = proposedTaskSchema.safeParse(toProposal(row));
    const periodWrong = checked.error?.issues.some((issue) => String(issue.path[0]).startsWith('due'));
    if (periodWrong === true) {
      const message = row.unit === 'months' ? 'vocabularies.rules.monthsRange' : 'vocabularies.rules.daysRange';
      ctx.addIssue({ code: 'custom', path: ['period'], message });
    }
  });
const rulesForm = z.object({
  allowsOutcome: z.boolean(),
  tasks: z.array(ruleRow).max(PROPOSALS_MAX),
});
type RulesInput = z.input<typeof rulesForm>;

/** What the form sends: only the rules it edits, on the term's attributes as they are when saved. */
export type RuleChanges = TermAttributes;

interface TermRulesFormProps {
  term: Term;
  pending: boolean;
  onSave: (changes: RuleChanges) => Promise<void>;
  onCancel: () => void;
}

/**
 * A stage's or outcome's rules as data: whether a case at the stage may have
 * its outcome recorded, and the tasks it proposes, each due some days or
 * months after the event (an appeal within one month of the decision).
 */
export function TermRulesForm({ term, pending, onSave, onCancel }: TermRulesFormProps) {
  const { t } = useTranslation();
  const stage = term.vocabulary === 'stage';
  const { form, field, formProps } = useSchemaForm(rulesForm, {
    allowsOutcome: allowsOutcome(term),
    tasks: proposalsOf(term.attributes).map(toRow),
  });
  const tasks = useFieldArray({ control: form.control, name: 'tasks' });
  const save = async (values: z.output<typeof rulesForm>) => {
    const proposals: ProposedTask[] = values.tasks.map(toProposal);
    await onSave({
      proposedTasks: proposals.length > 0 ? proposals : null,
      ...(stage ? { allowsOutcome: values.allowsOutcome ? true : null } : {}),
    });
  };
  return (
    <form className="form" {...formProps(save)} aria-busy={pending} data-testid="vocab-rules-form">
      {stage && (
        <div className="checkbox">
          <input
            id={`rules-outcome-${term.id}`}
            type="checkbox"
            {...form.register('allowsOutcome')}
            data-testid="vocab-rules-outcome"
          />
          <label htmlFor={`rules-outcome-${term.id}`}>{t('vocabularies.rules.allowsOutcome')}</label>
        </div>
      )}
      <fieldset className="stack">
        <legend>{t('vocabularies.rules.proposedTasks')}</legend>
        {tasks.fields.length === 0 && <p className="muted">{t('vocabularies.rules.noTasks')}</p>}
        {tasks.fields.map((row, index) => (
          <div key={row.id} className="row wrap" data-testid="vocab-rules-task">
            <TextField
              label={t('vocabularies.rules.titleRu')}
              maxLength={PROPOSAL_TITLE_MAX}
              {...field(`tasks.${index}.titleRu`)}
              testId={`vocab-rules-title-ru-${String(index)}`}
            />
            <TextField
              label={t('vocabularies.rules.titleEn')}
              maxLength={PROPOSAL_TITLE_MAX}
              {...field(`tasks.${index}.titleEn`)}
              testId={`vocab-rules-title-en-${String(index)}`}
            />
            <TextField
              label={t('vocabularies.rules.period')}
              type="number"
              min={0}
              {...field(`tasks.${index}.period`, { valueAsNumber: true })}
              testId={`vocab-rules-period-${String(index)}`}
            />
            <SelectField
              label={t('vocabularies.rules.unit')}
              {...field(`tasks.${index}.unit`)}
              testId={`vocab-rules-unit-${String(index)}`}
            >
              <Options values={PERIOD_UNITS} label={(unit) => t(`vocabularies.rules.units.${unit}`)} />
            </SelectField>
            <div className="checkbox">
              <input id={`rules-example-${row.id}`} type="checkbox" {...form.register(`tasks.${index}.example`)} />
              <label htmlFor={`rules-example-${row.id}`}>{t('vocabularies.rules.example')}</label>
            </div>
            <button
              type="button"
              className="button-secondary"
              onClick={() => tasks.remove(index)}
              data-testid="vocab-rules-remove"
            >
              {t('vocabularies.rules.remove')}
            </button>
          </div>
        ))}
        {tasks.fields.length < PROPOSALS_MAX && (
          <button
            type="button"
            className="button-secondary"
            onClick={() => tasks.append({ titleRu: '', titleEn: '', period: 30, unit: 'days', example: false })}
            data-testid="vocab-rules-add"
          >
            {t('vocabularies.rules.add')}
          </button>
        )}
      </fieldset>
      <div className="form-actions">
        <button type="submit" disabled={pending} data-testid="vocab-rules-save">
          {pending ? t('common.saving') : t('vocabularies.save')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function toRow(proposal: ProposedTask): RulesInput['tasks'][number] {
  return {
    titleRu: proposal.titleRu,
    titleEn: proposal.titleEn,
    period: proposal.dueInMonths ?? proposal.dueInDays ?? 0,
    unit: proposal.dueInMonths === undefined ? 'days' : 'months',
    example: proposal.example === true,
  };
}
