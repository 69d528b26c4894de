import crypto from 'node:crypto';
import type { RouteDeps } from '../../app.js';
import { appendAudit } from '../../audit/audit.js';
import { GRANTABLE_ROLES } from '../../auth/access.js';
import { findUserById } from '../../auth/auth.queries.js';
import { AppError } from '../../http/errors.js';
import { defineRoute, signedIn } from '../../http/route.js';
import { empty } from '../session/session.schema.js';
import { endBreakGlassGrant, listBreakGlassGrants, openBreakGlass } from './break-glass.service.js';
import { deleteCaseGrant, insertCaseGrant, listCaseGrants } from './grants.queries.js';
import { requireCase } from '../cases/case-common.js';
import { insertEvent } from '../cases/cases.queries.js';
import { notify } from '../notifications/notify.js';
import type { Db } from '../../auth/auth.queries.js';

/** A change of who works on a case shows on its timeline: who gave or took it from whom, and when. */
async function grantEvent(
  trx: Db,
  change: { caseId: string; actorId: string; userId: string; detail: 'added' | 'removed'; at: string },
): Promise<void> {
  await insertEvent(trx, {
    id: crypto.randomUUID(),
    case_id: change.caseId,
    kind: 'grant',
    actor_id: change.actorId,
    target_user_id: change.userId,
    detail: change.detail,
    at: change.at,
  });
}
import {
  breakGlassBody,
  breakGlassIdParams,
  breakGlassListSchema,
  breakGlassOpened,
  caseGrantsSchema,
  caseIdParams,
  caseUserParams,
} from './grants.schema.js';

const GRANT = { kind: 'case', action: 'case.grant', param: 'caseId' } as const;

export function grantsRoutes(deps: RouteDeps) {
  const { db, clock } = deps;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/cases/:caseId/grants',
      summary: 'Who holds a grant on a case',
      tags: ['grants'],
      access: GRANT,
      params: caseIdParams,
      response: caseGrantsSchema,
      errors: ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED', 'NOT_FOUND'],
      handler: async ({ params }) => {
        await requireCase(db, params.caseId);
        return { grants: await listCaseGrants(db, params.caseId) };
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/cases/:caseId/grants/:userId',
      summary: 'Grant a caseworker, lawyer or coordinator access to a case',
      tags: ['grants'],
      access: GRANT,
      params: caseUserParams,
      response: empty,
      successStatus: 204,
      errors: ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED', 'NOT_FOUND', 'CONFLICT', 'CSRF_REJECTED'],
      handler: async (context) => {
        const actor = signedIn(context);
        const { caseId, userId } = context.params;
        await db.transaction().execute(async (trx) => {
          await requireCase(trx, caseId);
          const user = await findUserById(trx, userId);
          if (user?.disabled_at !== null) throw new AppError('NOT_FOUND', 'No such active user.');
          if (!GRANTABLE_ROLES.includes(user.role)) {
            throw new AppError('CONFLICT', 'Only caseworkers, lawyers and coordinators can hold a case grant.');
          }
          const at = clock().toISOString();
          if (
            await insertCaseGrant(trx, { case_id: caseId, user_id: userId, granted_by: actor.userId, granted_at: at })
          ) {
            await grantEvent(trx, { caseId, actorId: actor.userId, userId, detail: 'added', at });
            await notify(trx, {
              kind: 'case_assigned',
              objectType: 'case',
              objectId: caseId,
              userIds: [userId],
              actorId: actor.userId,
              at,
            });
            await appendAudit(
              trx,
              { actorId: actor.userId, action: 'grant.add', objectType: 'case', objectId: caseId, outcome: 'success' },
              clock,
            );
          }
        });
        return undefined;
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/cases/:caseId/grants/:userId',
      summary: "Revoke a user's grant on a case",
      tags: ['grants'],
      access: GRANT,
      params: caseUserParams,
      response: empty,
      successStatus: 204,
      errors: ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED', 'NOT_FOUND', 'CSRF_REJECTED'],
      handler: async (context) => {
        const actor = signedIn(context);
        const { caseId, userId } = context.params;
        await db.transaction().execute(async (trx) => {
          await requireCase(trx, caseId);
          if (!(await deleteCaseGrant(trx, caseId, userId)))
            throw new AppError('NOT_FOUND', 'That user holds no grant on this case.');
          await grantEvent(trx, {
            caseId,
            actorId: actor.userId,
            userId,
            detail: 'removed',
            at: clock().toISOString(),
          });
          await appendAudit(
            trx,
            { actorId: actor.userId, action: 'grant.remove', objectType: 'case', objectId: caseId, outcome: 'success' },
            clock,
          );
        });
        return undefined;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/break-glass',
      summary: 'Break-glass grants, for coordinators and administrators to watch',
      tags: ['grants'],
      access: { kind: 'action', action: 'break_glass.list' },
      response: breakGlassListSchema,
      errors: ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED', 'FORBIDDEN'],
      handler: async () => ({ grants: await listBreakGlassGrants(deps) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/break-glass',
      summary:
        'Open a time-limited, audited break-glass grant to read one case, named by its number or id (administrators)',
      tags: ['grants'],
      access: { kind: 'action', action: 'break_glass.open' },
      body: breakGlassBody,
      response: breakGlassOpened,
      successStatus: 201,
      errors: ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED', 'FORBIDDEN', 'NOT_FOUND', 'CSRF_REJECTED'],
      handler: (context) => openBreakGlass(deps, signedIn(context).userId, context.body),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/break-glass/:id',
      summary: 'End a break-glass grant early',
      tags: ['grants'],
      access: { kind: 'action', action: 'break_glass.open' },
      params: breakGlassIdParams,
      response: empty,
      successStatus: 204,
      errors: ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED', 'FORBIDDEN', 'NOT_FOUND', 'CSRF_REJECTED'],
      handler: async (context) => {
        await endBreakGlassGrant(deps, signedIn(context).userId, context.params.id);
        return undefined;
      },
    }),
  ];
}
