import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../auth/auth.queries.js';
import { dialectOf } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';
import { FIGURE_INFO, FIRST_MONTH, HOME_OUTCOMES, type Figure } from '../../../shared/statistics.schema.js';

/**
 * The statistics' SQL: every figure one GROUP BY over plain columns (codes,
 * dates, counts), the same on SQLite and PostgreSQL; nothing sealed is read.
 * Times are ISO 8601 text, so a month is its first seven characters.
 *
 * A period filters each figure by the date it is about: requests by the day
 * they were received (created_at), cases by their opening, people home and
 * time to outcome by the day the case's outcome was recorded, incidents by
 * their start, counted only when its whole span (a day, a month or a year, as
 * precisely as it is known) lies in the period.
 */

/** Which records count: a period of days, a region, and whether only those whose consent allows publication. */
export interface Scope {
  /** Inclusive first day, YYYY-MM-DD. */
  from?: string | undefined;
  /** Inclusive last day, YYYY-MM-DD. */
  to?: string | undefined;
  region?: string | undefined;
  /** Public figures: requests with statistics consent, cases all of whose requests gave it, `public` incidents. */
  publicOnly: boolean;
}

export interface Row {
  value: string | null;
  count: number;
}

const n = (value: string | number | bigint | null | undefined) => Number(value ?? 0);

