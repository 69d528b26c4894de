import { AUDIT_OUTCOMES, type AuditQuery } from '../../api/accounts.js';
import type { ApiPath } from '../../api/client.js';

/** Entries a page asks for at a time. */
export const AUDIT_PAGE_SIZE = 50;

/** The filter form's values, as they stand in the page's own address ('' = no filter). Dates are `yyyy-mm-dd`. */
export interface AuditFilterValues {
  action: string;
  actorId: string;
  objectType: string;
  objectId: string;
  outcome: string;
  from: string;
  to: string;
}

const KEYS = ['action', 'actorId', 'objectType', 'objectId', 'outcome', 'from', 'to'] as const;

export const NO_FILTERS: AuditFilterValues = {
  action: '',
  actorId: '',
  objectType: '',
  objectId: '',
  outcome: '',
  from: '',
  to: '',
};

export function filtersFromParams(params: URLSearchParams): AuditFilterValues {
  const values = { ...NO_FILTERS };
  for (const key of KEYS) values[key] = params.get(key)?.trim() ?? '';
  return values;
}

export function paramsFromFilters(values: AuditFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = values[key].trim();
    if (value !== '') params.set(key, value);
  }
  return params;
}

/**
 * The filters as the API's query. The dates the user picked are days in
 * their own time zone: `from` is the start of its day, `to` the start of the
 * day after, so the `to` day is included whole.
 */
function filterQuery(values: AuditFilterValues): AuditQuery {
  const query: AuditQuery = {};
  // Actions and object types are lower-case words; a capital typed by hand would only be refused.
  if (values.action) query.action = values.action.trim().toLowerCase();
  if (values.actorId) query.actorId = values.actorId.trim();
  if (values.objectType) query.objectType = values.objectType.trim().toLowerCase();
  if (values.objectId) query.objectId = values.objectId.trim();
  if (isOutcome(values.outcome)) query.outcome = values.outcome;
  const from = startOfLocalDay(values.from, 0);
  if (from) query.from = from;
  const to = startOfLocalDay(values.to, 1);
  if (to) query.to = to;
  return query;
}

function withQuery(path: '/api/audit' | '/api/audit/export', query: AuditQuery): ApiPath {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) params.set(key, String(value));
  return `${path}?${params.toString()}`;
}

/** The API address for one page of the list. */
export function auditPath(values: AuditFilterValues, before?: number): ApiPath {
  return withQuery('/api/audit', {
    ...filterQuery(values),
    limit: AUDIT_PAGE_SIZE,
    ...(before === undefined ? {} : { before }),
  });
}

/** The CSV download of everything the filters match (the same filters and access as the list). */
export function auditExportPath(values: AuditFilterValues): ApiPath {
  return withQuery('/api/audit/export', filterQuery(values));
}

function startOfLocalDay(day: string, addDays: number): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + addDays);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function isOutcome(value: string): value is (typeof AUDIT_OUTCOMES)[number] {
  return (AUDIT_OUTCOMES as readonly string[]).includes(value);
}
