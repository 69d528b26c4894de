import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../../auth/auth.queries.js';
import { appendAudit } from '../../audit/audit.js';
import type { Database } from '../../db/schema.js';
import type { ResearchDataset, ResearchRow } from '../../../shared/statistics.schema.js';
import { RESEARCH_COLUMNS } from '../../../shared/statistics.schema.js';
import { publicationSettings } from './publication.service.js';
import { csvOf } from './statistics.service.js';

/**
 * The research export: one row per documented act of a `public` incident,
 * with codes only (month, region, place, act type) and the number of its
 * victims. The same threshold k as the published figures: a code held by fewer
 * than k rows of its column becomes null (not told apart from "not recorded"),
 * then a row whose combination of codes is shared by fewer than k rows is left
 * out, and each victim count is rounded down to a multiple of k or marked
 * fewer than k. Reading it is audited.
 */

const QUASI = ['month', 'region', 'place', 'actType'] as const;

async function actRows(db: Db) {
  const rows = await db
    .selectFrom('incident_acts')
    .innerJoin('incidents', 'incidents.id', 'incident_acts.incident_id')
    .where('incidents.confidentiality', '=', 'public')
    .select([
      sql<
        string | null
      >`case when incidents.start_precision in ('day', 'month') then substr(incidents.start_date, 1, 7) end`.as(
        'month',
      ),
      'incidents.region as region',
      sql<string | null>`coalesce(incident_acts.place, incidents.place)`.as('place'),
      'incident_acts.act_type as actType',
      sql<
        string | number
      >`(select coalesce(sum(coalesce(v.group_count, 1)), 0) from incident_victims v where v.act_id = incident_acts.id)`.as(
        'victims',
      ),
    ])
    .orderBy('incident_acts.id')
    .execute();
  return rows.map((row) => ({ ...row, victims: Number(row.victims) }));
}

type Raw = Awaited<ReturnType<typeof actRows>>[number];

/** The de-identified rows of `raw` at threshold k (pure: see the module comment). */
export function deidentify(raw: readonly Raw[], k: number): ResearchRow[] {
  const rows = raw.map((row): Record<(typeof QUASI)[number], string | null> & { victims: number } => ({ ...row }));
  for (const column of QUASI) {
    const counts = new Map<string | null, number>();
    for (const row of rows) counts.set(row[column], (counts.get(row[column]) ?? 0) + 1);
    for (const row of rows) if ((counts.get(row[column]) ?? 0) < k) row[column] = null;
  }
  const key = (row: (typeof rows)[number]) => JSON.stringify(QUASI.map((column) => row[column]));
  const combos = new Map<string, number>();
  for (const row of rows) combos.set(key(row), (combos.get(key(row)) ?? 0) + 1);
  return rows
    .filter((row) => (combos.get(key(row)) ?? 0) >= k)
    .map((row) => ({
      month: row.month,
      region: row.region,
      place: row.place,
      actType: row.actType,
      victims: row.victims < k ? null : row.victims - (row.victims % k),
      victimsFewerThanK: row.victims < k,
    }));
}

export async function researchDataset(
  db: Kysely<Database>,
  actorId: string,
  clock: () => Date,
): Promise<ResearchDataset> {
  const { k } = await publicationSettings(db);
  const rows = deidentify(await actRows(db), k);
  await db
    .transaction()
    .execute((trx) =>
      appendAudit(
        trx,
        { actorId, action: 'statistics.export', objectType: 'system', objectId: null, outcome: 'success' },
        clock,
      ),
    );
  return { k, columns: [...RESEARCH_COLUMNS], rows };
}

export function researchCsv(dataset: ResearchDataset) {
  return csvOf(
    RESEARCH_COLUMNS.map((c) => c.name),
    dataset.rows.map((row) => [
      row.month,
      row.region,
      row.place,
      row.actType,
      row.victimsFewerThanK ? `fewer_than_${dataset.k}` : row.victims,
    ]),
  );
}
