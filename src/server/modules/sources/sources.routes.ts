import { caseIdParams } from '../../../shared/cases.schema.js';
import {
  caseSourcesSchema,
  incidentSourceParams,
  sourceBody,
  sourceIdParams,
  sourceListQuery,
  sourceListSchema,
  sourceSchema,
  updateSourceBody,
} from '../../../shared/sources.schema.js';
import type { RouteDeps } from '../../app.js';
import { defineRoute, signedIn } from '../../http/route.js';
import { empty } from '../session/session.schema.js';
import {
  createSource,
  linkSourceToIncident,
  listCaseSources,
  listSources,
  readSource,
  updateSource,
} from './sources.service.js';

const ERRORS = ['UNAUTHENTICATED', 'FORBIDDEN', 'ENROLMENT_REQUIRED'] as const;
const WRITE_ERRORS = [...ERRORS, 'CSRF_REJECTED'] as const;
/** Sources name outlets, witnesses and documents: coordinators, who record incidents, keep them. */
const RECORD = { kind: 'action', action: 'incident.record' } as const;
/** A case's sources: those the case is granted to (a refusal is audited as for the case's other reads). */
const CASE_READ = { kind: 'case', action: 'case.read', param: 'caseId' } as const;

/** Sources: media reports, testimonies, documents and official records, linked to incidents and cases. */
export function sourcesRoutes(deps: RouteDeps) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/sources',
      summary: "A page of the organization's sources, newest first: kind, reliability, title, outlet, day",
      tags: ['sources'],
      access: RECORD,
      query: sourceListQuery,
      response: sourceListSchema,
      errors: ERRORS,
      handler: (context) => listSources(deps, signedIn(context), context.query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/cases/:caseId/sources',
      summary: 'The sources linked to a case: kind, reliability, title, outlet, day',
      tags: ['sources'],
      access: CASE_READ,
      params: caseIdParams,
      response: caseSourcesSchema,
      errors: ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED', 'NOT_FOUND'],
      handler: (context) => listCaseSources(deps, signedIn(context), context.params.caseId),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/incidents/:incidentId/sources/:sourceId',
      summary: 'Link an existing source to an incident (linking again changes nothing)',
      tags: ['sources'],
      access: RECORD,
      params: incidentSourceParams,
      response: empty,
      successStatus: 204,
      errors: [...WRITE_ERRORS, 'NOT_FOUND'],
      handler: async (context) => {
        const { incidentId, sourceId } = context.params;
        await linkSourceToIncident(deps, signedIn(context), incidentId, sourceId);
        return undefined;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/sources',
      summary: 'Record a source with its reliability, linked to incidents and cases (the URL is never fetched)',
      tags: ['sources'],
      access: RECORD,
      body: sourceBody,
      response: sourceSchema,
      successStatus: 201,
      errors: WRITE_ERRORS,
      handler: (context) => createSource(deps, signedIn(context), context.body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/sources/:sourceId',
      summary: 'One source, with the incidents and cases it is linked to',
      tags: ['sources'],
      access: RECORD,
      params: sourceIdParams,
      response: sourceSchema,
      errors: [...ERRORS, 'NOT_FOUND'],
      handler: (context) => readSource(deps, signedIn(context), context.params.sourceId),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/sources/:sourceId',
      summary: 'Replace a source as edited from `version` (CONFLICT when another edit came first)',
      tags: ['sources'],
      access: RECORD,
      params: sourceIdParams,
      body: updateSourceBody,
      response: sourceSchema,
      errors: [...WRITE_ERRORS, 'NOT_FOUND', 'CONFLICT'],
      handler: (context) => updateSource(deps, signedIn(context), context.params.sourceId, context.body),
    }),
  ];
}
