import { Readable } from 'node:stream';
import type { Db } from '../../auth/auth.queries.js';
import {
  FIGURE_INFO,
  FIGURES,
  type Figure,
  type FigureOut,
  type StatisticsOverview,
  type StatisticsQuery,
} from '../../../shared/statistics.schema.js';
import { csvCell } from '../audit/audit.csv.js';
import { figureRows, timeToOutcome, type Scope } from './statistics.queries.js';

/** The staff view: exact counts over every record (restricted incidents aside), filtered by period and region. */
function staffScope(query: StatisticsQuery): Scope {
  return { from: query.from, to: query.to, region: query.region, publicOnly: false };
}

export async function figure(db: Db, name: Figure, query: StatisticsQuery): Promise<FigureOut> {
  const rows = await figureRows(db, name, staffScope(query));
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return { figure: name, ...FIGURE_INFO[name], rows, total };
}

export async function overview(db: Db, query: StatisticsQuery): Promise<StatisticsOverview> {
  const figures: FigureOut[] = [];
  for (const name of FIGURES) figures.push(await figure(db, name, query));
  return { figures, timeToOutcome: await timeToOutcome(db, staffScope(query)) };
}

export function timeToOutcomeOf(db: Db, query: StatisticsQuery) {
  return timeToOutcome(db, staffScope(query));
}

/** Lines of a CSV download (RFC 4180, formula-safe cells), a header first. */
export function csvOf(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): Readable {
  const line = (cells: readonly (string | number | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;
  return Readable.from([line(header), ...rows.map(line)]);
}

/** The same figure as the JSON answer, as CSV: one line a row, then the total. */
export function figureCsv(out: FigureOut): Readable {
  return csvOf(
    ['figure', 'dimension', 'value', 'count'],
    [
      ...out.rows.map((row) => [out.figure, out.dimension, row.value, row.count]),
      [out.figure, out.dimension, '(total)', out.total],
    ],
  );
}
