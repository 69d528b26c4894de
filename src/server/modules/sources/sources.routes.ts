import { sourceBody, sourceIdParams, sourceSchema, updateSourceBody } from '../../../shared/sources.schema.js';
import type { RouteDeps } from '../../app.js';
import { defineRoute, signedIn } from '../../http/route.js';
import { createSource, readSource, updateSource } from './sources.service.js';

const ERRORS = ['UNAUTHENTICATED', 'FORBIDDEN', 'ENROLMENT_REQUIRED'] as const;
const WRITE_ERRORS = [...ERRORS, 'CSRF_REJECTED'] as const;
/** Sources name outlets, witnesses and documents: coordinators, who record incidents, keep them. */
const RECORD = { kind: 'action', action: 'incident.record' } as const;

/** Sources: media reports, testimonies, documents and official records, linked to incidents and cases. */
export function sourcesRoutes(deps: RouteDeps) {
  return [
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
