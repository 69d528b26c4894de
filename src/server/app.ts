import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ERROR_CATALOGUE } from '../shared/errors.js';
import type { DatabaseHandle } from './db/database.js';
import { AppError, sendError } from './http/errors.js';
import { buildOpenApiDocument } from './http/openapi.js';
import { defineRoute, registerRoutes, type AnyRoute } from './http/route.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerWebApp, staticFileRefusal, wantsWebApp, webAppNotBuilt, type WebAppFallback } from './http/web-app.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { grantsRoutes } from './modules/grants/grants.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { meRoutes } from './modules/me/me.routes.js';
import { sessionRoutes } from './modules/session/session.routes.js';
import { usersRoutes } from './modules/users/users.routes.js';
import { peopleRoutes } from './modules/people/people.routes.js';
import { intakeRoutes } from './modules/intake/intake.routes.js';
import { casesRoutes } from './modules/cases/cases.routes.js';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.js';
import { incidentsRoutes } from './modules/incidents/incidents.routes.js';
import { sourcesRoutes } from './modules/sources/sources.routes.js';
import { notificationsRoutes } from './modules/notifications/notifications.routes.js';
import { openLocalFileStore } from './files/file-store.js';
import { apiTokensRoutes } from './modules/api-tokens/api-tokens.routes.js';
import { evidenceRoutes } from './modules/evidence/evidence.routes.js';
import { statisticsRoutes } from './modules/statistics/statistics.routes.js';
import fastifyMultipart from '@fastify/multipart';
import { isPublicPage, publicPageRoutes, registerPublicPages } from '../public/public-pages.js';
import { vocabulariesRoutes } from './modules/vocabularies/vocabularies.routes.js';
import { createGuard, type CookiePolicy } from './auth/guard.js';
import type { Database } from './db/schema.js';
import type { Keyring } from './crypto/keyring.js';
import type { Kysely } from 'kysely';
import fastifyCookie from '@fastify/cookie';
import { VERSION } from './version.js';

export interface AppDeps {
  database: DatabaseHandle;
  /** Unwraps data keys; holds the master key in memory while the process runs. */
  keyring: Keyring;
  logger: FastifyBaseLogger;
  /** The built web app; absent or unbuilt serves a clear 503 on its pages. */
  webDir?: string | undefined;
  trustProxy?: number | undefined;
  /** Injected so tests can move time. */
  clock?: (() => Date) | undefined;
  /** False only for plain-HTTP development away from localhost (see README). */
  cookieSecure?: boolean | undefined;
  /** The data folder, for stored files. */
  dataDir?: string | undefined;
  /** HOMEWARD_KEYS_DIR: the installation's signing key, for evidence packages. */
  keysDir?: string | undefined;
  /** Largest evidence upload in bytes (HOMEWARD_EVIDENCE_MAX_MB); 100 MiB when not given. */
  evidenceMaxBytes?: number | undefined;
}

/** What route modules are built from. */
export interface RouteDeps {
  db: Kysely<Database>;
  keyring: Keyring;
  database: DatabaseHandle;
  clock: () => Date;
  cookies: CookiePolicy;
}

export function routeDeps(deps: AppDeps): RouteDeps {
  return {
    db: deps.database.db,
    keyring: deps.keyring,
    database: deps.database,
    clock: deps.clock ?? (() => new Date()),
    cookies: { secure: deps.cookieSecure ?? true },
  };
}

/** Largest JSON body the API accepts. Files have their own streaming routes. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
const DEFAULT_EVIDENCE_MAX_BYTES = 100 * 1024 * 1024;

/** Every API route, in the order they appear in the OpenAPI document. */
export function routeTable(deps: AppDeps): AnyRoute[] {
  const r = routeDeps(deps);
  const files =
    deps.dataDir === undefined
      ? undefined
      : openLocalFileStore({ db: r.db, keyring: r.keyring, dataDir: deps.dataDir });
  const routes: AnyRoute[] = [
    ...healthRoutes(deps),
    ...sessionRoutes(r),
    ...meRoutes(r),
    ...usersRoutes(r),
    ...grantsRoutes(r),
    ...auditRoutes(r),
    ...vocabulariesRoutes(r),
    ...peopleRoutes(r),
    ...casesRoutes(r, { files }),
    ...evidenceRoutes(r, {
      files,
      keysDir: deps.keysDir,
      maxBytes: deps.evidenceMaxBytes ?? DEFAULT_EVIDENCE_MAX_BYTES,
    }),
    ...intakeRoutes(r),
    ...apiTokensRoutes(r),
    ...dashboardRoutes(r),
    ...notificationsRoutes(r),
    ...incidentsRoutes(r),
    ...sourcesRoutes(r),
    ...statisticsRoutes(r),
    ...publicPageRoutes(r),
  ];
  const openapi = defineRoute({
    method: 'GET',
    url: '/api/openapi.json',
    summary: 'This OpenAPI document',
    tags: ['meta'],
    access: { kind: 'public' },
    response: z.record(z.string(), z.unknown()),
    errors: [],
    handler: () => Promise.resolve(document),
  });
  const all = [...routes, openapi];
  const document = buildOpenApiDocument(all, VERSION);
  return all;
}

