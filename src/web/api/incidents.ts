// The shapes of the incidents and sources API: the types of the Zod schemas the
// server validates and answers with (src/shared/incidents.schema.ts, sources.schema.ts).

export type {
  ActInput,
  CreateIncidentInput,
  Dated,
  Incident,
  IncidentList,
  IncidentSummary,
  PerpetratorInput,
  UpdateIncidentInput,
  VictimInput,
} from '../../shared/incidents.schema.js';
export type { CaseSources, Source, SourceInput, SourceList, SourceSummary } from '../../shared/sources.schema.js';

/** The incident list's path, for one case's incidents (the case page) or the list's filters. */
export function incidentsPath(query: Record<string, string>): `/api/incidents${string}` {
  const params = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== ''));
  return `/api/incidents${params.size > 0 ? `?${params.toString()}` : ''}`;
}
