import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { apiPost } from '../../api/client.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { FormError, Notice, useSubmit } from '../../components/forms.js';
import { AssigneeField, assigneeOf } from './AssigneeSelect.js';
import {
  BULK_MAX,
  type BulkIntakeRequest,
  type BulkIntakeResult,
  type IntakeSummary,
  type Urgency,
} from './intakeTypes.js';
import { UrgencyField, useRequestName } from './IntakeBits.js';

/** What a bulk change did, with the requests not changed named as the reader knows them. */
interface Outcome {
  changed: number;
  failed: { id: string; code: BulkIntakeResult['failed'][number]['code']; name: string }[];
}

type Change = BulkIntakeRequest['change'];

interface BulkActionsProps {
  rows: readonly IntakeSummary[];
  selected: ReadonlySet<string>;
  onSelectAll: (on: boolean) => void;
  /** After a change went through (for some or all): the queue is loaded again and the selection cleared. */
  onChanged: () => void;
}

/**
 * One change to the selected requests: set their urgency, have them wait for
 * someone, or decline them as spam (asked first). Says how many changed and,
 * for each one that did not, which and why.
 */
export function BulkActions({ rows, selected, onSelectAll, onChanged }: BulkActionsProps) {
  const { t } = useTranslation();
  const requestName = useRequestName();
  const [urgency, setUrgency] = useState<Urgency>('high');
  const [assignee, setAssignee] = useState('none');
  const [result, setResult] = useState<Outcome | null>(null);
  const { pending, failure, run } = useSubmit();
  const ids = rows.filter((row) => selected.has(row.id)).map((row) => row.id);
  const none = ids.length === 0;
  const allShown = rows.length > 0 && ids.length === rows.length;

  async function apply(change: Change) {
    setResult(null);
    const done = await run(async () => {
      const merged: BulkIntakeResult = { changed: [], failed: [] };
      for (let at = 0; at < ids.length; at += BULK_MAX) {
        const part = await apiPost<BulkIntakeResult>('/api/intake/bulk', { ids: ids.slice(at, at + BULK_MAX), change });
        merged.changed.push(...part.changed);
        merged.failed.push(...part.failed);
      }
      return merged;
    });
    if (done === undefined) return;
    // Named now: a request that was not changed may be gone from the queue once it is loaded again.
    const named = done.failed.map(({ id, code }) => {
      const row = rows.find((r) => r.id === id);
      return { id, code, name: row === undefined ? '' : requestName(row) };
    });
    setResult({ changed: done.changed.length, failed: named });
    onChanged();
  }

  // The outcome stays when the change emptied the list (the requests left a filter they no longer match).
  if (rows.length === 0 && result === null) return null;
  return (
    <section className="stack" aria-labelledby="triage-bulk-heading" data-testid="triage-bulk">
      <h3 id="triage-bulk-heading">{t('triage.bulkHeading', { n: ids.length })}</h3>
      <FormError failure={failure} testId="triage-bulk-error" />
      {result && (
        <div data-testid="triage-bulk-result">
          <Notice>{t('triage.bulkDone', { n: result.changed })}</Notice>
          {result.failed.length > 0 && (
            <div className="alert" role="alert" data-testid="triage-bulk-failed">
              <p>{t('triage.bulkFailed', { n: result.failed.length })}</p>
              <ul>
                {result.failed.map((failed) => (
                  <li key={failed.id}>
                    {t('triage.bulkFailure', { request: failed.name, why: t(`triage.bulkFailures.${failed.code}`) })}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
      {rows.length > 0 && (
        <>
          <div className="checkbox">
            <input
              id="triage-select-all"
              type="checkbox"
              checked={allShown}
              onChange={(e) => onSelectAll(e.target.checked)}
              data-testid="triage-select-all"
            />
            <label htmlFor="triage-select-all">{t('triage.selectAll')}</label>
          </div>
          <div className="filter-grid">
            <BulkForm
              submitLabel={t('triage.bulkApply')}
              disabled={pending || none}
              testId="triage-bulk-urgency-apply"
              onSubmit={() => void apply({ kind: 'urgency', urgency })}
            >
              <UrgencyField
                label={t('triage.bulkUrgency')}
                value={urgency}
                onChange={(e) => setUrgency(e.target.value as Urgency)}
                testId="triage-bulk-urgency"
              />
            </BulkForm>
            <BulkForm
              submitLabel={t('triage.assign')}
              disabled={pending || none}
              testId="triage-bulk-assign-apply"
              onSubmit={() => void apply({ kind: 'assign', assigneeId: assigneeOf(assignee) })}
            >
              <AssigneeField
                label={t('triage.assignTo')}
                value={assignee}
                onChange={(e) => setAssignee(e.target.value)}
                testId="triage-bulk-assignee"
              />
            </BulkForm>
            <div className="form-actions">
              <ConfirmButton
                label={t('triage.bulkSpam')}
                question={t('triage.bulkSpamQuestion', { n: ids.length })}
                confirmLabel={t('triage.bulkSpam')}
                danger
                disabled={pending || none}
                testId="triage-bulk-spam"
                onConfirm={() => void apply({ kind: 'decline', reason: 'spam' })}
              />
            </div>
          </div>
        </>
      )}
    </section>
  );
}

/** One bulk change: its picker and the button that applies it to the selection. */
function BulkForm({
  submitLabel,
  disabled,
  testId,
  onSubmit,
  children,
}: {
  submitLabel: string;
  disabled: boolean;
  testId: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
      <div className="form-actions">
        <button type="submit" disabled={disabled} data-testid={testId}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
