import type { TFunction } from 'i18next';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '../../api/accounts.js';
import { en } from '../../i18n/en.js';
import { isAuditObjectType, purgeOf } from '../../../shared/audit-actions.js';

type ActionKey = keyof typeof en.auditActions;
type GroupKey = keyof typeof en.auditGroups;
type OutcomeKey = keyof typeof en.auditOutcomes;

/** `session.`, `user.`, …: the prefixes the action filter offers, in the order of first appearance. */
export const AUDIT_PREFIXES: readonly string[] = [...new Set(AUDIT_ACTIONS.map((a) => `${a.split('.')[0] ?? a}.`))];

// Message keys cannot hold dots (i18next reads them as nesting): `session.login` is `session_login`.
function keyOf(value: string): string {
  return value.replace(/\.$/, '').replace(/\./g, '_');
}

/** The localized name of an action, or undefined for one this version does not know. */
export function actionLabel(t: TFunction, action: string): string | undefined {
  const purge = purgeOf(action);
  if (purge !== undefined) {
    return `${t(`auditPurges.${purge.owner}`)}: ${t(`purgeReasons.${purge.reason}`)}`;
  }
  const key = keyOf(action);
  return Object.hasOwn(en.auditActions, key) ? t(`auditActions.${key as ActionKey}`) : undefined;
}

/** The localized name of an action group such as `session.`. */
export function groupLabel(t: TFunction, prefix: string): string {
  const key = keyOf(prefix);
  return Object.hasOwn(en.auditGroups, key) ? t(`auditGroups.${key as GroupKey}`) : prefix;
}

/** The localized outcome, or the stored text when it is not one of ours. */
export function outcomeLabel(t: TFunction, outcome: string): string {
  return (AUDIT_OUTCOMES as readonly string[]).includes(outcome)
    ? t(`auditOutcomes.${outcome as OutcomeKey}`)
    : outcome;
}

/** The localized name of an object type, or the stored text when it is not one of ours. */
export function objectTypeLabel(t: TFunction, objectType: string): string {
  return isAuditObjectType(objectType) ? t(`auditObjectTypes.${objectType}`) : objectType;
}
