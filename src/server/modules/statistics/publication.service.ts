import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Db } from '../../auth/auth.queries.js';
import { appendAudit } from '../../audit/audit.js';
import { forUpdate } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import {
  DEFAULT_SUPPRESSION_K,
  FIGURE_INFO,
  FIRST_MONTH,
  FIGURES,
  publicationSettingsSchema,
  snapshotSchema,
  type Figure,
  type PublicationSettings,
  type PublishedFigure,
  type Snapshot,
} from '../../../shared/statistics.schema.js';
import { figureRows, type Row } from './statistics.queries.js';
import { suppress, type PreviousSnapshot } from './suppression.js';

/**
 * Publications: the administrator's choice of figures and k (two `settings`
 * rows), a preview, and snapshots stored as they were published. A snapshot
 * counts only records whose consent allows publication (statistics.queries.ts,
 * `publicOnly`), lists every category of its dimension, and is suppressed
 * against the snapshot before it (suppression.ts).
 */

const K_SETTING = 'statistics.k';
const FIGURES_SETTING = 'statistics.figures';

export async function publicationSettings(db: Db): Promise<PublicationSettings> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', [K_SETTING, FIGURES_SETTING])
    .execute();
  const value = (key: string) => rows.find((row) => row.key === key)?.value;
  const parsed = publicationSettingsSchema.safeParse({
    k: Number(value(K_SETTING) ?? DEFAULT_SUPPRESSION_K),
    figures: JSON.parse(value(FIGURES_SETTING) ?? '[]') as unknown,
  });
  return parsed.success ? parsed.data : { k: DEFAULT_SUPPRESSION_K, figures: [] };
}

