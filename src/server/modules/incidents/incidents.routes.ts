import {
  analysisIncidentSchema,
  analysisListQuery,
  analysisListSchema,
  createIncidentBody,
  incidentCaseParams,
  incidentIdParams,
  incidentLinkParams,
  incidentListQuery,
  incidentListSchema,
  incidentSchema,
  updateIncidentBody,
} from '../../../shared/incidents.schema.js';
import type { RouteDeps } from '../../app.js';
import { defineRoute, signedIn } from '../../http/route.js';
import { empty } from '../session/session.schema.js';
import { analyseIncident, analyseIncidents } from './analysis.service.js';
import {
  createIncident,
  linkCase,
  linkIncident,
  listIncidentsFor,
  readIncident,
  unlinkCase,
  unlinkIncident,
  updateIncident,
} from './incidents.service.js';

const READ_ERRORS = ['UNAUTHENTICATED', 'FORBIDDEN', 'ENROLMENT_REQUIRED'] as const;
const WRITE_ERRORS = [...READ_ERRORS, 'CSRF_REJECTED'] as const;
/** Reading: a caseworker or lawyer passes the role check, and the incident's own rule is checked on it. */
const LIST = { kind: 'action', action: 'incident.list' } as const;
const RECORD = { kind: 'action', action: 'incident.record' } as const;
const ANALYSE = { kind: 'action', action: 'incident.analyse' } as const;

/** Incidents: recording them with acts, victims and perpetrators, links, and the analyst's de-identified view. */
export function incidentsRoutes(deps: RouteDeps) {
  const caseLink = (method: 'PUT' | 'DELETE') =>
    defineRoute({
      method,
      url: '/api/incidents/:incidentId/cases/:caseId',
      summary: method === 'PUT' ? 'Link the incident to a case' : 'Take the link to a case away (both stay)',
      tags: ['incidents'],
      access: RECORD,
      params: incidentCaseParams,
      response: empty,
      successStatus: 204,
      errors: [...WRITE_ERRORS, 'NOT_FOUND'],
      handler: async (context) => {
        const { incidentId, caseId } = context.params;
        await (method === 'PUT' ? linkCase : unlinkCase)(deps, signedIn(context), incidentId, caseId);
        return undefined;
      },
    });
  const incidentLink = (method: 'PUT' | 'DELETE') =>
    defineRoute({
      method,
      url: '/api/incidents/:incidentId/leads-to/:otherId',
      summary: method === 'PUT' ? 'Record that the incident led to another' : 'Take that record away',
      tags: ['incidents'],
      access: RECORD,
      params: incidentLinkParams,
      response: empty,
      successStatus: 204,
      errors: [...WRITE_ERRORS, 'NOT_FOUND'],
      handler: async (context) => {
        const { incidentId, otherId } = context.params;
        await (method === 'PUT' ? linkIncident : unlinkIncident)(deps, signedIn(context), incidentId, otherId);
        return undefined;
      },
    });
  return [
    defineRoute({
      method: 'GET',
      url: '/api/incidents',
      summary: 'Incidents one may read, newest first, by act type, place, unit, period or linked case',
      tags: ['incidents'],
      access: LIST,
      query: incidentListQuery,
      response: incidentListSchema,
      errors: READ_ERRORS,
      handler: (context) => listIncidentsFor(deps, signedIn(context), context.query),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/incidents',
      summary: 'Record an incident with its acts, victims and perpetrators (coordinators)',
      tags: ['incidents'],
      access: RECORD,
      body: createIncidentBody,
      response: incidentSchema,
      successStatus: 201,
      errors: WRITE_ERRORS,
      handler: (context) => createIncident(deps, signedIn(context), context.body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/incidents/:incidentId',
      summary: 'One incident: coordinators any, caseworkers and lawyers one linked to a case granted to them',
      tags: ['incidents'],
      access: LIST,
      params: incidentIdParams,
      response: incidentSchema,
      errors: [...READ_ERRORS, 'NOT_FOUND'],
      handler: (context) => readIncident(deps, signedIn(context), context.params.incidentId),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/incidents/:incidentId',
      summary: 'Replace an incident with the form as edited from `version` (CONFLICT when another edit came first)',
      tags: ['incidents'],
      access: RECORD,
      params: incidentIdParams,
      body: updateIncidentBody,
      response: incidentSchema,
      errors: [...WRITE_ERRORS, 'NOT_FOUND', 'CONFLICT'],
      handler: (context) => updateIncident(deps, signedIn(context), context.params.incidentId, context.body),
    }),
    caseLink('PUT'),
    caseLink('DELETE'),
    incidentLink('PUT'),
    incidentLink('DELETE'),
    defineRoute({
      method: 'GET',
      url: '/api/analysis/incidents',
      summary: 'Incidents de-identified: codes, dates, counts and categories only (analysts)',
      tags: ['analysis'],
      access: ANALYSE,
      query: analysisListQuery,
      response: analysisListSchema,
      errors: READ_ERRORS,
      handler: (context) => analyseIncidents(deps, signedIn(context), context.query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/analysis/incidents/:incidentId',
      summary: 'One incident de-identified (a restricted one is not found)',
      tags: ['analysis'],
      access: ANALYSE,
      params: incidentIdParams,
      response: analysisIncidentSchema,
      errors: [...READ_ERRORS, 'NOT_FOUND'],
      handler: (context) => analyseIncident(deps, signedIn(context), context.params.incidentId),
    }),
  ];
}
