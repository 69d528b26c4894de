import { z } from 'zod';
import type { RouteDeps } from '../../app.js';
import { defineRoute, signedIn } from '../../http/route.js';
import { validationError } from '../../http/errors.js';
import { empty } from '../session/session.schema.js';
import { authenticateApiToken } from '../api-tokens/api-tokens.service.js';
import {
  apiIntakeBody,
  bulkIntakeBody,
  bulkIntakeResultSchema,
  createdIntakeSchema,
  intakeAssigneesSchema,
  declineBody,
  intakeDetailSchema,
  intakeIdParams,
  intakeListQuery,
  intakeListSchema,
  updateIntakeBody,
} from './intake.schema.js';
import { createIntakeRequest } from './intake.service.js';
import { bulkChangeIntake, changeIntake, getIntakeDetail, intakeAssignees, listIntakeQueue } from './triage.service.js';

const WORK = { kind: 'action', action: 'intake.work' } as const;
const REFUSALS = ['UNAUTHENTICATED', 'FORBIDDEN', 'ENROLMENT_REQUIRED'] as const;

/** The intake API: other channels post requests with an API token; intake volunteers and coordinators triage. */
export function intakeRoutes(deps: RouteDeps) {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/intake',
      summary:
        'Submit an intake request from another channel (Authorization: Bearer hw_…); answers the receipt code once',
      tags: ['intake'],
      access: { kind: 'public' },
      // Read as unknown and parsed after the token check: a caller without a token learns nothing of the schema.
      body: z.unknown(),
      response: createdIntakeSchema,
      successStatus: 201,
      errors: ['UNAUTHENTICATED', 'RATE_LIMITED'],
      handler: async (context) => {
        const apiTokenId = await authenticateApiToken(deps, context.request);
        const parsed = apiIntakeBody.safeParse(context.body);
        if (!parsed.success) {
          throw validationError(
            parsed.error.issues.map((issue) => ({
              path: issue.path.map(String).join('.') || 'body',
              message: issue.message,
            })),
          );
        }
        const { channel, ...input } = parsed.data;
        return createIntakeRequest(deps, input, { channel, apiTokenId });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/intake',
      summary:
        'The triage queue, filtered and sorted (by urgency, received, waiting time or region) with a stable cursor; most urgent first by default',
      tags: ['intake'],
      access: WORK,
      query: intakeListQuery,
      response: intakeListSchema,
      errors: [...REFUSALS],
      handler: (context) => listIntakeQueue(deps, signedIn(context), context.query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/intake/assignees',
      summary: 'Who a request can wait for: active intake volunteers and coordinators',
      tags: ['intake'],
      access: WORK,
      response: intakeAssigneesSchema,
      errors: [...REFUSALS],
      handler: async () => ({ users: await intakeAssignees(deps.db) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/intake/bulk',
      summary:
        'Set the urgency of, assign or decline many open requests at once, each on its own; answers which were changed and which not, and why',
      tags: ['intake'],
      access: WORK,
      body: bulkIntakeBody,
      response: bulkIntakeResultSchema,
      errors: [...REFUSALS, 'CSRF_REJECTED'],
      handler: (context) => bulkChangeIntake(deps, signedIn(context), context.body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/intake/:intakeId',
      summary: 'One intake request, opened, with follow-ups and possible matches',
      tags: ['intake'],
      access: WORK,
      params: intakeIdParams,
      response: intakeDetailSchema,
      errors: [...REFUSALS, 'NOT_FOUND'],
      handler: (context) => getIntakeDetail(deps, signedIn(context), context.params.intakeId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/intake/:intakeId/decline',
      summary: 'Decline an open intake request with a reason',
      tags: ['intake'],
      access: WORK,
      params: intakeIdParams,
      body: declineBody,
      response: empty,
      successStatus: 204,
      errors: [...REFUSALS, 'NOT_FOUND', 'CONFLICT', 'CSRF_REJECTED'],
      handler: async (context) => {
        await changeIntake(deps, signedIn(context), context.params.intakeId, { decline: context.body.reason });
        return undefined;
      },
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/intake/:intakeId',
      summary: 'Set the urgency of an open request, take it into triage, or have it wait for a volunteer',
      tags: ['intake'],
      access: WORK,
      params: intakeIdParams,
      body: updateIntakeBody,
      response: empty,
      successStatus: 204,
      errors: [...REFUSALS, 'NOT_FOUND', 'CONFLICT', 'CSRF_REJECTED'],
      handler: async (context) => {
        await changeIntake(deps, signedIn(context), context.params.intakeId, context.body);
        return undefined;
      },
    }),
  ];
}
