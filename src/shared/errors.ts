import { z } from 'zod';

/**
 * The one catalogue of error codes Homeward answers with. Every API error is
 * `{ "error": { "code", "message", "fields"? } }` (errorBodySchema below) with a code from this table; the HTTP
 * status belongs to the code, so a client can rely on either.
 *
 * The English messages here are what the API sends; the web app shows its own
 * Russian and English text for each code (see src/web/i18n), and a code added
 * here without those messages fails to compile there.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid.' },
  MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  INVALID_CODE: { status: 400, message: 'The code is wrong or has been used already.' },
  UNAUTHENTICATED: { status: 401, message: 'Sign in to continue.' },
  INVALID_CREDENTIALS: { status: 401, message: 'The username, password or code is wrong.' },
  FORBIDDEN: { status: 403, message: 'You may not do this.' },
  ENROLMENT_REQUIRED: { status: 403, message: 'Set up your second factor first.' },
  CSRF_REJECTED: { status: 403, message: 'The request did not come from this application.' },
  INVALID_SETUP_TOKEN: { status: 403, message: 'The setup token is wrong.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  ROUTE_NOT_FOUND: { status: 404, message: 'There is no such address.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'This address does not accept this method.' },
  CONFLICT: { status: 409, message: 'The request conflicts with the current state.' },
  OUTCOME_NOT_ALLOWED: { status: 409, message: "The case's stage does not allow recording an outcome." },
  USERNAME_TAKEN: { status: 409, message: 'That username is taken.' },
  SETUP_NOT_AVAILABLE: { status: 409, message: 'This installation already has an administrator.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  FILE_TOO_LARGE: { status: 413, message: 'The file is larger than this installation accepts.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'The request body must be JSON.' },
  UNSUPPORTED_FILE_TYPE: {
    status: 415,
    message: 'The file is not of a type this installation accepts, or its name or declared type does not match it.',
  },
  RATE_LIMITED: { status: 429, message: 'Too many requests. Wait and try again.' },
  INTERNAL_ERROR: { status: 500, message: 'Something went wrong on the server.' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'The service is not available right now.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

/**
 * Why a field was refused, stable across releases so a client can say it in
 * its own language; `message` stays the server's English detail.
 */
export const FIELD_REASONS = [
  /** Missing, or empty where a value is needed. */
  'required',
  /** A value of the wrong type (a number where text belongs). */
  'invalid_type',
  /** Text or a list shorter than `limit`. */
  'too_short',
  /** Text or a list longer than `limit`. */
  'too_long',
  /** A number below `limit`. */
  'too_small',
  /** A number above `limit`. */
  'too_large',
  /** Text not of the expected form: an id, a date, a pattern. */
  'invalid_format',
  /** Not one of the allowed values. */
  'invalid_value',
  /** A field the request may not carry. */
  'unknown_field',
  /** A secret checked and found wrong, such as the current password. */
  'incorrect',
  /** A new password on the list of those seen most in leaks. */
  'common',
  /** Names a record (a case number, an id) that does not exist. */
  'not_found',
  /** Refused for a reason `message` explains (a rule of the service). */
  'invalid',
] as const;

export type FieldReason = (typeof FIELD_REASONS)[number];

export const fieldProblemSchema = z.object({
  /** Dotted path: `title`, `query.limit`, `params.caseId`, `people.0.name`. */
  path: z.string(),
  message: z.string(),
  reason: z.enum(FIELD_REASONS),
  /** The bound that was crossed, for the too_* reasons. */
  limit: z.number().optional(),
});

export type FieldProblemBody = z.infer<typeof fieldProblemSchema>;

/** The JSON body of every error answer: the server builds it from this schema and the web client parses it. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    /** For VALIDATION_FAILED: which fields were wrong. */
    fields: z.array(fieldProblemSchema).optional(),
  }),
});

export type ErrorBody = z.infer<typeof errorBodySchema>;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CATALOGUE, value);
}

/** For exhaustive switches: a new union member without a case fails to compile. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
