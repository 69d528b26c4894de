import { validationError } from '../../http/errors.js';

/**
 * Keyset cursors of the cases module's lists: the sort value and id of the
 * last row of a page (a case's opened_at, an event's at), opaque to clients.
 */
export interface PagePosition {
  at: string;
  id: string;
}

/**
 * A list sorted more than one way tags its cursors with the order (`number.asc`),
 * so that a cursor of one order is refused by another rather than misread.
 */
export function encodeCursor(position: PagePosition, order?: string): string {
  const parts = order === undefined ? [position.at, position.id] : [position.at, position.id, order];
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** The position a cursor names; VALIDATION_FAILED naming `cursor` for anything else, or another order's cursor. */
export function decodeCursor(cursor: string, order?: string): PagePosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string' && value[2] === order) {
      return { at: value[0], id: value[1] };
    }
  } catch {
    // Falls through to the validation error.
  }
  throw validationError([{ path: 'cursor', message: 'is not a cursor of this list: start again' }]);
}

/** One page from `limit + 1` rows: the rows to show, and the cursor of the next page if there is one. */
export function pageOf<T>(rows: T[], limit: number, position: (row: T) => PagePosition, order?: string) {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    rows: shown,
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(position(last), order) : null,
  };
}
