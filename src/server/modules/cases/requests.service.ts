import type { Subject } from '../../auth/access.js';
import { appendAudit } from '../../audit/audit.js';
import { CASE_REQUESTS_LIMIT, type CaseRequests } from '../../../shared/cases.schema.js';
import { openIntakeText } from '../intake/intake.service.js';
import type { CaseDeps } from './case-common.js';
import { caseWork } from './case-work.js';

/**
 * The requests a case was opened from or that were attached to it, opened:
 * the requester's handle, contact and story, for those who may read the case
 * (its grantees, coordinators, an administrator under break-glass). Each
 * request opened is audited as `intake.read`, as the request page does.
 */
export async function caseRequests(deps: CaseDeps, actor: Subject, caseId: string): Promise<CaseRequests> {
  return caseWork(deps, actor, caseId, 'case.read', async ({ trx, q }) => {
    const rows = await q.caseIntakeRows(caseId, CASE_REQUESTS_LIMIT);
    const shown = rows.slice(0, CASE_REQUESTS_LIMIT);
    const requests: CaseRequests['requests'] = [];
    for (const row of shown) {
      const opened = await openIntakeText({ db: trx, keyring: deps.keyring }, row.id);
      requests.push({
        id: row.id,
        channel: row.channel,
        requesterRole: row.requester_role,
        urgency: row.urgency,
        groupSize: row.group_size,
        region: row.region,
        submittedAt: row.created_at,
        handle: opened.handle,
        contact: opened.contact,
        text: opened.text,
        followUps: opened.messages,
      });
      await appendAudit(
        trx,
        { actorId: actor.userId, action: 'intake.read', objectType: 'intake', objectId: row.id, outcome: 'success' },
        deps.clock,
      );
    }
    return { requests, more: rows.length > CASE_REQUESTS_LIMIT };
  });
}
