import { contains, type Plan } from './matrix-plan.js';
import type { Context } from './world.js';

/** Valid calls of the statistics routes and the public statistics pages (see matrix-requests.ts). */

const get =
  (url: string, marker: string): Plan =>
  () =>
    Promise.resolve({ request: { method: 'GET', url }, check: contains(marker) });

/** The administrator's own session, for setting up what a publication needs. */
function adminCall({ world }: Context) {
  const call = world.identities.get('admin')?.call;
  if (call === undefined) throw new Error('no administrator');
  return call;
}

async function choose(context: Context): Promise<void> {
  const answer = await adminCall(context)({
    method: 'PUT',
    url: '/api/statistics/publication',
    payload: { k: 5, figures: ['requests_by_channel', 'cases_by_stage'] },
  });
  if (answer.statusCode !== 200) throw new Error(`choosing figures answered ${answer.statusCode}`);
}

async function published(context: Context): Promise<string> {
  await choose(context);
  const answer = await adminCall(context)({ method: 'POST', url: '/api/statistics/snapshots' });
  return answer.json<{ id: string }>().id;
}

export const STATISTICS_REQUESTS: Record<string, Plan> = {
  'GET /api/statistics': get('/api/statistics?from=2026-01-01&to=2026-12-31', 'requests_by_channel'),
  'GET /api/statistics/figures/:figure': get('/api/statistics/figures/cases_by_stage', '"dimension":"stage"'),
  'GET /api/statistics/figures/:figure/csv': get('/api/statistics/figures/cases_by_stage/csv', 'cases_by_stage,stage'),
  'GET /api/statistics/time-to-outcome': get('/api/statistics/time-to-outcome', 'medianDays'),
  'GET /api/statistics/time-to-outcome/csv': get('/api/statistics/time-to-outcome/csv', 'median_days'),
  'GET /api/statistics/publication': get('/api/statistics/publication', '"k":'),
  'PUT /api/statistics/publication': () =>
    Promise.resolve({
      request: {
        method: 'PUT',
        url: '/api/statistics/publication',
        payload: { k: 5, figures: ['requests_by_channel', 'cases_by_stage'] },
      },
      check: contains('cases_by_stage'),
    }),
  'GET /api/statistics/publication/preview': async (context) => {
    await choose(context);
    return {
      request: { method: 'GET', url: '/api/statistics/publication/preview' },
      check: contains('cases_by_stage'),
    };
  },
  'POST /api/statistics/snapshots': async (context) => {
    await choose(context);
    return { request: { method: 'POST', url: '/api/statistics/snapshots' }, check: contains('cases_by_stage') };
  },
  'GET /api/statistics/snapshots': async (context) => {
    const id = await published(context);
    return { request: { method: 'GET', url: '/api/statistics/snapshots' }, check: contains(id) };
  },
  'GET /api/statistics/snapshots/:snapshotId': async (context) => {
    const id = await published(context);
    return { request: { method: 'GET', url: `/api/statistics/snapshots/${id}` }, check: contains(id) };
  },
  'GET /api/statistics/research/incidents': get('/api/statistics/research/incidents', '"columns"'),
  'GET /api/statistics/research/incidents/csv': get('/api/statistics/research/incidents/csv', 'act_type,victims'),
  'GET /api/statistics/research/dictionary': get('/api/statistics/research/dictionary', 'act_type'),
  'GET /public/stats.css': () =>
    Promise.resolve({
      request: { method: 'GET', url: '/public/stats.css', headers: { accept: 'text/css' } },
      check: contains('.chart'),
    }),
  'GET /stats': () =>
    Promise.resolve({
      request: { method: 'GET', url: '/stats?lang=en', headers: { accept: 'text/html' } },
      check: contains('<h1>Statistics</h1>'),
    }),
  'GET /stats.json': get('/stats.json', '"snapshot"'),
};
