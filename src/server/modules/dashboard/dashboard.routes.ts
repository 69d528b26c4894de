import type { RouteDeps } from '../../app.js';
import { defineRoute, signedIn } from '../../http/route.js';
import {
  adminDashboardSchema,
  coordinatorDashboardSchema,
  intakeDashboardSchema,
  workDashboardSchema,
} from '../../../shared/home.schema.js';
import { adminDashboard, coordinatorDashboard, intakeDashboard, workDashboard } from './dashboard.service.js';

const ERRORS = ['UNAUTHENTICATED', 'ENROLMENT_REQUIRED', 'FORBIDDEN'] as const;

/** The home page of each role: one GET a view, counts from plain columns. */
export function dashboardRoutes(deps: RouteDeps) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/dashboard/work',
      summary: 'My tasks by when they are due, my open cases by stage, and the cases I work on',
      tags: ['dashboard'],
      access: { kind: 'action', action: 'case.list' },
      response: workDashboardSchema,
      errors: ERRORS,
      handler: (context) => workDashboard(deps, signedIn(context)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/dashboard/intake',
      summary: 'The open intake queue by urgency and by how long it has waited',
      tags: ['dashboard'],
      access: { kind: 'action', action: 'intake.work' },
      response: intakeDashboardSchema,
      errors: ERRORS,
      handler: () => intakeDashboard(deps),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/dashboard/coordination',
      summary: 'Requests and cases nobody has taken, open cases by stage, overdue tasks across the team',
      tags: ['dashboard'],
      access: { kind: 'action', action: 'case.list_all' },
      response: coordinatorDashboardSchema,
      errors: ERRORS,
      handler: (context) => coordinatorDashboard(deps, signedIn(context)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/dashboard/admin',
      summary: 'Accounts, active sessions, the audit log, the last backup and checkpoint, and the server',
      tags: ['dashboard'],
      access: { kind: 'action', action: 'user.manage' },
      response: adminDashboardSchema,
      errors: ERRORS,
      handler: () => adminDashboard(deps, deps.database.dialect),
    }),
  ];
}
