import type { RouteDeps } from '../../app.js';
import { appendAudit } from '../../audit/audit.js';
import { defineRoute, signedIn } from '../../http/route.js';
import { empty } from '../session/session.schema.js';
import { listUserSummaries } from './users.queries.js';
import { createUserBody, updateUserBody, userIdParams, userSummarySchema, usersListSchema } from './users.schema.js';
import { createUser, endUserSessions, resetFactor, updateUser } from './users.service.js';

const MANAGE = { kind: 'action', action: 'user.manage' } as const;

export function usersRoutes({ db, keyring, clock }: RouteDeps) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/users',
      summary: 'All staff accounts',
      tags: ['users'],
      access: MANAGE,
      response: usersListSchema,
      errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ENROLMENT_REQUIRED'],
      handler: async (context) => {
        const actor = signedIn(context);
        return db.transaction().execute(async (trx) => {
          const users = await listUserSummaries(trx, clock().toISOString());
          await appendAudit(
            trx,
            { actorId: actor.userId, action: 'user.list', objectType: null, objectId: null, outcome: 'success' },
            clock,
          );
          return { users };
        });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/users',
      summary: 'Create a staff account; the user sets up the second factor at first sign-in',
      tags: ['users'],
      access: MANAGE,
      body: createUserBody,
      response: userSummarySchema,
      successStatus: 201,
      errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ENROLMENT_REQUIRED', 'USERNAME_TAKEN', 'CSRF_REJECTED'],
      handler: async (context) => {
        const user = await createUser(db, keyring, signedIn(context).userId, context.body, clock);
        return {
          id: user.id,
          username: user.username,
          role: user.role,
          disabled: false,
          factorEnrolled: false,
          createdAt: user.created_at,
          activeSessions: 0,
        };
      },
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/users/:userId',
      summary: "Change a user's role or disable them (their sessions end)",
      tags: ['users'],
      access: MANAGE,
      params: userIdParams,
      body: updateUserBody,
      response: userSummarySchema,
      errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ENROLMENT_REQUIRED', 'NOT_FOUND', 'CONFLICT', 'CSRF_REJECTED'],
      handler: (context) => updateUser(db, signedIn(context).userId, context.params.userId, context.body, clock),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/users/:userId/factor-reset',
      summary: "Reset a user's second factor; they enrol again at next sign-in",
      tags: ['users'],
      access: MANAGE,
      params: userIdParams,
      response: empty,
      successStatus: 204,
      errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ENROLMENT_REQUIRED', 'NOT_FOUND', 'CSRF_REJECTED'],
      handler: async (context) => {
        await resetFactor(db, signedIn(context).userId, context.params.userId, clock);
        return undefined;
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/users/:userId/sessions',
      summary: "End all of a user's sessions",
      tags: ['users'],
      access: MANAGE,
      params: userIdParams,
      response: empty,
      successStatus: 204,
      errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'ENROLMENT_REQUIRED', 'NOT_FOUND', 'CSRF_REJECTED'],
      handler: async (context) => {
        await endUserSessions(db, signedIn(context).userId, context.params.userId, clock);
        return undefined;
      },
    }),
  ];
}
