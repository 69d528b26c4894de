import { peopleByIds } from '../people/people.queries.js';
import { nameText, openPerson } from '../people/people.seal.js';
import crypto from 'node:crypto';
import type { Kysely, Updateable } from 'kysely';
import type { Subject } from '../../auth/access.js';
import type { Db } from '../../auth/auth.queries.js';
import type { CasesTable, Database } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { indexRecord } from '../../search/indexing.js';
import { loadSearchKey } from '../../search/search-key.js';
import { allowedTransitions } from '../vocabularies/transitions.service.js';
import { assertOfferedTerm, listTerms } from '../vocabularies/vocabularies.service.js';
import {
  countNotes,
  insertEvent,
  listAssignees,
  listCasePeople,
  nextCaseNumber,
  type CaseRow,
} from './cases.queries.js';
import type { CaseDetailOut, CaseSummaryOut, CreateCaseInput, UpdateCaseInput } from './cases.schema.js';
import { auditCase, type CaseDeps } from './case-common.js';
import { caseWork } from './case-work.js';
import { assignNewCase, lockOpenIntake, triageIntakeInto } from './intake-link.js';
import { openCaseField, openCaseFieldOrNull, sealCaseField } from './sealing.js';
import { addTask, listCaseTasks } from './tasks.service.js';

/** The stage a new case starts at: `intake` when offered, else the first stage of the vocabulary. */
async function initialStage(db: Db): Promise<string> {
  const stages = await listTerms(db, 'stage');
  const first = stages.find((term) => term.code === 'intake') ?? stages[0];
  if (first === undefined) throw new AppError('CONFLICT', 'The stage vocabulary offers no stage.');
  return first.code;
}

export async function indexCase(
  trx: Kysely<Database>,
  deps: CaseDeps,
  row: Pick<CaseRow, 'id' | 'opened_at'>,
  title: string,
  summary: string | null,
) {
  await indexRecord(trx, await loadSearchKey(trx, deps.keyring), {
    recordType: 'case',
    recordId: row.id,
    date: row.opened_at,
    fields: [
      { name: 'title', text: title, kind: 'text' },
      ...(summary === null ? [] : [{ name: 'summary', text: summary, kind: 'text' as const }]),
    ],
  });
}

/** A code of the form, or the request's when the form left it out (null: none). */
function carried(given: string | null | undefined, fromIntake: string | null | undefined): string | null {
  return given === undefined ? (fromIntake ?? null) : given;
}

/**
 * Opens a case: numbered, sealed, indexed, audited. From an intake request
 * (`intakeId`), in the same transaction: the request is locked first (of two
 * coordinators opening it at once, one wins and the other gets CONFLICT with
 * nothing written), its region, service category, force and group size are
 * carried over where the form left them out, it is marked opened, the
 * people chosen are given the case, and a first task, when proposed, is made
 * for the first of them. Any refusal leaves nothing behind.
 */
export async function createCase(
  deps: CaseDeps,
  actorId: string,
  input: CreateCaseInput,
): Promise<{ id: string; number: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const intake = input.intakeId === undefined ? undefined : await lockOpenIntake(trx, input.intakeId);
    const region = carried(input.region, intake?.region);
    const serviceCategory = carried(input.serviceCategory, intake?.service_category);
    const force = carried(input.force, intake?.force);
    const groupSize = input.groupSize ?? intake?.group_size ?? 1;
    await assertOfferedTerm(trx, 'case_type', { code: input.type }, 'type');
    if (input.region != null) await assertOfferedTerm(trx, 'region', { code: input.region }, 'region');
    if (input.serviceCategory != null) {
      await assertOfferedTerm(trx, 'service_category', { code: input.serviceCategory }, 'serviceCategory');
    }
    if (input.force != null) await assertOfferedTerm(trx, 'force', { code: input.force }, 'force');
    const stage = await initialStage(trx);
    const now = deps.clock();
    const at = now.toISOString();
    const id = crypto.randomUUID();
    const number = await nextCaseNumber(trx, now.getUTCFullYear());
    const summary = input.summary === undefined || input.summary === '' ? null : input.summary;
    const ref = { caseId: id, table: 'cases', rowId: id } as const;
    const row: CaseRow = {
      id,
      number,
      case_type: input.type,
      stage,
      outcome: null,
      region,
      service_category: serviceCategory,
      force,
      urgency: input.urgency ?? intake?.urgency ?? 'normal',
      is_group: input.isGroup || groupSize > 1 ? 1 : 0,
      group_size: groupSize,
      title_sealed: await sealCaseField(trx, deps.keyring, { ...ref, field: 'title' }, input.title),
      summary_sealed:
        summary === null ? null : await sealCaseField(trx, deps.keyring, { ...ref, field: 'summary' }, summary),
      opened_at: at,
      closed_at: null,
      created_by: actorId,
      updated_at: at,
    };
    await trx.insertInto('cases').values(row).execute();
    await insertEvent(trx, {
      id: crypto.randomUUID(),
      case_id: id,
      kind: 'opened',
      actor_id: actorId,
      stage_to: stage,
      at,
    });
    await indexCase(trx, deps, row, input.title, summary);
    if (input.intakeId !== undefined) {
      await triageIntakeInto(trx, input.intakeId, { status: 'opened', caseId: id, actorId, at });
    }
    await auditCase(trx, deps, actorId, 'case.create', id);
    await assignNewCase(trx, id, input.assigneeIds, { actorId, at });
    if (input.firstTask !== undefined) {
      const assigneeId = input.firstTask.assigneeId ?? input.assigneeIds[0];
      await addTask(trx, deps, id, { ...input.firstTask, assigneeId }, actorId, 'firstTask.');
    }
    return { id, number };
  });
}

