import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { Role } from '../src/shared/roles.js';
import { as, buildUser, signIn, testClock, type TestClock } from './accounts.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { buildApp, routeDeps, routeTable, type AppDeps } from '../src/server/app.js';
import { Keyring } from '../src/server/crypto/keyring.js';
import { newMasterKey } from '../src/server/crypto/master-key.js';
import type { DialectName } from '../src/server/db/dialect.js';
import { peopleRoutes } from '../src/server/modules/people/people.routes.js';

/** The app with the people routes, over a fresh database, and one signed-in user of each role asked for. */
export interface PeopleWorld {
  app: FastifyInstance;
  database: TestDatabase;
  keyring: Keyring;
  clock: TestClock;
  users: Record<string, { id: string; call: ReturnType<typeof as> }>;
  /** A case row (only what the people module reads), optionally granted to some users. */
  makeCase(grantees?: string[]): Promise<string>;
  cleanup(): Promise<void>;
}

let caseCounter = 0;

export async function buildPeopleWorld(dialect: DialectName, accounts: Record<string, Role>): Promise<PeopleWorld> {
  const database = await createTestDatabase(dialect);
  const keyring = new Keyring(newMasterKey());
  const clock = testClock();
  const deps: AppDeps = { database: database.handle, keyring, logger: pino({ level: 'silent' }), clock };
  // Until app.ts registers the people routes, they are added here; afterwards the table has them.
  const table = routeTable(deps);
  const registered = table.some((route) => route.url === '/api/people/:personId');
  const app = await buildApp(deps, registered ? table : [...table, ...peopleRoutes(routeDeps(deps))]);
  await app.ready();
  const db = database.handle.db;
  const users: PeopleWorld['users'] = {};
  for (const [name, role] of Object.entries(accounts)) {
    const account = await buildUser(db, keyring, role, clock);
    users[name] = { id: account.user.id, call: as(app, await signIn(app, account, clock)) };
  }
  return {
    app,
    database,
    keyring,
    clock,
    users,
    async makeCase(grantees = []) {
      const id = crypto.randomUUID();
      caseCounter += 1;
      const now = clock().toISOString();
      await db
        .insertInto('cases')
        .values({
          id,
          number: `2026-${String(caseCounter).padStart(4, '0')}`,
          case_type: 'contract_termination',
          stage: 'intake',
          outcome: null,
          region: null,
          is_group: 0,
          group_size: 1,
          title_sealed: crypto.randomBytes(32),
          summary_sealed: null,
          opened_at: now,
          closed_at: null,
          created_by: Object.values(users)[0]?.id ?? 'nobody',
          updated_at: now,
        })
        .execute();
      for (const name of grantees) {
        const user = users[name];
        if (user === undefined) throw new Error(`no user ${name}`);
        await db
          .insertInto('case_grants')
          .values({ case_id: id, user_id: user.id, granted_by: user.id, granted_at: now })
          .execute();
      }
      return id;
    },
    async cleanup() {
      await app.close();
      await database.cleanup();
    },
  };
}
