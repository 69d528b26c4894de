import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { createTaskBody, updateTaskBody } from '../../../shared/cases.schema.js';
import type { CaseDetail, CaseTask } from '../../api/cases.js';
import { apiPatch, apiPost } from '../../api/client.js';
import { useInvalidate } from '../../api/query.js';
import { useSession } from '../../auth/AuthContext.js';
import { FormError, SelectField, TextField, useSchemaForm, useSubmit } from '../../components/forms.js';
import { ProposedTasks } from './ProposedTasks.js';
import { useDateFormat } from '../../components/format.js';

interface TasksSectionProps {
  detail: CaseDetail;
  onChanged: () => void;
  /** Reading only (an administrator through break-glass): no forms that the server would refuse. */
  readOnly?: boolean;
}

// The endpoint's own schema; an empty date input is a missing due date (worded "fill in"), not a malformed one.
const taskForm = createTaskBody.extend({
  dueDate: z.preprocess((value) => (value === '' ? undefined : value), createTaskBody.shape.dueDate),
});

/** After a change: the case page and the lists that show its tasks. */
function useTasksChanged(detail: CaseDetail, onChanged: () => void) {
  const invalidate = useInvalidate();
  return async () => {
    onChanged();
    await invalidate('/api/me/work', `/api/cases/${detail.id}`);
  };
}

/** Those a task may be given to from here: me, and the people the case is granted to. */
function useAssignees(detail: CaseDetail) {
  const { user } = useSession();
  const others = detail.assignees.filter((a) => a.userId !== user.id);
  return [{ userId: user.id, username: user.username, me: true }, ...others.map((a) => ({ ...a, me: false }))];
}

/** The tasks of a case: who has each, by when, done by whom; a form to add one; proposals from the law. */
export function TasksSection({ detail, onChanged, readOnly = false }: TasksSectionProps) {
  const { t } = useTranslation();
  const changed = useTasksChanged(detail, onChanged);
  const toggle = useSubmit();
  async function setDone(task: CaseTask, done: boolean) {
    const ok = await toggle.run(() => apiPatch(`/api/cases/${detail.id}/tasks/${task.id}`, { done }).then(() => true));
    if (ok) await changed();
  }
  return (
    <section className="card" aria-labelledby="case-tasks-heading">
      <h2 id="case-tasks-heading">{t('tasks.heading')}</h2>
      {!readOnly && <ProposedTasks detail={detail} onAdded={changed} />}
      <FormError failure={toggle.failure} testId="task-toggle-error" />
      {detail.tasks.length === 0 && <p className="muted">{t('tasks.none')}</p>}
      <ul className="stack">
        {detail.tasks.map((task) => (
          <TaskRow
            key={task.id}
            detail={detail}
            task={task}
            readOnly={readOnly}
            busy={toggle.pending}
            onDone={(done) => void setDone(task, done)}
            onChanged={changed}
          />
        ))}
      </ul>
      {!readOnly && <AddTaskForm detail={detail} onAdded={changed} />}
    </section>
  );
}

interface TaskRowProps {
  detail: CaseDetail;
  task: CaseTask;
  readOnly: boolean;
  busy: boolean;
  onDone: (done: boolean) => void;
  onChanged: () => Promise<void>;
}

