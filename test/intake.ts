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
): Promise<{ cookie: string; csrf: string; page: LightMyRequestResponse }> {
  const page = await app.inject({ method: 'GET', url, remoteAddress: address });
  const set = page.cookies.find((c) => c.name.endsWith('homeward_form'));
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (set === undefined || csrf === undefined) throw new Error(`no form token on ${url}: ${String(page.statusCode)}`);
  return { cookie: `${set.name}=${set.value}`, csrf, page };
}

/** Posts a form as a browser does. */
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
      'content-type': 'application/x-www-form-urlencoded',
      ...(options.cookie === undefined ? {} : { cookie: options.cookie }),
    },
    payload: new URLSearchParams(fields).toString(),
  });
}
