import type { AppDeps } from '../../app.js';
import { AppError } from '../../http/errors.js';
import { defineRoute } from '../../http/route.js';
import { VERSION } from '../../version.js';
import { holdsDemo, pingDatabase } from './health.queries.js';
import { healthResponse } from './health.schema.js';

export function healthRoutes({ database }: Pick<AppDeps, 'database'>) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/health',
      summary: 'Whether the service and its database answer',
      tags: ['meta'],
      access: { kind: 'public' },
      response: healthResponse,
      errors: ['SERVICE_UNAVAILABLE'],
      handler: async ({ request }) => {
        let demo: boolean;
        try {
          await pingDatabase(database.db);
          demo = await holdsDemo(database.db);
        } catch (error) {
          request.log.error({ err: error }, 'database did not answer the health check');
          throw new AppError('SERVICE_UNAVAILABLE', 'The database does not answer.');
        }
        return { status: 'ok' as const, database: database.dialect, version: VERSION, demo };
      },
    }),
  ];
}
