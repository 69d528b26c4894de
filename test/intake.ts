import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { DialectName } from '../src/server/db/dialect.js';
import { buildTestApp, type TestApp } from './app.js';

/** The real app (intake routes and the public pages) over a fresh database. */
export function buildIntakeApp(dialect: DialectName, clock: () => Date): Promise<TestApp> {
  return buildTestApp(dialect, { clock });
}

/** A browser's visit to a form page: the cookie it got and the hidden CSRF token. */
export async function openForm(
  app: FastifyInstance,
  url = '/intake',
  address = '203.0.113.7',
): Promise<{ cookie: string; csrf: string; submission: string; page: LightMyRequestResponse }> {
  const page = await app.inject({ method: 'GET', url, remoteAddress: address, headers: { accept: 'text/html' } });
  const set = page.cookies.find((c) => c.name.endsWith('homeward_form'));
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (set === undefined || csrf === undefined) throw new Error(`no form token on ${url}: ${String(page.statusCode)}`);
  // The follow-up form has no submission key.
  const submission = /name="submission" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return { cookie: `${set.name}=${set.value}`, csrf, submission, page };
}

/** Posts a form as a browser does (which asks for HTML). */
export function postForm(
  app: FastifyInstance,
  url: string,
  fields: Record<string, string>,
  options: { cookie?: string; address?: string } = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url,
    remoteAddress: options.address ?? '203.0.113.7',
    headers: {
      accept: 'text/html,application/xhtml+xml',
      'content-type': 'application/x-www-form-urlencoded',
      ...(options.cookie === undefined ? {} : { cookie: options.cookie }),
    },
    payload: new URLSearchParams(fields).toString(),
  });
}

/** The cookies a response set, as a Cookie header to send on with `cookie`. */
export function withSetCookies(cookie: string, response: LightMyRequestResponse): string {
  return [cookie, ...response.cookies.filter((c) => c.value !== '').map((c) => `${c.name}=${c.value}`)].join('; ');
}

/** Follows a post's 303 to the receipt page with the cookies it set; the code shown, if any. */
export async function followReceipt(
  app: FastifyInstance,
  cookie: string,
  posted: LightMyRequestResponse,
): Promise<{ page: LightMyRequestResponse; code: string | undefined; cookie: string }> {
  const location = posted.headers.location;
  if (posted.statusCode !== 303 || typeof location !== 'string') {
    throw new Error(`not a 303 to the receipt page: ${String(posted.statusCode)} ${posted.body.slice(0, 200)}`);
  }
  const sent = withSetCookies(cookie, posted);
  const page = await app.inject({ method: 'GET', url: location, headers: { accept: 'text/html', cookie: sent } });
  const code = /data-testid="receipt-code">([^<]+)</.exec(page.body)?.[1];
  // The page clears the flash: what a browser would send next.
  const cleared = page.cookies.filter((c) => c.value === '').map((c) => c.name);
  const next = sent
    .split('; ')
    .filter((part) => !cleared.includes(part.split('=')[0] ?? ''))
    .join('; ');
  return { page, code, cookie: next };
}

/** The form fetched again by a visitor who has its cookie (Back after a post): a new submission key. */
export async function renderFormAgain(
  app: FastifyInstance,
  cookie: string,
  address = '203.0.113.7',
): Promise<{ csrf: string; submission: string }> {
  const page = await app.inject({
    method: 'GET',
    url: '/intake',
    remoteAddress: address,
    headers: { accept: 'text/html', cookie },
  });
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1];
  const submission = /name="submission" value="([^"]+)"/.exec(page.body)?.[1];
  if (csrf === undefined || submission === undefined) throw new Error(`no form on /intake: ${String(page.statusCode)}`);
  return { csrf, submission };
}
