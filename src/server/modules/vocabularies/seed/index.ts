import crypto from 'node:crypto';
import type { Vocabulary } from '../../../../shared/vocabularies.js';
import type { AnyKysely } from '../../../db/dialect.js';
import type { StageTransitionsTable, VocabularyTermsTable } from '../../../db/schema.js';
import {
  CASE_TYPES,
  OUTCOMES,
  PROPOSED_TASKS,
  STAGES,
  defaultStageTransitions,
  withProposedTasks,
} from './casework.js';
import {
  CONFIDENTIALITY_LEVELS,
  DATE_PRECISIONS,
  INVOLVEMENTS,
  KNOWLEDGE_BASES,
  RELIABILITIES,
  SOURCE_KINDS,
} from './documentation.js';
import { ACT_TYPES, COURT_TYPES, PERSON_ROLES } from './incidents.js';
import { CHANNELS, FORCES, LOCATION_TYPES, REQUESTER_ROLES, SERVICE_CATEGORIES } from './intake.js';
import { PLACES } from './places.js';
import { REGIONS } from './regions.js';
import type { SeedTerm } from './types.js';

export type { SeedTerm } from './types.js';

/** What a new installation starts with, by vocabulary. Units start empty (see places.ts). */
export const SEED: Readonly<Record<Vocabulary, readonly SeedTerm[]>> = {
  region: REGIONS,
  place: PLACES,
  unit: [],
  service_category: SERVICE_CATEGORIES,
  force: FORCES,
  requester_role: REQUESTER_ROLES,
  case_type: CASE_TYPES,
  stage: withProposedTasks(STAGES, PROPOSED_TASKS.stage),
  outcome: withProposedTasks(OUTCOMES, PROPOSED_TASKS.outcome),
  act_type: ACT_TYPES,
  channel: CHANNELS,
  location_type: LOCATION_TYPES,
  person_role: PERSON_ROLES,
  court_type: COURT_TYPES,
  // Added with incidents; an installation made before them gets them from migration 2026-12-04T0100.
  involvement: INVOLVEMENTS,
  date_precision: DATE_PRECISIONS,
  confidentiality: CONFIDENTIALITY_LEVELS,
  source_kind: SOURCE_KINDS,
  reliability: RELIABILITIES,
  knowledge_basis: KNOWLEDGE_BASES,
};

export const SEED_STAGE_TRANSITIONS: readonly [string, string][] = defaultStageTransitions(STAGES);

/** The rows of one vocabulary's seed, parents first; a parent is named by its code. */
export function seedRows(vocabulary: Vocabulary, terms: readonly SeedTerm[], at: string): VocabularyTermsTable[] {
  const ids = new Map(terms.map((term) => [term.code, crypto.randomUUID()]));
  return terms.map((term, index) => {
    const id = ids.get(term.code);
    const parentId = term.parent === undefined ? null : ids.get(term.parent);
    if (id === undefined || parentId === undefined) {
      throw new Error(`Seed of ${vocabulary}: ${term.code} names an unknown parent ${term.parent ?? ''}`);
    }
    return {
      id,
      vocabulary,
      code: term.code,
      parent_id: parentId,
      label_ru: term.ru,
      label_en: term.en,
      sort_order: term.sort ?? index,
      retired_at: null,
      attributes: JSON.stringify(term.attributes ?? {}),
      created_at: at,
      updated_at: at,
    };
  });
}

/** Inserts every seeded term and the default stage graph. Runs inside the migration's transaction. */
export async function seedVocabularies(db: AnyKysely, at: string): Promise<void> {
  const stageIds = new Map<string, string>();
  for (const [vocabulary, terms] of Object.entries(SEED) as [Vocabulary, readonly SeedTerm[]][]) {
    if (terms.length === 0) continue;
    const rows = seedRows(vocabulary, terms, at);
    // Parents come before their children in every list, and each batch is one statement.
    for (let start = 0; start < rows.length; start += 100) {
      await db
        .insertInto('vocabulary_terms')
        .values(rows.slice(start, start + 100))
        .execute();
    }
    if (vocabulary === 'stage') for (const row of rows) stageIds.set(row.code, row.id);
  }
  const transitions: StageTransitionsTable[] = SEED_STAGE_TRANSITIONS.map(([from, to]) => {
    const fromId = stageIds.get(from);
    const toId = stageIds.get(to);
    if (fromId === undefined || toId === undefined) throw new Error(`Seed transition ${from} → ${to}: no such stage`);
    return { from_id: fromId, to_id: toId, created_at: at };
  });
  await db.insertInto('stage_transitions').values(transitions).execute();
}
