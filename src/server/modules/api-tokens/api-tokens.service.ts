import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { appendAudit } from '../../audit/audit.js';
import { POLICIES, takeAttempt, type ThrottleDeps } from '../../auth/throttle.js';
import { sha256Hex } from '../../auth/tokens.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';

type Clock = () => Date;

/** The prefix tells a Homeward token apart in a bot's configuration (and to secret scanners). */
export const API_TOKEN_PREFIX = 'hw_';

export interface ApiTokenSummary {
  id: string;
  label: string;
  scope: 'intake';
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function listApiTokens(db: Kysely<Database>): Promise<ApiTokenSummary[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id,
    label: row.label,
    scope: row.scope,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  }));
}

/** Issues a token for another intake channel; the token itself is returned once and stored as its SHA-256. */
export async function createApiToken(
  db: Kysely<Database>,
  actorId: string,
  label: string,
  clock: Clock,
): Promise<ApiTokenSummary & { token: string }> {
  const id = crypto.randomUUID();
  const token = `${API_TOKEN_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
  const at = clock().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('api_tokens')
      .values({ id, label, scope: 'intake', token_hash: sha256Hex(token), created_by: actorId, created_at: at })
      .execute();
    await appendAudit(
      trx,
      { actorId, action: 'api_token.create', objectType: 'api_token', objectId: id, outcome: 'success' },
      clock,
    );
  });
  return { id, label, scope: 'intake', createdAt: at, lastUsedAt: null, revokedAt: null, token };
}

/** Revokes a token at once; revoking a revoked one changes nothing. */
export async function revokeApiToken(db: Kysely<Database>, actorId: string, tokenId: string, clock: Clock) {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('api_tokens').select('revoked_at').where('id', '=', tokenId).executeTakeFirst();
    if (row === undefined) throw new AppError('NOT_FOUND');
    if (row.revoked_at !== null) return;
    await trx.updateTable('api_tokens').set({ revoked_at: clock().toISOString() }).where('id', '=', tokenId).execute();
    await appendAudit(
      trx,
      { actorId, action: 'api_token.revoke', objectType: 'api_token', objectId: tokenId, outcome: 'success' },
      clock,
    );
  });
}

/**
 * The id of the live intake token in `Authorization: Bearer hw_…`, or
 * UNAUTHENTICATED. Uses are counted per token (a leaked token floods no more
 * than its rate) and wrong tokens per client address, both RATE_LIMITED past
 * their policy.
 */
export async function authenticateApiToken(
  deps: ThrottleDeps & { clock: Clock },
  request: Pick<FastifyRequest, 'headers' | 'ip'>,
): Promise<string> {
  const { db, clock } = deps;
  const match = /^Bearer (hw_[A-Za-z0-9_-]{20,100})$/.exec(request.headers.authorization ?? '');
  const hash = sha256Hex(match?.[1] ?? 'none');
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'revoked_at'])
    .where('token_hash', '=', hash)
    .executeTakeFirst();
  const now = clock();
  if (match === null || row?.revoked_at !== null) {
    await takeAttempt(deps, POLICIES.apiTokenAddress, request.ip, now);
    throw new AppError('UNAUTHENTICATED', 'A valid API token is required.');
  }
  await takeAttempt(deps, POLICIES.apiToken, row.id, now);
  await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  return row.id;
}
