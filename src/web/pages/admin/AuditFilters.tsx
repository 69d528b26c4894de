import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type UserSummary } from '../../api/accounts.js';
import { TextField } from '../../components/forms.js';
import { AUDIT_OBJECT_TYPES } from '../../../shared/audit-actions.js';
import { AUDIT_PREFIXES, actionLabel, groupLabel, objectTypeLabel, outcomeLabel } from './auditLabels.js';
import { NO_FILTERS, type AuditFilterValues } from './auditQuery.js';

const OTHER = '__other';
const LISTED: readonly string[] = [...AUDIT_PREFIXES, ...AUDIT_ACTIONS];

interface AuditFiltersProps {
  initial: AuditFilterValues;
  /** For the actor choice; empty while loading or when the list failed (then actor id is typed). */
  users: readonly UserSummary[] | null;
  onApply: (values: AuditFilterValues) => void;
}

/** The filter form. Its values live here until applied; the page keeps the applied ones in its address. */
export function AuditFilters({ initial, users, onApply }: AuditFiltersProps) {
  const { t } = useTranslation();
  const id = useId();
  const [values, setValues] = useState(initial);
  // An action that is not in the list (typed by hand, or from a link) shows in the free-text field.
  const [actionChoice, setActionChoice] = useState(
    initial.action === '' || LISTED.includes(initial.action) ? initial.action : OTHER,
  );

  function set(key: keyof AuditFilterValues, value: string) {
    setValues((v) => ({ ...v, [key]: value }));
  }

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(values);
  }

  function onReset() {
    setValues(NO_FILTERS);
    setActionChoice('');
    onApply(NO_FILTERS);
  }

  return (
    <form className="card form filters" onSubmit={onSubmit} aria-label={t('audit.filters')} data-testid="audit-filters">
      <div className="filter-grid">
        <div className="field">
          <label htmlFor={`${id}-action`}>{t('audit.action')}</label>
          <select
            id={`${id}-action`}
            value={actionChoice}
            onChange={(e) => {
              const choice = e.target.value;
              setActionChoice(choice);
              set('action', choice === OTHER ? '' : choice);
            }}
            data-testid="audit-action"
          >
            <option value="">{t('audit.anyAction')}</option>
            <optgroup label={t('audit.actionGroups')}>
              {AUDIT_PREFIXES.map((prefix) => (
                <option key={prefix} value={prefix}>
                  {groupLabel(t, prefix)}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('audit.actions')}>
              {AUDIT_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {actionLabel(t, action) ?? action}
                </option>
              ))}
            </optgroup>
            <option value={OTHER}>{t('audit.otherAction')}</option>
          </select>
        </div>
        {actionChoice === OTHER && (
          <TextField
            label={t('audit.actionText')}
            hint={t('audit.actionTextHint')}
            autoCapitalize="none"
            spellCheck={false}
            value={values.action}
            onChange={(e) => set('action', e.target.value)}
            testId="audit-action-text"
          />
        )}
        {users && users.length > 0 ? (
          <div className="field">
            <label htmlFor={`${id}-actor`}>{t('audit.actor')}</label>
            <select
              id={`${id}-actor`}
              value={values.actorId}
              onChange={(e) => set('actorId', e.target.value)}
              data-testid="audit-actor"
            >
              <option value="">{t('audit.anyActor')}</option>
              {users.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.username}
                </option>
              ))}
              {values.actorId !== '' && !users.some((u) => u.id === values.actorId) && (
                <option value={values.actorId}>{values.actorId}</option>
              )}
            </select>
          </div>
        ) : (
          <TextField
            label={t('audit.actorId')}
            autoCapitalize="none"
            spellCheck={false}
            value={values.actorId}
            onChange={(e) => set('actorId', e.target.value)}
            testId="audit-actor"
          />
        )}
        <div className="field">
          <label htmlFor={`${id}-object-type`}>{t('audit.objectType')}</label>
          <select
            id={`${id}-object-type`}
            value={values.objectType}
            onChange={(e) => set('objectType', e.target.value)}
            data-testid="audit-object-type"
          >
            <option value="">{t('audit.anyObjectType')}</option>
            {AUDIT_OBJECT_TYPES.map((type) => (
              <option key={type} value={type}>
                {objectTypeLabel(t, type)}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label={t('audit.objectId')}
          autoCapitalize="none"
          spellCheck={false}
          value={values.objectId}
          onChange={(e) => set('objectId', e.target.value)}
          testId="audit-object-id"
        />
        <div className="field">
          <label htmlFor={`${id}-outcome`}>{t('audit.outcome')}</label>
          <select
            id={`${id}-outcome`}
            value={values.outcome}
            onChange={(e) => set('outcome', e.target.value)}
            data-testid="audit-outcome"
          >
            <option value="">{t('audit.anyOutcome')}</option>
            {AUDIT_OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {outcomeLabel(t, outcome)}
              </option>
            ))}
            {values.outcome !== '' && !(AUDIT_OUTCOMES as readonly string[]).includes(values.outcome) && (
              <option value={values.outcome}>{values.outcome}</option>
            )}
          </select>
        </div>
        <TextField
          label={t('audit.from')}
          type="date"
          value={values.from}
          max={values.to || undefined}
          onChange={(e) => set('from', e.target.value)}
          testId="audit-from"
        />
        <TextField
          label={t('audit.to')}
          type="date"
          value={values.to}
          min={values.from || undefined}
          onChange={(e) => set('to', e.target.value)}
          testId="audit-to"
        />
      </div>
      <div className="button-row">
        <button type="submit" data-testid="audit-apply">
          {t('audit.apply')}
        </button>
        <button type="button" className="button-secondary" onClick={onReset} data-testid="audit-reset">
          {t('audit.reset')}
        </button>
      </div>
    </form>
  );
}
