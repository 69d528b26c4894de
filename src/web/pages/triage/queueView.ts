import type { ApiPath } from '../../api/client.js';
import { intakeListQuery, type IntakeSort, type SortOrder } from '../../../shared/intake.schema.js';

/** The queue's filters, as the address and the API name them. */
export const QUEUE_FILTERS = ['status', 'urgency', 'region', 'channel', 'assignee'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

/** The columns that sort, and the server's sort each one asks for. */
export const SORTABLE_COLUMNS = { urgency: 'urgency', age: 'waiting', region: 'region' } as const satisfies Record<
  string,
  IntakeSort
>;
export type SortableColumn = keyof typeof SORTABLE_COLUMNS;

/** The order a column sorts in when first chosen: most urgent, longest waiting, regions A to Z. */
const FIRST_ORDER: Record<IntakeSort, SortOrder> = {
  urgency: 'desc',
  waiting: 'desc',
  received: 'desc',
  region: 'asc',
};

export interface QueueView {
  filters: Partial<Record<QueueFilter, string>>;
  sort: IntakeSort;
  order: SortOrder;
}

/**
 * What the address asks of the queue, each value checked with the server's
 * own query schema: one it would refuse is dropped, not sent.
 */
export function readQueueView(params: URLSearchParams): QueueView {
  const filters: QueueView['filters'] = {};
  for (const key of QUEUE_FILTERS) {
    const parsed = intakeListQuery.shape[key].safeParse(params.get(key) ?? undefined);
    if (parsed.success && parsed.data !== undefined) filters[key] = parsed.data;
  }
  const sort = intakeListQuery.shape.sort.safeParse(params.get('sort') ?? undefined);
  const order = intakeListQuery.shape.order.safeParse(params.get('order') ?? undefined);
  const chosen = sort.success ? sort.data : 'urgency';
  return {
    filters,
    sort: chosen,
    order: params.has('order') && order.success ? order.data : FIRST_ORDER[chosen],
  };
}

/** The queue's API path for a view, from `cursor` when given. */
export function queuePath(view: QueueView, cursor?: string): ApiPath {
  const query = new URLSearchParams(view.filters);
  if (view.sort !== 'urgency' || view.order !== FIRST_ORDER.urgency) {
    query.set('sort', view.sort);
    query.set('order', view.order);
  }
  if (cursor !== undefined) query.set('cursor', cursor);
  return `/api/intake${query.size > 0 ? `?${query.toString()}` : ''}`;
}

/** The address's query after a filter changes (an empty value drops it). */
export function withFilter(params: URLSearchParams, key: QueueFilter, value: string): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value) next.set(key, value);
  else next.delete(key);
  return next;
}

/** The address's query sorting by `column`: its first order, or the other way round when it sorts already. */
export function withSort(params: URLSearchParams, view: QueueView, column: SortableColumn): string {
  const sort = SORTABLE_COLUMNS[column];
  const order: SortOrder = view.sort === sort ? (view.order === 'asc' ? 'desc' : 'asc') : FIRST_ORDER[sort];
  const next = new URLSearchParams(params);
  next.set('sort', sort);
  next.set('order', order);
  return next.toString();
}
