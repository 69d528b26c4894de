import { createIncidentBody } from '../../shared/incidents.schema.js';
import { createIncident } from '../modules/incidents/incidents.service.js';
import type { DemoContext } from './context.js';
import { OTHER_REGIONS } from './plan.js';
import { Storyline, days } from './schedule.js';
import { DEMO_TAG } from './texts.js';

/**
 * The documentation work: incidents written up from testimony and reports of 2022–2026, each entered on a day of
 * the four months. Their kinds follow in turn (so that even a small scale has act types the publication shows),
 * their dates cluster in the reported waves, and most are public, so the published figures show real counts.
 */
interface Kind {
  act: string;
  title: string;
  /** Where it happened: a camp of the place vocabulary, or none (in the unit, in Russia). */
  places: readonly (readonly [string, string])[];
  /** Further acts the same incident may hold, each with probability 0.4. */
  more: readonly string[];
}

const CAMPS = [
  ['perevalsk', 'UA-09'],
  ['bryanka', 'UA-09'],
  ['rubizhne', 'UA-09'],
  ['zavitne-bazhannya', 'UA-14'],
] as const;

/** The kinds in the order they recur: three in eight are detention in a camp. */
const KINDS: readonly Kind[] = [
  {
    act: 'detention_without_trial',
    title: 'Отказавшихся удерживают в подвале «центра»',
    places: CAMPS,
    more: ['held_incommunicado', 'front_or_prison'],
  },
  {
    act: 'threat_of_prosecution',
    title: 'Угроза уголовным делом за отказ',
    places: [],
    more: ['front_or_prison', 'pressure_on_family'],
  },
  {
    act: 'detention_without_trial',
    title: 'Группу вывезли в лагерь под Луганском',
    places: CAMPS,
    more: ['threat_of_prosecution', 'beating_torture'],
  },
  {
    act: 'forced_return_to_front',
    title: 'Из лагеря снова отправили на передовую',
    places: CAMPS,
    more: ['assault_unit'],
  },
  {
    act: 'detention_without_trial',
    title: 'Удержание без связи после отказа',
    places: CAMPS,
    more: ['held_incommunicado', 'extortion'],
  },
  {
    act: 'report_refused',
    title: 'Рапорты об увольнении оставлены без ответа',
    places: [],
    more: ['dismissal_denied', 'medical_care_denied'],
  },
  {
    act: 'threat_of_prosecution',
    title: 'Прокурор: «фронт или десять лет»',
    places: CAMPS,
    more: ['front_or_prison'],
  },
  {
    act: 'forced_return_to_front',
    title: 'Раненых вернули в строй без ВВК',
    places: [],
    more: ['medical_care_denied', 'report_refused'],
  },
];

/** Where the incidents' start dates lie: the autumn 2022 wave most, then fewer each year to 2026. */
const WAVES: readonly (readonly [readonly [string, number], number])[] = [
  [['2022-10-01', 92], 30],
  [['2023-01-01', 365], 20],
  [['2024-01-01', 366], 12],
  [['2025-01-01', 365], 10],
  [['2026-01-01', 300], 10],
];

/** A start as a documenter records it: to the day, the month, or only the year. */
function startOf(ctx: DemoContext, latest: Date): { date: string; precision: string } {
  const [from, span] = ctx.prng.weighted(WAVES);
  const at = new Date(
    Math.min(days(new Date(`${from}T00:00:00Z`), ctx.prng.next() * span).getTime(), latest.getTime()),
  );
  const iso = at.toISOString();
  const precision = ctx.prng.weighted([
    ['day', 4],
    ['month', 5],
    ['year', 1],
  ] as const);
  return { date: iso.slice(0, precision === 'day' ? 10 : precision === 'month' ? 7 : 4), precision };
}

/** `count` documentation incidents, each a storyline of one step at a moment of the four months. */
export function documentationIncidents(ctx: DemoContext, count: number, from: Date): Storyline[] {
  const { prng, deps, staff } = ctx;
  const lines: Storyline[] = [];
  for (let i = 0; i < count; i += 1) {
    const kind = KINDS[i % KINDS.length];
    if (kind === undefined) throw new Error('no incident kinds');
    const entered = days(from, prng.next() * ((ctx.end.getTime() - from.getTime()) / 86_400_000));
    const start = startOf(ctx, days(entered, -7));
    const [place, placeRegion] = kind.places.length > 0 ? prng.pick(kind.places) : [null, null];
    const home = prng.chance(0.5) ? 'RU-BU' : prng.pick(OTHER_REGIONS);
    const victims = [{ count: prng.chance(0.4) ? prng.int(2, 30) : 1, region: home, serviceCategory: 'mobilized' }];
    const acts = [kind.act, ...kind.more.filter(() => prng.chance(0.4))].map((actType) => ({
      actType,
      ...(actType === kind.act && place !== null ? { place } : {}),
      victims,
    }));
    const input = createIncidentBody.parse({
      title: `${DEMO_TAG} ${kind.title}`,
      description: 'Записано со слов родственников и по сообщениям из открытых источников (демо, вымышлено).',
      start,
      place,
      region: placeRegion ?? home,
      confidentiality: prng.chance(0.85) ? 'public' : 'internal',
      acts,
      perpetrators: [{ unit: ctx.unitCode, involvement: 'carried_out' }],
    });
    const line = new Storyline(entered, ctx.end);
    line.at(entered, async () => {
      await createIncident(deps, staff.coordinator, input);
    });
    lines.push(line);
  }
  return lines;
}
