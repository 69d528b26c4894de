/**
 * The controlled vocabularies: hierarchical, bilingual lists
 * that cases, intake requests, people and incidents draw their values from.
 * Seeded on a new installation and edited by coordinators; a retired term
 * stays on old records but is no longer offered. The API's schemas, which the
 * server validates with and the web app reads the types of, are in
 * vocabularies.schema.ts.
 */

import type { ProposedTask } from './task-deadlines.js';

export const VOCABULARIES = [
  'region',
  'place',
  'unit',
  'service_category',
  'force',
  'requester_role',
  'case_type',
  'stage',
  'outcome',
  'act_type',
  'channel',
  'location_type',
  'person_role',
  'court_type',
  'involvement',
  'date_precision',
  'confidentiality',
  'source_kind',
  'reliability',
  'knowledge_basis',
] as const;

export type Vocabulary = (typeof VOCABULARIES)[number];

export function isVocabulary(value: unknown): value is Vocabulary {
  return typeof value === 'string' && (VOCABULARIES as readonly string[]).includes(value);
}

/** A term's stable machine code: unique within its vocabulary, never changed once made. */
export const TERM_CODE_PATTERN = /^[a-z0-9_-]{1,64}$/i;
export const TERM_CODE_MAX_LENGTH = 64;
export const TERM_LABEL_MAX_LENGTH = 200;
export const TERM_SORT_ORDER_LIMIT = 1_000_000;

/** What kind of place a `place` term is. */
export const PLACE_KINDS = [
  'camp',
  'commandant_office',
  'detention',
  'court',
  'military_unit_base',
  'settlement',
  'other',
] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** Branch of a `unit` term. */
export const UNIT_BRANCHES = [
  'ground_forces',
  'airborne',
  'navy',
  'aerospace',
  'strategic_missile',
  'special_operations',
  'national_guard',
  'other',
] as const;
export type UnitBranch = (typeof UNIT_BRANCHES)[number];

/** Attributes any term may carry. */
export interface CommonAttributes {
  /** Seeded as an example: the organization checks and edits it. */
  example?: boolean;
  /** Other names the term is known by (for matching intake text), such as «ДНР» for Donetsk Oblast. */
  aliases?: string[];
}

export interface PlaceAttributes extends CommonAttributes {
  kind: PlaceKind;
  /** Code of a `region` term. */
  region?: string;
  /** For a court: code of a `court_type` term. */
  courtType?: string;
}

export interface UnitAttributes extends CommonAttributes {
  /** The unit's number (в/ч), digits as written. */
  number?: string;
  branch?: UnitBranch;
  /** Code of the `place` term where the unit is garrisoned. */
  garrison?: string;
}

export interface OutcomeAttributes extends CommonAttributes {
  /** Recording this outcome normally closes the case. */
  closes: boolean;
  /** Tasks recording this outcome proposes (deadlines from the law, such as an appeal). */
  proposedTasks?: ProposedTask[];
}

export interface StageAttributes extends CommonAttributes {
  /** A case at this stage is closed. */
  closes?: boolean;
  /** Tasks entering this stage proposes (deadlines from the law, such as an official answer). */
  proposedTasks?: ProposedTask[];
  /** A case's outcome may be recorded at this stage (the stages that end a case). */
  allowsOutcome?: boolean;
}

export interface ServiceCategoryAttributes extends CommonAttributes {
  /** Code of the `court_type` term where people in this category usually sue. */
  courtType?: string;
}

/** Whether a case at this stage may have its outcome recorded: the stage term says so, as data. */
export function allowsOutcome(stage: { attributes: Record<string, unknown> } | undefined): boolean {
  return stage?.attributes.allowsOutcome === true;
}

/** The API's shapes: the types of the schemas the server validates and answers with. */
export type {
  CreateTermRequest,
  StageTransition,
  StageTransitionsResponse,
  Term,
  TermAttributes,
  TermsResponse,
  UpdateTermRequest,
  VocabulariesResponse,
  VocabularySummary,
} from './vocabularies.schema.js';
