import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../src/server/db/schema.js';

/*
 * Hand-counted rows for the statistics tests, written straight into the
 * tables: the figures read plain columns only, so the sealed ones hold a
 * placeholder. What each figure must count is written beside the rows in
 * src/server/modules/statistics/statistics.test.ts.
 */

const SEALED = Buffer.from('not read by statistics');

export interface RequestRow {
  at: string;
  channel: string;
  region: string | null;
  role: string;
  consent: boolean;
  caseId?: string;
}

export async function insertRequest(db: Kysely<Database>, row: RequestRow): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('intake_requests')
    .values({
      id,
      receipt_hash: randomUUID(),
      channel: row.channel,
      requester_role: row.role,
      group_size: 1,
      region: row.region,
      service_category: null,
      force: null,
      location_type: null,
      urgency: 'normal',
      consent_documentation: 1,
      consent_statistics: row.consent ? 1 : 0,
      status: row.caseId === undefined ? 'new' : 'opened',
      decline_reason: null,
      case_id: row.caseId ?? null,
      api_token_id: null,
      handle_sealed: null,
      contact_sealed: null,
      text_sealed: SEALED,
      created_at: row.at,
      updated_at: row.at,
      triaged_by: null,
      triaged_at: null,
      submission_hash: null,
      content_hash: null,
      assignee_id: null,
    })
    .execute();
  return id;
}

export interface CaseRow {
  type: string;
  stage: string;
  outcome: string | null;
  region: string | null;
  groupSize: number;
  openedAt: string;
  /** When the outcome was recorded (a case event). */
  outcomeAt?: string;
}

export async function insertCase(db: Kysely<Database>, createdBy: string, row: CaseRow): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('cases')
    .values({
      id,
      number: `S-${id.slice(0, 8)}`,
      case_type: row.type,
      stage: row.stage,
      outcome: row.outcome,
      region: row.region,
      service_category: null,
      force: null,
      urgency: 'normal',
      is_group: row.groupSize > 1 ? 1 : 0,
      group_size: row.groupSize,
      title_sealed: SEALED,
      summary_sealed: null,
      opened_at: row.openedAt,
      closed_at: null,
      created_by: createdBy,
      updated_at: row.openedAt,
    })
    .execute();
  if (row.outcomeAt !== undefined) {
    await db
      .insertInto('case_events')
      .values({
        id: randomUUID(),
        case_id: id,
        kind: 'outcome',
        actor_id: createdBy,
        stage_from: null,
        stage_to: null,
        body_sealed: null,
        at: row.outcomeAt,
        target_user_id: null,
        detail: row.outcome,
        subject_id: null,
      })
      .execute();
  }
  return id;
}

export interface IncidentRow {
  confidentiality: 'public' | 'internal' | 'restricted';
  start: string | null;
  precision: 'day' | 'month' | 'year' | null;
  place: string | null;
  region?: string | null;
  acts: readonly string[];
  units: readonly string[];
}

export async function insertIncident(db: Kysely<Database>, createdBy: string, row: IncidentRow): Promise<string> {
  const id = randomUUID();
  const at = '2026-11-30T12:00:00.000Z';
  await db
    .insertInto('incidents')
    .values({
      id,
      title_sealed: SEALED,
      description_sealed: null,
      start_date: row.start,
      start_precision: row.precision,
      end_date: null,
      end_precision: null,
      place: row.place,
      region: row.region ?? null,
      confidentiality: row.confidentiality,
      version: 1,
      created_by: createdBy,
      created_at: at,
      updated_at: at,
    })
    .execute();
  for (const [position, actType] of row.acts.entries()) {
    await db
      .insertInto('incident_acts')
      .values({
        id: randomUUID(),
        incident_id: id,
        position,
        act_type: actType,
        criminal_article: null,
        criminal_part: null,
        start_date: null,
        start_precision: null,
        end_date: null,
        end_precision: null,
        place: null,
      })
      .execute();
  }
  for (const [position, unit] of row.units.entries()) {
    await db
      .insertInto('incident_perpetrators')
      .values({ id: randomUUID(), incident_id: id, position, person_id: null, unit, involvement: 'carried_out' })
      .execute();
  }
  return id;
}
