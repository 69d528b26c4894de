import type { Generated, Insertable, Selectable } from 'kysely';
import type { BreakGlassReason } from '../../shared/break-glass.js';
import type { NotificationKind } from '../../shared/home.schema.js';
import type { TIMELINE_KINDS } from '../../shared/cases.schema.js';
import type { Role } from '../../shared/roles.js';
import type { IncidentTables } from './schema-incidents.js';

export type { EvidenceTable } from './schema-incidents.js';

/**
 * The tables of Homeward's database, as Kysely sees them. Times are stored as
 * ISO 8601 UTC text (`2026-11-25T20:00:00.000Z`) on both databases so that
 * they compare and sort the same way everywhere (see dialect.ts). Flags are
 * integers 0/1, which both databases return as numbers.
 */
export interface Database extends IncidentTables {
  settings: SettingsTable;
  saved_filters: SavedFiltersTable;
  users: UsersTable;
  recovery_codes: RecoveryCodesTable;
  sessions: SessionsTable;
  throttles: ThrottlesTable;
  case_grants: CaseGrantsTable;
  break_glass: BreakGlassTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  data_keys: DataKeysTable;
  search_records: SearchRecordsTable;
  search_postings: SearchPostingsTable;
  search_token_counts: SearchTokenCountsTable;
  files: FilesTable;
  vocabulary_terms: VocabularyTermsTable;
  stage_transitions: StageTransitionsTable;
  intake_requests: IntakeRequestsTable;
  intake_messages: IntakeMessagesTable;
  cases: CasesTable;
  people: PeopleTable;
  case_people: CasePeopleTable;
  case_events: CaseEventsTable;
  tasks: TasksTable;
  api_tokens: ApiTokensTable;
  case_number_counters: CaseNumberCountersTable;
  notifications: NotificationsTable;
}

