import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../server/app.js';
import { AppError, type FieldProblem } from '../server/http/errors.js';
import type { PageAnswer } from '../server/http/page-route.js';
import { definePage } from '../server/http/route.js';
import { addFollowUp, requestOfReceipt } from '../server/modules/intake/intake.service.js';
import { fieldErrors, followUpFormBody, formValues, pageQuery } from './form-fields.js';
import { countFollowUp, countWrongCode, formTokenValid, issueFormToken } from './form-guard.js';
import { langOf, type Lang } from './html.js';
import { forbiddenPage, retryAfter } from './page-answers.js';
import { renderFollowUp, type FollowUpState } from './result-pages.js';

/**
 * Adding to a request with its receipt code. A correct code is always heard;
 * wrong codes are counted per address on their own, so one guesser behind a
 * shared address (an onion service) slows only further wrong codes, never a
 * requester who has theirs. Follow-ups per request have a share of their own.
 */
export function followUpPages(deps: RouteDeps) {
  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    status: 200 | 400 | 404 | 429,
    state: Omit<FollowUpState, 'csrf'>,
  ): Promise<PageAnswer> => ({
    status,
    body: renderFollowUp(lang, { ...state, csrf: await issueFormToken(request, reply, deps) }),
  });
  const kept = (values: Record<string, string>) => ({
    receiptCode: values.receiptCode ?? '',
    message: values.message ?? '',
  });
  const withErrors = (
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    values: Record<string, string>,
    problems: FieldProblem[],
  ) => page(request, reply, lang, 400, { values: kept(values), errors: fieldErrors(lang, problems, values) });

  return [
    definePage({
      method: 'GET',
      url: '/intake/follow-up',
      summary: 'The form to add to an earlier request with its receipt code',
      tags: ['public'],
      access: { kind: 'public' },
      query: pageQuery,
      response: { kind: 'html' },
      errors: [],
      handler: ({ query, request, reply }) => page(request, reply, langOf(query.lang), 200, { values: {}, errors: {} }),
    }),
    definePage({
      method: 'POST',
      url: '/intake/follow-up',
      summary: 'Add a message to an earlier request with its receipt code',
      tags: ['public'],
      access: { kind: 'public' },
      query: pageQuery,
      body: followUpFormBody,
      response: { kind: 'html' },
      errors: ['CSRF_REJECTED', 'NOT_FOUND', 'RATE_LIMITED'],
      invalid: async ({ problems, rawBody, rawQuery, request, reply }) => {
        const values = formValues(rawBody);
        const lang = langOf(values.lang ?? formValues(rawQuery).lang);
        if (!(await formTokenValid(request, values.csrf, deps))) return forbiddenPage(lang);
        return withErrors(request, reply, lang, values, problems);
      },
      handler: async ({ body, query, request, reply }) => {
        const values = formValues(request.body);
        const lang = langOf(body.lang ?? query.lang);
        if (!(await formTokenValid(request, body.csrf, deps))) return forbiddenPage(lang);
        const blank = (['receiptCode', 'message'] as const).filter((name) => body[name].trim() === '');
        if (blank.length > 0) {
          const problems = blank.map((path) => ({ path, message: 'required', reason: 'required' as const }));
          return withErrors(request, reply, lang, values, problems);
        }
        const intakeId = await requestOfReceipt(deps, body.receiptCode);
        if (intakeId === undefined) {
          const wait = await countWrongCode(deps, request.ip);
          if (wait === 0)
            return page(request, reply, lang, 404, { values: kept(values), errors: {}, notice: 'not_found' });
          const minutes = retryAfter(reply, wait);
          return page(request, reply, lang, 429, {
            values: kept(values),
            errors: {},
            notice: 'wrong_codes_limited',
            minutes,
          });
        }
        const wait = await countFollowUp(deps, intakeId);
        if (wait > 0) {
          const minutes = retryAfter(reply, wait);
          return page(request, reply, lang, 429, {
            values: kept(values),
            errors: {},
            notice: 'follow_ups_limited',
            minutes,
          });
        }
        try {
          await addFollowUp(deps, body.receiptCode, body.message);
        } catch (error) {
          // Purged between the look-up and the message: as if the code named nothing.
          if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
          return page(request, reply, lang, 404, { values: kept(values), errors: {}, notice: 'not_found' });
        }
        return page(request, reply, lang, 200, { values: {}, errors: {}, notice: 'done' });
      },
    }),
  ];
}
