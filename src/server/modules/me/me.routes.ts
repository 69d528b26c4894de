import type { RouteDeps } from '../../app.js';
import { appendAudit } from '../../audit/audit.js';
import { deleteUserSession, deleteUserSessions, listUserSessions } from '../../auth/auth.queries.js';
import { setSessionCookie } from '../../auth/guard.js';
import { defineRoute, signedIn } from '../../http/route.js';
import { AppError } from '../../http/errors.js';
import {
  codeBody,
  empty,
  mySessionsSchema,
  passwordBody,
  recoveryCodesSchema,
  sessionIdParams,
  totpConfirmSchema,
  totpEnrolmentSchema,
} from '../session/session.schema.js';
import { sessionState } from '../session/session.service.js';
import { changePassword, confirmEnrolment, regenerateRecoveryCodes, startEnrolment } from './me.service.js';

export function meRoutes({ db, keyring, clock, cookies }: RouteDeps) {
  const deps = { db, keyring };
  return [
    defineRoute({
      method: 'POST',
      url: '/api/me/totp',
      summary: 'Start enrolling a TOTP second factor (only while enrolment is required)',
      tags: ['me'],
      access: { kind: 'signed_in', duringEnrolment: true },
      response: totpEnrolmentSchema,
      errors: ['UNAUTHENTICATED', 'CONFLICT', 'CSRF_REJECTED'],
      handler: (context) => startEnrolment(db, keyring, signedIn(context), clock()),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/me/totp/confirm',
      summary:
        'Confirm the TOTP factor with a first code; the session is renewed (new cookie) and ten recovery codes are returned, shown once',
      tags: ['me'],
      access: { kind: 'signed_in', duringEnrolment: true },
      body: codeBody,
      response: totpConfirmSchema,
      errors: ['UNAUTHENTICATED', 'INVALID_CODE', 'CONFLICT', 'RATE_LIMITED', 'CSRF_REJECTED'],
      handler: async (context) => {
        const enrolled = await confirmEnrolment(deps, signedIn(context), context.body.code, {
          now: clock(),
          userAgent: context.request.headers['user-agent'],
        });
        setSessionCookie(context.reply, cookies, enrolled.session);
        return {
          recoveryCodes: enrolled.recoveryCodes,
          session: sessionState(enrolled.user, enrolled.session, false),
        };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/me/recovery-codes',
      summary: 'Replace my recovery codes, after a current TOTP code',
      tags: ['me'],
      access: { kind: 'signed_in' },
      body: codeBody,
      response: recoveryCodesSchema,
      errors: ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED', 'INVALID_CODE', 'RATE_LIMITED', 'CSRF_REJECTED'],
      handler: async (context) => ({
        recoveryCodes: await regenerateRecoveryCodes(deps, signedIn(context), context.body.code, clock()),
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/me/password',
      summary: 'Change my password; my other sessions end',
      tags: ['me'],
      access: { kind: 'signed_in' },
      body: passwordBody,
      response: empty,
      successStatus: 204,
      errors: ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED', 'RATE_LIMITED', 'CSRF_REJECTED'],
      handler: async (context) => {
        const actor = signedIn(context);
        await changePassword(deps, { userId: actor.userId, tokenHash: actor.session.tokenHash }, context.body, clock());
        return undefined;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/me/sessions',
      summary: 'My sessions',
      tags: ['me'],
      access: { kind: 'signed_in' },
      response: mySessionsSchema,
      errors: ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED'],
      handler: async (context) => {
        const actor = signedIn(context);
        const rows = await listUserSessions(db, actor.userId);
        return {
          sessions: rows.map((row) => ({
            id: row.id,
            createdAt: row.created_at,
            lastSeenAt: row.last_seen_at,
            userAgent: row.user_agent,
            current: row.token_hash === actor.session.tokenHash,
          })),
        };
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/me/sessions/:sessionId',
      summary: 'End one of my sessions',
      tags: ['me'],
      access: { kind: 'signed_in' },
      params: sessionIdParams,
      response: empty,
      successStatus: 204,
      errors: ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED', 'NOT_FOUND', 'CSRF_REJECTED'],
      handler: async (context) => {
        const actor = signedIn(context);
        await db.transaction().execute(async (trx) => {
          if (!(await deleteUserSession(trx, actor.userId, context.params.sessionId))) throw new AppError('NOT_FOUND');
          await appendAudit(
            trx,
            {
              actorId: actor.userId,
              action: 'session.revoke',
              objectType: 'session',
              objectId: context.params.sessionId,
              outcome: 'success',
            },
            clock,
          );
        });
        return undefined;
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/me/sessions',
      summary: 'End all my sessions but this one',
      tags: ['me'],
      access: { kind: 'signed_in' },
      response: empty,
      successStatus: 204,
      errors: ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED', 'CSRF_REJECTED'],
      handler: async (context) => {
        const actor = signedIn(context);
        await db.transaction().execute(async (trx) => {
          await deleteUserSessions(trx, actor.userId, actor.session.tokenHash);
          await appendAudit(
            trx,
            {
              actorId: actor.userId,
              action: 'session.revoke_others',
              objectType: 'user',
              objectId: actor.userId,
              outcome: 'success',
            },
            clock,
          );
        });
        return undefined;
      },
    }),
  ];
}
