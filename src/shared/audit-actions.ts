/**
 * Every action the audit log records: the one list the server writes with
 * (`appendAudit` takes only these) and the audit viewer offers and words
 * (src/web/pages/admin/auditLabels.ts; en-admin.ts must label every one, in
 * both languages, or the web app does not compile). Adding an action: add it
 * here, then its label in en-admin.ts and ru-admin.ts.
 */

/** Why a record was purged: a fixed list, since the audit log holds no free text. */
export const PURGE_REASONS = ['requester_request', 'safety', 'retention', 'duplicate', 'entered_in_error'] as const;
export type PurgeReason = (typeof PURGE_REASONS)[number];
/** The owners of data keys a purge destroys, each with its own `<owner>.purge.<reason>` actions. */
export const PURGE_OWNERS = ['case', 'intake', 'person', 'system'] as const;
export type PurgeOwner = (typeof PURGE_OWNERS)[number];

const RECORDED = [
  'session.login',
  'session.login_failed',
  'session.logout',
  'session.revoke',
  'session.revoke_others',
  'session.renew',
  'setup.complete',
  'setup.failed',
  'user.create',
  'user.update',
  'user.disable',
  'user.enable',
  'user.role_change',
  'user.factor_reset',
  'user.sessions_revoke',
  'user.list',
  'user.manage',
  'totp.enrol',
  'totp.enrol_failed',
  'recovery_codes.regenerate',
  'recovery_codes.regenerate_failed',
  'password.change',
  'password.change_failed',
  'grant.add',
  'grant.remove',
  'break_glass.open',
  'break_glass.end',
  'break_glass.list',
  'audit.read',
  'audit.export',
  'audit.checkpoint',
  'intake.create',
  'intake.follow_up',
  'intake.read',
  'intake.update',
  'intake.decline',
  'intake.assign',
  'intake.triage',
  'intake.work',
  'case.create',
  'case.read',
  'case.list',
  'case.list_all',
  'case.my_work',
  'case.update',
  'case.write',
  'case.grant',
  'case.stage',
  'case.outcome',
  'case.close',
  'case.reopen',
  'case.note',
  'case.timeline',
  'case.task_create',
  'case.task_update',
  'case.attach_intake',
  'person.create',
  'person.read',
  'person.write',
  'person.update',
  'person.link',
  'person.unlink',
  'person.merge',
  'person.duplicates',
  'vocabulary.create',
  'vocabulary.update',
  'vocabulary.retire',
  'vocabulary.unretire',
  'vocabulary.edit',
  'vocabulary.transition_add',
  'vocabulary.transition_remove',
  'statistics.read',
  'api_token.create',
  'api_token.revoke',
  'api_token.manage',
  'search.run',
  'keys.rotate',
  'backup.create',
  'backup.restore',
  'notification.list',
  'dashboard.work',
  'dashboard.coordination',
  'saved_filter.create',
  'saved_filter.delete',
  'incident.create',
  'incident.read',
  'incident.update',
  'incident.list',
  'incident.link',
  'incident.unlink',
  'incident.record',
  'incident.analyse',
  'incident.purge_people',
  'incident.merge_people',
  'source.create',
  'source.read',
  'source.update',
  'source.merge_people',
  'source.list',
  'source.link',
  'unit.import',
  'evidence.upload',
  'evidence.list',
  'evidence.view',
  'evidence.view_original',
  'evidence.download',
  'evidence.export',
  'evidence.custody',
  'statistics.settings',
  'statistics.publish',
  'statistics.export',
] as const;

/** What an entry's object id names; the viewer words each type and links the ones a page shows. */
export const AUDIT_OBJECT_TYPES = [
  'session',
  'user',
  'case',
  'person',
  'intake',
  'incident',
  'source',
  'term',
  'api_token',
  'backup',
  'master_key',
  'audit_log',
  'saved_filter',
  'system',
  'evidence',
] as const;
export type AuditObjectType = (typeof AUDIT_OBJECT_TYPES)[number];

/** Actions written as they are named; the viewer labels each one. */
export type RecordedAction = (typeof RECORDED)[number];
/** `case.purge.safety` and the like: the viewer words them from the owner and the reason. */
export type PurgeAction = `${PurgeOwner}.purge.${PurgeReason}`;
const PURGES = PURGE_OWNERS.flatMap((owner) => PURGE_REASONS.map((reason): PurgeAction => `${owner}.purge.${reason}`));

export type AuditAction = RecordedAction | PurgeAction;
export const AUDIT_ACTIONS: readonly AuditAction[] = [...RECORDED, ...PURGES];

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}

export function isAuditObjectType(value: string): value is AuditObjectType {
  return (AUDIT_OBJECT_TYPES as readonly string[]).includes(value);
}

/** The owner and reason of a purge action; undefined for every other action. */
export function purgeOf(action: string): { owner: PurgeOwner; reason: PurgeReason } | undefined {
  const [owner, purge, reason] = action.split('.');
  const owners: readonly string[] = PURGE_OWNERS;
  const reasons: readonly string[] = PURGE_REASONS;
  if (purge !== 'purge' || owner === undefined || reason === undefined) return undefined;
  if (!owners.includes(owner) || !reasons.includes(reason)) return undefined;
  return { owner: owner as PurgeOwner, reason: reason as PurgeReason };
}
