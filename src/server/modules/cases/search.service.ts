import type { Kysely } from 'kysely';
import { can, type Subject } from '../../auth/access.js';
import type { Database } from '../../db/schema.js';
import { incidentsOfCases, incidentTitles } from '../incidents/incidents.queries.js';
import { openIncidentField } from '../incidents/incidents.seal.js';
import { untriagedIntakeIds } from '../intake/intake.queries.js';
import { openIntakeText } from '../intake/intake.service.js';
import { peopleByIds } from '../people/people.queries.js';
import { nameText, openPerson } from '../people/people.seal.js';
import { auditCase, type CaseDeps } from './case-common.js';
import { casesByIds, caseOfChildren, childRecordsOf, noteBodies, peopleOfCases, taskTitles } from './cases.queries.js';
import { MATCHED_IN, SEARCH_TYPES, type MatchedIn, type SearchResult, type SearchType } from './cases.schema.js';
import { searchOrInvalid, visibleCaseIds } from './list.service.js';
import { openCaseField } from './sealing.js';

const PREVIEW = 120;

export type SearchResultOut = SearchResult;

/** Indexed fields by record type → where a person reads that they matched; `*` is any other field of the type. */
const MATCHED_FIELDS: Record<SearchType, Readonly<Record<string, MatchedIn>>> = {
  case: { title: 'case_title', summary: 'case_summary' },
  note: { '*': 'note' },
  task: { '*': 'task' },
  // Names as written in either script; the names a merge kept as aliases are former names.
  person: { name_alias: 'person_alias', '*': 'person_name' },
  intake: { text: 'request_text', message: 'request_message', name: 'request_name' },
  incident: { title: 'incident_title' },
};

/** Where a hit matched, in the words of the page: each place once, in the order of MATCHED_IN. */
export function matchedIn(type: string, fields: readonly string[]): MatchedIn[] {
  const of = (SEARCH_TYPES as readonly string[]).includes(type) ? MATCHED_FIELDS[type as SearchType] : {};
  const places = new Set(fields.map((field) => of[field] ?? of['*'] ?? 'other'));
  return MATCHED_IN.filter((place) => places.has(place));
}

function preview(text: string): string {
  return text.length > PREVIEW ? `${text.slice(0, PREVIEW - 1)}…` : text;
}

/** Which record types a user may search, and within which record ids (undefined: all of them). */
async function scope(
  db: Kysely<Database>,
  actor: Subject,
  asked: readonly SearchType[],
): Promise<{ types: SearchType[]; restrictTo: string[] | undefined }> {
  const visible = await visibleCaseIds(db, actor);
  const types = asked.filter((type) => {
    if (type === 'intake') return can(actor, 'intake.work');
    if (type === 'incident') return can(actor, 'incident.list');
    return can(actor, 'case.list');
  });
  if (visible === undefined) return { types, restrictTo: undefined };
  // An intake volunteer searches only requests not yet opened as a case or attached to one: the
  // restriction comes before the search, so neither the hits nor the total say what is in cases.
  const intake = types.includes('intake') ? await untriagedIntakeIds(db) : [];
  // Only the kinds of record asked for: each list grows with the user's cases.
  const children = types.includes('note') || types.includes('task') ? await childRecordsOf(db, visible) : [];
  const people = types.includes('person') ? await peopleOfCases(db, visible) : [];
  // An incident as its own rule has it: one linked to a case granted to the user (incidents.queries.ts).
  const incidents = types.includes('incident') ? await incidentsOfCases(db, visible) : [];
  return {
    types,
    restrictTo: [...visible, ...children.map((child) => child.id), ...people, ...intake, ...incidents],
  };
}

