// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiDelete, apiGet, apiPatch, apiPost, apiPut, onSessionProblem } from './client.js';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** Replaces fetch with one that answers `respond` and records what it was asked. */
function stubFetch(respond: () => Response | Promise<Response>): Request[] {
  const seen: Request[] = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(new Request(new URL(input instanceof Request ? input.url : input.toString(), 'http://localhost'), init));
    return Promise.resolve().then(respond);
  });
  return seen;
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api client', () => {
  it('returns the parsed JSON of a successful answer', async () => {
    stubFetch(() => jsonResponse(200, { status: 'ok', database: 'sqlite', version: '0.1.0', demo: false }));
    await expect(apiGet('/api/health')).resolves.toEqual({
      status: 'ok',
      database: 'sqlite',
      version: '0.1.0',
      demo: false,
    });
  });

  it('asks for JSON, sends cookies only to its own origin, and encodes a body as JSON', async () => {
    const seen = stubFetch(() => new Response(null, { status: 204 }));
    await apiPost('/api/cases', { title: 'A' });
    const request = seen[0];
    expect(request?.method).toBe('POST');
    expect(request?.headers.get('Accept')).toBe('application/json');
    expect(request?.headers.get('Content-Type')).toBe('application/json');
    expect(request?.credentials).toBe('same-origin');
    expect(await request?.json()).toEqual({ title: 'A' });
  });

  it('turns an error body into an ApiError with its code, status, message and fields', async () => {
    stubFetch(() =>
      jsonResponse(400, {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'The request is not valid.',
          fields: [{ path: 'title', message: 'must have at least 1 character', reason: 'required' }],
        },
      }),
    );
    const error = await caught(apiPost('/api/cases', {}));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.status).toBe(400);
    expect(error.message).toBe('The request is not valid.');
    expect(error.fields).toEqual([{ path: 'title', message: 'must have at least 1 character', reason: 'required' }]);
  });

  it('does not mistake a body in another shape for the catalogue body', async () => {
    // Fastify's default error shape, which the served app once sent: only the status can be trusted.
    stubFetch(() =>
      jsonResponse(401, { statusCode: 401, code: 'INVALID_CREDENTIALS', error: 'Unauthorized', message: 'x' }),
    );
    expect((await caught(apiPost('/api/session', {}))).code).toBe('UNAUTHENTICATED');
    stubFetch(() => jsonResponse(400, { error: { code: 'VALIDATION_FAILED', message: 'x', fields: [{ path: 'a' }] } }));
    expect((await caught(apiPost('/api/session', {}))).code).toBe('INTERNAL_ERROR');
  });

  it('reports an unreachable server as SERVICE_UNAVAILABLE', async () => {
    stubFetch(() => Promise.reject(new TypeError('fetch failed')));
    const error = await caught(apiGet('/api/health'));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.status).toBe(0);
  });

  it('reports a proxy error page without our body by its status', async () => {
    stubFetch(() => new Response('<html>Bad Gateway</html>', { status: 502 }));
    expect((await caught(apiGet('/api/health'))).code).toBe('SERVICE_UNAVAILABLE');
  });

  it('does not trust an unknown code in an error body', async () => {
    stubFetch(() => jsonResponse(403, { error: { code: 'SOMETHING_NEW', message: 'x' } }));
    const error = await caught(apiGet('/api/health'));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.status).toBe(403);
  });

  it('sends the CSRF header on every call that is not a GET, and only there', async () => {
    const seen = stubFetch(() => new Response(null, { status: 204 }));
    await apiPost('/api/session', { username: 'a' });
    await apiPut('/api/x', {});
    await apiPatch('/api/users/1', { disabled: true });
    await apiDelete('/api/session');
    await apiPost('/api/me/totp');
    for (const request of seen) expect(request.headers.get('X-Homeward-Request'), request.method).toBe('1');

    const gets = stubFetch(() => jsonResponse(200, {}));
    await apiGet('/api/session');
    expect(gets[0]?.headers.has('X-Homeward-Request')).toBe(false);
  });

  it('keeps Retry-After on a RATE_LIMITED error, in seconds', async () => {
    stubFetch(
      () =>
        new Response(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Too many requests.' } }), {
          status: 429,
          headers: { 'Content-Type': 'application/json', 'Retry-After': '42' },
        }),
    );
    const error = await caught(apiPost('/api/session', {}));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfter).toBe(42);

    stubFetch(() => jsonResponse(429, { error: { code: 'RATE_LIMITED', message: 'x' } }));
    expect((await caught(apiPost('/api/session', {}))).retryAfter).toBeUndefined();
  });

  it('tells listeners when a call is answered UNAUTHENTICATED, and not for a failed sign-in', async () => {
    let calls = 0;
    const stop = onSessionProblem((code) => {
      expect(code).toBe('UNAUTHENTICATED');
      calls += 1;
    });
    stubFetch(() => jsonResponse(401, { error: { code: 'INVALID_CREDENTIALS', message: 'x' } }));
    await caught(apiPost('/api/session', {}));
    expect(calls).toBe(0);
    stubFetch(() => jsonResponse(401, { error: { code: 'UNAUTHENTICATED', message: 'x' } }));
    await caught(apiGet('/api/me/sessions'));
    expect(calls).toBe(1);
    stop();
    await caught(apiGet('/api/me/sessions'));
    expect(calls).toBe(1);
  });

  it('passes an abort through instead of reporting it as a failure', async () => {
    stubFetch(() => Promise.reject(new DOMException('aborted', 'AbortError')));
    await expect(apiGet('/api/health')).rejects.toMatchObject({ name: 'AbortError' });
  });
});
