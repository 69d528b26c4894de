/*
 * The documentation tables: incidents and sources (migration 2026-12-04T0100; the
 * positions of victims and perpetrators 2026-12-05T0300), evidence files, and the published statistics
 * snapshots, as Kysely sees them. Vocabulary values are term codes; `*_sealed` columns are sealed
 * under the incident's or source's own data key; dates are YYYY, YYYY-MM or
 * YYYY-MM-DD as their precision says.
 */

export interface IncidentsTable {
  id: string;
  title_sealed: Buffer;
  description_sealed: Buffer | null;
  start_date: string | null;
  start_precision: string | null;
  end_date: string | null;
  end_precision: string | null;
  place: string | null;
  region: string | null;
  confidentiality: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface IncidentActsTable {
  id: string;
  incident_id: string;
  position: number;
  act_type: string;
  criminal_article: string | null;
  criminal_part: string | null;
  start_date: string | null;
  start_precision: string | null;
  end_date: string | null;
  end_precision: string | null;
  place: string | null;
}

/** A victim of one act: a person from the registry, or a counted group. */
export interface IncidentVictimsTable {
  id: string;
  act_id: string;
  incident_id: string;
  /** Its place among the act's victims, as the form gave them. */
  position: number;
  person_id: string | null;
  group_count: number | null;
  force: string | null;
  region: string | null;
  service_category: string | null;
}

/** A perpetrator: a person from the registry or a `unit` term, with a degree of involvement. */
export interface IncidentPerpetratorsTable {
  id: string;
  incident_id: string;
  /** Its place among the incident's perpetrators, as the form gave them. */
  position: number;
  person_id: string | null;
  unit: string | null;
  involvement: string;
}

export interface IncidentCasesTable {
  incident_id: string;
  case_id: string;
  created_at: string;
}

/** `from_id` led to `to_id`. */
export interface IncidentLinksTable {
  from_id: string;
  to_id: string;
  created_at: string;
}

export interface SourcesTable {
  id: string;
  kind: string;
  reliability: string;
  outlet_sealed: Buffer | null;
  url_sealed: Buffer | null;
  title_sealed: Buffer | null;
  published_date: string | null;
  language: string | null;
  person_id: string | null;
  knowledge_basis: string | null;
  description_sealed: Buffer | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface SourceIncidentsTable {
  source_id: string;
  incident_id: string;
  created_at: string;
}

export interface SourceCasesTable {
  source_id: string;
  case_id: string;
  created_at: string;
}

/** One published statistics snapshot (migration 2026-12-05T0400): figures after suppression, as JSON. */
export interface StatisticsSnapshotsTable {
  id: string;
  /** 1, 2, 3 … in publication order. */
  seq: number;
  as_of: string;
  published_at: string;
  published_by: string;
  k: number;
  figures: string;
}

/** The tables above, by name, for the Database interface. */
/**
 * An evidence file of a case or of an incident (modules/evidence; exactly one of the two is set): its bytes are
 * `files` rows under that owner's key, its name and description sealed.
 */
export interface EvidenceTable {
  id: string;
  case_id: string | null;
  incident_id: string | null;
  kind: string;
  media_type: string;
  original_file_id: string;
  working_file_id: string | null;
  name_sealed: Buffer;
  description_sealed: Buffer | null;
  uploaded_by: string;
  uploaded_at: string;
}

export interface IncidentTables {
  incidents: IncidentsTable;
  incident_acts: IncidentActsTable;
  incident_victims: IncidentVictimsTable;
  incident_perpetrators: IncidentPerpetratorsTable;
  incident_cases: IncidentCasesTable;
  incident_links: IncidentLinksTable;
  sources: SourcesTable;
  source_incidents: SourceIncidentsTable;
  source_cases: SourceCasesTable;
  statistics_snapshots: StatisticsSnapshotsTable;
  evidence: EvidenceTable;
}
