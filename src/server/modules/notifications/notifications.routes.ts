import type { RouteDeps } from '../../app.js';
import { defineRoute, signedIn } from '../../http/route.js';
import {
  notificationParams,
  notificationsQuery,
  notificationsSchema,
  unreadSchema,
} from '../../../shared/home.schema.js';
import { empty } from '../session/session.schema.js';
import { listNotifications, readAllNotifications, readNotification, unreadCount } from './notifications.service.js';

const SIGNED_IN = { kind: 'signed_in' } as const;

/** The bell: every signed-in user's own notifications; nothing of anyone else's. */
export function notificationsRoutes(deps: RouteDeps) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/notifications',
      summary: 'My notifications, newest first, with the case number and title I may see',
      tags: ['notifications'],
      access: SIGNED_IN,
      query: notificationsQuery,
      response: notificationsSchema,
      errors: ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED'],
      handler: (context) => listNotifications(deps, signedIn(context), context.query.cursor),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/notifications/unread',
      summary: 'How many of my notifications are unread (for the bell; opens no case data)',
      tags: ['notifications'],
      access: SIGNED_IN,
      response: unreadSchema,
      errors: ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED'],
      handler: (context) => unreadCount(deps, signedIn(context)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/notifications/read',
      summary: 'Mark all my notifications read',
      tags: ['notifications'],
      access: SIGNED_IN,
      response: empty,
      successStatus: 204,
      errors: ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED', 'CSRF_REJECTED'],
      handler: async (context) => {
        await readAllNotifications(deps, signedIn(context));
        return undefined;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/notifications/:notificationId/read',
      summary: 'Mark one of my notifications read',
      tags: ['notifications'],
      access: SIGNED_IN,
      params: notificationParams,
      response: empty,
      successStatus: 204,
      errors: ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED', 'NOT_FOUND', 'CSRF_REJECTED'],
      handler: async (context) => {
        await readNotification(deps, signedIn(context), context.params.notificationId);
        return undefined;
      },
    }),
  ];
}
