import type { RouteDeps } from '../../app.js';
import { AppError, validationError } from '../../http/errors.js';
import { defineRoute, signedIn } from '../../http/route.js';
import { empty } from '../session/session.schema.js';
import { addTransition, listTransitions, removeTransition } from './transitions.service.js';
import {
  createTermBody,
  includeRetiredQuery,
  termParams,
  termSchema,
  termsResponseSchema,
  transitionBody,
  transitionDeleteBody,
  transitionQuery,
  transitionsResponseSchema,
  updateTermBody,
  vocabulariesResponseSchema,
  vocabularyParams,
} from './vocabularies.schema.js';
import {
  createTerm,
  getTerm,
  listTerms,
  listVocabularies,
  updateTerm,
  vocabularyOr404,
} from './vocabularies.service.js';

const EDIT = { kind: 'action', action: 'vocabulary.edit' } as const;
const SIGNED_IN = { kind: 'signed_in' } as const;
const READ_ERRORS = ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED', 'NOT_FOUND'] as const;
const EDIT_ERRORS = ['UNAUTHENTICATED', 'FORBIDDEN', 'ENROLMENT_REQUIRED', 'CSRF_REJECTED'] as const;

export function vocabulariesRoutes({ db, clock }: RouteDeps) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/vocabularies',
      summary: 'The controlled vocabularies, with how many terms each holds',
      tags: ['vocabularies'],
      access: SIGNED_IN,
      response: vocabulariesResponseSchema,
      errors: ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED'],
      handler: async () => ({ vocabularies: await listVocabularies(db) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/vocabularies/stage/transitions',
      summary: 'The permitted moves between case stages',
      tags: ['vocabularies'],
      access: SIGNED_IN,
      response: transitionsResponseSchema,
      errors: ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED'],
      handler: async () => ({ transitions: await listTransitions(db) }),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/vocabularies/stage/transitions',
      summary: 'Permit a move from one stage to another',
      tags: ['vocabularies'],
      access: EDIT,
      body: transitionBody,
      response: empty,
      successStatus: 204,
      errors: EDIT_ERRORS,
      handler: async (context) => {
        await addTransition(db, signedIn(context).userId, context.body, clock);
        return undefined;
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/vocabularies/stage/transitions',
      summary: 'Stop permitting a move between stages ({from, to} in the body or the query)',
      tags: ['vocabularies'],
      access: EDIT,
      query: transitionQuery,
      body: transitionDeleteBody,
      response: empty,
      successStatus: 204,
      errors: [...EDIT_ERRORS, 'NOT_FOUND'],
      handler: async (context) => {
        const { from, to } = context.body ?? context.query;
        if (from === undefined || to === undefined) {
          throw validationError([
            ...(from === undefined ? [{ path: 'from', message: 'is required' }] : []),
            ...(to === undefined ? [{ path: 'to', message: 'is required' }] : []),
          ]);
        }
        await removeTransition(db, signedIn(context).userId, { from, to }, clock);
        return undefined;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/vocabularies/:vocabulary',
      summary: "A vocabulary's terms, flat in sort order (the tree is in parentId); retired ones on request",
      tags: ['vocabularies'],
      access: SIGNED_IN,
      params: vocabularyParams,
      query: includeRetiredQuery,
      response: termsResponseSchema,
      errors: READ_ERRORS,
      handler: async ({ params, query }) => {
        const vocabulary = vocabularyOr404(params.vocabulary);
        return { vocabulary, terms: await listTerms(db, vocabulary, query) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/vocabularies/:vocabulary/terms/:termId',
      summary: 'One term, retired or not',
      tags: ['vocabularies'],
      access: SIGNED_IN,
      params: termParams,
      response: termSchema,
      errors: READ_ERRORS,
      handler: async ({ params }) => {
        const vocabulary = vocabularyOr404(params.vocabulary);
        const term = await getTerm(db, params.termId);
        if (term?.vocabulary !== vocabulary)
          throw new AppError('NOT_FOUND', 'There is no such term in this vocabulary.');
        return term;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/vocabularies/:vocabulary/terms',
      summary: 'Add a term to a vocabulary',
      tags: ['vocabularies'],
      access: EDIT,
      params: vocabularyParams,
      body: createTermBody,
      response: termSchema,
      successStatus: 201,
      errors: [...EDIT_ERRORS, 'NOT_FOUND', 'CONFLICT'],
      handler: async (context) => {
        const vocabulary = vocabularyOr404(context.params.vocabulary);
        return createTerm(db, signedIn(context).userId, vocabulary, context.body, clock);
      },
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/vocabularies/:vocabulary/terms/:termId',
      summary: "Change a term's labels, parent, sort order or attributes; retire it or offer it again",
      tags: ['vocabularies'],
      access: EDIT,
      params: termParams,
      body: updateTermBody,
      response: termSchema,
      errors: [...EDIT_ERRORS, 'NOT_FOUND'],
      handler: async (context) => {
        const vocabulary = vocabularyOr404(context.params.vocabulary);
        return updateTerm(db, signedIn(context).userId, vocabulary, context.params.termId, context.body, clock);
      },
    }),
  ];
}
