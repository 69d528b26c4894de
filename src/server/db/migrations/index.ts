import type { Migration } from 'kysely';
import * as settings from './2026-11-25T2000_settings.js';
import * as accounts from './2026-11-25T2100_accounts.js';
import * as dataKeys from './2026-11-25T2200_data_keys.js';
import * as search from './2026-11-25T2300_search.js';
import * as files from './2026-11-25T2310_files.js';
import * as vocabularies from './2026-11-26T0000_vocabularies.js';
import * as casework from './2026-11-26T0100_casework.js';
import * as cases from './2026-11-26T0210_cases.js';
import * as growthIndexes from './2026-12-01T0100_growth_indexes.js';
import * as throttles from './2026-12-01T0200_throttles.js';
import * as breakGlassReason from './2026-12-01T0400_break_glass_reason.js';
import * as intakeSubmissionKey from './2026-12-01T0500_intake_submission_key.js';
import * as intakeContentKey from './2026-12-01T0700_intake_content_key.js';
import * as casePage from './2026-12-02T0100_case_page.js';
import * as taskOwners from './2026-12-02T0200_task_owners.js';
import * as caseList from './2026-12-02T0300_case_list.js';
import * as triage from './2026-12-02T0400_triage.js';
import * as notifications from './2026-12-02T0600_notifications.js';
import * as personAliases from './2026-12-02T0500_person_aliases.js';
import * as timelineSubjects from './2026-12-03T0200_timeline_subjects.js';
import * as incidents from './2026-12-04T0100_incidents.js';
import * as evidence from './2026-12-04T0200_evidence.js';
import * as incidentPartPositions from './2026-12-05T0300_incident_part_positions.js';
import * as incidentEvidence from './2026-12-05T0350_incident_evidence.js';
import * as statistics from './2026-12-05T0400_statistics.js';

/**
 * Every migration, by name. Names sort in the order they apply; a landed
 * migration is never edited, only followed by a new one.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-25T2000_settings': settings,
  '2026-11-25T2100_accounts': accounts,
  '2026-11-25T2200_data_keys': dataKeys,
  '2026-11-25T2300_search': search,
  '2026-11-25T2310_files': files,
  '2026-11-26T0000_vocabularies': vocabularies,
  '2026-11-26T0100_casework': casework,
  '2026-11-26T0210_cases': cases,
  '2026-12-01T0100_growth_indexes': growthIndexes,
  '2026-12-01T0200_throttles': throttles,
  '2026-12-01T0400_break_glass_reason': breakGlassReason,
  '2026-12-01T0500_intake_submission_key': intakeSubmissionKey,
  '2026-12-01T0700_intake_content_key': intakeContentKey,
  '2026-12-02T0100_case_page': casePage,
  '2026-12-02T0200_task_owners': taskOwners,
  '2026-12-02T0300_case_list': caseList,
  '2026-12-02T0400_triage': triage,
  '2026-12-02T0500_person_aliases': personAliases,
  '2026-12-02T0600_notifications': notifications,
  '2026-12-03T0200_timeline_subjects': timelineSubjects,
  '2026-12-04T0100_incidents': incidents,
  '2026-12-04T0200_evidence': evidence,
  '2026-12-05T0300_incident_part_positions': incidentPartPositions,
  // Given the prefix T0200, landed after T0300: named to sort after it, as installations ran T0300 first.
  '2026-12-05T0350_incident_evidence': incidentEvidence,
  '2026-12-05T0400_statistics': statistics,
};
