import { peopleByIds } from '../people/people.queries.js';
import { nameText, openPerson } from '../people/people.seal.js';
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Db } from '../../auth/auth.queries.js';
import type { Database } from '../../db/schema.js';
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
import { auditCase, requireCase, type CaseDeps } from './case-common.js';
import { triageIntakeInto } from './intake-link.js';
import { openCaseField, openCaseFieldOrNull, sealCaseField } from './sealing.js';
import { listCaseTasks } from './tasks.service.js';

/** The stage a new case starts at: `intake` when offered, else the first stage of the vocabulary. */
async function initialStage(db: Db): Promise<string> {
  const stages = await listTerms(db, 'stage');
  const first = stages.find((term) => term.code === 'intake') ?? stages[0];
  if (first === undefined) throw new AppError('CONFLICT', 'The stage vocabulary offers no stage.');
  return first.code;
}

async function indexCase(trx: Kysely<Database>, deps: CaseDeps, row: CaseRow, title: string, summary: string | null) {
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

/** Opens a case (from an intake request when `intakeId` is given): numbered, sealed, indexed, audited. */
export async function createCase(
  deps: CaseDeps,
  actorId: string,
  input: CreateCaseInput,
): Promise<{ id: string; number: string }> {
  return deps.db.transaction().execute(async (trx) => {
    await assertOfferedTerm(trx, 'case_type', { code: input.type }, 'type');
    if (input.region !== undefined) await assertOfferedTerm(trx, 'region', { code: input.region }, 'region');
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
      region: input.region ?? null,
      is_group: input.isGroup ? 1 : 0,
      group_size: input.groupSize,
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
    return { id, number };
  });
}

/** Attaches an intake request waiting for triage to an existing case. */
export async function attachIntake(deps: CaseDeps, actorId: string, caseId: string, intakeId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await requireCase(trx, caseId);
    const at = deps.clock().toISOString();
    await triageIntakeInto(trx, intakeId, { status: 'attached', caseId, actorId, at });
    await auditCase(trx, deps, actorId, 'case.attach_intake', caseId);
  });
}

/** Changes the case's title, summary, type, region or group size; the index follows. */
export async function updateCase(
  deps: CaseDeps,
  actorId: string,
  caseId: string,
  change: UpdateCaseInput,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await requireCase(trx, caseId);
    if (change.type !== undefined) await assertOfferedTerm(trx, 'case_type', { code: change.type }, 'type');
    if (change.region != null) await assertOfferedTerm(trx, 'region', { code: change.region }, 'region');
    const ref = { caseId, table: 'cases', rowId: caseId } as const;
    const title =
      change.title ?? (await openCaseField(trx, deps.keyring, { ...ref, field: 'title' }, row.title_sealed));
    const oldSummary = await openCaseFieldOrNull(trx, deps.keyring, { ...ref, field: 'summary' }, row.summary_sealed);
    const summary = change.summary === undefined ? oldSummary : change.summary === '' ? null : change.summary;
    const next: CaseRow = {
      ...row,
      case_type: change.type ?? row.case_type,
      region: change.region === undefined ? row.region : change.region,
      group_size: change.groupSize ?? row.group_size,
      is_group: change.groupSize === undefined ? row.is_group : change.groupSize > 1 ? 1 : row.is_group,
      title_sealed:
        change.title === undefined
          ? row.title_sealed
          : await sealCaseField(trx, deps.keyring, { ...ref, field: 'title' }, title),
      summary_sealed:
        change.summary === undefined
          ? row.summary_sealed
          : summary === null
            ? null
            : await sealCaseField(trx, deps.keyring, { ...ref, field: 'summary' }, summary),
      updated_at: deps.clock().toISOString(),
    };
    await trx.updateTable('cases').set(next).where('id', '=', caseId).execute();
    if (change.title !== undefined || change.summary !== undefined) await indexCase(trx, deps, next, title, summary);
    await auditCase(trx, deps, actorId, 'case.update', caseId);
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
export async function caseDetail(deps: CaseDeps, actorId: string, caseId: string): Promise<CaseDetailOut> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await requireCase(trx, caseId);
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
    await auditCase(trx, deps, actorId, 'case.read', caseId);
    return detail;
  });
}
