/**
 * Sort keys: day × 2^32 + serial. One integer orders postings by the record's
 * date, then by when it was first indexed, and is unique per record, so the
 * newest matches of a token come from a backward scan of (token, sort_key)
 * that stops as soon as it has enough. Days count from
 * 1900-01-01 so that every date of interest is positive, and stay below
 * 2^21 so that sort keys stay exact JavaScript numbers (below 2^53).
 */
export const SERIAL_SPACE = 2 ** 32;
const DAY_MS = 86_400_000;
const EPOCH_MS = Date.UTC(1900, 0, 1);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/;

/** Days since 1900-01-01 of an ISO date (`2026-11-25`, or a timestamp whose date part counts); undefined if invalid. */
export function dayOf(date: string): number | undefined {
  const match = ISO_DATE.exec(date);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2999) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return (ms - EPOCH_MS) / DAY_MS;
}

export function sortKeyOf(day: number, serial: number): number {
  if (!Number.isSafeInteger(serial) || serial <= 0 || serial >= SERIAL_SPACE) {
    throw new RangeError('The search index has run out of record serials.');
  }
  return day * SERIAL_SPACE + serial;
}

export function serialOf(sortKey: number): number {
  return sortKey % SERIAL_SPACE;
}

/** The sort keys of every record dated from `fromDay` to `toDay`, both included. */
export function sortKeyRange(
  fromDay: number | undefined,
  toDay: number | undefined,
): { lowest: number; highest: number } {
  return {
    lowest: fromDay === undefined ? 0 : fromDay * SERIAL_SPACE,
    highest: toDay === undefined ? Number.MAX_SAFE_INTEGER : (toDay + 1) * SERIAL_SPACE - 1,
  };
}
