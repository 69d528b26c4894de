import { StringDecoder } from 'node:string_decoder';
import type pg from 'pg';
import { MalformedArchiveError } from './archive-format.js';
import type { EntrySink } from './archive-reader.js';
import { BackupError } from './errors.js';
import { connectAsText, listTables, quoteIdent, type SequenceState } from './postgres-export.js';

/** PostgreSQL takes at most 65535 parameters a statement. */
const MAX_PARAMETERS = 60_000;
const MAX_ROWS = 500;
const MAX_BATCH_CHARS = 4 * 1024 * 1024;

function isRowOf(value: unknown, width: number): value is (string | null)[] {
  return Array.isArray(value) && value.length === width && value.every((v) => v === null || typeof v === 'string');
}

function parseHeader(line: string, table: string): string[] {
  let header: unknown;
  try {
    header = JSON.parse(line);
  } catch {
    header = undefined;
  }
  if (
    typeof header !== 'object' ||
    header === null ||
    !('table' in header) ||
    header.table !== table ||
    !('columns' in header) ||
    !Array.isArray(header.columns) ||
    !header.columns.every((c) => typeof c === 'string')
  ) {
    throw new MalformedArchiveError(`the rows of ${table} have no valid header line`);
  }
  return header.columns;
}

/**
 * Loads the exported tables (postgres-export.ts) into a schema that the
 * migrations have just made, in one transaction: the rows the migrations
 * seeded are replaced, and either every table is restored or none is.
 */
export class PostgresLoader {
  private constructor(private readonly client: pg.Client) {}

  static async begin(url: string, schema: string | undefined, tables: readonly string[]): Promise<PostgresLoader> {
    const client = await connectAsText(url, schema);
    try {
      const present = new Set(await listTables(client));
      const missing = tables.find((table) => !present.has(table));
      if (missing !== undefined) {
        throw new BackupError(`The backup holds the table ${missing}, which this version of Homeward does not create.`);
      }
      await client.query('begin');
      for (const table of [...tables].reverse()) await client.query(`delete from ${quoteIdent(table)}`);
    } catch (error) {
      await client.end();
      throw error;
    }
    return new PostgresLoader(client);
  }

  /** Where one table's JSON lines go: parsed line by line and inserted in batches as they arrive. */
  sink(table: string): EntrySink {
    const decoder = new StringDecoder('utf8');
    let partial = '';
    let columns: string[] | undefined;
    let batch: (string | null)[][] = [];
    let batchChars = 0;

    const flush = async (): Promise<void> => {
      if (columns === undefined || batch.length === 0) return;
      const values: (string | null)[] = [];
      const tuples = batch.map((row) => `(${row.map((value) => `$${values.push(value)}`).join(', ')})`);
      await this.client.query(
        `insert into ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) overriding system value values ${tuples.join(', ')}`,
        values,
      );
      batch = [];
      batchChars = 0;
    };
    const line = async (text: string): Promise<void> => {
      if (columns === undefined) {
        columns = parseHeader(text, table);
        return;
      }
      const row: unknown = JSON.parse(text);
      if (!isRowOf(row, columns.length)) throw new MalformedArchiveError(`a row of ${table} does not fit its columns`);
      batch.push(row);
      batchChars += text.length;
      const maxRows = Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / Math.max(1, columns.length)));
      if (batch.length >= maxRows || batchChars >= MAX_BATCH_CHARS) await flush();
    };

    return {
      async write(chunk) {
        // Only the new text is searched for line ends: a long row arriving in many chunks stays linear.
        const text = decoder.write(chunk);
        let start = 0;
        for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
          const whole = partial + text.slice(start, end);
          partial = '';
          start = end + 1;
          await line(whole);
        }
        partial += text.slice(start);
      },
      async close() {
        partial += decoder.end();
        if (partial !== '') await line(partial);
        partial = '';
        if (columns === undefined) throw new MalformedArchiveError(`the rows of ${table} have no header line`);
        await flush();
      },
      abort: () => Promise.resolve(),
    };
  }

  /** Puts each serial and identity sequence where the backup had it. */
  async setSequences(states: readonly SequenceState[]): Promise<void> {
    for (const state of states) {
      await this.client.query('select setval(pg_get_serial_sequence($1, $2), $3, $4)', [
        quoteIdent(state.table),
        state.column,
        state.lastValue,
        state.isCalled,
      ]);
    }
  }

  async commit(): Promise<void> {
    try {
      await this.client.query('commit');
    } finally {
      await this.client.end();
    }
  }

  async rollback(): Promise<void> {
    try {
      await this.client.query('rollback');
    } catch {
      // The connection may be what failed; ending it rolls back as well.
    } finally {
      await this.client.end();
    }
  }
}
