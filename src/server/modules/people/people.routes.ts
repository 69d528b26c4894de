import type { RouteDeps } from '../../app.js';
import { appendAudit } from '../../audit/audit.js';
import { defineRoute, signedIn } from '../../http/route.js';
import { empty } from '../session/session.schema.js';
import { duplicatesOf, likelyPairs } from './people.duplicates.js';
import { mergePerson } from './people.merge.js';
import {
  caseIdParams,
  casePersonParams,
  createPersonBody,
  duplicatesQuery,
  duplicatesSchema,
  linkPersonBody,
  linkSchema,
  mergeBody,
  mergeSchema,
  personIdParams,
  personPatchBody,
  personReadQuery,
  personSchema,
} from './people.schema.js';
import {
  addPersonToCase,
  createPerson,
  personOr404,
  readPerson,
  unlinkPerson,
  updatePerson,
} from './people.service.js';

const BASE_ERRORS = ['UNAUTHENTICATED', 'FORBIDDEN', 'ENROLMENT_REQUIRED'] as const;
const WRITE_ERRORS = [...BASE_ERRORS, 'CSRF_REJECTED'] as const;
const MERGE = { kind: 'action', action: 'person.merge' } as const;

/** People: their records, their links to cases, duplicates and merging. */
export function peopleRoutes({ db, keyring, clock }: RouteDeps) {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/people',
      summary: 'Create a person on their own (coordinators; others add people through a case)',
      tags: ['people'],
      access: { kind: 'action', action: 'person.write' },
      body: createPersonBody,
      response: personSchema,
      successStatus: 201,
      errors: WRITE_ERRORS,
      handler: (context) => createPerson(db, keyring, signedIn(context), context.body, clock),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/cases/:caseId/people',
      summary: 'Add a new or existing person to a case, with their role in it',
      tags: ['people'],
      access: { kind: 'case', action: 'case.write', param: 'caseId' },
      params: caseIdParams,
      body: linkPersonBody,
      response: linkSchema,
      successStatus: 201,
      errors: [...WRITE_ERRORS, 'NOT_FOUND', 'CONFLICT'],
      handler: (context) => addPersonToCase(db, keyring, signedIn(context), context.params.caseId, context.body, clock),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/cases/:caseId/people/:personId',
      summary: 'Take a person off a case; the person stays',
      tags: ['people'],
      access: { kind: 'case', action: 'case.write', param: 'caseId' },
      params: casePersonParams,
      response: empty,
      successStatus: 204,
      errors: [...WRITE_ERRORS, 'NOT_FOUND'],
      handler: async (context) => {
        await unlinkPerson(db, keyring, signedIn(context), context.params.caseId, context.params.personId, clock);
        return undefined;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/people/duplicates',
      summary: 'Likely duplicates of one person, or likely pairs among the newest people (coordinators)',
      tags: ['people'],
      access: MERGE,
      query: duplicatesQuery,
      response: duplicatesSchema,
      errors: [...BASE_ERRORS, 'NOT_FOUND'],
      handler: async (context) => {
        const actor = signedIn(context);
        const { personId } = context.query;
        return db.transaction().execute(async (trx) => {
          const pairs =
            personId === undefined
              ? await likelyPairs(trx, keyring)
              : await duplicatesOf(trx, keyring, await personOr404(trx, personId));
          await appendAudit(
            trx,
            {
              actorId: actor.userId,
              action: 'person.duplicates',
              objectType: personId === undefined ? null : 'person',
              objectId: personId ?? null,
              outcome: 'success',
            },
            clock,
          );
          return { pairs };
        });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/people/:personId',
      summary: 'A person, with the cases one may see them in',
      tags: ['people'],
      access: { kind: 'person', action: 'person.read', param: 'personId' },
      params: personIdParams,
      query: personReadQuery,
      response: personSchema,
      errors: [...BASE_ERRORS, 'NOT_FOUND'],
      handler: (context) =>
        readPerson(db, keyring, signedIn(context), context.params.personId, context.query.limit, clock),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/people/:personId',
      summary: "Change a person's fields",
      tags: ['people'],
      access: { kind: 'person', action: 'person.write', param: 'personId' },
      params: personIdParams,
      body: personPatchBody,
      response: personSchema,
      errors: [...WRITE_ERRORS, 'NOT_FOUND', 'CONFLICT'],
      handler: (context) => updatePerson(db, keyring, signedIn(context), context.params.personId, context.body, clock),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/people/:personId/merge',
      summary:
        'Merge a person into another, choosing field by field what the kept record keeps: links move, names become aliases, the merged record keeps only a pointer',
      tags: ['people'],
      access: MERGE,
      params: personIdParams,
      body: mergeBody,
      response: mergeSchema,
      errors: [...WRITE_ERRORS, 'NOT_FOUND', 'CONFLICT'],
      handler: (context) => mergePerson(db, keyring, signedIn(context), context.params.personId, context.body, clock),
    }),
  ];
}
