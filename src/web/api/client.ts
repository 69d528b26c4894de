import { errorBodySchema, type ErrorCode, type FieldProblemBody } from '../../shared/errors.js';

/**
 * Only same-origin API paths are accepted: the CSP allows `connect-src 'self'`
 * and the session cookie must never travel anywhere else.
 */
export type ApiPath = `/api/${string}`;

/** One field the server refused: its path, a stable reason code to word it by, and the server's English detail. */
export type FieldError = FieldProblemBody;

/**
 * Sent on every request that is not a GET. A page on another site cannot set
 * a custom header on a cross-origin request without a CORS preflight, which
 * the server never grants, so the server refuses state changes without it.
 */
export const CSRF_HEADER = 'X-Homeward-Request';

/** Every failure of an API call, with a code the UI can turn into a localized message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ErrorCode;
  /** The HTTP status, or 0 when no answer arrived at all. */
  readonly status: number;
  readonly fields: readonly FieldError[];
  /** For RATE_LIMITED: seconds to wait, from the Retry-After header, when the server sent one. */
  readonly retryAfter: number | undefined;

  constructor(
    code: ErrorCode,
    status: number,
    message: string,
    fields: readonly FieldError[] = [],
    retryAfter?: number,
  ) {
    super(message);
    this.code = code;
    this.status = status;
    this.fields = fields;
    this.retryAfter = retryAfter;
  }
}

/** The code of any thrown value: an ApiError's own, or INTERNAL_ERROR for anything else. */
export function errorCodeOf(error: unknown): ErrorCode {
  return error instanceof ApiError ? error.code : 'INTERNAL_ERROR';
}

/** Answers that say the session itself changed, whatever the call was about. */
export type SessionProblem = Extract<ErrorCode, 'UNAUTHENTICATED' | 'ENROLMENT_REQUIRED'>;

type SessionProblemListener = (code: SessionProblem, path: ApiPath) => void;
const sessionProblemListeners = new Set<SessionProblemListener>();

/**
 * Calls `listener` whenever an API call is answered UNAUTHENTICATED (the
 * session has ended: idle timeout, signed out elsewhere, revoked by an admin)
 * or ENROLMENT_REQUIRED. Returns the function that removes it.
 */
export function onSessionProblem(listener: SessionProblemListener): () => void {
  sessionProblemListeners.add(listener);
  return () => {
    sessionProblemListeners.delete(listener);
  };
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export function apiGet<T>(path: ApiPath, options?: RequestOptions): Promise<T> {
  return request<T>('GET', path, undefined, options);
}

export function apiPost<T>(path: ApiPath, body?: unknown, options?: RequestOptions): Promise<T> {
  return request<T>('POST', path, body, options);
}

export function apiPut<T>(path: ApiPath, body?: unknown, options?: RequestOptions): Promise<T> {
  return request<T>('PUT', path, body, options);
}

export function apiPatch<T>(path: ApiPath, body?: unknown, options?: RequestOptions): Promise<T> {
  return request<T>('PATCH', path, body, options);
}

export function apiDelete<T = void>(path: ApiPath, options?: RequestOptions): Promise<T> {
  return request<T>('DELETE', path, undefined, options);
}

/**
 * The type argument is trusted, not checked: the server validates its answers
 * against the same Zod schemas that define them.
 */
async function request<T>(
  method: string,
  path: ApiPath,
  body: unknown,
  options: RequestOptions | undefined,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') headers[CSRF_HEADER] = '1';
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (options?.signal) init.signal = options.signal;

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    // An abort is the caller's own decision, not a failure to report.
    if (isAbort(error)) throw error;
    throw new ApiError('SERVICE_UNAVAILABLE', 0, 'The server could not be reached.');
  }

  if (!response.ok) {
    const error = await errorFromResponse(response);
    const code = error.code;
    if (code === 'UNAUTHENTICATED' || code === 'ENROLMENT_REQUIRED') {
      for (const listener of [...sessionProblemListeners]) listener(code, path);
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;

  try {
    return (await response.json()) as T;
  } catch (error) {
    if (isAbort(error)) throw error;
    // Most often a proxy or static fallback answering HTML where JSON was due.
    throw new ApiError('INTERNAL_ERROR', response.status, 'The server answered with something other than JSON.');
  }
}

async function errorFromResponse(response: Response): Promise<ApiError> {
  // The same schema the server checks every error body against before sending it.
  const body = errorBodySchema.safeParse(await readJson(response));
  if (body.success) {
    const { code, message, fields } = body.data.error;
    return new ApiError(code, response.status, message, fields ?? [], retryAfter(response));
  }
  // No catalogue body: a reverse proxy or the network in between answered.
  const code = codeForStatus(response.status);
  return new ApiError(code, response.status, `HTTP ${response.status}`, [], retryAfter(response));
}

/** Retry-After in seconds; the HTTP-date form is turned into seconds from now. */
function retryAfter(response: Response): number | undefined {
  const value = response.headers.get('Retry-After')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 429:
      return 'RATE_LIMITED';
    // What a proxy says while the app process is down or restarting.
    case 502:
    case 503:
    case 504:
      return 'SERVICE_UNAVAILABLE';
    default:
      return 'INTERNAL_ERROR';
  }
}

// Checked by name: browsers, Node and jsdom each have their own DOMException class.
function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && error.name === 'AbortError';
}