/** Installation-wide settings, one row a key. Never holds personal data. */
export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  username_key: string;
  role: Role;
  password_hash: string;
  totp_secret: string | null;
  totp_confirmed_at: string | null;
  /** The last TOTP time step accepted: a code from it or before is refused. */
  totp_last_step: number | null;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface SessionsTable {
  token_hash: string;
  id: string;
  user_id: string;
  /** 1 while the user has signed in with a password but not yet enrolled a second factor. */
  factor_pending: number;
  user_agent: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

/** Tries counted per key (see auth/throttle.ts); the key is an HMAC, the times are rounded. */
export interface ThrottlesTable {
  key_hash: string;
  tries: number;
  window_ends_at: string;
  locked_until: string | null;
}

export interface CaseGrantsTable {
  case_id: string;
  user_id: string;
  granted_by: string;
  granted_at: string;
}

export interface BreakGlassTable {
  id: string;
  user_id: string;
  case_id: string;
  reason_code: BreakGlassReason;
  /** The optional note, sealed under the case's data key (table break_glass, field note). */
  note_sealed: Buffer | null;
  created_at: string;
  expires_at: string;
  ended_at: string | null;
}

export interface AuditLogTable {
  /** 1, 2, 3 … without gaps. */
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** One random data key per case, intake request or system purpose, wrapped by the master key. */
export interface DataKeysTable {
  id: string;
  owner_type: 'case' | 'intake' | 'person' | 'incident' | 'source' | 'system';
  owner_id: string;
  master_key_id: string;
  wrapped: Buffer;
  created_at: string;
}

/** A record in the blind index (src/server/search): its serial, date and keyed tokens. */
export interface SearchRecordsTable {
  serial: Generated<number>;
  record_type: string;
  record_id: string;
  /** Days since 1900-01-01 of the record's date. */
  day: number;
  /** The record's distinct 8-byte keyed tokens, concatenated. */
  tokens: Buffer;
}

/** One keyed token of one record; sort_key = day × 2^32 + serial, newest last. */
export interface SearchPostingsTable {
  token: Buffer;
  sort_key: number;
  /** The names of the fields holding the token, comma-separated. */
  fields: string;
}

export interface SearchTokenCountsTable {
  token: Buffer;
  records: number;
}

/**
 * One stored file (src/server/files): ids, plaintext size and time only. Its
 * name, if it has one, is stored sealed by the record it belongs to; its
 * SHA-256 is sealed under the owner's data key.
 */
export interface FilesTable {
  id: string;
  owner_type: DataKeysTable['owner_type'];
  owner_id: string;
  size: number;
  sha256_sealed: Buffer;
  created_at: string;
}

/**
 * A term of a controlled vocabulary (src/shared/vocabularies.ts). Plain, not
 * sealed: vocabularies are statistics dimensions and hold no personal data.
 */
export interface VocabularyTermsTable {
  id: string;
  /** One of VOCABULARIES. */
  vocabulary: string;
  /** Stable machine code, unique within the vocabulary; never changed once made. */
  code: string;
  /** A term of the same vocabulary. */
  parent_id: string | null;
  label_ru: string;
  label_en: string;
  sort_order: number;
  /** Set: kept on old records, no longer offered. */
  retired_at: string | null;
  /** JSON object; its shape depends on the vocabulary. */
  attributes: string;
  created_at: string;
  updated_at: string;
}

/** A permitted move between two `stage` terms. */
export interface StageTransitionsTable {
  from_id: string;
  to_id: string;
  created_at: string;
}

export type Setting = Selectable<SettingsTable>;
export type NewSetting = Insertable<SettingsTable>;
export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type AuditRow = Selectable<AuditLogTable>;

/* Casework (migration 2026-11-26T0100). Vocabulary values are term codes; `*_sealed` columns are sealed. */

export type Urgency = 'low' | 'normal' | 'high' | 'critical';
export type IntakeStatus = 'new' | 'in_triage' | 'opened' | 'attached' | 'declined';

export interface IntakeRequestsTable {
  id: string;
  receipt_hash: string;
  channel: string;
  requester_role: string;
  group_size: number;
  region: string | null;
  service_category: string | null;
  force: string | null;
  location_type: string | null;
  urgency: Urgency;
  consent_documentation: number;
  consent_statistics: number;
  status: IntakeStatus;
  decline_reason: string | null;
  case_id: string | null;
  api_token_id: string | null;
  handle_sealed: Buffer | null;
  contact_sealed: Buffer | null;
  text_sealed: Buffer;
  created_at: string;
  updated_at: string;
  triaged_by: string | null;
  triaged_at: string | null;
  /** The public form's one-time submission key, as an HMAC; unique (migration 2026-12-01T0500). */
  submission_hash: string | null;
  /** The public form's visitor-and-content key, as an HMAC; unique (migration 2026-12-01T0700). */
  content_hash: string | null;
  /** Whom the request waits for: an intake volunteer or coordinator (migration 2026-12-02T0400). */
  assignee_id: string | null;
}

export interface IntakeMessagesTable {
  id: string;
  intake_id: string;
  body_sealed: Buffer;
  created_at: string;
}

export interface CasesTable {
  id: string;
  number: string;
  case_type: string;
  stage: string;
  outcome: string | null;
  region: string | null;
  /** Carried over from the request the case was opened from (migration 2026-12-02T0400). */
  service_category: string | null;
  force: string | null;
  /** Carried from the request the case came from (migration 2026-12-02T0100). */
  urgency: Urgency;
  is_group: number;
  group_size: number;
  title_sealed: Buffer;
  summary_sealed: Buffer | null;
  opened_at: string;
  closed_at: string | null;
  created_by: string;
  updated_at: string;
}

/** A user's named case-list filter: codes and ids as JSON, the name sealed. */
export interface SavedFiltersTable {
  id: string;
  user_id: string;
  name_sealed: Buffer;
  filters: string;
  created_at: string;
}

export interface PeopleTable {
  id: string;
  person_role: string;
  service_category: string | null;
  force: string | null;
  unit: string | null;
  region: string | null;
  name_cyrillic_sealed: Buffer | null;
  name_latin_sealed: Buffer | null;
  birth_sealed: Buffer | null;
  contacts_sealed: Buffer | null;
  /** Names from merged-away records, sealed as one JSON list (migration 2026-12-02T0500). */
  aliases_sealed: Buffer | null;
  merged_into: string | null;
  created_at: string;
  updated_at: string;
}

export interface CasePeopleTable {
  case_id: string;
  person_id: string;
  role: string;
  is_spokesperson: number;
  added_at: string;
}

export type CaseEventKind = (typeof TIMELINE_KINDS)[number];

export interface CaseEventsTable {
  id: string;
  case_id: string;
  kind: CaseEventKind;
  actor_id: string | null;
  stage_from: string | null;
  stage_to: string | null;
  body_sealed: Buffer | null;
  at: string;
  /** For a grant event: the user given or relieved of the case (migration 2026-12-02T0100). */
  target_user_id: string | null;
  /**
   * A code saying more about the event: `added` or `removed` for a grant or a
   * person; for a task `created`, `reassigned`, `due_changed`, `done`, `reopened`;
   * `role_changed` for a person.
   */
  detail: string | null;
  /** For a task event: the task (migration 2026-12-03T0200). */
  subject_id: string | null;
}

export interface TasksTable {
  id: string;
  case_id: string;
  title_sealed: Buffer;
  due_date: string | null;
  /** Null only on tasks older than assignees (the migration gave those to their creator). */
  assignee_id: string | null;
  done_at: string | null;
  /** Who marked the task done; set and cleared with done_at. */
  done_by: string | null;
  created_by: string;
  created_at: string;
}

export interface ApiTokensTable {
  id: string;
  label: string;
  scope: 'intake';
  token_hash: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** The last case number handed out in a year (migration 2026-11-26T0210). */
export interface CaseNumberCountersTable {
  year: number;
  last: number;
}

/**
 * One in-app notification for one user (migration 2026-12-02T0600): ids and
 * codes only; its words are looked up when it is shown.
 */
export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: NotificationKind;
  object_type: 'case' | 'task' | 'intake';
  object_id: string;
  /** Set on notifications derived from the data, unique per user: made once however many reads race. */
  once_key: string | null;
  created_at: string;
  read_at: string | null;
}
