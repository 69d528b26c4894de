import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FigureOut, StatisticsOverview, TimeToOutcome } from '../../../shared/statistics.schema.js';
import { testClock } from '../../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { TEST_DIALECTS } from '../../../../test/databases.js';
import { buildSeeder, type Seeder } from '../../../../test/seed.js';
import { insertCase, insertIncident, insertRequest } from '../../../../test/statistics.js';
import { zeroFilled } from './statistics.queries.js';

/*
 * Hand-counted fixture. Requests (6): r1 09-03 web_form RU-BU self ✓consent → c1; r2 09-20 web_form RU-BU
 * parent ✓ → c1; r3 10-01 phone RU-KB self ✗ → c2; r4 10-15 phone (no region) spouse ✓; r5 10-31 23:59
 * web_form RU-BU self ✓ → c3; r6 11-01 chat_bot RU-KB self ✗.
 * Cases (4): c1 contract_termination closed dismissed_health RU-BU ×1, outcome 22 days after r1;
 * c2 contract_termination filed court_claim_granted RU-KB ×100, 40 days after r3; c3 health_dismissal
 * intake (no outcome) RU-BU ×1; c4 contract_termination closed returned_home_not_dismissed RU-BU ×150,
 * no request, outcome 10 days after opening.
 * Incidents (4): i1 public 2026-09-10 (day) perevalsk, acts detention + charge, units u1 u2; i2 internal
 * 2026-09 (month) no place, act detention, unit u1; i3 restricted (never counted); i4 public 2026 (year)
 * perevalsk, act charge; i5 internal 2026-06-15 (day), nothing else (so September's series has a gap to fill).
 */

const rows = (figure: FigureOut) => Object.fromEntries(figure.rows.map((row) => [row.value ?? 'null', row.count]));

