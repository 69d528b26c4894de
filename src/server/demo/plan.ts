/**
 * The demo's shape at a scale (1 is the reported pattern of autumn 2022, see
 * docs/DEMO.md): how many of each storyline, from which the counts a run
 * produces follow exactly. `n(x)` is x × scale rounded, at least 1.
 */
export interface DemoPlan {
  scale: number;
  /** Cases that end with the men home in Buryatia (Ulan-Ude), and how many men they speak for. */
  buryatiaHome: { cases: number; men: number };
  /** Cases that end with the men home in other regions. */
  otherHome: { cases: number; men: number };
  /** The group sent back to Luhansk region, held in a camp, threatened with court: one case, one incident. */
  luhanskGroup: { men: number };
  /** National Guard servicemen of Kabardino-Balkaria dismissed for refusing orders, suing in a garrison court. */
  guard: { cases: number; men: number; rejected: number };
  /** Cases still in progress, at every stage from safety triage to appeal. */
  active: number;
  /** Incidents of 2022–2026 documented from testimony and reports (camps, threats, forced return…), no case. */
  documented: number;
  /** Requests attached to a case already open (the same group writing again). */
  attached: number;
  declined: number;
  inTriage: number;
  /** Requests still new in the queue. */
  waiting: number;
}

export interface DemoCounts {
  requests: number;
  cases: number;
  /** Cases with an outcome recorded. */
  outcomes: number;
  /** Men the home-coming outcomes speak for: Buryatia, other regions. */
  menHomeBuryatia: number;
  menHomeElsewhere: number;
  incidents: number;
  sources: number;
}

export const SCALE_MIN = 0.01;
export const SCALE_MAX = 10;

/** The fewest documentation incidents at any scale. */
export const DOCUMENTED_MIN = 20;

export function demoPlan(scale: number): DemoPlan {
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  const buryatiaCases = n(30);
  const otherCases = n(60);
  const guardCases = n(10);
  return {
    scale,
    buryatiaHome: { cases: buryatiaCases, men: Math.max(buryatiaCases, n(150)) },
    otherHome: { cases: otherCases, men: Math.max(otherCases, n(300)) },
    luhanskGroup: { men: Math.max(2, n(45)) },
    guard: { cases: guardCases, men: Math.max(guardCases, n(100)), rejected: Math.floor(guardCases / 2) },
    active: n(40),
    // At least DOCUMENTED_MIN, so that even the tests' scale publishes act types above k = 5.
    documented: Math.max(DOCUMENTED_MIN, n(70)),
    attached: n(230),
    declined: n(50),
    inTriage: n(25),
    waiting: n(54),
  };
}

/** What a run of `plan` leaves in an empty installation. */
export function demoCounts(plan: DemoPlan): DemoCounts {
  const cases = plan.buryatiaHome.cases + plan.otherHome.cases + 1 + plan.guard.cases + plan.active;
  return {
    requests: cases + plan.attached + plan.declined + plan.inTriage + plan.waiting,
    cases,
    outcomes: plan.buryatiaHome.cases + plan.otherHome.cases + plan.guard.rejected,
    menHomeBuryatia: plan.buryatiaHome.men,
    menHomeElsewhere: plan.otherHome.men,
    // The Luhansk camp, the Kabardino-Balkaria dismissals, one "report refused" a tenth of the active cases,
    // and the documentation incidents.
    incidents: 2 + Math.floor(plan.active / 10) + plan.documented,
    // A media report on each of the two group incidents, and the court claim as a document.
    sources: 3,
  };
}

/** The regions other than Buryatia that men come home to (ISO 3166-2 codes of the region vocabulary). */
export const OTHER_REGIONS = [
  'RU-ZAB',
  'RU-IRK',
  'RU-TY',
  'RU-SA',
  'RU-KYA',
  'RU-NVS',
  'RU-AMU',
  'RU-KK',
  'RU-SVE',
  'RU-BA',
  'RU-TA',
  'RU-DA',
] as const;

/** The four months the requests arrive over. */
export const DEMO_DAYS = 120;
