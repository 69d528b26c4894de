import type { ErrorCode } from '../../../shared/errors.js';
import { defineRoute, signedIn } from '../../http/route.js';
import { empty } from '../session/session.schema.js';
import type { CaseDeps } from './case-common.js';
import {
  caseIdParams,
  closeBody,
  createdSchema as created,
  createTaskBody,
  noteBody,
  outcomeBody,
  casePersonChangeBody,
  reopenBody,
  stageBody,
  taskParams,
  timelineQuery,
  timelineSchema,
  updateTaskBody,
} from './cases.schema.js';
import { casePersonParams } from '../../../shared/people.schema.js';
import { closeCase, moveStage, reopenCase, setOutcome } from './stages.service.js';
import { changePersonOnCase } from './person-events.js';
import { createTask, updateTask } from './tasks.service.js';
import { addNote, timeline } from './timeline.service.js';

const READ = { kind: 'case', action: 'case.read', param: 'caseId' } as const;
const WRITE = { kind: 'case', action: 'case.write', param: 'caseId' } as const;
const READ_ERRORS: ErrorCode[] = ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED', 'NOT_FOUND'];
const WRITE_ERRORS: ErrorCode[] = [...READ_ERRORS, 'CSRF_REJECTED'];

/** The work on one case: stages, outcome, closing, the timeline and tasks. */
export function caseworkRoutes(deps: CaseDeps) {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/cases/:caseId/stage',
      summary: 'Move a case to another stage the stage graph permits (CONFLICT if it moved on meanwhile)',
      tags: ['cases'],
      access: WRITE,
      params: caseIdParams,
      body: stageBody,
      response: empty,
      successStatus: 204,
      errors: [...WRITE_ERRORS, 'CONFLICT'],
      handler: async (context) => {
        await moveStage(deps, signedIn(context), context.params.caseId, context.body);
        return undefined;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/cases/:caseId/outcome',
      summary: "Record (or with null, clear) a case's outcome",
      tags: ['cases'],
      access: WRITE,
      params: caseIdParams,
      body: outcomeBody,
      response: empty,
      successStatus: 204,
      errors: [...WRITE_ERRORS, 'OUTCOME_NOT_ALLOWED'],
      handler: async (context) => {
        await setOutcome(deps, signedIn(context), context.params.caseId, context.body.outcome);
        return undefined;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/cases/:caseId/close',
      summary: 'Close a case with its reason (it moves to the closing stage; the reason is sealed)',
      tags: ['cases'],
      access: WRITE,
      params: caseIdParams,
      body: closeBody,
      response: empty,
      successStatus: 204,
      errors: [...WRITE_ERRORS, 'CONFLICT'],
      handler: async (context) => {
        await closeCase(deps, signedIn(context), context.params.caseId, context.body.reason);
        return undefined;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/cases/:caseId/reopen',
      summary: 'Reopen a closed case at follow-up (or the stage the graph permits), optionally saying why (sealed)',
      tags: ['cases'],
      access: WRITE,
      params: caseIdParams,
      response: empty,
      successStatus: 204,
      body: reopenBody,
      errors: [...WRITE_ERRORS, 'CONFLICT'],
      handler: async (context) => {
        await reopenCase(deps, signedIn(context), context.params.caseId, context.body.reason);
        return undefined;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/cases/:caseId/timeline',
      summary: "A page of a case's timeline, newest first, with notes opened",
      tags: ['cases'],
      access: READ,
      params: caseIdParams,
      query: timelineQuery,
      response: timelineSchema,
      errors: READ_ERRORS,
      handler: (context) => timeline(deps, signedIn(context), context.params.caseId, context.query),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/cases/:caseId/notes',
      summary: "Add a note to a case's timeline (sealed and indexed)",
      tags: ['cases'],
      access: WRITE,
      params: caseIdParams,
      body: noteBody,
      response: created,
      successStatus: 201,
      errors: WRITE_ERRORS,
      handler: async (context) => ({
        id: await addNote(deps, signedIn(context), context.params.caseId, context.body.body),
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/cases/:caseId/tasks',
      summary: 'Add a task to a case, optionally due on a date and assigned',
      tags: ['cases'],
      access: WRITE,
      params: caseIdParams,
      body: createTaskBody,
      response: created,
      successStatus: 201,
      errors: WRITE_ERRORS,
      handler: async (context) => ({
        id: await createTask(deps, signedIn(context), context.params.caseId, context.body),
      }),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/cases/:caseId/tasks/:taskId',
      summary: 'Change a task, or mark it done or not done',
      tags: ['cases'],
      access: WRITE,
      params: taskParams,
      body: updateTaskBody,
      response: empty,
      successStatus: 204,
      errors: WRITE_ERRORS,
      handler: async (context) => {
        const { caseId, taskId } = context.params;
        await updateTask(deps, signedIn(context), caseId, taskId, context.body);
        return undefined;
      },
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/cases/:caseId/people/:personId',
      summary: "Change a person's role on a case, or whether they speak for it",
      tags: ['cases'],
      access: WRITE,
      params: casePersonParams,
      body: casePersonChangeBody,
      response: empty,
      successStatus: 204,
      errors: WRITE_ERRORS,
      handler: async (context) => {
        await changePersonOnCase(deps, signedIn(context), context.params, context.body);
        return undefined;
      },
    }),
  ];
}
