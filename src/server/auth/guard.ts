import type {} from '@fastify/cookie';
import type { AuditObjectType } from '../../shared/audit-actions.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import type { Access, RouteGuard } from '../http/route.js';
import { can, type Action } from './access.js';
import { caseAccessFacts, caseIdOfNumber, personLinkedToGrantedCase } from './grants.queries.js';
import { resolveSession, type Actor, type NewSession } from './sessions.js';

export interface CookiePolicy {
  /** `__Host-homeward_session` with Secure; without it only for plain-HTTP development. */
  secure: boolean;
}

export function sessionCookieName(policy: CookiePolicy): string {
  return policy.secure ? '__Host-homeward_session' : 'homeward_session';
}

/** The header the web app sends on every state-changing request (see docs/SECURITY.md). */
export const REQUEST_HEADER = 'x-homeward-request';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function setSessionCookie(reply: FastifyReply, policy: CookiePolicy, session: NewSession): void {
  reply.setCookie(sessionCookieName(policy), session.token, {
    path: '/',
    httpOnly: true,
    secure: policy.secure,
    sameSite: 'strict',
    expires: new Date(session.expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, policy: CookiePolicy): void {
  reply.clearCookie(sessionCookieName(policy), {
    path: '/',
    httpOnly: true,
    secure: policy.secure,
    sameSite: 'strict',
  });
}

/** The route layer's view of sessions, grants and `can`. */
export function createGuard(db: Kysely<Database>, policy: CookiePolicy, clock: () => Date): RouteGuard {
  const cookieName = sessionCookieName(policy);
  return {
    checkOrigin(request) {
      if (SAFE_METHODS.has(request.method)) return;
      // A request with a bearer token and no session cookie (another intake
      // channel's API token) carries no ambient authority a forged
      // cross-site request could borrow.
      const bearer = request.headers.authorization?.startsWith('Bearer ') === true;
      if (bearer && request.cookies[cookieName] === undefined) return;
      // SameSite=Strict keeps the cookie off cross-site requests; this header
      // is the second wall: a cross-site form cannot set it, and a cross-site
      // script cannot without a CORS preflight, which Homeward never grants.
      if (request.headers[REQUEST_HEADER] !== '1') {
        throw new AppError('CSRF_REJECTED', `State-changing requests must carry the header ${REQUEST_HEADER}: 1.`);
      }
      const site = request.headers['sec-fetch-site'];
      if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new AppError('CSRF_REJECTED');
      const origin = request.headers.origin;
      if (origin !== undefined && origin !== 'null') {
        if (!sameHost(origin, `${request.protocol}://${request.host}`)) throw new AppError('CSRF_REJECTED');
      }
    },

    async authenticate(request: FastifyRequest): Promise<Actor | null> {
      const token = request.cookies[cookieName];
      if (token === undefined || token === '') return null;
      return resolveSession(db, token, clock());
    },

    async authorize(actor: Actor, access: Access, params: Record<string, unknown>): Promise<void> {
      switch (access.kind) {
        case 'public':
        case 'signed_in':
          return;
        case 'action':
          if (can(actor, access.action)) return;
          await auditDenied(db, actor, access.action, null, null, clock);
          throw new AppError('FORBIDDEN');
        case 'case': {
          const named = params[access.param];
          if (typeof named !== 'string') throw new Error(`route parameter ${access.param} is missing`);
          const caseId = access.by === 'number' ? await caseIdOfNumber(db, named) : named;
          if (caseId === undefined) {
            await auditDenied(db, actor, access.action, 'case', null, clock);
            throw new AppError('NOT_FOUND');
          }
          const facts = await caseAccessFacts(db, actor.userId, caseId, clock().toISOString());
          if (can(actor, access.action, { type: 'case', id: caseId, ...facts })) return;
          await auditDenied(db, actor, access.action, 'case', caseId, clock);
          // Not found rather than forbidden: a case the user may not see does not exist for them.
          throw new AppError('NOT_FOUND');
        }
        case 'person': {
          const personId = params[access.param];
          if (typeof personId !== 'string') throw new Error(`route parameter ${access.param} is missing`);
          const linkedToGrantedCase = await personLinkedToGrantedCase(db, actor.userId, personId);
          if (can(actor, access.action, { type: 'person', id: personId, linkedToGrantedCase })) return;
          await auditDenied(db, actor, access.action, 'person', personId, clock);
          throw new AppError('NOT_FOUND');
        }
      }
    },
  };
}

/** Compares hosts as URLs do, so `localhost:80` and `localhost` over http are one. */
function sameHost(origin: string, own: string): boolean {
  try {
    return new URL(origin).host === new URL(own).host;
  } catch {
    return false;
  }
}

/** A refusal is recorded: a probing insider or a stolen account shows up in the log. */
async function auditDenied(
  db: Kysely<Database>,
  actor: Actor,
  action: Action,
  objectType: AuditObjectType | null,
  objectId: string | null,
  clock: () => Date,
): Promise<void> {
  await db
    .transaction()
    .execute((trx) =>
      appendAudit(trx, { actorId: actor.userId, action, objectType, objectId, outcome: 'denied' }, clock),
    );
}
