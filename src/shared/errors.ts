/**
 * The one catalogue of error codes Homeward answers with. Every API error is
 * `{ "error": { "code", "message" } }` with a code from this table; the HTTP
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
  USERNAME_TAKEN: { status: 409, message: 'That username is taken.' },
  SETUP_NOT_AVAILABLE: { status: 409, message: 'This installation already has an administrator.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'The request body must be JSON.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests. Wait and try again.' },
  INTERNAL_ERROR: { status: 500, message: 'Something went wrong on the server.' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'The service is not available right now.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    /** For VALIDATION_FAILED: which fields were wrong, as dotted paths. */
    fields?: { path: string; message: string }[];
  };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CATALOGUE, value);
}

/** For exhaustive switches: a new union member without a case fails to compile. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