/** Opens the short title or preview of each hit. */
async function describe(
  db: Kysely<Database>,
  deps: CaseDeps,
  hits: { recordType: string; recordId: string; fields: string[] }[],
): Promise<SearchResultOut[]> {
  const childCases = await caseOfChildren(
    db,
    hits.filter((h) => h.recordType === 'note' || h.recordType === 'task').map((h) => h.recordId),
  );
  const caseIds = hits.map((h) => (h.recordType === 'case' ? h.recordId : childCases.get(h.recordId)));
  const cases = new Map(
    (await casesByIds(db, [...new Set(caseIds.filter((id) => id !== undefined))])).map((row) => [row.id, row]),
  );
  const people = new Map(
    (
      await peopleByIds(
        db,
        hits.filter((h) => h.recordType === 'person').map((h) => h.recordId),
      )
    ).map((p) => [p.id, p]),
  );
  const notes = await noteBodies(
    db,
    hits.filter((h) => h.recordType === 'note').map((h) => h.recordId),
  );
  const tasks = await taskTitles(
    db,
    hits.filter((h) => h.recordType === 'task').map((h) => h.recordId),
  );
  const incidents = await incidentTitles(
    db,
    hits.filter((h) => h.recordType === 'incident').map((h) => h.recordId),
  );
  // One read of every data key the page needs, not one per hit.
  await deps.keyring.prefetch(db, [
    ...incidents.values(),
    ...[...cases.values()].map((row) => row.title_sealed),
    ...notes.values(),
    ...tasks.values(),
    ...[...people.values()].flatMap((row) => [row.name_cyrillic_sealed, row.name_latin_sealed]),
  ]);
  const out: SearchResultOut[] = [];
  for (const [index, hit] of hits.entries()) {
    const caseRow = cases.get(caseIds[index] ?? '');
    const base = {
      id: hit.recordId,
      caseId: caseRow?.id ?? null,
      caseNumber: caseRow?.number ?? null,
      fields: hit.fields,
      matchedIn: matchedIn(hit.recordType, hit.fields),
    };
    if (hit.recordType === 'case' && caseRow !== undefined) {
      const title = await openCaseField(
        db,
        deps.keyring,
        { table: 'cases', rowId: caseRow.id, field: 'title' },
        caseRow.title_sealed,
      );
      out.push({ ...base, type: 'case', title });
    } else if (hit.recordType === 'note' && caseRow !== undefined) {
      const sealed = notes.get(hit.recordId);
      const body =
        sealed === undefined
          ? null
          : await openCaseField(db, deps.keyring, { table: 'case_events', rowId: hit.recordId, field: 'body' }, sealed);
      out.push({ ...base, type: 'note', title: body === null ? null : preview(body) });
    } else if (hit.recordType === 'task' && caseRow !== undefined) {
      const sealed = tasks.get(hit.recordId);
      const title =
        sealed === undefined
          ? null
          : await openCaseField(db, deps.keyring, { table: 'tasks', rowId: hit.recordId, field: 'title' }, sealed);
      out.push({ ...base, type: 'task', title });
    } else if (hit.recordType === 'person') {
      const person = people.get(hit.recordId);
      if (person === undefined) continue;
      const names = await openPerson(db, deps.keyring, person, true);
      out.push({ ...base, type: 'person', title: nameText(names.nameCyrillic) || nameText(names.nameLatin) || null });
    } else if (hit.recordType === 'incident') {
      const sealed = incidents.get(hit.recordId);
      if (sealed === undefined) continue;
      out.push({
        ...base,
        type: 'incident',
        title: await openIncidentField(db, deps.keyring, hit.recordId, 'title', sealed),
      });
    } else if (hit.recordType === 'intake') {
      const intake = await openIntakeText({ db, keyring: deps.keyring }, hit.recordId).catch(() => null);
      if (intake === null) continue;
      out.push({ ...base, type: 'intake', title: preview(intake.text) });
    }
  }
  return out;
}

/**
 * Search across what the user may see: cases, notes and tasks of readable
 * cases, people linked to them (all people for coordinators), incidents by
 * title (those linked to readable cases; all for coordinators), and intake
 * requests for those who work the intake queue. Audited once per search.
 */
export async function searchEverything(
  deps: CaseDeps,
  actor: Subject,
  query: {
    q: string;
    types: SearchType[];
    from?: string | undefined;
    to?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  return deps.db.transaction().execute(async (trx) => {
    const { types, restrictTo } = await scope(trx, actor, query.types);
    const results = await searchOrInvalid(deps, trx, {
      query: query.q,
      recordTypes: types,
      restrictTo,
      from: query.from,
      to: query.to,
      limit: query.limit,
      cursor: query.cursor,
    });
    const described = await describe(trx, deps, results.results);
    await auditCase(trx, deps, actor.userId, 'search.run', null);
    return {
      results: described,
      nextCursor: results.nextCursor,
      total: results.total,
      totalCapped: results.totalCapped,
    };
  });
}
