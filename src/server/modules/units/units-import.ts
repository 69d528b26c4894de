import crypto from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import {
  TERM_CODE_PATTERN,
  TERM_LABEL_MAX_LENGTH,
  UNIT_BRANCHES,
  type UnitAttributes,
  type UnitBranch,
} from '../../../shared/vocabularies.js';
import { appendAudit } from '../../audit/audit.js';
import { isoNow } from '../../db/dialect.js';
import type { Database, VocabularyTermsTable } from '../../db/schema.js';
import { lockVocabularyCodes } from '../vocabularies/vocabularies.queries.js';

/** The columns of a units file, in any order; the first line names them. */
export const UNIT_COLUMNS = [
  'code',
  'number',
  'name_ru',
  'name_en',
  'branch',
  'garrison',
  'parent',
  'aliases',
] as const;
type Column = (typeof UNIT_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['code', 'name_ru', 'name_en'];
const MAX_ROWS = 10_000;

/** A problem with one line of the file (1 is the header line). */
export interface LineProblem {
  line: number;
  column?: Column;
  message: string;
}

export type ImportResult = { imported: number; problems: [] } | { imported: 0; problems: LineProblem[] };

type Row = Partial<Record<Column, string>> & { line: number };

/** Where the parser was, as csv-parse counts it: records read (the header not among them), empty lines skipped. */
interface ParserPlace {
  records?: number;
  empty_lines?: number;
}

/**
 * The line a spreadsheet shows a record on: the header is line 1, each record
 * one line however many newlines its quoted fields hold, and each empty line
 * one line too (the parser skips it, a spreadsheet shows an empty row).
 * `records` counts the records read so far, this one included.
 */
function spreadsheetLine(place: ParserPlace, records: number): number {
  return 1 + records + (place.empty_lines ?? 0);
}

function readRows(text: string): { rows: Row[] } | { problem: LineProblem } {
  try {
    const parsed = parse<Partial<Record<Column, string>>>(text, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
    }) as unknown as { record: Partial<Record<Column, string>>; info: ParserPlace & { records: number } }[];
    return { rows: parsed.map(({ record, info }) => ({ ...record, line: spreadsheetLine(info, info.records) })) };
  } catch (error) {
    // The record at fault is the one after those read.
    const place = error as ParserPlace;
    const line = spreadsheetLine(place, (place.records ?? 0) + 1);
    const message = error instanceof Error ? error.message.replace(/^Invalid Record Length: /, '') : 'unreadable';
    return { problem: { line, message: `not readable as CSV: ${message}` } };
  }
}

function headerProblems(text: string): LineProblem[] {
  const [header = []]: string[][] = parse(text, { to_line: 1, trim: true, bom: true });
  const unknown = header.filter((name) => !(UNIT_COLUMNS as readonly string[]).includes(name));
  const missing = REQUIRED.filter((name) => !header.includes(name));
  return [
    ...unknown.map((name) => ({ line: 1, message: `unknown column "${name}" (known: ${UNIT_COLUMNS.join(', ')})` })),
    ...missing.map((name) => ({ line: 1, column: name, message: 'the column is missing' })),
  ];
}

async function codesOf(db: Kysely<Database>, vocabulary: 'unit' | 'place') {
  const rows = await db
    .selectFrom('vocabulary_terms')
    .select(['id', 'code', 'retired_at'])
    .where('vocabulary', '=', vocabulary)
    .execute();
  return new Map(rows.map((row) => [row.code, row]));
}

/**
 * Imports military units from CSV into the `unit` vocabulary, all or nothing:
 * every line is checked first (code new and well-formed, both names, branch,
 * garrison a place term, parent a unit already kept or on an earlier line,
 * aliases separated by ";"), and if any line is at fault nothing is written
 * and every problem is returned with its line. One transaction; audited as
 * `unit.import` (no ids of people, none exist here).
 */
