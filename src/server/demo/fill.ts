import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../../shared/roles.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Database } from '../db/schema.js';
import { createUser } from '../modules/users/users.service.js';
import { createTerm } from '../modules/vocabularies/vocabularies.service.js';
import { recordVersion } from '../search/reindex.js';
import type { DemoContext } from './context.js';
import { DEMO_SETTING } from './marker.js';
import { buildStorylines } from './dataset.js';
import { demoCounts, demoPlan, type DemoCounts } from './plan.js';
import { Prng } from './prng.js';
import { runStorylines } from './schedule.js';

export { DEMO_SETTING };

/** The accounts the demo makes, one a role; the password is printed once, the second factor set at first sign-in. */
export const DEMO_ACCOUNTS: readonly { username: string; role: Role }[] = [
  { username: 'demo-admin', role: 'admin' },
  { username: 'demo-coordinator', role: 'coordinator' },
  { username: 'demo-caseworker', role: 'caseworker' },
  { username: 'demo-lawyer', role: 'lawyer' },
  { username: 'demo-intake', role: 'intake' },
  { username: 'demo-analyst', role: 'analyst' },
];

export const DEMO_UNIT = 'demo-unit-00000';

/** Why the demo will not fill this installation. */
export class DemoRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoRefusal';
  }
}

async function count(
  db: Kysely<Database>,
  table: 'cases' | 'intake_requests' | 'people' | 'incidents',
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Refuses a second demo run, and real records unless `force`. */
export async function checkInstallation(db: Kysely<Database>, force: boolean): Promise<{ empty: boolean }> {
  const marker = await db.selectFrom('settings').select('value').where('key', '=', DEMO_SETTING).executeTakeFirst();
  if (marker !== undefined) {
    throw new DemoRefusal(
      `This installation holds the demo dataset already (${marker.value}). To start again, use an empty data folder or database.`,
    );
  }
  const held = {
    cases: await count(db, 'cases'),
    requests: await count(db, 'intake_requests'),
    people: await count(db, 'people'),
    incidents: await count(db, 'incidents'),
  };
  const total = held.cases + held.requests + held.people + held.incidents;
  if (total > 0 && !force) {
    throw new DemoRefusal(
      `This installation holds records already (${String(held.cases)} cases, ${String(held.requests)} requests, ${String(held.people)} people, ${String(held.incidents)} incidents): the demo would mix invented ones among them. Run it on an empty installation, or add --force.`,
    );
  }
  const taken = await db
    .selectFrom('users')
    .select('username')
    .where(
      'username_key',
      'in',
      DEMO_ACCOUNTS.map((a) => a.username),
    )
    .execute();
  if (taken.length > 0) {
    throw new DemoRefusal(`The demo's account names are taken already: ${taken.map((t) => t.username).join(', ')}.`);
  }
  return { empty: total === 0 };
}

export interface DemoOptions {
  seed: number;
  scale: number;
  force: boolean;
  /** The last moment of the dataset (default: now). */
  end?: Date;
  progress?: (line: string) => void;
}

export interface DemoResult {
  counts: DemoCounts;
  accounts: { username: string; role: Role; password: string }[];
  seconds: number;
}

/** A password for a demo account: 20 characters from node:crypto, never from the seed. */
const newPassword = () => crypto.randomBytes(15).toString('base64url');

/** Fills the installation with the demo dataset through the services; see docs/DEMO.md. */
export async function fillDemo(db: Kysely<Database>, keyring: Keyring, options: DemoOptions): Promise<DemoResult> {
  const started = Date.now();
  const say = options.progress ?? (() => undefined);
  const { empty } = await checkInstallation(db, options.force);
  const end = options.end ?? new Date();
  let now = new Date(end.getTime() - 121 * 86_400_000);
  const clock = () => now;
  const accounts: DemoResult['accounts'] = [];
  const ids: Partial<Record<Role, string>> = {};
  say('Creating the demo accounts…');
  for (const account of DEMO_ACCOUNTS) {
    const password = newPassword();
    const user = await createUser(db, keyring, null, { ...account, password }, clock);
    ids[account.role] = user.id;
    accounts.push({ ...account, password });
  }
  const subject = (role: Role) => ({ userId: ids[role] ?? '', role });
  await db
    .insertInto('settings')
    .values({
      key: DEMO_SETTING,
      value: JSON.stringify({ seed: options.seed, scale: options.scale, end: end.toISOString() }),
      updated_at: end.toISOString(),
    })
    .execute();
  await createTerm(
    db,
    subject('coordinator').userId,
    'unit',
    {
      code: DEMO_UNIT,
      labelRu: 'в/ч 00000 (вымышленная, демо)',
      labelEn: 'Military unit 00000 (invented, demo)',
      attributes: { number: '00000', branch: 'ground_forces' },
    },
    clock,
  );
  const ctx: DemoContext = {
    deps: { db, keyring, clock },
    prng: new Prng(options.seed),
    end,
    staff: {
      coordinator: subject('coordinator'),
      caseworker: subject('caseworker'),
      lawyer: subject('lawyer'),
      intake: subject('intake'),
    },
    unitCode: DEMO_UNIT,
  };
  const plan = demoPlan(options.scale);
  const lines = buildStorylines(ctx, plan);
  say(`Writing four months of work (${String(lines.length)} storylines)…`);
  await runStorylines(
    lines,
    (at) => {
      now = at;
    },
    (done, total) => {
      say(
        `  ${String(Math.round((done / total) * 100))}% (${String(done)} of ${String(total)} steps, ${String(Math.round((Date.now() - started) / 1000))} s)`,
      );
    },
  );
  // All of it is indexed by this version's tokenizer: `serve` need not index it again (records there before might).
  if (empty) await recordVersion(db, end);
  return { counts: demoCounts(plan), accounts, seconds: (Date.now() - started) / 1000 };
}
