import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { RouteDeps } from '../server/app.js';
import { AppError } from '../server/http/errors.js';
import { intakeFields, LIMITS } from '../server/modules/intake/intake.schema.js';
import { addFollowUp, createIntakeRequest } from '../server/modules/intake/intake.service.js';
import { listTerms } from '../server/modules/vocabularies/vocabularies.service.js';
import { countSubmission, formTokenValid, issueFormToken } from './form-guard.js';
import { langOf, type Lang } from './html.js';
import { INTAKE_CSS } from './intake.css.js';
import { renderIntakeForm, type FormVocabularies } from './intake-page.js';
import { fill, messagesFor } from './messages.js';
import { renderFollowUp, renderProblem, renderReceipt, renderThanks } from './result-pages.js';

/** The largest form body accepted (the text itself is at most 10,000 characters). */
export const PUBLIC_BODY_LIMIT = 64 * 1024;

const TEXT_FIELDS = [
  'handle',
  'contact',
  'requesterRole',
  'groupSize',
  'region',
  'serviceCategory',
  'force',
  'locationType',
  'urgency',
  'text',
] as const;

type FormBody = Record<string, string>;

function formBody(body: unknown): FormBody {
  if (typeof body !== 'object' || body === null) return {};
  return Object.fromEntries(
    Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function send(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}

function queryLang(request: FastifyRequest): Lang {
  return langOf((request.query as Record<string, unknown> | undefined)?.lang);
}

/** The form's values as the intake service takes them: empty means not given. */
function candidate(body: FormBody) {
  const given = (name: string) => (body[name] === undefined || body[name].trim() === '' ? undefined : body[name]);
  return {
    handle: given('handle') ?? null,
    contact: given('contact') ?? null,
    requesterRole: body.requesterRole ?? '',
    groupSize: given('groupSize') === undefined ? 1 : Number(body.groupSize),
    region: given('region') ?? null,
    serviceCategory: given('serviceCategory') ?? null,
    force: given('force') ?? null,
    locationType: given('locationType') ?? null,
    urgency: given('urgency'),
    text: body.text ?? '',
    consentDocumentation: body.consentDocumentation === '1',
    consentStatistics: body.consentStatistics === '1',
  };
}

function fieldErrors(lang: Lang, issues: z.core.$ZodIssue[]): Record<string, string> {
  const m = messagesFor(lang);
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const name = String(issue.path[0] ?? 'text');
    if (errors[name] !== undefined) continue;
    if (issue.code === 'too_big' && typeof issue.maximum === 'number' && name !== 'groupSize') {
      errors[name] = fill(m.tooLong, { max: issue.maximum.toLocaleString(lang) });
    } else if (
      (issue.code === 'too_small' && name === 'text') ||
      (name === 'requesterRole' && issue.code === 'too_small')
    ) {
      errors[name] = m.required;
    } else {
      errors[name] = m.invalid;
    }
  }
  return errors;
}

/**
 * The public intake pages: server-rendered, no JavaScript, nothing from
 * another host; answers are pages, never JSON. Registered in their own plugin,
 * which alone parses form bodies.
 */
export function registerPublicPages(app: FastifyInstance, deps: RouteDeps): void {
  const vocabularies = async (): Promise<FormVocabularies> => ({
    requesterRole: await listTerms(deps.db, 'requester_role'),
    region: await listTerms(deps.db, 'region'),
    serviceCategory: await listTerms(deps.db, 'service_category'),
    force: await listTerms(deps.db, 'force'),
    locationType: await listTerms(deps.db, 'location_type'),
  });
  const showForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    status: number,
    values: FormBody,
    errors: Record<string, string>,
  ) =>
    send(
      reply,
      status,
      renderIntakeForm(
        lang,
        { values, errors, csrf: await issueFormToken(request, reply, deps) },
        await vocabularies(),
      ),
    );
  const limited = (reply: FastifyReply, lang: Lang, wait: number) => {
    const m = messagesFor(lang);
    reply.header('retry-after', String(wait));
    return send(
      reply,
      429,
      renderProblem(lang, m.limitedTitle, fill(m.limited, { minutes: Math.ceil(wait / 60) }), 'intake-limited'),
    );
  };
  const forbidden = (reply: FastifyReply, lang: Lang) =>
    send(
      reply,
      403,
      renderProblem(lang, messagesFor(lang).forbiddenTitle, messagesFor(lang).forbidden, 'intake-forbidden'),
    );

  app.register((scope, _options, done) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: PUBLIC_BODY_LIMIT },
      (_request, body, parsed) => {
        parsed(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))));
      },
    );

    scope.setErrorHandler((error: FastifyError, request, reply) => {
      const lang = queryLang(request);
      const m = messagesFor(lang);
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
        return send(reply, 413, renderProblem(lang, m.tooLargeTitle, m.tooLarge, 'intake-too-large'));
      if ((error.statusCode ?? 500) < 500)
        return send(reply, 400, renderProblem(lang, m.failedTitle, m.failed, 'intake-bad-request'));
      request.log.error({ err: error }, 'public page failed');
      return send(reply, 500, renderProblem(lang, m.failedTitle, m.failed, 'intake-failed'));
    });

    scope.get('/public/intake.css', (_request, reply) => reply.type('text/css; charset=utf-8').send(INTAKE_CSS));

    scope.get('/intake', (request, reply) => showForm(request, reply, queryLang(request), 200, {}, {}));

    scope.post('/intake', { bodyLimit: PUBLIC_BODY_LIMIT }, async (request, reply) => {
      const body = formBody(request.body);
      const lang = langOf(body.lang);
      if (!(await formTokenValid(request, body.csrf, deps))) return forbidden(reply, lang);
      const kept = Object.fromEntries(
        [...TEXT_FIELDS, 'consentDocumentation', 'consentStatistics'].flatMap((name) =>
          body[name] === undefined ? [] : [[name, body[name]]],
        ),
      );
      if ((body.website ?? '') !== '') {
        // A bot filled the hidden field: thank it, store nothing.
        await countSubmission(deps, 'intake', request.ip, deps.clock());
        return send(reply, 200, renderThanks(lang));
      }
      const parsed = intakeFields.safeParse(candidate(body));
      if (!parsed.success) return showForm(request, reply, lang, 400, kept, fieldErrors(lang, parsed.error.issues));
      const wait = await countSubmission(deps, 'intake', request.ip, deps.clock());
      if (wait > 0) return limited(reply, lang, wait);
      try {
        const { receiptCode } = await createIntakeRequest(deps, parsed.data, { channel: 'web_form' });
        return await send(reply, 200, renderReceipt(lang, receiptCode));
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
        const errors = Object.fromEntries((error.fields ?? []).map((f) => [f.path, messagesFor(lang).invalid]));
        return showForm(request, reply, lang, 400, kept, errors);
      }
    });

    scope.get('/intake/follow-up', async (request, reply) => {
      const lang = queryLang(request);
      return send(
        reply,
        200,
        renderFollowUp(lang, { values: {}, errors: {}, csrf: await issueFormToken(request, reply, deps) }),
      );
    });

    scope.post('/intake/follow-up', { bodyLimit: PUBLIC_BODY_LIMIT }, async (request, reply) => {
      const body = formBody(request.body);
      const lang = langOf(body.lang);
      const m = messagesFor(lang);
      if (!(await formTokenValid(request, body.csrf, deps))) return forbidden(reply, lang);
      const values = { receiptCode: body.receiptCode ?? '', message: body.message ?? '' };
      const again = async (status: number, errors: Record<string, string>, notice?: 'not_found') =>
        send(
          reply,
          status,
          renderFollowUp(lang, {
            values,
            errors,
            csrf: await issueFormToken(request, reply, deps),
            ...(notice ? { notice } : {}),
          }),
        );
      const errors: Record<string, string> = {};
      if (values.receiptCode.trim() === '') errors.receiptCode = m.required;
      if (values.message.trim() === '') errors.message = m.required;
      else if (values.message.trim().length > LIMITS.message)
        errors.message = fill(m.tooLong, { max: LIMITS.message.toLocaleString(lang) });
      if (Object.keys(errors).length > 0) return again(400, errors);
      // Every attempt counts, right or wrong: guessing codes is throttled too.
      const wait = await countSubmission(deps, 'follow_up', request.ip, deps.clock());
      if (wait > 0) return limited(reply, lang, wait);
      try {
        await addFollowUp(deps, values.receiptCode, values.message);
      } catch (error) {
        if (error instanceof AppError && error.code === 'NOT_FOUND') return again(404, {}, 'not_found');
        throw error;
      }
      return send(
        reply,
        200,
        renderFollowUp(lang, {
          values: {},
          errors: {},
          csrf: await issueFormToken(request, reply, deps),
          notice: 'done',
        }),
      );
    });
    done();
  });
}