/** Attaches an intake request waiting for triage to an existing case. */
export async function attachIntake(deps: CaseDeps, actor: Subject, caseId: string, intakeId: string): Promise<void> {
  await caseWork(deps, actor, caseId, 'case.write', async ({ trx }) => {
    const at = deps.clock().toISOString();
    await triageIntakeInto(trx, intakeId, { status: 'attached', caseId, actorId: actor.userId, at });
    await auditCase(trx, deps, actor.userId, 'case.attach_intake', caseId);
  });
}

/**
 * Changes the case's title, summary, type, region, urgency or group size: only the
 * columns the change names are written, under the case's lock, so a stage
 * move or another change committed meanwhile is kept. The index follows.
 */
export async function updateCase(
  deps: CaseDeps,
  actor: Subject,
  caseId: string,
  change: UpdateCaseInput,
): Promise<void> {
  await caseWork(deps, actor, caseId, 'case.write', async ({ trx, row }) => {
    if (change.type !== undefined) await assertOfferedTerm(trx, 'case_type', { code: change.type }, 'type');
    if (change.region != null) await assertOfferedTerm(trx, 'region', { code: change.region }, 'region');
    const ref = { caseId, table: 'cases', rowId: caseId } as const;
    const summary = change.summary === '' ? null : change.summary;
    const set: Updateable<CasesTable> = { updated_at: deps.clock().toISOString() };
    if (change.type !== undefined) set.case_type = change.type;
    if (change.region !== undefined) set.region = change.region;
    if (change.urgency !== undefined) set.urgency = change.urgency;
    if (change.groupSize !== undefined) set.group_size = change.groupSize;
    if (change.groupSize !== undefined && change.groupSize > 1) set.is_group = 1;
    if (change.title !== undefined) {
      set.title_sealed = await sealCaseField(trx, deps.keyring, { ...ref, field: 'title' }, change.title);
    }
    if (summary !== undefined) {
      set.summary_sealed =
        summary === null ? null : await sealCaseField(trx, deps.keyring, { ...ref, field: 'summary' }, summary);
    }
    await trx.updateTable('cases').set(set).where('id', '=', caseId).execute();
    if (change.title !== undefined || summary !== undefined) {
      const title =
        change.title ?? (await openCaseField(trx, deps.keyring, { ...ref, field: 'title' }, row.title_sealed));
      const indexedSummary =
        summary !== undefined
          ? summary
          : await openCaseFieldOrNull(trx, deps.keyring, { ...ref, field: 'summary' }, row.summary_sealed);
      await indexCase(trx, deps, row, title, indexedSummary);
    }
    await auditCase(trx, deps, actor.userId, 'case.update', caseId);
  });
}

/** The list and search view of a case, its title opened. */
export async function summaryOf(db: Kysely<Database>, deps: CaseDeps, row: CaseRow): Promise<CaseSummaryOut> {
  return {
    id: row.id,
    number: row.number,
    type: row.case_type,
    stage: row.stage,
    outcome: row.outcome,
    region: row.region,
    urgency: row.urgency,
    isGroup: row.is_group === 1,
    groupSize: row.group_size,
    title: await openCaseField(db, deps.keyring, { table: 'cases', rowId: row.id, field: 'title' }, row.title_sealed),
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    updatedAt: row.updated_at,
  };
}

/** Linked people with their names opened (a reader of the case may read the people in it). */
async function namedPeople(
  db: Kysely<Database>,
  deps: CaseDeps,
  links: { personId: string; role: string; isSpokesperson: number }[],
): Promise<CaseDetailOut['people']> {
  const rows = new Map(
    (
      await peopleByIds(
        db,
        links.map((l) => l.personId),
      )
    ).map((row) => [row.id, row]),
  );
  await deps.keyring.prefetch(
    db,
    [...rows.values()].flatMap((row) => [row.name_cyrillic_sealed, row.name_latin_sealed]),
  );
  const out: CaseDetailOut['people'] = [];
  for (const link of links) {
    const row = rows.get(link.personId);
    const names = row === undefined ? undefined : await openPerson(db, deps.keyring, row, true);
    out.push({
      personId: link.personId,
      role: link.role,
      isSpokesperson: link.isSpokesperson === 1,
      name: names === undefined ? null : nameText(names.nameCyrillic) || nameText(names.nameLatin) || null,
    });
  }
  return out;
}

/** The case page: summary, next stages, assignees, linked people, tasks and counts; audited as a read. */
export async function caseDetail(deps: CaseDeps, actor: Subject, caseId: string): Promise<CaseDetailOut> {
  return caseWork(deps, actor, caseId, 'case.read', async ({ trx, row }) => {
    const summary = await openCaseFieldOrNull(
      trx,
      deps.keyring,
      { table: 'cases', rowId: caseId, field: 'summary' },
      row.summary_sealed,
    );
    const tasks = await listCaseTasks(trx, deps, caseId);
    const people = await listCasePeople(trx, caseId);
    const detail: CaseDetailOut = {
      ...(await summaryOf(trx, deps, row)),
      summary,
      allowedStages: (await allowedTransitions(trx, row.stage)).map((t) => ({
        code: t.code,
        labelRu: t.labelRu,
        labelEn: t.labelEn,
      })),
      assignees: await listAssignees(trx, caseId),
      people: await namedPeople(trx, deps, people),
      tasks,
      counts: {
        notes: await countNotes(trx, caseId),
        tasks: tasks.length,
        openTasks: tasks.filter((task) => task.doneAt === null).length,
      },
    };
    await auditCase(trx, deps, actor.userId, 'case.read', caseId);
    return detail;
  });
}
