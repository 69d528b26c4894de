import { useId, useState, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/forms.js';

type FirstTaskField = 'firstTask.title' | 'firstTask.dueDate';

interface FirstTaskFieldsProps {
  /** useSchemaForm's `field` over the create-case schema. */
  field: (
    name: FirstTaskField,
    options?: { shouldUnregister: boolean },
  ) => Omit<ComponentProps<typeof TextField>, 'label'>;
  /** Called when the coordinator turns the task off: the form then sends none. */
  onDrop: () => void;
}

/**
 * The first task proposed on a case opened from a request: what to do and by
 * which day, for the first person the case is given to (shown once someone
 * is chosen). Prefilled and editable; a checkbox takes it off the form.
 */
export function FirstTaskFields({ field, onDrop }: FirstTaskFieldsProps) {
  const { t } = useTranslation();
  const id = useId();
  const [on, setOn] = useState(true);
  return (
    <fieldset className="field" data-testid="case-new-first-task">
      <legend>{t('caseFromRequest.firstTask')}</legend>
      <div className="checkbox">
        <input
          id={id}
          type="checkbox"
          checked={on}
          onChange={(e) => {
            setOn(e.target.checked);
            if (!e.target.checked) onDrop();
          }}
          data-testid="case-new-first-task-on"
        />
        <label htmlFor={id}>{t('caseFromRequest.firstTaskOn')}</label>
      </div>
      {on && (
        <>
          <p className="hint">{t('caseFromRequest.firstTaskHint')}</p>
          <TextField
            label={t('caseFromRequest.firstTaskTitle')}
            maxLength={200}
            // Proposed in the field, not the form's defaults: a task never shown is never sent.
            defaultValue={t('caseFromRequest.firstTaskProposed')}
            {...field('firstTask.title', { shouldUnregister: true })}
            testId="case-new-first-task-title"
          />
          <TextField
            label={t('caseFromRequest.firstTaskDue')}
            type="date"
            defaultValue={proposedDueDate()}
            {...field('firstTask.dueDate', { shouldUnregister: true })}
            testId="case-new-first-task-due"
          />
        </>
      )}
    </fieldset>
  );
}

/** The due day proposed for the first task: in three days (the reader's calendar day). */
export function proposedDueDate(now: Date = new Date()): string {
  const due = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 3);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(due.getFullYear())}-${pad(due.getMonth() + 1)}-${pad(due.getDate())}`;
}