describe.each(TEST_DIALECTS)('statistics figures on %s', (dialect) => {
  const clock = testClock();
  let t: TestApp;
  let seed: Seeder;
  let analyst: Seeder['coordinatorCall'];

  const get = async <T>(url: string): Promise<T> => {
    const response = await analyst({ method: 'GET', url });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<T>();
  };
  const figure = (name: string, query = '') => get<FigureOut>(`/api/statistics/figures/${name}${query}`);

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock });
    seed = await buildSeeder(t, clock);
    analyst = (await seed.user('analyst')).call;
    const db = t.database.handle.db;
    const by = seed.coordinator.user.id;
    const c1 = await insertCase(db, by, {
      type: 'contract_termination',
      stage: 'closed',
      outcome: 'dismissed_health',
      region: 'RU-BU',
      groupSize: 1,
      openedAt: '2026-09-05T10:00:00.000Z',
      outcomeAt: '2026-09-25T10:00:00.000Z',
    });
    const c2 = await insertCase(db, by, {
      type: 'contract_termination',
      stage: 'filed',
      outcome: 'court_claim_granted',
      region: 'RU-KB',
      groupSize: 100,
      openedAt: '2026-10-02T08:00:00.000Z',
      outcomeAt: '2026-11-10T08:00:00.000Z',
    });
    const c3 = await insertCase(db, by, {
      type: 'health_dismissal',
      stage: 'intake',
      outcome: null,
      region: 'RU-BU',
      groupSize: 1,
      openedAt: '2026-11-01T09:00:00.000Z',
    });
    await insertCase(db, by, {
      type: 'contract_termination',
      stage: 'closed',
      outcome: 'returned_home_not_dismissed',
      region: 'RU-BU',
      groupSize: 150,
      openedAt: '2026-10-10T12:00:00.000Z',
      outcomeAt: '2026-10-20T12:00:00.000Z',
    });
    const request = (
      at: string,
      channel: string,
      region: string | null,
      role: string,
      consent: boolean,
      caseId?: string,
    ) => insertRequest(db, { at, channel, region, role, consent, caseId });
    await request('2026-09-03T10:00:00.000Z', 'web_form', 'RU-BU', 'self', true, c1);
    await request('2026-09-20T10:00:00.000Z', 'web_form', 'RU-BU', 'parent', true, c1);
    await request('2026-10-01T08:00:00.000Z', 'phone', 'RU-KB', 'self', false, c2);
    await request('2026-10-15T08:00:00.000Z', 'phone', null, 'spouse', true);
    await request('2026-10-31T23:59:00.000Z', 'web_form', 'RU-BU', 'self', true, c3);
    await request('2026-11-01T00:00:00.000Z', 'chat_bot', 'RU-KB', 'self', false);
    const detention = 'detention_without_trial';
    const charge = 'criminal_charge';
    const incident = (row: Parameters<typeof insertIncident>[2]) => insertIncident(db, by, row);
    await incident({
      confidentiality: 'public',
      start: '2026-09-10',
      precision: 'day',
      place: 'perevalsk',
      acts: [detention, charge],
      units: ['u1', 'u2'],
    });
    await incident({
      confidentiality: 'internal',
      start: '2026-09',
      precision: 'month',
      place: null,
      acts: [detention],
      units: ['u1'],
    });
    await incident({
      confidentiality: 'restricted',
      start: '2026-10-01',
      precision: 'day',
      place: 'perevalsk',
      acts: [detention],
      units: ['u1'],
    });
    await incident({
      confidentiality: 'public',
      start: '2026',
      precision: 'year',
      place: 'perevalsk',
      acts: [charge],
      units: [],
    });
    await incident({
      confidentiality: 'internal',
      start: '2026-06-15',
      precision: 'day',
      place: null,
      acts: [],
      units: [],
    });
  }, 60_000);
  afterAll(() => t.cleanup());

  it('counts intake requests by month, channel, region and requester role', async () => {
    expect(rows(await figure('requests_by_month'))).toEqual({ '2026-09': 2, '2026-10': 3, '2026-11': 1 });
    expect(rows(await figure('requests_by_channel'))).toEqual({ web_form: 3, phone: 2, chat_bot: 1 });
    expect(rows(await figure('requests_by_region'))).toEqual({ 'RU-BU': 3, 'RU-KB': 2, null: 1 });
    const byRole = await figure('requests_by_requester_role');
    expect(rows(byRole)).toEqual({ self: 4, parent: 1, spouse: 1 });
    expect(byRole.total).toBe(6);
  });

  it('filters by period (both days inclusive, to the last minute) and by region', async () => {
    expect(rows(await figure('requests_by_month', '?from=2026-10-01&to=2026-10-31'))).toEqual({ '2026-10': 3 });
    expect(rows(await figure('requests_by_month', '?region=RU-BU'))).toEqual({ '2026-09': 2, '2026-10': 1 });
    expect(rows(await figure('cases_by_region', '?from=2026-10-01'))).toEqual({ 'RU-KB': 1, 'RU-BU': 2 });
    expect(rows(await figure('incidents_by_month', '?from=2026-09-01&to=2026-09-30'))).toEqual({ '2026-09': 2 });
  });

  it('filters each figure by the date it is about: people home and time to outcome by the outcome', async () => {
    // c1 opened 09-05, its outcome 09-25: in a period of 09-20..09-30 by its outcome, not by its opening.
    expect(rows(await figure('people_home_by_region', '?from=2026-09-20&to=2026-09-30'))).toEqual({ 'RU-BU': 1 });
    expect(rows(await figure('cases_by_region', '?from=2026-09-20&to=2026-09-30'))).toEqual({});
    // Up to October: c1 (22 days) and c4 (10); c2, opened in October, had its outcome in November.
    expect(await get<TimeToOutcome>('/api/statistics/time-to-outcome?to=2026-10-31')).toMatchObject({
      cases: 2,
      medianDays: 16,
    });
  });

  it('counts an incident in a period only when its whole start (day, month or year) lies in it', async () => {
    // i4 is known to the year 2026 only: not in January, nor in any month; in the whole year, undated.
    expect(rows(await figure('incidents_by_month', '?from=2026-01-01&to=2026-01-31'))).toEqual({});
    expect(rows(await figure('incidents_by_place', '?from=2026-01-01&to=2026-01-31'))).toEqual({});
    expect(rows(await figure('incidents_by_month', '?from=2026-01-01&to=2026-12-31'))).toEqual({
      null: 1,
      '2026-06': 1,
      '2026-07': 0,
      '2026-08': 0,
      '2026-09': 2,
    });
    // i2, known to September, may have begun after the 15th.
    expect(rows(await figure('incidents_by_month', '?from=2026-09-01&to=2026-09-15'))).toEqual({ '2026-09': 1 });
  });

  it('counts cases by type, stage, outcome and region, and the people who came home', async () => {
    expect(rows(await figure('cases_by_type'))).toEqual({ contract_termination: 3, health_dismissal: 1 });
    expect(rows(await figure('cases_by_stage'))).toEqual({ closed: 2, filed: 1, intake: 1 });
    expect(rows(await figure('cases_by_outcome'))).toEqual({
      null: 1,
      court_claim_granted: 1,
      dismissed_health: 1,
      returned_home_not_dismissed: 1,
    });
    expect(rows(await figure('cases_by_region'))).toEqual({ 'RU-BU': 3, 'RU-KB': 1 });
    // c1 (one man) and c4 (150): a court win (c2) is not yet a homecoming.
    expect(rows(await figure('people_home_by_region'))).toEqual({ 'RU-BU': 151 });
  });

  it('counts incidents and acts by month, place, type and unit, leaving restricted incidents out', async () => {
    // Year-only i4 has no month; the months between June and September are listed with 0.
    const byMonth = await figure('incidents_by_month');
    expect(byMonth.rows.map((row) => row.value)).toEqual([null, '2026-06', '2026-07', '2026-08', '2026-09']);
    expect(rows(byMonth)).toEqual({ null: 1, '2026-06': 1, '2026-07': 0, '2026-08': 0, '2026-09': 2 });
    expect(rows(await figure('incidents_by_place'))).toEqual({ null: 2, perevalsk: 2 });
    expect(rows(await figure('acts_by_type'))).toEqual({ criminal_charge: 2, detention_without_trial: 2 });
    // Incident–unit pairs (its own record set): i1 counts under u1 and u2, so the total is 3 pairs.
    const byUnit = await figure('incidents_by_unit');
    expect(rows(byUnit)).toEqual({ u1: 2, u2: 1 });
    expect(byUnit).toMatchObject({ recordSet: 'incident_units', total: 3 });
  });

  it('gives the days from intake to outcome as median and quartiles', async () => {
    // 10, 22, 40 days: quartiles at positions 0.5, 1, 1.5.
    expect(await get<TimeToOutcome>('/api/statistics/time-to-outcome')).toEqual({
      cases: 3,
      lowerQuartileDays: 16,
      medianDays: 22,
      upperQuartileDays: 31,
    });
    expect(await get<TimeToOutcome>('/api/statistics/time-to-outcome?region=RU-BU')).toEqual({
      cases: 2,
      lowerQuartileDays: 13,
      medianDays: 16,
      upperQuartileDays: 19,
    });
    expect(await get<TimeToOutcome>('/api/statistics/time-to-outcome?from=2027-01-01')).toEqual({
      cases: 0,
      lowerQuartileDays: null,
      medianDays: null,
      upperQuartileDays: null,
    });
  });

  it('answers every figure in one overview, and each as CSV with the same rows and total', async () => {
    const all = await get<StatisticsOverview>('/api/statistics');
    expect(all.figures.map((f) => f.figure)).toHaveLength(13);
    expect(all.timeToOutcome.medianDays).toBe(22);
    const csv = await analyst({ method: 'GET', url: '/api/statistics/figures/requests_by_channel/csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('attachment');
    expect(csv.body.split('\r\n')).toEqual([
      'figure,dimension,value,count',
      'requests_by_channel,channel,chat_bot,1',
      'requests_by_channel,channel,phone,2',
      'requests_by_channel,channel,web_form,3',
      'requests_by_channel,channel,(total),6',
      '',
    ]);
    const times = await analyst({ method: 'GET', url: '/api/statistics/time-to-outcome/csv' });
    expect(times.body).toBe('cases,lower_quartile_days,median_days,upper_quartile_days\r\n3,16,22,31\r\n');
  });

  it('refuses a period that ends before it starts, an unknown figure and a malformed day', async () => {
    for (const url of [
      '/api/statistics?from=2026-10-02&to=2026-10-01',
      '/api/statistics/figures/names_by_street',
      '/api/statistics/figures/cases_by_type?from=yesterday',
    ]) {
      const response = await analyst({ method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('month series', () => {
  it('lists every month between the first and the last with 0, from February 2022 on', () => {
    expect(
      zeroFilled([
        { value: null, count: 4 },
        { value: '2021-12', count: 1 },
        { value: '2022-04', count: 2 },
        { value: '2022-12', count: 1 },
        { value: '2023-01', count: 3 },
      ]).sort((a, b) => (a.value ?? '').localeCompare(b.value ?? '')),
    ).toEqual([
      { value: null, count: 4 },
      { value: '2021-12', count: 1 },
      { value: '2022-02', count: 0 },
      { value: '2022-03', count: 0 },
      { value: '2022-04', count: 2 },
      ...['05', '06', '07', '08', '09', '10', '11'].map((m) => ({ value: `2022-${m}`, count: 0 })),
      { value: '2022-12', count: 1 },
      { value: '2023-01', count: 3 },
    ]);
    expect(zeroFilled([{ value: null, count: 2 }])).toEqual([{ value: null, count: 2 }]);
  });
});
