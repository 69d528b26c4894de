import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { registerPublicPages } from '../src/public/public-pages.js';
import { buildApp, routeDeps, routeTable, type AppDeps } from '../src/server/app.js';
import type { DialectName } from '../src/server/db/dialect.js';
import { Keyring } from '../src/server/crypto/keyring.js';
import { newMasterKey } from '../src/server/crypto/master-key.js';
import { apiTokensRoutes } from '../src/server/modules/api-tokens/api-tokens.routes.js';
import { intakeRoutes } from '../src/server/modules/intake/intake.routes.js';
import { createTestDatabase } from './databases.js';
import type { TestApp } from './app.js';

/**
 * The app with the intake routes and public pages, whether or not app.ts
 * registers them yet (once it does, routeTable holds them and they are not added twice).
 */
export async function buildIntakeApp(dialect: DialectName, clock: () => Date): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const keyring = new Keyring(newMasterKey());
  const deps: AppDeps = { database: database.handle, keyring, logger: pino({ level: 'silent' }), clock };
  const table = routeTable(deps);
  const registered = table.some((route) => route.url === '/api/intake');
  const r = routeDeps(deps);
  const app = await buildApp(deps, registered ? table : [...table, ...intakeRoutes(r), ...apiTokensRoutes(r)]);
  if (!registered) registerPublicPages(app, r);
  await app.ready();
  return {
    app,
    keyring,
    database,
    async cleanup() {
      await app.close();
      await database.cleanup();
    },
  };
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
