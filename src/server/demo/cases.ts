import { latinName } from '../../shared/transliteration.js';
import { createIntakeRequest } from '../modules/intake/intake.service.js';
import { intakeFields } from '../modules/intake/intake.schema.js';
import { attachIntake, createCase } from '../modules/cases/cases.service.js';
import { closeCase, moveStage, setOutcome } from '../modules/cases/stages.service.js';
import { createTask, updateTask } from '../modules/cases/tasks.service.js';
import { addNote } from '../modules/cases/timeline.service.js';
import { addPersonToCase } from '../modules/people/people.service.js';
import { linkPersonBody } from '../../shared/people.schema.js';
import { createCaseBody } from '../../shared/cases.schema.js';
import { isoDay, type DemoContext } from './context.js';
import { manName, relativeName, type DemoName, type NamePool } from './names.js';
import { Storyline, days } from './schedule.js';
import { STAGE_TASKS, TOPICS, WHERE, caseTitle, homeNote, note, requestText, type Lang } from './texts.js';

/** One case's story: the request it comes from, the stages it passes, where it stands at the end. */
export interface CaseSpec {
  type: string;
  region: string;
  men: number;
  pool: NamePool;
  lang: Lang;
  force: 'defence_ministry' | 'national_guard';
  serviceCategory: string;
  locationType: keyof typeof WHERE;
  start: Date;
  /** The stages after `intake`, in order. */
  path: string[];
  outcome?: string | undefined;
  close?: boolean;
  attached: number;
  lawyer: boolean;
}

/** What later steps (incidents, sources) know of the case once its steps have run. */
export interface CaseState {
  caseId: string;
  man: DemoName;
  personIds: string[];
}

const CHANNELS = [
  ['chat_bot', 5],
  ['web_form', 3],
  ['phone', 2],
  ['email', 1],
] as const;

/** A request's fields, checked by the intake API's own schema. */
export function requestInput(
  ctx: DemoContext,
  spec: Pick<CaseSpec, 'region' | 'men' | 'lang' | 'force' | 'serviceCategory' | 'locationType'>,
  man: DemoName,
) {
  const { prng } = ctx;
  const role = spec.men > 1 ? 'group_spokesperson' : prng.pick(['spouse', 'parent', 'self'] as const);
  const where = WHERE[spec.locationType] ?? { ru: '', en: '' };
  return intakeFields.parse({
    handle: role === 'self' ? man.given : relativeName(prng, 'russian', man).given,
    contact: `@${latinName({ family: man.family }).family.toLowerCase()}_${String(prng.int(10, 99))}`,
    requesterRole: role,
    groupSize: spec.men,
    region: spec.region,
    serviceCategory: spec.serviceCategory,
    force: spec.force,
    locationType: spec.locationType,
    urgency:
      spec.locationType === 'detention'
        ? 'critical'
        : prng.weighted([
            ['normal', 6],
            ['high', 3],
            ['low', 1],
          ]),
    text: requestText(prng, spec.lang, man, spec.men, where[spec.lang]),
    consentDocumentation: true,
    consentStatistics: prng.chance(0.8),
  });
}

export function channel(ctx: DemoContext): string {
  return ctx.prng.weighted(CHANNELS);
}

function personBody(ctx: DemoContext, spec: CaseSpec, name: DemoName, role: string, spokesperson: boolean) {
  const cyrillic = { family: name.family, given: name.given, patronymic: name.patronymic };
  return linkPersonBody.parse({
    role,
    isSpokesperson: spokesperson,
    person: {
      nameCyrillic: cyrillic,
      nameLatin: latinName(cyrillic),
      region: spec.region,
      ...(role === 'serviceman'
        ? {
            serviceCategory: spec.serviceCategory,
            force: spec.force,
            birth: { date: String(ctx.prng.int(1968, 2003)), precision: 'year' },
          }
        : {}),
    },
  });
}

