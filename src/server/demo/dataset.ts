import { changeIntake } from '../modules/intake/triage.service.js';
import { createIntakeRequest } from '../modules/intake/intake.service.js';
import type { DemoContext } from './context.js';
import { caseStoryline, channel, requestInput, type CaseSpec, type CaseState } from './cases.js';
import { documentationIncidents } from './documentation.js';
import { guardIncident, luhanskIncident, reportRefused } from './incidents.js';
import { manName, type NamePool } from './names.js';
import { DEMO_DAYS, OTHER_REGIONS, type DemoPlan } from './plan.js';
import { split } from './prng.js';
import { Storyline, days } from './schedule.js';
import type { Lang } from './texts.js';

/** The stages of the ordinary route, from safety triage to an answer. */
const ROUTE = [
  'safety_triage',
  'verification',
  'assessment',
  'route_chosen',
  'documents_drafted',
  'filed',
  'awaiting_response',
];
const HOME_PATH = [...ROUTE, 'resolved'];
/** Where active cases stand: every open stage in turn, so each has cases and tasks. */
const ACTIVE_STAGES = [...ROUTE, 'prosecutor_complaint', 'court_first_instance', 'appeal'];
const STAGE_ORDER = [...ACTIVE_STAGES, 'cassation', 'resolved', 'follow_up'];
const HOME_OUTCOMES = [
  ['returned_home_not_dismissed', 5],
  ['dismissed_health', 2],
  ['dismissed_age', 1],
  ['dismissed_contract_expired', 1],
] as const;

/** The stages up to `target` in order, each one before it kept with probability 0.7 (a stage may be skipped). */
function pathTo(ctx: DemoContext, target: string, order: readonly string[] = STAGE_ORDER): string[] {
  const end = order.indexOf(target);
  return [...order.slice(0, end).filter(() => ctx.prng.chance(0.7)), target];
}

/** The start of a storyline: a day in the four months, at a daytime hour; `within` limits it to the first part. */
function startIn(ctx: DemoContext, from: number, to: number): Date {
  const day = days(ctx.end, -DEMO_DAYS + from + ctx.prng.next() * (to - from));
  day.setUTCHours(ctx.prng.int(2, 14), ctx.prng.int(0, 59));
  return day;
}

const lang = (ctx: DemoContext): Lang => (ctx.prng.chance(1 / 7) ? 'en' : 'ru');

