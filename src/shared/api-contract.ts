import type { z } from 'zod';
import {
  codeBody,
  createUserBody,
  loginBody,
  mySessionsSchema,
  passwordBody,
  recoveryCodesSchema,
  sessionStateSchema,
  setupBody,
  setupStatusSchema,
  totpConfirmSchema,
  totpEnrolmentSchema,
  updateUserBody,
  userSummarySchema,
  usersListSchema,
} from './accounts.schema.js';
import { apiTokenListSchema, createApiTokenBody, createdApiTokenSchema } from './api-tokens.schema.js';
import { auditPageSchema } from './audit.schema.js';
import { custodySchema, evidenceListSchema } from './evidence.schema.js';
import {
  figureSchema,
  publicationSettingsSchema,
  researchDatasetSchema,
  researchDictionarySchema,
  snapshotListSchema,
  snapshotSchema,
  statisticsOverviewSchema,
  timeToOutcomeSchema,
} from './statistics.schema.js';
import { breakGlassBody, breakGlassListSchema, breakGlassOpenedSchema } from './break-glass.js';
import {
  assignableSchema,
  attachIntakeBody,
  caseCreatedSchema,
  caseByNumberSchema,
  caseDetailSchema,
  caseRequestsSchema,
  caseListSchema,
  closeBody,
  casePersonChangeBody,
  reopenBody,
  createCaseBody,
  createdSchema,
  createTaskBody,
  myWorkSchema,
  noteBody,
  outcomeBody,
  searchResultsSchema,
  savedFilterListSchema,
  createSavedFilterBody,
  stageBody,
  timelineSchema,
  updateCaseBody,
  updateTaskBody,
} from './cases.schema.js';
import { caseGrantsSchema } from './grants.schema.js';
import { healthResponseSchema } from './health.js';
import {
  adminDashboardSchema,
  coordinatorDashboardSchema,
  intakeDashboardSchema,
  notificationsSchema,
  unreadSchema,
  workDashboardSchema,
} from './home.schema.js';
import {
  bulkIntakeBody,
  bulkIntakeResultSchema,
  declineBody,
  intakeAssigneesSchema,
  intakeDetailSchema,
  intakeListSchema,
  updateIntakeBody,
} from './intake.schema.js';
import { createIncidentBody, incidentListSchema, incidentSchema, updateIncidentBody } from './incidents.schema.js';
import { caseSourcesSchema, sourceBody, sourceListSchema, sourceSchema, updateSourceBody } from './sources.schema.js';
import {
  createPersonBody,
  duplicatesSchema,
  linkPersonBody,
  linkSchema,
  mergeBody,
  mergeSchema,
  personPatchBody,
  personSchema,
} from './people.schema.js';
import {
  createTermBody,
  termSchema,
  termsResponseSchema,
  transitionBody,
  transitionDeleteBody,
  transitionsResponseSchema,
  updateTermBody,
  vocabulariesResponseSchema,
} from './vocabularies.schema.js';

/** What a route takes and answers, by the schemas the server itself registers it with. */
export interface RouteContract {
  body?: z.ZodType;
  /** Absent for a 204 answer. */
  response?: z.ZodType;
  status: 200 | 201 | 204;
}

/**
 * The routes whose schemas live in src/shared, keyed as the route table names
 * them. A server test checks each entry is the very schema object its route
 * is registered with; the web app's tests check every answer they fake, and
 * every body the app sends, against it, so neither side can drift alone.
 */