/** The storyline of one case; `state` is filled as its steps run. */
export function caseStoryline(ctx: DemoContext, spec: CaseSpec): { lines: Storyline[]; state: CaseState } {
  const { deps, prng, staff } = ctx;
  const line = new Storyline(spec.start, ctx.end);
  const man = manName(prng, spec.pool);
  const state: CaseState = { caseId: '', man, personIds: [] };
  const cw = staff.caseworker;
  const lang = spec.lang;
  let requestId = '';
  let taskId = '';
  const stageWorker = (stage: string) =>
    spec.lawyer && /court|appeal|cassation|prosecutor/.test(stage) ? staff.lawyer : cw;
  // A task done before the case moves on was due some days after it was set; one still open at the end is due
  // around the end (a few overdue, most in the next weeks), as in a team that keeps up.
  const addStageTask = async (stage: string, stillOpen = false) => {
    const worker = stageWorker(stage);
    const title = STAGE_TASKS[stage]?.[lang] ?? STAGE_TASKS.follow_up?.[lang] ?? 'Task';
    const due = isoDay(stillOpen ? days(ctx.end, prng.int(-4, 20)) : days(deps.clock(), prng.int(3, 21)));
    taskId = await createTask(deps, worker, state.caseId, { title, dueDate: due, assigneeId: worker.userId });
  };
  const finishTask = async () => {
    if (taskId !== '') await updateTask(deps, cw, state.caseId, taskId, { done: true });
  };

  const input = requestInput(ctx, spec, man);
  const via = channel(ctx);
  line.at(spec.start, async () => {
    requestId = (await createIntakeRequest(deps, input, { channel: via })).id;
  });
  // Steps spread over the time left, so that finished cases finish and open ones are in the middle of things.
  const steps = spec.path.length + 3 + (spec.outcome === undefined ? 0 : 1);
  const gap = Math.max(0.2, (ctx.end.getTime() - spec.start.getTime()) / 86_400_000 / (steps + 1));
  const next = () => gap * (0.6 + prng.next() * 0.8);
  const topic = TOPICS[spec.type] ?? TOPICS.contract_termination ?? { ru: '', en: '' };
  line.after(prng.next() * 2 + 0.1, async () => {
    const body = createCaseBody.parse({
      type: spec.type,
      title: caseTitle(lang, man, spec.men, topic[lang]),
      summary: input.text,
      intakeId: requestId,
      assigneeIds: spec.lawyer ? [cw.userId, staff.lawyer.userId] : [cw.userId],
    });
    state.caseId = (await createCase(deps, staff.coordinator.userId, body)).id;
    await addStageTask('intake');
  });
  const named = Math.min(spec.men, spec.men > 1 ? prng.int(2, 4) : 1);
  line.after(0.1, async () => {
    for (let i = 0; i < named; i += 1) {
      const name = i === 0 ? man : manName(prng, spec.pool);
      const linked = await addPersonToCase(
        deps.db,
        deps.keyring,
        cw,
        state.caseId,
        personBody(ctx, spec, name, 'serviceman', i === 0 && spec.men > 1),
        deps.clock,
      );
      state.personIds.push(linked.personId);
    }
    if (spec.men === 1 && input.requesterRole !== 'self') {
      await addPersonToCase(
        deps.db,
        deps.keyring,
        cw,
        state.caseId,
        personBody(ctx, spec, relativeName(prng, spec.pool, man), 'relative', true),
        deps.clock,
      );
    }
  });
  const lines = [line];
  for (let i = 0; i < spec.attached; i += 1) lines.push(attachedRequest(ctx, line, spec, man, state));
  for (const [index, stage] of spec.path.entries()) {
    const last = index === spec.path.length - 1;
    line.after(next(), async () => {
      await finishTask();
      await moveStage(deps, stageWorker(stage), state.caseId, {
        to: stage,
        ...(prng.chance(0.4) ? { note: note(prng, lang) } : {}),
      });
      if (stage !== 'resolved' || spec.outcome === undefined)
        await addStageTask(stage, last && spec.outcome === undefined);
    });
    if (prng.chance(0.3))
      line.after(next() / 3, () => addNote(deps, cw, state.caseId, note(prng, lang)).then(() => undefined));
  }
  const outcome = spec.outcome;
  if (outcome !== undefined) {
    line.after(next() / 2, async () => {
      await setOutcome(deps, cw, state.caseId, outcome);
      if (outcome.startsWith('court')) await addStageTask('appeal', true);
      else await addNote(deps, cw, state.caseId, homeNote(lang, spec.region));
      if (!spec.close && !outcome.startsWith('court')) await addStageTask('follow_up', true);
    });
  }
  if (spec.close === true) {
    line.after(next(), async () => {
      await finishTask();
      await closeCase(
        deps,
        cw,
        state.caseId,
        lang === 'en' ? 'Home, documents in order.' : 'Дома, документы в порядке.',
      );
    });
  }
  return { lines, state };
}

/** Another request from the same group, attached to the case some days after it opened. */
function attachedRequest(
  ctx: DemoContext,
  line: Storyline,
  spec: CaseSpec,
  man: DemoName,
  state: CaseState,
): Storyline {
  const { deps, prng } = ctx;
  const input = requestInput(ctx, { ...spec, men: Math.max(1, Math.min(spec.men, prng.int(1, 5))) }, man);
  const via = channel(ctx);
  let id = '';
  const open = line.time.getTime();
  const at = new Date(open + prng.next() * Math.max(0, ctx.end.getTime() - open) * 0.8 + 3_600_000);
  // Its own little storyline: arrives, and a coordinator attaches it the next day.
  const own = new Storyline(at, ctx.end);
  own.at(at, async () => {
    id = (await createIntakeRequest(deps, input, { channel: via })).id;
  });
  own.after(prng.next() + 0.2, () => attachIntake(deps, ctx.staff.coordinator, state.caseId, id));
  return own;
}
