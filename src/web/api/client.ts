import { isErrorCode, type ErrorBody, type ErrorCode } from '../../shared/errors.js';

/**
 * Only same-origin API paths are accepted: the CSP allows `connect-src 'self'`
 * and the session cookie must never travel anywhere else.
 */
export type ApiPath = `/api/${string}`;

export type FieldError = NonNullable<ErrorBody['error']['fields']>[number];

/** Every failure of an API call, with a code the UI can turn into a localized message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ErrorCode;
  /** The HTTP status, or 0 when no answer arrived at all. */
  readonly status: number;
  readonly fields: readonly FieldError[];

  constructor(code: ErrorCode, status: number, message: string, fields: readonly FieldError[] = []) {
    super(message);
    this.code = code;
    this.status = status;
    this.fields = fields;
  }
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

  if (!response.ok) throw await errorFromResponse(response);
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
  const body = await readJson(response);
  if (isErrorBody(body)) {
    const { code, message, fields } = body.error;
    return new ApiError(code, response.status, message, Array.isArray(fields) ? fields : []);
  }
  // No catalogue body: a reverse proxy or the network in between answered.
  const code = codeForStatus(response.status);
  return new ApiError(code, response.status, `HTTP ${response.status}`);
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error: unknown = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    isErrorCode(error.code) &&
    'message' in error &&
    typeof error.message === 'string'
  );
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