/** The day after `day`, for an exclusive upper bound on ISO times. */
function dayAfter(day: string): string {
  const next = new Date(`${day}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

function inPeriod<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, time: Expression<string>, scope: Scope) {
  const parts: Expression<SqlBool>[] = [];
  if (scope.from !== undefined) parts.push(eb(time, '>=', scope.from));
  if (scope.to !== undefined) parts.push(eb(time, '<', dayAfter(scope.to)));
  return eb.and(parts);
}

function month(column: string) {
  return sql<string>`substr(${sql.ref(column)}, 1, 7)`;
}

async function grouped(query: Promise<{ value: string | null; count: string | number | bigint }[]>): Promise<Row[]> {
  return (await query).map((row) => ({ value: row.value, count: n(row.count) }));
}

/** A case counts publicly when it came from requests and every one of them consented to statistics. */
function caseConsented(eb: ExpressionBuilder<Database, 'cases'>) {
  const requests = (consent: number) =>
    eb
      .selectFrom('intake_requests as r')
      .select('r.id')
      .whereRef('r.case_id', '=', 'cases.id')
      .where('r.consent_statistics', '=', consent);
  return eb.and([eb.exists(requests(1)), eb.not(eb.exists(requests(0)))]);
}

function requestsBy(db: Db, scope: Scope, value: RawBuilder<string | null>) {
  return grouped(
    db
      .selectFrom('intake_requests')
      .select((eb) => [value.as('value') as never, eb.fn.countAll<string>().as('count')])
      .where((eb) => inPeriod(eb, eb.ref('intake_requests.created_at'), scope))
      .$if(scope.region !== undefined, (q) => q.where('intake_requests.region', '=', scope.region ?? ''))
      .$if(scope.publicOnly, (q) => q.where('intake_requests.consent_statistics', '=', 1))
      .groupBy(value as never)
      .execute() as Promise<{ value: string | null; count: string }[]>,
  );
}

/** When the case's current outcome was recorded: its latest outcome event. */
const outcomeAt = sql<string>`(select max(e.at) from case_events e where e.case_id = cases.id and e.kind = 'outcome')`;

function casesQuery(db: Db, scope: Scope, dated: 'opened' | 'outcome' = 'opened') {
  return db
    .selectFrom('cases')
    .where((eb) => inPeriod(eb, dated === 'opened' ? eb.ref('cases.opened_at') : outcomeAt, scope))
    .$if(scope.region !== undefined, (q) => q.where('cases.region', '=', scope.region ?? ''))
    .$if(scope.publicOnly, (q) => q.where(caseConsented));
}

function casesBy(db: Db, scope: Scope, column: 'case_type' | 'stage' | 'outcome' | 'region') {
  return grouped(
    casesQuery(db, scope)
      .select((eb) => [`cases.${column} as value` as const, eb.fn.countAll<string>().as('count')])
      .groupBy(`cases.${column}`)
      .execute(),
  );
}

function peopleHomeByRegion(db: Db, scope: Scope) {
  return grouped(
    casesQuery(db, scope, 'outcome')
      .select((eb) => ['cases.region as value', eb.fn.sum<string>('cases.group_size').as('count')])
      .where('cases.outcome', 'in', [...HOME_OUTCOMES])
      .groupBy('cases.region')
      .execute(),
  );
}

/**
 * An incident's start as the first and last day it may be (YYYY, YYYY-MM or YYYY-MM-DD as known): a year
 * or month stands for its first day, and for a last "day" past every day of it ("-99") that still sorts
 * before the next one, compared as text with the period's exclusive end.
 */
const incidentFirstDay = sql<string>`substr(incidents.start_date || '-01-01', 1, 10)`;
const incidentLastDay = sql<string>`substr(incidents.start_date || '-99-99', 1, 10)`;
/** Only a start known to the month or the day has a month; a year's incident is in the "not recorded" row. */
const incidentMonth = sql<
  string | null
>`case when incidents.start_precision in ('day', 'month') then substr(incidents.start_date, 1, 7) end`;

function incidentsQuery(db: Db, scope: Scope) {
  return db
    .selectFrom('incidents')
    .where((eb) => inPeriod(eb, incidentFirstDay, { from: scope.from, publicOnly: scope.publicOnly }))
    .where((eb) => inPeriod(eb, incidentLastDay, { to: scope.to, publicOnly: scope.publicOnly }))
    .$if(scope.region !== undefined, (q) => q.where('incidents.region', '=', scope.region ?? ''))
    .where('incidents.confidentiality', scope.publicOnly ? '=' : '!=', scope.publicOnly ? 'public' : 'restricted');
}

function incidentsBy(db: Db, scope: Scope, value: RawBuilder<string | null>) {
  return grouped(
    incidentsQuery(db, scope)
      .select((eb) => [value.as('value') as never, eb.fn.countAll<string>().as('count')])
      .groupBy(value as never)
      .execute() as Promise<{ value: string | null; count: string }[]>,
  );
}

function actsByType(db: Db, scope: Scope) {
  return grouped(
    incidentsQuery(db, scope)
      .innerJoin('incident_acts', 'incident_acts.incident_id', 'incidents.id')
      .select((eb) => ['incident_acts.act_type as value', eb.fn.countAll<string>().as('count')])
      .groupBy('incident_acts.act_type')
      .execute(),
  );
}

/** Incident–unit pairs: an incident with two perpetrator units counts once under each. */
function incidentsByUnit(db: Db, scope: Scope) {
  return grouped(
    incidentsQuery(db, scope)
      .innerJoin('incident_perpetrators', 'incident_perpetrators.incident_id', 'incidents.id')
      .where('incident_perpetrators.unit', 'is not', null)
      .select((eb) => [
        'incident_perpetrators.unit as value',
        eb.fn.count<string>('incident_perpetrators.incident_id').distinct().as('count'),
      ])
      .groupBy('incident_perpetrators.unit')
      .execute(),
  );
}

/** The month after a YYYY-MM month. */
export function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${String(year + 1)}-01` : `${String(year)}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * A month series with every month between its first and last (from FIRST_MONTH on) listed, 0 when none,
 * so that a line chart does not join two months over an empty one. Earlier months keep their own rows.
 */
export function zeroFilled(rows: readonly Row[]): Row[] {
  const months = rows.flatMap((row) => (row.value === null ? [] : [row.value])).sort();
  const last = months[months.length - 1];
  const filled = [...rows];
  if (last === undefined) return filled;
  const first = (months[0] ?? last) < FIRST_MONTH ? FIRST_MONTH : (months[0] ?? last);
  const present = new Set(months);
  for (let m = first; m <= last; m = nextMonth(m)) if (!present.has(m)) filled.push({ value: m, count: 0 });
  return filled;
}

/** The exact rows of one figure, ordered by value (not recorded first); month series zero-filled. */
export async function figureRows(db: Db, figure: Figure, scope: Scope): Promise<Row[]> {
  const rows = await rowsOf(db, figure, scope);
  const listed = FIGURE_INFO[figure].dimension === 'month' ? zeroFilled(rows) : rows;
  return listed.sort((a, b) => (a.value ?? '').localeCompare(b.value ?? ''));
}

function rowsOf(db: Db, figure: Figure, scope: Scope): Promise<Row[]> {
  switch (figure) {
    case 'requests_by_month':
      return requestsBy(db, scope, month('intake_requests.created_at'));
    case 'requests_by_channel':
      return requestsBy(db, scope, sql.ref<string | null>('intake_requests.channel'));
    case 'requests_by_region':
      return requestsBy(db, scope, sql.ref<string | null>('intake_requests.region'));
    case 'requests_by_requester_role':
      return requestsBy(db, scope, sql.ref<string | null>('intake_requests.requester_role'));
    case 'cases_by_type':
      return casesBy(db, scope, 'case_type');
    case 'cases_by_stage':
      return casesBy(db, scope, 'stage');
    case 'cases_by_outcome':
      return casesBy(db, scope, 'outcome');
    case 'cases_by_region':
      return casesBy(db, scope, 'region');
    case 'people_home_by_region':
      return peopleHomeByRegion(db, scope);
    case 'incidents_by_month':
      return incidentsBy(db, scope, incidentMonth);
    case 'incidents_by_place':
      return incidentsBy(db, scope, sql.ref<string | null>('incidents.place'));
    case 'acts_by_type':
      return actsByType(db, scope);
    case 'incidents_by_unit':
      return incidentsByUnit(db, scope);
  }
}

/** Days from a case's first request (its opening, if it had none) to its first recorded outcome. */
function daysToOutcome(db: Db) {
  const start = sql<string>`coalesce((select min(r.created_at) from intake_requests r where r.case_id = cases.id), cases.opened_at)`;
  const end = sql<string>`(select min(e.at) from case_events e where e.case_id = cases.id and e.kind = 'outcome')`;
  return dialectOf(db) === 'postgres'
    ? sql<number | string>`extract(epoch from (cast(${end} as timestamptz) - cast(${start} as timestamptz))) / 86400.0`
    : sql<number | string>`julianday(${end}) - julianday(${start})`;
}

/** The cases whose outcome was recorded in the period, with its days, as a subquery to count and to read one ordered value from. */
function durations(db: Db, scope: Scope) {
  return casesQuery(db, scope, 'outcome')
    .where('cases.outcome', 'is not', null)
    .select(daysToOutcome(db).as('days'))
    .as('durations');
}

/**
 * Quartiles as percentile_cont computes them (linear between the two nearest
 * values), read as at most six single values from an ordered subquery.
 */
export async function timeToOutcome(db: Db, scope: Scope) {
  const counted = await db
    .selectFrom(durations(db, scope))
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('durations.days', 'is not', null)
    .executeTakeFirst();
  const cases = n(counted?.count);
  const valueAt = async (offset: number) => {
    const row = await db
      .selectFrom(durations(db, scope))
      .select('durations.days')
      .where('durations.days', 'is not', null)
      .orderBy('durations.days')
      .limit(1)
      .offset(offset)
      .executeTakeFirst();
    return Number(row?.days ?? 0);
  };
  const quantile = async (p: number) => {
    if (cases === 0) return null;
    const position = p * (cases - 1);
    const lower = await valueAt(Math.floor(position));
    const upper = Math.ceil(position) === Math.floor(position) ? lower : await valueAt(Math.ceil(position));
    return Math.round((lower + (upper - lower) * (position - Math.floor(position))) * 100) / 100;
  };
  return {
    cases,
    lowerQuartileDays: await quantile(0.25),
    medianDays: await quantile(0.5),
    upperQuartileDays: await quantile(0.75),
  };
}
