import { useId, type SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/query.js';
import { useSession } from '../../auth/AuthContext.js';
import type { IntakeAssignees } from './intakeTypes.js';

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children'>;

/**
 * Who a request can wait for, as a <select> of usernames with their role
 * (the signed-in user first, as "Me"): from GET /api/intake/assignees, fetched
 * once for every picker on the page. `none` is the value of "no one";
 * `anyChoice` adds an empty first choice for a filter.
 */
export function AssigneeSelect({
  anyChoice = false,
  testId,
  ...select
}: SelectProps & { anyChoice?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { data } = useApiQuery<IntakeAssignees>('/api/intake/assignees', { staleTime: 60_000 });
  const users = [...(data?.users ?? [])].sort((a, b) => Number(b.id === user.id) - Number(a.id === user.id));
  return (
    <select data-testid={testId} aria-busy={data ? undefined : true} {...select}>
      {anyChoice && <option value="">{t('triage.anyone')}</option>}
      <option value="none">{t('triage.nobody')}</option>
      {users.map((u) => (
        <option key={u.id} value={u.id}>
          {u.id === user.id ? t('triage.me') : `${u.username} (${t(`roles.${u.role}`)})`}
        </option>
      ))}
    </select>
  );
}

/** The body's assignee for a picker's value: null for "no one". */
export function assigneeOf(value: string): string | null {
  return value === 'none' || value === '' ? null : value;
}

/** The picker with its label, as a form field. */
export function AssigneeField({
  label,
  ...select
}: SelectProps & { label: string; anyChoice?: boolean; testId?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <AssigneeSelect id={id} {...select} />
    </div>
  );
}
