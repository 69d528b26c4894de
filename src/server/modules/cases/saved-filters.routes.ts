import type { ErrorCode } from '../../../shared/errors.js';
import type { RouteDeps } from '../../app.js';
import { defineRoute, signedIn } from '../../http/route.js';
import { empty } from '../session/session.schema.js';
import { createdSchema, createSavedFilterBody, savedFilterListSchema, savedFilterParams } from './cases.schema.js';
import { createSavedFilter, deleteSavedFilter, listSavedFilters } from './saved-filters.service.js';

const LIST = { kind: 'action', action: 'case.list' } as const;
const REFUSALS: ErrorCode[] = ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED', 'FORBIDDEN'];

/** Saved case-list filters: each user lists, adds and deletes their own. */
export function savedFilterRoutes(deps: RouteDeps) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/saved-filters',
      summary: 'My saved case-list filters, newest first',
      tags: ['cases'],
      access: LIST,
      response: savedFilterListSchema,
      errors: REFUSALS,
      handler: (context) => listSavedFilters(deps, signedIn(context)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/saved-filters',
      summary: 'Save a case-list filter under a name (only its owner sees it)',
      tags: ['cases'],
      access: LIST,
      body: createSavedFilterBody,
      response: createdSchema,
      successStatus: 201,
      errors: [...REFUSALS, 'CONFLICT', 'CSRF_REJECTED'],
      handler: (context) => createSavedFilter(deps, signedIn(context), context.body),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/saved-filters/:filterId',
      summary: 'Delete one of my saved filters',
      tags: ['cases'],
      access: LIST,
      params: savedFilterParams,
      response: empty,
      successStatus: 204,
      errors: [...REFUSALS, 'NOT_FOUND', 'CSRF_REJECTED'],
      handler: async (context) => {
        await deleteSavedFilter(deps, signedIn(context), context.params.filterId);
        return undefined;
      },
    }),
  ];
}
