import type { FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../app.js';
import { appendAudit } from '../../audit/audit.js';
import { deleteSessionByToken } from '../../auth/auth.queries.js';
import { clearSessionCookie, setSessionCookie } from '../../auth/guard.js';
import { idleExpiry } from '../../auth/sessions.js';
import { defineRoute, signedIn } from '../../http/route.js';
import { empty, loginBody, sessionStateSchema, setupBody, setupStatusSchema } from './session.schema.js';
import { completeSetup, login, setupNeeded } from './session.service.js';

function requestFacts(request: FastifyRequest, now: Date) {
  return { address: request.ip, userAgent: request.headers['user-agent'], now };
}

export function sessionRoutes({ db, keyring, clock, cookies }: RouteDeps) {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/session',
      summary: 'Sign in with username, password and second-factor code',
      tags: ['session'],
      access: { kind: 'public' },
      body: loginBody,
      response: sessionStateSchema,
      errors: ['INVALID_CREDENTIALS', 'RATE_LIMITED', 'CSRF_REJECTED'],
      handler: async ({ body, request, reply }) => {
        const signed = await login({ db, keyring }, body, requestFacts(request, clock()));
        setSessionCookie(reply, cookies, signed.session);
        return signed.state;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/session',
      summary: 'The signed-in user and their session',
      tags: ['session'],
      access: { kind: 'signed_in', duringEnrolment: true },
      response: sessionStateSchema,
      errors: ['UNAUTHENTICATED'],
      handler: (context) => {
        const actor = signedIn(context);
        return Promise.resolve({
          user: { id: actor.userId, username: actor.username, role: actor.role, factorEnrolled: actor.factorEnrolled },
          session: {
            id: actor.session.id,
            createdAt: actor.session.createdAt,
            expiresAt: actor.session.expiresAt,
            idleExpiresAt: idleExpiry(actor),
          },
          enrolmentRequired: actor.session.factorPending,
        });
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/session',
      summary: 'Sign out: the session ends on the server',
      tags: ['session'],
      access: { kind: 'signed_in', duringEnrolment: true },
      response: empty,
      successStatus: 204,
      errors: ['UNAUTHENTICATED', 'CSRF_REJECTED'],
      handler: async (context) => {
        const actor = signedIn(context);
        await db.transaction().execute(async (trx) => {
          await deleteSessionByToken(trx, actor.session.tokenHash);
          await appendAudit(
            trx,
            {
              actorId: actor.userId,
              action: 'session.logout',
              objectType: 'session',
              objectId: actor.session.id,
              outcome: 'success',
            },
            clock,
          );
        });
        clearSessionCookie(context.reply, cookies);
        return undefined;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/setup',
      summary: 'Whether this installation still needs its first administrator',
      tags: ['session'],
      access: { kind: 'public' },
      response: setupStatusSchema,
      errors: [],
      handler: async () => ({ needed: await setupNeeded(db) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/setup',
      summary: 'Create the first administrator with the setup token printed at start',
      tags: ['session'],
      access: { kind: 'public' },
      body: setupBody,
      response: sessionStateSchema,
      successStatus: 201,
      errors: ['INVALID_SETUP_TOKEN', 'SETUP_NOT_AVAILABLE', 'RATE_LIMITED', 'CSRF_REJECTED'],
      handler: async ({ body, request, reply }) => {
        const signed = await completeSetup({ db, keyring }, body, requestFacts(request, clock()));
        setSessionCookie(reply, cookies, signed.session);
        return signed.state;
      },
    }),
  ];
}
