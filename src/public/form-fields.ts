import { z } from 'zod';
import type { FieldProblem } from '../server/http/errors.js';
import { LIMITS, URGENCIES, type IntakeInput } from '../server/modules/intake/intake.schema.js';
import type { Lang } from './html.js';
import { characters, fill, messagesFor } from './messages.js';

/**
 * The public forms' fields as the browser posts them (every value a string),
 * for the route table: they validate the post and describe it in the OpenAPI
 * document. The same limits set the inputs' `maxlength`, so a browser stops
 * where the server would refuse.
 */
export const FIELD_LIMITS = {
  handle: LIMITS.handle,
  contact: LIMITS.contact,
  text: LIMITS.text,
  message: LIMITS.message,
  code: 64,
  receiptCode: 64,
  hidden: 128,
} as const;

const lang = z.enum(['ru', 'en']).optional().catch(undefined);
const hidden = z.string().max(FIELD_LIMITS.hidden).optional();
const term = z.string().max(FIELD_LIMITS.code).optional();

export const pageQuery = z.object({ lang });

export const intakeFormBody = z.object({
  csrf: hidden.describe('The form token, bound to the form cookie'),
  submission: hidden.describe('The one-time submission key of this form'),
  lang,
  website: z.string().optional().describe('A honeypot: people leave it empty'),
  handle: z.string().max(FIELD_LIMITS.handle).optional(),
  contact: z.string().max(FIELD_LIMITS.contact).optional(),
  requesterRole: z.string().min(1).max(FIELD_LIMITS.code),
  groupSize: z.string().max(8).optional(),
  region: term,
  serviceCategory: term,
  force: term,
  locationType: term,
  urgency: z.enum(URGENCIES).optional(),
  text: z.string().min(1).max(FIELD_LIMITS.text),
  consentDocumentation: z.literal('1').optional(),
  consentStatistics: z.literal('1').optional(),
});
export type IntakeFormBody = z.infer<typeof intakeFormBody>;

export const followUpFormBody = z.object({
  csrf: hidden.describe('The form token, bound to the form cookie'),
  lang,
  receiptCode: z.string().min(1).max(FIELD_LIMITS.receiptCode),
  message: z.string().min(1).max(FIELD_LIMITS.message),
});
export type FollowUpFormBody = z.infer<typeof followUpFormBody>;

/** A posted body as plain strings, whatever the schema made of it: what the form shows again. */
export function formValues(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null) return {};
  return Object.fromEntries(
    Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** The intake service's input from the form: empty means not given. */
export function intakeCandidate(body: Record<string, string | undefined>) {
  const given = (name: string) => {
    const value = body[name];
    return value === undefined || value.trim() === '' ? undefined : value;
  };
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
  } satisfies Record<keyof IntakeInput, unknown>;
}

/** The intake rules' own issues (after the form's), in the route layer's terms. */
export function problemsOf(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  return issues.map((issue) => {
    const path = String(issue.path[0] ?? 'text');
    const text = 'origin' in issue && issue.origin === 'string';
    if (issue.code === 'too_big' && text)
      return { path, message: issue.message, reason: 'too_long', limit: Number(issue.maximum) };
    if (issue.code === 'too_small' && text) return { path, message: issue.message, reason: 'required' };
    return { path, message: issue.message, reason: 'invalid' };
  });
}

/**
 * One message per field at fault, in the reader's language. Text over its
 * limit says by how much to shorten it; the form keeps what was typed.
 */
export function fieldErrors(lang: Lang, problems: readonly FieldProblem[], values: Record<string, string>) {
  const m = messagesFor(lang);
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    const name = problem.path.replace(/^query\./, '');
    if (errors[name] !== undefined) continue;
    if (problem.reason === 'too_long' && problem.limit !== undefined) {
      const over = Math.max(1, (values[name]?.length ?? 0) - problem.limit);
      errors[name] = fill(m.tooLong, { max: characters(lang, problem.limit), over: characters(lang, over) });
    } else if (problem.reason === 'required') {
      errors[name] = m.required;
    } else {
      errors[name] = m.invalid;
    }
  }
  return errors;
}