async function writeSetting(trx: Db, key: string, value: string, at: string): Promise<void> {
  await trx
    .insertInto('settings')
    .values({ key, value, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
    .execute();
}

export async function savePublicationSettings(
  db: Kysely<Database>,
  actorId: string,
  settings: PublicationSettings,
  clock: () => Date,
): Promise<PublicationSettings> {
  // Kept in the fixed order of the figures, each once.
  const figures = FIGURES.filter((name) => settings.figures.includes(name));
  await db.transaction().execute(async (trx) => {
    const at = clock().toISOString();
    await writeSetting(trx, K_SETTING, String(settings.k), at);
    await writeSetting(trx, FIGURES_SETTING, JSON.stringify(figures), at);
    await appendAudit(
      trx,
      { actorId, action: 'statistics.settings', objectType: 'system', objectId: null, outcome: 'success' },
      clock,
    );
  });
  return { k: settings.k, figures };
}

interface Label {
  ru: string;
  en: string;
}
type Labels = Map<string, Label>;

async function labelsOf(db: Db, vocabulary: string): Promise<Labels> {
  const terms = await db
    .selectFrom('vocabulary_terms')
    .select(['code', 'label_ru', 'label_en'])
    .where('vocabulary', '=', vocabulary)
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  return new Map(terms.map((term) => [term.code, { ru: term.label_ru, en: term.label_en }]));
}

function monthsUpTo(asOf: string): string[] {
  const months: string[] = [];
  for (let [year, month] = FIRST_MONTH.split('-').map(Number) as [number, number]; ; month += 1) {
    if (month > 12) [year, month] = [year + 1, 1];
    const code = `${year}-${String(month).padStart(2, '0')}`;
    if (code > asOf.slice(0, 7)) return months;
    months.push(code);
  }
}

/** Every category of the figure's dimension with its count (0 when none), so a cell's appearance tells nothing. */
function allCategories(rows: readonly Row[], categories: readonly string[]): Row[] {
  const counts = new Map<string | null, number>();
  const known = new Set(categories);
  for (const row of rows) {
    const key = row.value !== null && known.has(row.value) ? row.value : null;
    counts.set(key, (counts.get(key) ?? 0) + row.count);
  }
  return [null, ...categories].map((value) => ({ value, count: counts.get(value) ?? 0 }));
}

async function exactTables(db: Db, figures: readonly Figure[], asOf: string) {
  return Promise.all(
    figures.map(async (name) => {
      const { recordSet, dimension } = FIGURE_INFO[name];
      const rows = await figureRows(db, name, { publicOnly: true });
      const labels: Labels = dimension === 'month' ? new Map<string, Label>() : await labelsOf(db, dimension);
      const categories = dimension === 'month' ? monthsUpTo(asOf) : [...labels.keys()];
      return { table: { figure: name, recordSet, rows: allCategories(rows, categories) }, labels };
    }),
  );
}

/** The snapshot the current settings would publish now, against the last published one. */
async function draft(db: Db, previous: Snapshot | null, clock: () => Date): Promise<Snapshot> {
  const settings = await publicationSettings(db);
  const asOf = clock().toISOString().slice(0, 10);
  const exact = await exactTables(db, settings.figures, asOf);
  const before: PreviousSnapshot | null = previous === null ? null : { k: previous.k, tables: previous.figures };
  const published = suppress(
    exact.map((e) => e.table),
    settings.k,
    before,
  );
  const figures: PublishedFigure[] = published.map((table, i) => {
    const name = table.figure as Figure;
    const labels: Labels = exact[i]?.labels ?? new Map<string, Label>();
    return {
      ...table,
      figure: name,
      recordSet: FIGURE_INFO[name].recordSet,
      dimension: FIGURE_INFO[name].dimension,
      cells: table.cells.map((cell) => ({
        ...cell,
        label: cell.value === null ? null : (labels.get(cell.value) ?? null),
      })),
    };
  });
  return { id: null, asOf, publishedAt: null, k: settings.k, figures };
}

function toSnapshot(row: { id: string; as_of: string; published_at: string; k: number; figures: string }): Snapshot {
  return snapshotSchema.parse({
    id: row.id,
    asOf: row.as_of,
    publishedAt: row.published_at,
    k: row.k,
    figures: JSON.parse(row.figures) as unknown,
  });
}

export async function latestSnapshot(db: Db): Promise<Snapshot | null> {
  const row = await db
    .selectFrom('statistics_snapshots')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? null : toSnapshot(row);
}

export async function previewSnapshot(db: Db, clock: () => Date): Promise<Snapshot> {
  return draft(db, await latestSnapshot(db), clock);
}

/**
 * Publishes what the settings choose now. The settings row is locked first, so
 * two publications at once are suppressed one against the other, not both
 * against the same older snapshot.
 */
export async function publishSnapshot(db: Kysely<Database>, actorId: string, clock: () => Date): Promise<Snapshot> {
  return db.transaction().execute(async (trx) => {
    const at = clock().toISOString();
    await trx
      .insertInto('settings')
      .values({ key: K_SETTING, value: String(DEFAULT_SUPPRESSION_K), updated_at: at })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    await forUpdate(trx, trx.selectFrom('settings').select('key').where('key', '=', K_SETTING)).execute();
    const settings = await publicationSettings(trx);
    if (settings.figures.length === 0) {
      throw new AppError('VALIDATION_FAILED', 'Choose at least one figure to publish first.', [
        { path: 'figures', message: 'No figure is chosen for publication.', reason: 'required' },
      ]);
    }
    const previous = await latestSnapshot(trx);
    const snapshot = await draft(trx, previous, clock);
    const id = randomUUID();
    const last = await trx
      .selectFrom('statistics_snapshots')
      .select((eb) => eb.fn.max<number | string>('seq').as('seq'))
      .executeTakeFirst();
    await trx
      .insertInto('statistics_snapshots')
      .values({
        id,
        seq: Number(last?.seq ?? 0) + 1,
        as_of: snapshot.asOf,
        published_at: at,
        published_by: actorId,
        k: snapshot.k,
        figures: JSON.stringify(snapshot.figures),
      })
      .execute();
    await appendAudit(
      trx,
      { actorId, action: 'statistics.publish', objectType: 'system', objectId: id, outcome: 'success' },
      clock,
    );
    return { ...snapshot, id, publishedAt: at };
  });
}

export async function listSnapshots(db: Db) {
  const rows = await db
    .selectFrom('statistics_snapshots')
    .innerJoin('users', 'users.id', 'statistics_snapshots.published_by')
    .selectAll('statistics_snapshots')
    .select('users.username')
    .orderBy('seq', 'desc')
    .execute();
  const snapshots = rows.map((row) => {
    const s = toSnapshot(row);
    return {
      id: s.id ?? '',
      asOf: s.asOf,
      publishedAt: s.publishedAt ?? '',
      k: s.k,
      figures: s.figures.length,
      publishedBy: row.username,
    };
  });
  return { snapshots };
}

export async function snapshotById(db: Db, id: string): Promise<Snapshot> {
  const row = await db.selectFrom('statistics_snapshots').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw new AppError('NOT_FOUND', 'No published statistics snapshot has this id.');
  return toSnapshot(row);
}
