import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../server/app.js';
import { isPageResponse } from '../server/http/page-route.js';
import { definePage, registerRoutes, type AnyRoute, type RouteGuard } from '../server/http/route.js';
import { followUpPages } from './follow-up-pages.js';
import { pageQuery } from './form-fields.js';
import { langOf } from './html.js';
import { INTAKE_CSS } from './intake.css.js';
import { intakePages } from './intake-pages.js';
import { messagesFor } from './messages.js';
import { renderProblem } from './result-pages.js';
import { statsPages } from './stats-pages.js';

/** The largest form body accepted (the text itself is at most 10,000 characters). */
export const PUBLIC_BODY_LIMIT = 64 * 1024;

/**
 * The public pages, in the route table like every other route (so the
 * OpenAPI document and the authorization matrix cover them): server-rendered,
 * no JavaScript, nothing from another host, every answer a page.
 */
export function publicPageRoutes(deps: RouteDeps): AnyRoute[] {
  return [
    definePage({
      method: 'GET',
      url: '/public/intake.css',
      summary: "The public pages' stylesheet",
      tags: ['public'],
      access: { kind: 'public' },
      response: { kind: 'css' },
      errors: [],
      handler: () => Promise.resolve({ status: 200, body: INTAKE_CSS }),
    }),
    ...intakePages(deps),
    ...followUpPages(deps),
    ...statsPages(deps),
  ];
}

export function isPublicPage(route: AnyRoute): boolean {
  // A signed-in route may answer something other than JSON too (the audit log's CSV): it stays in the API's scope.
  return isPageResponse(route.response) && route.access.kind === 'public';
}

/** Browsers ask for HTML; a client that does not is answered in the API's JSON catalogue instead. */
function wantsPage(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

/** `\r\n` (how browsers send a textarea's line breaks) counts as one character, as `maxlength` counts it. */
function parseForm(body: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(body)) fields[name] = value.replace(/\r\n?/g, '\n');
  return fields;
}

/**
 * Registers the page routes in their own scope: the only one that reads
 * form bodies (and no JSON), with errors answered as pages to browsers.
 */
export function registerPublicPages(app: FastifyInstance, routes: readonly AnyRoute[], guard: RouteGuard): void {
  app.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: PUBLIC_BODY_LIMIT },
      (_request, body, parsed) => {
        parsed(null, parseForm(typeof body === 'string' ? body : body.toString('utf8')));
      },
    );
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      // Thrown on, the error reaches the app's handler, which answers the catalogue body.
      if (!wantsPage(request)) throw error;
      const lang = langOf(pageQuery.safeParse(request.query).data?.lang);
      const m = messagesFor(lang);
      const page = (status: number, title: string, message: string, testId: string) =>
        reply
          .code(status)
          .type('text/html; charset=utf-8')
          .send(renderProblem(lang, title, message, testId));
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
        return page(413, m.tooLargeTitle, m.tooLarge, 'intake-too-large');
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
        return page(415, m.failedTitle, m.failed, 'intake-bad-request');
      if ((error.statusCode ?? 500) < 500) return page(400, m.failedTitle, m.failed, 'intake-bad-request');
      request.log.error({ err: error }, 'public page failed');
      return page(500, m.failedTitle, m.failed, 'intake-failed');
    });
    registerRoutes(scope, routes, guard);
    done();
  });
}
