import { contains, type Plan } from './matrix-plan.js';

/** The valid calls of the break-glass, dashboard and notification routes (see matrix-requests.ts). */
export const OVERSIGHT_REQUESTS: Record<string, Plan> = {
  // The list is the newest 200; the matrix opens hundreds of grants, so the one looked for is opened last (a
  // millisecond later than the rest, which share the test clock's time).
  'GET /api/break-glass': async ({ world }) => {
    const adminCall = world.identities.get('admin_break_glass')?.call;
    if (adminCall === undefined) throw new Error('no break-glass administrator');
    world.clock.advance(1);
    const id = await world.seed.breakGlass(adminCall, await world.freshCase('ungranted'));
    return { request: { method: 'GET', url: '/api/break-glass' }, check: contains(id) };
  },
  'POST /api/break-glass': async ({ world }) => {
    const target = await world.freshCase('ungranted');
    return {
      request: {
        method: 'POST',
        url: '/api/break-glass',
        payload: { case: target.id, reason: 'caseworker_unreachable', minutes: 30 },
      },
      check: contains(target.id),
    };
  },
  'DELETE /api/break-glass/:id': async ({ world }) => {
    const target = await world.freshCase('ungranted');
    const adminCall = world.identities.get('admin_break_glass')?.call;
    if (adminCall === undefined) throw new Error('no break-glass administrator');
    const id = await world.seed.breakGlass(adminCall, target);
    return { request: { method: 'DELETE', url: `/api/break-glass/${id}` } };
  },

  'GET /api/dashboard/work': () => Promise.resolve({ request: { method: 'GET', url: '/api/dashboard/work' } }),
  'GET /api/dashboard/intake': () => Promise.resolve({ request: { method: 'GET', url: '/api/dashboard/intake' } }),
  'GET /api/dashboard/coordination': () =>
    Promise.resolve({ request: { method: 'GET', url: '/api/dashboard/coordination' } }),
  'GET /api/dashboard/admin': () => Promise.resolve({ request: { method: 'GET', url: '/api/dashboard/admin' } }),
  'GET /api/notifications': () => Promise.resolve({ request: { method: 'GET', url: '/api/notifications' } }),
  'GET /api/notifications/unread': () =>
    Promise.resolve({ request: { method: 'GET', url: '/api/notifications/unread' } }),
  'POST /api/notifications/read': () =>
    Promise.resolve({ request: { method: 'POST', url: '/api/notifications/read' } }),
  // One's own notification: anonymous, who has none, tries a caseworker's.
  'POST /api/notifications/:notificationId/read': async ({ world, who }) => {
    const owner = who === 'anonymous' ? world.bystanderId : (world.identities.get(who)?.userId ?? '');
    const id = await world.seed.notification(owner);
    return { request: { method: 'POST', url: `/api/notifications/${id}/read` } };
  },
};
