import { sealCaseField } from '../src/server/modules/cases/sealing.js';
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../src/shared/roles.js';
import { as, buildUser, signIn, testClock, type TestClock } from './accounts.js';
import type { TestDatabase } from './databases.js';
import type { Keyring } from '../src/server/crypto/keyring.js';
import { buildTestApp } from './app.js';
import type { DialectName } from '../src/server/db/dialect.js';

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
  const clock = testClock();
  const { app, database, keyring } = await buildTestApp(dialect, { clock });
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
          urgency: 'normal',
          outcome: null,
          region: null,
          is_group: 0,
          group_size: 1,
          title_sealed: await sealCaseField(
            db,
            keyring,
            { caseId: id, table: 'cases', rowId: id, field: 'title' },
            `Case ${caseCounter}`,
          ),
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