export const API_CONTRACT: Readonly<Record<string, RouteContract>> = {
  'GET /api/health': { response: healthResponseSchema, status: 200 },
  'POST /api/session': { body: loginBody, response: sessionStateSchema, status: 200 },
  'GET /api/session': { response: sessionStateSchema, status: 200 },
  'DELETE /api/session': { status: 204 },
  'GET /api/setup': { response: setupStatusSchema, status: 200 },
  'POST /api/setup': { body: setupBody, response: sessionStateSchema, status: 201 },
  'POST /api/me/totp': { response: totpEnrolmentSchema, status: 200 },
  'POST /api/me/totp/confirm': { body: codeBody, response: totpConfirmSchema, status: 200 },
  'POST /api/me/recovery-codes': { body: codeBody, response: recoveryCodesSchema, status: 200 },
  'POST /api/me/password': { body: passwordBody, status: 204 },
  'GET /api/me/sessions': { response: mySessionsSchema, status: 200 },
  'DELETE /api/me/sessions/:sessionId': { status: 204 },
  'DELETE /api/me/sessions': { status: 204 },
  'GET /api/users': { response: usersListSchema, status: 200 },
  'POST /api/users': { body: createUserBody, response: userSummarySchema, status: 201 },
  'PATCH /api/users/:userId': { body: updateUserBody, response: userSummarySchema, status: 200 },
  'POST /api/users/:userId/factor-reset': { status: 204 },
  'DELETE /api/users/:userId/sessions': { status: 204 },
  'GET /api/audit': { response: auditPageSchema, status: 200 },
  'GET /api/api-tokens': { response: apiTokenListSchema, status: 200 },
  'POST /api/api-tokens': { body: createApiTokenBody, response: createdApiTokenSchema, status: 201 },
  'DELETE /api/api-tokens/:tokenId': { status: 204 },
  'GET /api/intake': { response: intakeListSchema, status: 200 },
  'GET /api/intake/assignees': { response: intakeAssigneesSchema, status: 200 },
  'POST /api/intake/bulk': { body: bulkIntakeBody, response: bulkIntakeResultSchema, status: 200 },
  'GET /api/intake/:intakeId': { response: intakeDetailSchema, status: 200 },
  'POST /api/intake/:intakeId/decline': { body: declineBody, status: 204 },
  'PATCH /api/intake/:intakeId': { body: updateIntakeBody, status: 204 },
  'POST /api/cases': { body: createCaseBody, response: caseCreatedSchema, status: 201 },
  'GET /api/cases': { response: caseListSchema, status: 200 },
  'GET /api/cases/assignable': { response: assignableSchema, status: 200 },
  'GET /api/cases/:caseId': { response: caseDetailSchema, status: 200 },
  'GET /api/cases/by-number/:number': { response: caseByNumberSchema, status: 200 },
  'GET /api/cases/:caseId/requests': { response: caseRequestsSchema, status: 200 },
  'GET /api/cases/:caseId/evidence': { response: evidenceListSchema, status: 200 },
  'GET /api/cases/:caseId/evidence/:evidenceId/custody': { response: custodySchema, status: 200 },
  'GET /api/incidents/:incidentId/evidence': { response: evidenceListSchema, status: 200 },
  'GET /api/incidents/:incidentId/evidence/:evidenceId/custody': { response: custodySchema, status: 200 },
  'PATCH /api/cases/:caseId': { body: updateCaseBody, status: 204 },
  'POST /api/cases/:caseId/attach-intake': { body: attachIntakeBody, status: 204 },
  'GET /api/cases/:caseId/assignable': { response: assignableSchema, status: 200 },
  'GET /api/me/work': { response: myWorkSchema, status: 200 },
  'GET /api/search': { response: searchResultsSchema, status: 200 },
  'GET /api/saved-filters': { response: savedFilterListSchema, status: 200 },
  'POST /api/saved-filters': { body: createSavedFilterBody, response: createdSchema, status: 201 },
  'DELETE /api/saved-filters/:filterId': { status: 204 },
  'POST /api/cases/:caseId/stage': { body: stageBody, status: 204 },
  'POST /api/cases/:caseId/outcome': { body: outcomeBody, status: 204 },
  'POST /api/cases/:caseId/close': { body: closeBody, status: 204 },
  'POST /api/cases/:caseId/reopen': { body: reopenBody, status: 204 },
  'GET /api/cases/:caseId/timeline': { response: timelineSchema, status: 200 },
  'POST /api/cases/:caseId/notes': { body: noteBody, response: createdSchema, status: 201 },
  'POST /api/cases/:caseId/tasks': { body: createTaskBody, response: createdSchema, status: 201 },
  'PATCH /api/cases/:caseId/tasks/:taskId': { body: updateTaskBody, status: 204 },
  'POST /api/people': { body: createPersonBody, response: personSchema, status: 201 },
  'POST /api/cases/:caseId/people': { body: linkPersonBody, response: linkSchema, status: 201 },
  'DELETE /api/cases/:caseId/people/:personId': { status: 204 },
  'PATCH /api/cases/:caseId/people/:personId': { body: casePersonChangeBody, status: 204 },
  // Before `:personId`, which would match it too.
  'GET /api/people/duplicates': { response: duplicatesSchema, status: 200 },
  'GET /api/people/:personId': { response: personSchema, status: 200 },
  'PATCH /api/people/:personId': { body: personPatchBody, response: personSchema, status: 200 },
  'POST /api/people/:personId/merge': { body: mergeBody, response: mergeSchema, status: 200 },
  'GET /api/cases/:caseId/grants': { response: caseGrantsSchema, status: 200 },
  'PUT /api/cases/:caseId/grants/:userId': { status: 204 },
  'DELETE /api/cases/:caseId/grants/:userId': { status: 204 },
  'GET /api/break-glass': { response: breakGlassListSchema, status: 200 },
  'POST /api/break-glass': { body: breakGlassBody, response: breakGlassOpenedSchema, status: 201 },
  'DELETE /api/break-glass/:id': { status: 204 },
  'GET /api/vocabularies': { response: vocabulariesResponseSchema, status: 200 },
  'GET /api/vocabularies/stage/transitions': { response: transitionsResponseSchema, status: 200 },
  'PUT /api/vocabularies/stage/transitions': { body: transitionBody, status: 204 },
  'DELETE /api/vocabularies/stage/transitions': { body: transitionDeleteBody, status: 204 },
  'GET /api/vocabularies/:vocabulary': { response: termsResponseSchema, status: 200 },
  'GET /api/vocabularies/:vocabulary/terms/:termId': { response: termSchema, status: 200 },
  'POST /api/vocabularies/:vocabulary/terms': { body: createTermBody, response: termSchema, status: 201 },
  'PATCH /api/vocabularies/:vocabulary/terms/:termId': { body: updateTermBody, response: termSchema, status: 200 },
  'GET /api/dashboard/work': { response: workDashboardSchema, status: 200 },
  'GET /api/dashboard/intake': { response: intakeDashboardSchema, status: 200 },
  'GET /api/dashboard/coordination': { response: coordinatorDashboardSchema, status: 200 },
  'GET /api/dashboard/admin': { response: adminDashboardSchema, status: 200 },
  'GET /api/incidents': { response: incidentListSchema, status: 200 },
  'POST /api/incidents': { body: createIncidentBody, response: incidentSchema, status: 201 },
  'GET /api/incidents/:incidentId': { response: incidentSchema, status: 200 },
  'PUT /api/incidents/:incidentId': { body: updateIncidentBody, response: incidentSchema, status: 200 },
  'PUT /api/incidents/:incidentId/cases/:caseId': { status: 204 },
  'DELETE /api/incidents/:incidentId/cases/:caseId': { status: 204 },
  'PUT /api/incidents/:incidentId/leads-to/:otherId': { status: 204 },
  'DELETE /api/incidents/:incidentId/leads-to/:otherId': { status: 204 },
  'GET /api/sources': { response: sourceListSchema, status: 200 },
  'GET /api/cases/:caseId/sources': { response: caseSourcesSchema, status: 200 },
  'PUT /api/incidents/:incidentId/sources/:sourceId': { status: 204 },
  'POST /api/sources': { body: sourceBody, response: sourceSchema, status: 201 },
  'GET /api/sources/:sourceId': { response: sourceSchema, status: 200 },
  'PUT /api/sources/:sourceId': { body: updateSourceBody, response: sourceSchema, status: 200 },
  'GET /api/notifications': { response: notificationsSchema, status: 200 },
  'GET /api/notifications/unread': { response: unreadSchema, status: 200 },
  'POST /api/notifications/read': { status: 204 },
  'POST /api/notifications/:notificationId/read': { status: 204 },
  'GET /api/statistics': { response: statisticsOverviewSchema, status: 200 },
  'GET /api/statistics/figures/:figure': { response: figureSchema, status: 200 },
  'GET /api/statistics/time-to-outcome': { response: timeToOutcomeSchema, status: 200 },
  'GET /api/statistics/publication': { response: publicationSettingsSchema, status: 200 },
  'PUT /api/statistics/publication': {
    body: publicationSettingsSchema,
    response: publicationSettingsSchema,
    status: 200,
  },
  'GET /api/statistics/publication/preview': { response: snapshotSchema, status: 200 },
  'POST /api/statistics/snapshots': { response: snapshotSchema, status: 201 },
  'GET /api/statistics/snapshots': { response: snapshotListSchema, status: 200 },
  'GET /api/statistics/snapshots/:snapshotId': { response: snapshotSchema, status: 200 },
  'GET /api/statistics/research/incidents': { response: researchDatasetSchema, status: 200 },
  'GET /api/statistics/research/dictionary': { response: researchDictionarySchema, status: 200 },
};

/** The contract key of a concrete request (`PATCH /api/users/6f1c…` → `PATCH /api/users/:userId`), if any. */
export function contractKeyOf(method: string, path: string): string | undefined {
  return Object.keys(API_CONTRACT).find((key) => {
    const [keyMethod, pattern = ''] = key.split(' ');
    if (keyMethod !== method) return false;
    const regex = new RegExp(`^${pattern.replace(/:[A-Za-z0-9_]+/g, '[^/]+')}$`);
    return regex.test(path);
  });
}