export async function importUnits(
  db: Kysely<Database>,
  text: string,
  clock: () => Date = () => new Date(),
): Promise<ImportResult> {
  let header: LineProblem[];
  try {
    header = headerProblems(text);
  } catch {
    header = [{ line: 1, message: 'the first line must name the columns' }];
  }
  if (header.length > 0) return { imported: 0, problems: header };
  const read = readRows(text);
  if ('problem' in read) return { imported: 0, problems: [read.problem] };
  if (read.rows.length > MAX_ROWS) {
    return { imported: 0, problems: [{ line: 1, message: `at most ${String(MAX_ROWS)} units a file` }] };
  }
  return db.transaction().execute(async (trx) => {
    // Two imports at once, or an import and a unit term created by hand, run one after the other (SQLite's
    // BEGIN IMMEDIATE does so already): the second then finds the first's codes taken and says so, instead of
    // failing on the unique key.
    await lockVocabularyCodes(trx, 'unit');
    const units = await codesOf(trx, 'unit');
    const places = await codesOf(trx, 'place');
    const at = isoNow(clock);
    const problems: LineProblem[] = [];
    const made = new Map<string, string>();
    const terms: VocabularyTermsTable[] = [];
    for (const row of read.rows) {
      const { line } = row;
      const fault = (column: Column, message: string) => problems.push({ line, column, message });
      const code = row.code ?? '';
      if (!TERM_CODE_PATTERN.test(code)) fault('code', 'must be 1 to 64 letters, digits, "-" or "_"');
      else if (units.has(code) || made.has(code)) fault('code', `"${code}" is taken`);
      for (const column of ['name_ru', 'name_en'] as const) {
        const name = row[column] ?? '';
        if (name === '') fault(column, 'is required');
        else if (name.length > TERM_LABEL_MAX_LENGTH) fault(column, `is longer than ${String(TERM_LABEL_MAX_LENGTH)}`);
      }
      const number = row.number ?? '';
      if (number.length > 20) fault('number', 'is longer than 20');
      const branch = row.branch ?? '';
      if (branch !== '' && !(UNIT_BRANCHES as readonly string[]).includes(branch)) {
        fault('branch', `must be one of ${UNIT_BRANCHES.join(', ')}`);
      }
      const garrison = row.garrison ?? '';
      if (garrison !== '' && places.get(garrison)?.retired_at !== null) fault('garrison', `is not a place term`);
      const parent = row.parent ?? '';
      const parentId = parent === '' ? null : (made.get(parent) ?? units.get(parent)?.id);
      if (parentId === undefined) fault('parent', `"${parent}" is neither a kept unit nor on an earlier line`);
      const aliases = (row.aliases ?? '')
        .split(';')
        .map((alias) => alias.trim())
        .filter((alias) => alias !== '');
      if (aliases.length > 20 || aliases.some((alias) => alias.length > TERM_LABEL_MAX_LENGTH)) {
        fault('aliases', `at most 20, each at most ${String(TERM_LABEL_MAX_LENGTH)} characters`);
      }
      const id = crypto.randomUUID();
      if (TERM_CODE_PATTERN.test(code)) made.set(code, id);
      const attributes: UnitAttributes = {
        ...(number === '' ? {} : { number }),
        ...(branch === '' ? {} : { branch: branch as UnitBranch }),
        ...(garrison === '' ? {} : { garrison }),
        ...(aliases.length === 0 ? {} : { aliases }),
      };
      terms.push({
        id,
        vocabulary: 'unit',
        code,
        parent_id: parentId ?? null,
        label_ru: row.name_ru ?? '',
        label_en: row.name_en ?? '',
        // 0: the staff app sorts sibling units by their names.
        sort_order: 0,
        retired_at: null,
        attributes: JSON.stringify(attributes),
        created_at: at,
        updated_at: at,
      });
    }
    if (problems.length > 0) return { imported: 0, problems };
    // Parents come before their children (a parent must be on an earlier line).
    for (let start = 0; start < terms.length; start += 100) {
      await trx
        .insertInto('vocabulary_terms')
        .values(terms.slice(start, start + 100))
        .execute();
    }
    await appendAudit(
      trx,
      { actorId: null, action: 'unit.import', objectType: null, objectId: null, outcome: 'success' },
      clock,
    );
    return { imported: terms.length, problems: [] };
  });
}
