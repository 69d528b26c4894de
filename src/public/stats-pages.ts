import type { FastifyRequest } from 'fastify';
import type { RouteDeps } from '../server/app.js';
import { defineRoute, definePage, type AnyRoute } from '../server/http/route.js';
import { latestSnapshot } from '../server/modules/statistics/publication.service.js';
import { publicStatisticsSchema } from '../shared/statistics.schema.js';
import { pageQuery } from './form-fields.js';
import type { Lang } from './html.js';
import { renderStatsPage, STATS_CSS } from './stats-page.js';

/** `?lang=` first, then the browser's Accept-Language (English when it prefers English), else Russian. */
function langFor(query: Lang | undefined, request: FastifyRequest): Lang {
  if (query !== undefined) return query;
  const preferred = (request.headers['accept-language'] ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return preferred.startsWith('en') ? 'en' : 'ru';
}

/** The public statistics: the latest published snapshot as a page and as JSON; no session needed. */
export function statsPages(deps: RouteDeps): AnyRoute[] {
  return [
    definePage({
      method: 'GET',
      url: '/public/stats.css',
      summary: "The public statistics page's stylesheet",
      tags: ['public'],
      access: { kind: 'public' },
      response: { kind: 'css' },
      errors: [],
      handler: () => Promise.resolve({ status: 200, body: STATS_CSS }),
    }),
    definePage({
      method: 'GET',
      url: '/stats',
      summary: 'The published statistics: SVG charts with tables, Russian and English, no JavaScript',
      tags: ['public'],
      access: { kind: 'public' },
      query: pageQuery,
      response: { kind: 'html' },
      errors: [],
      handler: async ({ query, request }) => ({
        status: 200,
        body: renderStatsPage(langFor(query.lang, request), await latestSnapshot(deps.db)),
      }),
    }),
    defineRoute({
      method: 'GET',
      url: '/stats.json',
      summary: 'The published statistics as JSON: the latest snapshot, as published',
      tags: ['public'],
      access: { kind: 'public' },
      response: publicStatisticsSchema,
      errors: [],
      handler: async () => ({ snapshot: await latestSnapshot(deps.db) }),
    }),
  ];
}
