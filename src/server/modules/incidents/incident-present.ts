import type { Kysely } from 'kysely';
import type { Dated, Incident } from '../../../shared/incidents.schema.js';
import type { Subject } from '../../auth/access.js';
import type { Keyring } from '../../crypto/keyring.js';
import type { Database } from '../../db/schema.js';
import { openSourceText } from '../sources/sources.seal.js';
import * as q from './incidents.queries.js';
import { openIncidentField } from './incidents.seal.js';

/** An act's facts as both views show them. */
export function actFacts(act: q.ActRow) {
  return {
    actType: act.act_type,
    criminalArticle: act.criminal_article,
    criminalPart: act.criminal_part,
    start: datedOf(act.start_date, act.start_precision),
    end: datedOf(act.end_date, act.end_precision),
    place: act.place,
  };
}

export function datedOf(date: string | null, precision: string | null): Dated | null {
  return date === null || precision === null ? null : { date, precision };
}

/**
 * An incident as a staff reader sees it: its text opened, its acts with their
 * victims, its perpetrators, the linked cases the reader may see, the
 * incidents it led to or came from, and its sources. People are named by id
 * only: their names come from the person's own page, under its own rule.
 */
export async function presentIncident(
  trx: Kysely<Database>,
  keyring: Keyring,
  actor: Subject,
  row: q.IncidentRow,
): Promise<Incident> {
  const { acts, victims, perpetrators } = await q.selectParts(trx, [row.id]);
  const sources = [];
  for (const source of await q.selectSourcesOf(trx, [row.id])) {
    const text = await openSourceText(trx, keyring, source, ['title', 'outlet']);
    sources.push({
      id: source.id,
      kind: source.kind,
      reliability: source.reliability,
      title: text.title,
      outlet: text.outlet,
      publishedDate: source.published_date,
    });
  }
  return {
    id: row.id,
    title: (await openIncidentField(trx, keyring, row.id, 'title', row.title_sealed)) ?? '',
    description: await openIncidentField(trx, keyring, row.id, 'description', row.description_sealed),
    start: datedOf(row.start_date, row.start_precision),
    end: datedOf(row.end_date, row.end_precision),
    place: row.place,
    region: row.region,
    confidentiality: row.confidentiality,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    acts: acts.map((act) => ({
      id: act.id,
      ...actFacts(act),
      victims: victims
        .filter((victim) => victim.act_id === act.id)
        .map((victim) => ({
          id: victim.id,
          personId: victim.person_id,
          count: victim.group_count,
          force: victim.force,
          region: victim.region,
          serviceCategory: victim.service_category,
        })),
    })),
    perpetrators: perpetrators.map((perpetrator) => ({
      id: perpetrator.id,
      personId: perpetrator.person_id,
      unit: perpetrator.unit,
      involvement: perpetrator.involvement,
    })),
    caseIds: await q.selectCaseIds(trx, row.id, actor.role === 'coordinator' ? null : actor.userId),
    ...(await q.selectIncidentLinks(trx, row.id)),
    sources,
  };
}
