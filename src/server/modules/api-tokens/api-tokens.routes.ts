import { z } from 'zod';
import type { RouteDeps } from '../../app.js';
import { defineRoute, signedIn } from '../../http/route.js';
import { empty } from '../session/session.schema.js';
import { apiTokenListSchema, createApiTokenBody, createdApiTokenSchema } from '../../../shared/api-tokens.schema.js';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.service.js';

const MANAGE = { kind: 'action', action: 'api_token.manage' } as const;
const REFUSALS = ['UNAUTHENTICATED', 'FORBIDDEN', 'ENROLMENT_REQUIRED'] as const;

/** Administration of the API tokens other intake channels (a chat bot, a phone desk) post with. */
export function apiTokensRoutes({ db, clock }: RouteDeps) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/api-tokens',
      summary: 'API tokens for other intake channels',
      tags: ['api-tokens'],
      access: MANAGE,
      response: apiTokenListSchema,
      errors: [...REFUSALS],
      handler: async () => ({ tokens: await listApiTokens(db) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/api-tokens',
      summary: 'Issue an API token; the token is shown in this answer only',
      tags: ['api-tokens'],
      access: MANAGE,
      body: createApiTokenBody,
      response: createdApiTokenSchema,
      successStatus: 201,
      errors: [...REFUSALS, 'CSRF_REJECTED'],
      handler: (context) => createApiToken(db, signedIn(context).userId, context.body.label, clock),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/api-tokens/:tokenId',
      summary: 'Revoke an API token; it is refused from now on',
      tags: ['api-tokens'],
      access: MANAGE,
      params: z.object({ tokenId: z.uuid() }),
      response: empty,
      successStatus: 204,
      errors: [...REFUSALS, 'NOT_FOUND', 'CSRF_REJECTED'],
      handler: async (context) => {
        await revokeApiToken(db, signedIn(context).userId, context.params.tokenId, clock);
        return undefined;
      },
    }),
  ];
}