/** Every storyline of the plan, in the order their shape is drawn (so a seed gives one dataset). */
export function buildStorylines(ctx: DemoContext, plan: DemoPlan): Storyline[] {
  const lines: Storyline[] = [];
  const { prng } = ctx;
  const attachedPerCase = split(prng, plan.attached + plan.buryatiaHome.cases, plan.buryatiaHome.cases).map(
    (n) => n - 1,
  );
  const caseLine = (spec: Omit<CaseSpec, 'attached'>, attached = 0): CaseState => {
    const { lines: made, state } = caseStoryline(ctx, { ...spec, attached });
    lines.push(...made);
    return state;
  };
  const base = { force: 'defence_ministry', lawyer: false } as const;
  // Home to Ulan-Ude: the big wave of the first two months; the repeat requests come from these groups.
  for (const [i, men] of split(prng, plan.buryatiaHome.men, plan.buryatiaHome.cases).entries()) {
    caseLine(
      {
        ...base,
        type: prng.pick(['contract_termination', 'health_dismissal', 'family_petition']),
        region: 'RU-BU',
        men,
        pool: 'buryat',
        lang: lang(ctx),
        serviceCategory: prng.pick(['mobilized', 'contract']),
        locationType: prng.pick(['unit', 'war_zone', 'home']),
        start: startIn(ctx, 0, 60),
        path: HOME_PATH.filter((s) => s === 'resolved' || prng.chance(0.6)),
        outcome: prng.weighted(HOME_OUTCOMES),
        close: prng.chance(0.7),
      },
      attachedPerCase[i] ?? 0,
    );
  }
  for (const men of split(prng, plan.otherHome.men, plan.otherHome.cases)) {
    const region = prng.pick(OTHER_REGIONS);
    const pool: NamePool = region === 'RU-ZAB' || region === 'RU-IRK' ? prng.pick(['buryat', 'russian']) : 'russian';
    caseLine({
      ...base,
      type: prng.pick(['contract_termination', 'health_dismissal', 'age_limit_dismissal']),
      region,
      men,
      pool,
      lang: lang(ctx),
      serviceCategory: prng.pick(['mobilized', 'contract', 'volunteer']),
      locationType: prng.pick(['unit', 'war_zone', 'hospital']),
      start: startIn(ctx, 0, 80),
      path: HOME_PATH.filter((s) => s === 'resolved' || prng.chance(0.5)),
      outcome: prng.weighted(HOME_OUTCOMES),
      close: prng.chance(0.6),
    });
  }
  // Sent back to Luhansk region and held in a camp: one group case, urgent, at the prosecutor's stage.
  const luhansk = caseStoryline(ctx, {
    ...base,
    type: 'detention_missing',
    region: 'RU-BU',
    men: plan.luhanskGroup.men,
    pool: 'buryat',
    lang: 'ru',
    serviceCategory: 'mobilized',
    locationType: 'detention',
    start: startIn(ctx, 40, 60),
    path: ['safety_triage', 'verification', 'prosecutor_complaint'],
    attached: 0,
    lawyer: true,
  });
  luhanskIncident(ctx, luhansk.lines[0] ?? new Storyline(ctx.end, ctx.end), luhansk.state, plan.luhanskGroup.men);
  lines.push(...luhansk.lines);
  // Kabardino-Balkaria: National Guard servicemen dismissed for refusing orders, suing in the garrison court.
  const guard: CaseState[] = [];
  const guardStart = startIn(ctx, 30, 45);
  for (const [i, men] of split(prng, plan.guard.men, plan.guard.cases).entries()) {
    const rejected = i < plan.guard.rejected;
    guard.push(
      caseLine({
        type: 'disciplinary_dismissal_challenge',
        region: 'RU-KB',
        men,
        pool: 'kabardian',
        lang: 'ru',
        force: 'national_guard',
        serviceCategory: 'national_guard_serviceman',
        locationType: 'home',
        start: days(guardStart, prng.next() * 10),
        path: [
          'verification',
          'assessment',
          'documents_drafted',
          'court_first_instance',
          ...(rejected ? ['resolved'] : []),
        ],
        outcome: rejected ? 'court_claim_rejected' : undefined,
        lawyer: true,
      }),
    );
  }
  const guardLine = new Storyline(days(guardStart, 12), ctx.end);
  guardIncident(ctx, guardLine, guard, plan.guard.men);
  lines.push(guardLine);
  // In progress: at every stage, most from Buryatia; every tenth meets a refused report.
  for (let i = 0; i < plan.active; i += 1) {
    const buryat = prng.chance(0.7);
    const region = buryat ? 'RU-BU' : prng.pick(OTHER_REGIONS);
    const target = ACTIVE_STAGES[i % ACTIVE_STAGES.length] ?? 'verification';
    const { lines: made, state } = caseStoryline(ctx, {
      ...base,
      type: prng.pick(['contract_termination', 'health_dismissal', 'family_petition']),
      region,
      men: prng.chance(0.3) ? prng.int(2, 12) : 1,
      pool: buryat ? 'buryat' : 'russian',
      lang: lang(ctx),
      serviceCategory: prng.pick(['mobilized', 'contract']),
      locationType: prng.pick(['unit', 'war_zone', 'home', 'hospital']),
      start: startIn(ctx, 50, 110),
      path: pathTo(ctx, target),
      attached: 0,
      lawyer: /court|appeal|prosecutor/.test(target),
    });
    if (i % 10 === 9) reportRefused(ctx, made[0] ?? new Storyline(ctx.end, ctx.end), state);
    lines.push(...made);
  }
  for (let i = 0; i < plan.declined; i += 1)
    lines.push(loneRequest(ctx, { decline: prng.pick(['duplicate', 'out_of_scope', 'no_contact', 'spam']) }));
  for (let i = 0; i < plan.inTriage; i += 1)
    lines.push(loneRequest(ctx, { status: 'in_triage', assigneeId: ctx.staff.intake.userId }));
  for (let i = 0; i < plan.waiting; i += 1)
    lines.push(loneRequest(ctx, prng.chance(0.3) ? { assigneeId: ctx.staff.intake.userId } : undefined));
  // Last, so that the draws of every storyline above stay as they were.
  lines.push(...documentationIncidents(ctx, plan.documented, days(ctx.end, -DEMO_DAYS)));
  return lines;
}

/** A request not (yet) turned into a case: declined, in triage, or waiting in the queue. */
function loneRequest(ctx: DemoContext, change: Parameters<typeof changeIntake>[3] | undefined): Storyline {
  const { prng, deps } = ctx;
  const declined = change !== undefined && 'decline' in change;
  const start = declined ? startIn(ctx, 0, 110) : startIn(ctx, 95, 119.5);
  const line = new Storyline(start, ctx.end);
  const buryat = prng.chance(0.65);
  const region = buryat ? 'RU-BU' : prng.chance(0.3) ? 'RU-KB' : prng.pick(OTHER_REGIONS);
  const men = prng.chance(0.35) ? prng.int(2, 15) : 1;
  const spec = {
    region,
    men,
    lang: lang(ctx),
    force: 'defence_ministry',
    serviceCategory: prng.pick(['mobilized', 'contract']),
    locationType: prng.pick(['unit', 'war_zone', 'home']),
  } as const;
  const input = requestInput(ctx, spec, manName(prng, buryat ? 'buryat' : 'russian'));
  const via = channel(ctx);
  let id = '';
  line.at(start, async () => {
    id = (await createIntakeRequest(deps, input, { channel: via })).id;
  });
  if (change !== undefined)
    line.after(prng.next() * 0.5 + 0.05, () => changeIntake(deps, ctx.staff.coordinator, id, change));
  return line;
}