/**
 * Builds the Fastify app without listening, so tests can `inject()` into it.
 * `routes` defaults to the real route table; tests of the HTTP layer pass their own.
 */
export async function buildApp(deps: AppDeps, routes: AnyRoute[] = routeTable(deps)): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    // Fastify's own request lines carry the full URL; ours (below) carry only the route pattern.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    // Trust exactly as many X-Forwarded-For hops as there are proxies in front.
    trustProxy: (_address: string, hop: number) => hop < (deps.trustProxy ?? 0),
    return503OnClosing: true,
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true },
    // Errors the router raises before any route runs: answered from the catalogue too.
    frameworkErrors: (error, _request, reply) => {
      const appError = new AppError(
        'VALIDATION_FAILED',
        error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A part of the address is too long.' : 'The address is not valid.',
      );
      void sendError(reply, appError);
    },
  });

  // The handlers come before any plugin: a plugin context keeps the error
  // handler it was created with, so the API registered ahead of this answered
  // in Fastify's default shape whenever the web app's plugin was loaded too.
  let webAppFallback: WebAppFallback = webAppNotBuilt;
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = staticFileRefusal(request, error) ?? toAppError(error);
    if (appError.code === 'INTERNAL_ERROR') {
      request.log.error({ err: error }, 'unhandled error');
    }
    return sendError(reply, appError);
  });
  app.setNotFoundHandler((request, reply) => {
    if (wantsWebApp(request)) return webAppFallback(request, reply);
    const path = request.url.split('?', 1)[0] ?? '';
    const otherMethod = routes.some((route) => route.method !== request.method && matches(route.url, path));
    throw otherMethod ? new AppError('METHOD_NOT_ALLOWED') : new AppError('ROUTE_NOT_FOUND');
  });

  registerSecurityHeaders(app);
  app.addHook('onResponse', (request, reply, done) => {
    // Logs the route pattern, never the URL itself (a query can hold a name)
    // and never bodies or headers.
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
    done();
  });

  await app.register(fastifyCookie);
  const r = routeDeps(deps);
  const guard = createGuard(r.db, r.cookies, r.clock);
  await app.register(async (api) => {
    // The API takes JSON only: Fastify's default text/plain parser would hand a string to the body schema.
    api.removeContentTypeParser('text/plain');
    // Evidence uploads stream as multipart; only routes that declare `multipart` read the parts (route.ts).
    await api.register(fastifyMultipart, { limits: { files: 1, fields: 4, parts: 6, fieldSize: 8 * 1024 } });
    registerRoutes(
      api,
      routes.filter((route) => !isPublicPage(route)),
      guard,
    );
  });
  // The public intake form: server-rendered pages, no JavaScript, no sign-in; the only scope that reads forms.
  registerPublicPages(app, routes.filter(isPublicPage), guard);

  webAppFallback = await registerWebApp(app, deps.webDir ?? '');

  return app;
}

function matches(pattern: string, path: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z0-9_]+/g, '[^/]+')}/?$`);
  return regex.test(path);
}

/** Maps Fastify's own errors (bad JSON, wrong content type, too large) onto the catalogue. */
function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('MALFORMED_JSON');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('VALIDATION_FAILED', 'The request body does not match its Content-Length.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', `The request body is larger than ${BODY_LIMIT_BYTES / 1024} KiB.`);
    default:
      break;
  }
  // Fastify signals a malformed body with SyntaxError and status 400.
  if (error.statusCode === 400 && error instanceof SyntaxError) return new AppError('MALFORMED_JSON');
  if (error.statusCode === 503) return new AppError('SERVICE_UNAVAILABLE');
  return new AppError('INTERNAL_ERROR', ERROR_CATALOGUE.INTERNAL_ERROR.message);
}
