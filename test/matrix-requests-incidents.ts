import { incidentBody, recordIncident, recordSource, sourceBody } from './incidents.js';
import { contains, type Plan } from './matrix-plan.js';
import type { Context } from './world.js';

/**
 * Valid calls of the incident routes (see matrix-requests.ts), on fresh
 * incidents a coordinator records: on `granted` linked to case A (granted to
 * the caseworker and lawyer), on `ungranted` to case B.
 */
const fresh = ({ world, target }: Context) =>
  recordIncident(world.seed.coordinatorCall, { caseIds: [target === 'granted' ? world.caseA.id : world.caseB.id] });

const onFresh =
  (build: (incidentId: string, context: Context) => Awaited<ReturnType<Plan>>): Plan =>
  async (context) =>
    build(await fresh(context), context);

export const INCIDENT_REQUESTS: Record<string, Plan> = {
  'GET /api/incidents': async (context) => {
    const id = await fresh({ ...context, target: 'granted' });
    return { request: { method: 'GET', url: '/api/incidents' }, check: contains(id) };
  },
  'POST /api/incidents': () =>
    Promise.resolve({
      request: { method: 'POST', url: '/api/incidents', payload: incidentBody({ title: 'Matrix incident' }) },
      check: contains('Matrix incident'),
    }),
  'GET /api/incidents/:incidentId': onFresh((id) => ({
    request: { method: 'GET', url: `/api/incidents/${id}` },
    check: contains(id),
  })),
  'PUT /api/incidents/:incidentId': onFresh((id) => ({
    request: {
      method: 'PUT',
      url: `/api/incidents/${id}`,
      payload: { ...incidentBody({ title: 'Matrix edit' }), version: 1 },
    },
    check: contains('Matrix edit'),
  })),
  'PUT /api/incidents/:incidentId/cases/:caseId': onFresh((id, { world }) => ({
    request: { method: 'PUT', url: `/api/incidents/${id}/cases/${world.caseB.id}` },
  })),
  'DELETE /api/incidents/:incidentId/cases/:caseId': onFresh((id, { world, target }) => ({
    request: {
      method: 'DELETE',
      url: `/api/incidents/${id}/cases/${target === 'granted' ? world.caseA.id : world.caseB.id}`,
    },
  })),
  'PUT /api/incidents/:incidentId/leads-to/:otherId': async (context) => {
    const [id, other] = [await fresh(context), await fresh(context)];
    return { request: { method: 'PUT', url: `/api/incidents/${id}/leads-to/${other}` } };
  },
  'DELETE /api/incidents/:incidentId/leads-to/:otherId': async (context) => {
    const [id, other] = [await fresh(context), await fresh(context)];
    const linked = await context.world.seed.coordinatorCall({
      method: 'PUT',
      url: `/api/incidents/${id}/leads-to/${other}`,
    });
    if (linked.statusCode !== 204) throw new Error(`seed: link incidents answered ${String(linked.statusCode)}`);
    return { request: { method: 'DELETE', url: `/api/incidents/${id}/leads-to/${other}` } };
  },
  'GET /api/analysis/incidents': async (context) => {
    const id = await fresh(context);
    return { request: { method: 'GET', url: '/api/analysis/incidents' }, check: contains(id) };
  },
  'GET /api/analysis/incidents/:incidentId': onFresh((id) => ({
    request: { method: 'GET', url: `/api/analysis/incidents/${id}` },
    check: contains(id),
  })),
  'POST /api/sources': async (context) => {
    const incidentId = await fresh(context);
    return {
      request: {
        method: 'POST',
        url: '/api/sources',
        payload: sourceBody({ title: 'Matrix source', incidentIds: [incidentId] }),
      },
      check: contains('Matrix source', incidentId),
    };
  },
  'GET /api/sources': async ({ world }) => {
    const id = await recordSource(world.seed.coordinatorCall);
    return { request: { method: 'GET', url: '/api/sources?limit=100' }, check: contains(id) };
  },
  'GET /api/cases/:caseId/sources': async ({ world, target }) => {
    const caseId = target === 'granted' ? world.caseA.id : world.caseB.id;
    const id = await recordSource(world.seed.coordinatorCall, { title: 'Matrix case source', caseIds: [caseId] });
    return { request: { method: 'GET', url: `/api/cases/${caseId}/sources` }, check: contains(id) };
  },
  'PUT /api/incidents/:incidentId/sources/:sourceId': async (context) => {
    const incidentId = await fresh(context);
    const id = await recordSource(context.world.seed.coordinatorCall);
    return { request: { method: 'PUT', url: `/api/incidents/${incidentId}/sources/${id}` } };
  },
  'GET /api/sources/:sourceId': async ({ world }) => {
    const id = await recordSource(world.seed.coordinatorCall);
    return { request: { method: 'GET', url: `/api/sources/${id}` }, check: contains(id) };
  },
  'PUT /api/sources/:sourceId': async ({ world }) => {
    const id = await recordSource(world.seed.coordinatorCall);
    return {
      request: {
        method: 'PUT',
        url: `/api/sources/${id}`,
        payload: { ...sourceBody({ title: 'Matrix source edit' }), version: 1 },
      },
      check: contains('Matrix source edit'),
    };
  },
};