function TaskRow({ detail, task, readOnly, busy, onDone, onChanged }: TaskRowProps) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const [editing, setEditing] = useState(false);
  const done = task.doneAt !== null;
  return (
    <li data-testid="task-row" data-done={done} data-overdue={task.overdue}>
      <label>
        <input
          type="checkbox"
          checked={done}
          disabled={readOnly || busy}
          onChange={(event) => onDone(event.target.checked)}
        />
        <span className={done ? 'task-done' : undefined}>{task.title}</span>
      </label>
      <span className="muted">
        {' · '}
        {t('tasks.assignee')}: <span data-testid="task-assignee">{task.assigneeUsername ?? t('tasks.nobody')}</span>
        {' · '}
        {task.dueDate === null ? (
          t('tasks.noDueDate')
        ) : (
          <span data-testid="task-due-date">{t('tasks.dueOn', { date: format.date(task.dueDate) })}</span>
        )}
      </span>
      {task.overdue && (
        <span className="badge badge-warn" data-testid="task-overdue">
          {t('tasks.overdue')}
        </span>
      )}
      {done && (
        <p className="muted" data-testid="task-done-by">
          {t('tasks.doneBy', { who: task.doneByUsername ?? t('tasks.someone'), when: format.dateTime(task.doneAt) })}
        </p>
      )}
      {!readOnly && !done && !editing && (
        <button type="button" className="button-secondary" onClick={() => setEditing(true)} data-testid="task-edit">
          {t('tasks.change')}
        </button>
      )}
      {editing && (
        <EditTaskForm
          detail={detail}
          task={task}
          onClose={() => setEditing(false)}
          onSaved={async () => {
            setEditing(false);
            await onChanged();
          }}
        />
      )}
    </li>
  );
}

/** The options of an assignee picker: me first, then the others the case is granted to. */
function AssigneeOptions({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  return useAssignees(detail).map((a) => (
    <option key={a.userId} value={a.userId}>
      {a.me ? t('tasks.me', { username: a.username }) : a.username}
    </option>
  ));
}

// The change a task takes from here: its due day and its assignee, on the endpoint's own schema.
const editForm = z.object({ dueDate: taskForm.shape.dueDate, assigneeId: updateTaskBody.shape.assigneeId });

/** Reassigns a task or moves its due date. */
function EditTaskForm({
  detail,
  task,
  onClose,
  onSaved,
}: {
  detail: CaseDetail;
  task: CaseTask;
  onClose: () => void;
  onSaved: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const { field, formProps, pending, failure, run } = useSchemaForm(editForm, {
    dueDate: task.dueDate ?? '',
    assigneeId: task.assigneeId ?? undefined,
  });
  const save = async (body: z.output<typeof editForm>) => {
    const saved = await run(() => apiPatch(`/api/cases/${detail.id}/tasks/${task.id}`, body).then(() => true));
    if (saved) await onSaved();
  };
  return (
    <form className="row wrap" aria-label={t('tasks.changeHeading', { title: task.title })} {...formProps(save)}>
      <FormError failure={failure} testId="task-edit-error" />
      <TextField label={t('tasks.dueDate')} type="date" {...field('dueDate')} testId="task-edit-due" />
      <SelectField label={t('tasks.assignee')} {...field('assigneeId')} testId="task-edit-assignee">
        <AssigneeOptions detail={detail} />
      </SelectField>
      <button type="submit" disabled={pending} data-testid="task-edit-save">
        {t('tasks.save')}
      </button>
      <button type="button" className="button-secondary" onClick={onClose}>
        {t('tasks.cancel')}
      </button>
    </form>
  );
}

function AddTaskForm({ detail, onAdded }: { detail: CaseDetail; onAdded: () => Promise<void> }) {
  const { t } = useTranslation();
  const me = useSession().user.id;
  const { form, field, formProps, pending, failure, run } = useSchemaForm(taskForm, {
    title: '',
    dueDate: '',
    assigneeId: me,
  });
  const add = async (body: z.output<typeof taskForm>) => {
    const created = await run(() => apiPost(`/api/cases/${detail.id}/tasks`, body).then(() => true));
    if (created) {
      form.reset({ title: '', dueDate: '', assigneeId: me });
      await onAdded();
    }
  };
  return (
    <form className="row wrap" aria-label={t('tasks.addHeading')} {...formProps(add)}>
      <FormError failure={failure} testId="task-error" />
      <TextField label={t('tasks.title')} maxLength={200} {...field('title')} testId="task-title" />
      <TextField label={t('tasks.dueDate')} type="date" {...field('dueDate')} testId="task-due" />
      <SelectField label={t('tasks.assignee')} {...field('assigneeId')} testId="task-assignee-select">
        <AssigneeOptions detail={detail} />
      </SelectField>
      <button type="submit" disabled={pending} data-testid="task-submit">
        {t('tasks.add')}
      </button>
    </form>
  );
}
