import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../server/app.js';
import { AppError, type FieldProblem } from '../server/http/errors.js';
import type { PageAnswer } from '../server/http/page-route.js';
import { definePage } from '../server/http/route.js';
import { intakeFields } from '../server/modules/intake/intake.schema.js';
import { createIntakeRequest, submissionReceived } from '../server/modules/intake/intake.service.js';
import { listTerms } from '../server/modules/vocabularies/vocabularies.service.js';
import { fieldErrors, formValues, intakeCandidate, intakeFormBody, pageQuery, problemsOf } from './form-fields.js';
import {
  contentHash,
  formTokenValid,
  countSubmission,
  issueFormToken,
  newSubmissionKey,
  submissionHash,
  SubmissionRefused,
} from './form-guard.js';
import { langOf, type Lang } from './html.js';
import { renderIntakeForm, type FormVocabularies } from './intake-page.js';
import { fill, messagesFor } from './messages.js';
import { forbiddenPage, retryAfter } from './page-answers.js';
import { RECEIPT_PATH, setReceiptFlash, takeReceiptFlash } from './receipt-flash.js';
import { renderReceipt, renderReceivedAgain } from './result-pages.js';

const SUBMISSION = /^[A-Za-z0-9_-]{43}$/;

/**
 * The intake form, its post and the receipt page. A good post is answered
 * 303 to the receipt page (post/redirect/get), so a reload repeats nothing;
 * its one-time submission key makes any repeat of the post itself, even many
 * at once, answer the same receipt page without a second request; its content
 * key does the same for the same story sent again by the same visitor from a
 * new rendering of the form (Back, then Send, with JavaScript off).
 */
export function intakePages(deps: RouteDeps) {
  const vocabularies = async (): Promise<FormVocabularies> => ({
    requesterRole: await listTerms(deps.db, 'requester_role'),
    region: await listTerms(deps.db, 'region'),
    serviceCategory: await listTerms(deps.db, 'service_category'),
    force: await listTerms(deps.db, 'force'),
    locationType: await listTerms(deps.db, 'location_type'),
  });

  /** The form, again with what was typed and a message per field at fault. */
  const form = async (
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    values: Record<string, string>,
    problems: readonly FieldProblem[],
    limitedMinutes?: number,
  ): Promise<PageAnswer> => ({
    status: limitedMinutes !== undefined ? 429 : problems.length > 0 ? 400 : 200,
    body: renderIntakeForm(
      lang,
      {
        values,
        ...(limitedMinutes === undefined
          ? {}
          : { notice: fill(messagesFor(lang).limited, { minutes: limitedMinutes }) }),
        errors: fieldErrors(lang, problems, values),
        csrf: await issueFormToken(request, reply, deps),
        submission: SUBMISSION.test(values.submission ?? '') ? (values.submission ?? '') : newSubmissionKey(),
      },
      await vocabularies(),
    ),
  });

  const received = (lang: Lang): PageAnswer => ({ status: 303, location: `${RECEIPT_PATH}?lang=${lang}` });

  /** What every post checks first: the form token, then the honeypot (a bot is "received", and nothing counted). */
  const screen = async (request: FastifyRequest, values: Record<string, string>, lang: Lang) => {
    if (!(await formTokenValid(request, values.csrf, deps))) return forbiddenPage(lang);
    if ((values.website ?? '') !== '') return received(lang);
    return undefined;
  };

  return [
    definePage({
      method: 'GET',
      url: '/intake',
      summary: 'The public intake form (works without JavaScript)',
      tags: ['public'],
      access: { kind: 'public' },
      query: pageQuery,
      response: { kind: 'html' },
      errors: [],
      handler: ({ query, request, reply }) => form(request, reply, langOf(query.lang), {}, []),
    }),
    definePage({
      method: 'POST',
      url: '/intake',
      summary: 'Send an intake request from the public form; 303 to the receipt page',
      tags: ['public'],
      access: { kind: 'public' },
      query: pageQuery,
      body: intakeFormBody,
      response: { kind: 'html', seeOther: RECEIPT_PATH },
      errors: ['CSRF_REJECTED', 'RATE_LIMITED'],
      invalid: async ({ problems, rawBody, rawQuery, request, reply }) => {
        const values = formValues(rawBody);
        const lang = langOf(values.lang ?? formValues(rawQuery).lang);
        return (await screen(request, values, lang)) ?? form(request, reply, lang, values, problems);
      },
      handler: async ({ body, query, request, reply }) => {
        const values = formValues(request.body);
        const lang = langOf(body.lang ?? query.lang);
        const refused = await screen(request, values, lang);
        if (refused !== undefined) return refused;
        const parsed = intakeFields.safeParse(intakeCandidate(body));
        if (!parsed.success) return form(request, reply, lang, values, problemsOf(parsed.error.issues));
        const submission = await submissionHash(request, body.submission, deps);
        if (submission === undefined) return forbiddenPage(lang);
        const keys = { submissionHash: submission, contentHash: await contentHash(request, parsed.data, deps) };
        // A repeat of a form or a story already received counts against no one.
        if (await submissionReceived(deps, keys)) return received(lang);
        try {
          const created = await createIntakeRequest(deps, parsed.data, {
            channel: 'web_form',
            ...keys,
            admit: (trx) => countSubmission({ ...deps, db: trx }, request),
          });
          await setReceiptFlash(request, reply, created.receiptCode, deps);
          return received(lang);
        } catch (error) {
          // Refused, the text stays in the form to send later.
          if (error instanceof SubmissionRefused) {
            return form(request, reply, lang, values, [], retryAfter(reply, error.waitSeconds));
          }
          if (!(error instanceof AppError)) throw error;
          if (error.code === 'CONFLICT') return received(lang);
          if (error.code === 'VALIDATION_FAILED') return form(request, reply, lang, values, error.fields ?? []);
          throw error;
        }
      },
    }),
    definePage({
      method: 'GET',
      url: RECEIPT_PATH,
      summary: 'The receipt page: the receipt code once, then only that the request was received',
      tags: ['public'],
      access: { kind: 'public' },
      query: pageQuery,
      response: { kind: 'html' },
      errors: [],
      handler: async ({ query, request, reply }) => {
        const lang = langOf(query.lang);
        const code = await takeReceiptFlash(request, reply, deps);
        return { status: 200, body: code === undefined ? renderReceivedAgain(lang) : renderReceipt(lang, code) };
      },
    }),
  ];
}
