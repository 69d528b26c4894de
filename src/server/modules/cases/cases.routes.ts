import type { ErrorCode } from '../../../shared/errors.js';
import type { RouteDeps } from '../../app.js';
import { can } from '../../auth/access.js';
import type { FileStore } from '../../files/file-store.js';
import { AppError } from '../../http/errors.js';
import { defineRoute, signedIn } from '../../http/route.js';
import { empty } from '../session/session.schema.js';
import { requireCase } from './case-common.js';
import { assignableUsers } from './cases.queries.js';
import {
  assignableSchema,
  attachIntakeBody,
  caseCreatedSchema,
  caseByNumberSchema,
  caseDetailSchema,
  caseIdParams,
  caseNumberParams,
  caseRequestsSchema,
  caseListSchema,
  createCaseBody,
  listCasesQuery,
  myWorkSchema,
  purgeBody,
  searchQuery,
  searchResultsSchema,
  updateCaseBody,
} from './cases.schema.js';
import { attachIntake, caseDetail, createCase, updateCase } from './cases.service.js';
import { caseworkRoutes } from './casework.routes.js';
import { listCases } from './list.service.js';
import { myWork } from './my-work.service.js';
import { purgeCase } from './purge.service.js';
import { savedFilterRoutes } from './saved-filters.routes.js';
import { caseRequests } from './requests.service.js';
import { searchEverything } from './search.service.js';
import { caseIdOfNumber } from '../../auth/grants.queries.js';

const LIST = { kind: 'action', action: 'case.list' } as const;
const READ = { kind: 'case', action: 'case.read', param: 'caseId' } as const;
const WRITE = { kind: 'case', action: 'case.write', param: 'caseId' } as const;
/** case.grant is the coordinators' own right on a case. */
const COORDINATE = { kind: 'case', action: 'case.grant', param: 'caseId' } as const;
const SIGNED_IN: ErrorCode[] = ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED'];
const ON_CASE: ErrorCode[] = [...SIGNED_IN, 'NOT_FOUND'];

/**
 * Cases: open, list, search, read, change, purge, and the work on them
 * (casework.routes.ts). `files` is the file store a purge deletes the case's
 * files from; without it a purge refuses a case that has files.
 */
export function casesRoutes(deps: RouteDeps, options: { files?: FileStore } = {}) {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/cases',
      summary: 'Open a case, directly or from an intake request (coordinators)',
      tags: ['cases'],
      access: { kind: 'action', action: 'case.create' },
      body: createCaseBody,
      response: caseCreatedSchema,
      successStatus: 201,
      errors: [...SIGNED_IN, 'FORBIDDEN', 'CONFLICT', 'CSRF_REJECTED'],
      handler: (context) => createCase(deps, signedIn(context).userId, context.body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/cases',
      summary: 'The cases one may see, filtered, or searched with q (titles, summaries, notes, tasks)',
      tags: ['cases'],
      access: LIST,
      query: listCasesQuery,
      response: caseListSchema,
      errors: [...SIGNED_IN, 'FORBIDDEN'],
      handler: (context) => listCases(deps, signedIn(context), context.query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/cases/assignable',
      summary: 'Active caseworkers, lawyers and coordinators who can be given a case being opened (coordinators)',
      tags: ['cases'],
      access: { kind: 'action', action: 'case.create' },
      response: assignableSchema,
      errors: [...SIGNED_IN, 'FORBIDDEN'],
      handler: async () => ({ users: await assignableUsers(deps.db) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/cases/:caseId',
      summary: 'A case: summary, stage and next stages, outcome, assignees, people, tasks',
      tags: ['cases'],
      access: READ,
      params: caseIdParams,
      response: caseDetailSchema,
      errors: ON_CASE,
      handler: (context) => caseDetail(deps, signedIn(context), context.params.caseId),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/cases/by-number/:number',
      summary: 'The id of the case with this number (2026-0001), for those who may read it',
      tags: ['cases'],
      access: { ...READ, param: 'number', by: 'number' },
      params: caseNumberParams,
      response: caseByNumberSchema,
      errors: ON_CASE,
      handler: async (context) => {
        const id = await caseIdOfNumber(deps.db, context.params.number);
        if (id === undefined) throw new AppError('NOT_FOUND');
        return { id };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/cases/:caseId/requests',
      summary: "The intake requests a case came from, with the requester's handle and contact",
      tags: ['cases'],
      access: READ,
      params: caseIdParams,
      response: caseRequestsSchema,
      errors: ON_CASE,
      handler: (context) => caseRequests(deps, signedIn(context), context.params.caseId),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/cases/:caseId',
      summary: "Change a case's title, summary, type, region, urgency or group size",
      tags: ['cases'],
      access: WRITE,
      params: caseIdParams,
      body: updateCaseBody,
      response: empty,
      successStatus: 204,
      errors: [...ON_CASE, 'CSRF_REJECTED'],
      handler: async (context) => {
        await updateCase(deps, signedIn(context), context.params.caseId, context.body);
        return undefined;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/cases/:caseId/attach-intake',
      summary: 'Attach an intake request waiting for triage to this case (coordinators)',
      tags: ['cases'],
      access: WRITE,
      params: caseIdParams,
      body: attachIntakeBody,
      response: empty,
      successStatus: 204,
      errors: [...ON_CASE, 'FORBIDDEN', 'CONFLICT', 'CSRF_REJECTED'],
      handler: async (context) => {
        const actor = signedIn(context);
        if (!can(actor, 'case.create')) throw new AppError('FORBIDDEN');
        await attachIntake(deps, actor, context.params.caseId, context.body.intakeId);
        return undefined;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/cases/:caseId/assignable',
      summary: 'Active caseworkers, lawyers and coordinators who can be given this case (coordinators)',
      tags: ['cases'],
      access: COORDINATE,
      params: caseIdParams,
      response: assignableSchema,
      errors: ON_CASE,
      handler: async (context) => {
        await requireCase(deps.db, context.params.caseId);
        return { users: await assignableUsers(deps.db) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/cases/:caseId/purge',
      summary:
        'Purge a case, its intake requests and the people linked to it alone, for good: rows, index, files, data keys (coordinators)',
      tags: ['cases'],
      access: COORDINATE,
      params: caseIdParams,
      body: purgeBody,
      response: empty,
      successStatus: 204,
      errors: [...ON_CASE, 'CONFLICT', 'CSRF_REJECTED'],
      handler: async (context) => {
        const erasure = await purgeCase(
          { ...deps, files: options.files },
          signedIn(context).userId,
          context.params.caseId,
          context.body,
        );
        // The purge has committed; what is left is for the operator to finish (docs/SECURITY.md).
        if (!erasure.complete)
          context.request.log.warn({ erasure: erasure.detail }, 'purge: freed space not erased yet');
        return undefined;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/me/work',
      summary:
        'My work: my open tasks (overdue first), my open cases with their next deadline, the requests waiting for me',
      tags: ['cases'],
      access: { kind: 'signed_in' },
      response: myWorkSchema,
      errors: SIGNED_IN,
      handler: (context) => myWork(deps, signedIn(context)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/search',
      summary: 'Search what one may see: cases, notes, tasks, people and intake requests',
      tags: ['cases'],
      access: { kind: 'signed_in' },
      query: searchQuery,
      response: searchResultsSchema,
      errors: SIGNED_IN,
      handler: (context) => searchEverything(deps, signedIn(context), context.query),
    }),
    ...caseworkRoutes(deps),
    ...savedFilterRoutes(deps),
  ];
}
