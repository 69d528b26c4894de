import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../../shared/roles.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Database } from '../db/schema.js';
import { createUser } from '../modules/users/users.service.js';
import { createTerm } from '../modules/vocabularies/vocabularies.service.js';
import { recordVersion } from '../search/reindex.js';
import type { DemoContext } from './context.js';
import { DEMO_INCOMPLETE_SETTING, DEMO_SETTING } from './marker.js';
import { publishDemoStatistics } from './publish.js';
import { buildStorylines } from './dataset.js';
import { demoCounts, demoPlan, type DemoCounts } from './plan.js';
import { Prng } from './prng.js';
import { runStorylines } from './schedule.js';

export { DEMO_INCOMPLETE_SETTING, DEMO_SETTING };

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

/** Why the demo will not fill this installation, or why it stopped part way. */
export class DemoRefusal extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DemoRefusal';
  }
}

type Held = 'cases' | 'intake_requests' | 'people' | 'incidents' | 'sources' | 'users';

async function count(db: Kysely<Database>, table: Held): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Fills only an empty installation: no demo (whole or stopped part way), no records, no accounts. Invented
 * records beside real ones would be counted in the real statistics, and the demo's banner and administrator
 * would appear beside real work, so there is no way to force it.
 */
export async function checkInstallation(db: Kysely<Database>): Promise<void> {
  const markers = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', [DEMO_SETTING, DEMO_INCOMPLETE_SETTING])
    .execute();
  const marker = markers.find((row) => row.key === DEMO_SETTING);
  if (marker !== undefined) {
    throw new DemoRefusal(
      `This installation holds the demo dataset already (${marker.value}). To start again, use an empty data folder or database.`,
    );
  }
  const incomplete = markers.find((row) => row.key === DEMO_INCOMPLETE_SETTING);
  if (incomplete !== undefined) {
    throw new DemoRefusal(
      `A demo run on this installation stopped part way (${incomplete.value}): it holds part of the demo dataset. To start again, use an empty data folder or database.`,
    );
  }
  const held = {
    cases: await count(db, 'cases'),
    requests: await count(db, 'intake_requests'),
    people: await count(db, 'people'),
    incidents: await count(db, 'incidents'),
    sources: await count(db, 'sources'),
    accounts: await count(db, 'users'),
  };
  if (Object.values(held).some((n) => n > 0)) {
    throw new DemoRefusal(
      `This installation is not empty (${String(held.cases)} cases, ${String(held.requests)} requests, ${String(held.people)} people, ${String(held.incidents)} incidents, ${String(held.sources)} sources, ${String(held.accounts)} accounts): the demo fills only an empty one, since its invented records would be counted in the real statistics and its banner and demo administrator would appear beside real work. Use an empty data folder (--data-dir) or database (--database-url).`,
    );
  }
}

export interface DemoOptions {
  seed: number;
  scale: number;
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

async function writeMarker(db: Kysely<Database>, key: string, value: string, at: string): Promise<void> {
  await db.insertInto('settings').values({ key, value, updated_at: at }).execute();
}

/**
 * Fills the installation with the demo dataset through the services, and publishes its statistics; see
 * docs/DEMO.md. The services commit as they go, so a run that stops part way cannot be rolled back: it
 * leaves DEMO_INCOMPLETE_SETTING (written before the first record), never DEMO_SETTING, and a DemoRefusal
 * saying so. DEMO_SETTING replaces it in one transaction once everything succeeded.
 */
export async function fillDemo(db: Kysely<Database>, keyring: Keyring, options: DemoOptions): Promise<DemoResult> {
  const started = Date.now();
  const say = options.progress ?? (() => undefined);
  await checkInstallation(db);
  const end = options.end ?? new Date();
  const marker = JSON.stringify({ seed: options.seed, scale: options.scale, end: end.toISOString() });
  await writeMarker(db, DEMO_INCOMPLETE_SETTING, marker, new Date().toISOString());
  try {
    const result = await fill(db, keyring, options, end, say);
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('settings').where('key', '=', DEMO_INCOMPLETE_SETTING).execute();
      await writeMarker(trx, DEMO_SETTING, marker, end.toISOString());
    });
    return { ...result, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DemoRefusal(
      `The demo stopped part way (${reason}): this installation now holds part of the demo dataset, marked as incomplete. To start again, use an empty data folder or database.`,
      { cause: error },
    );
  }
}

async function fill(
  db: Kysely<Database>,
  keyring: Keyring,
  options: DemoOptions,
  end: Date,
  say: (line: string) => void,
): Promise<Omit<DemoResult, 'seconds'>> {
  const started = Date.now();
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
  now = end;
  say('Publishing the statistics (every figure, suppressed at the default k)…');
  await publishDemoStatistics(db, subject('admin').userId, clock);
  // The installation was empty and all of it is indexed by this version's tokenizer: `serve` need not index again.
  await recordVersion(db, end);
  return { counts: demoCounts(plan), accounts };
}
