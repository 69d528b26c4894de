import type { StatisticsQuery } from '../../../shared/statistics.schema.js';

const KEYS = ['from', 'to', 'region'] as const;

/** The filters as the URL holds them (so a view can be shared); empty values are left out. */
export function filtersFrom(params: URLSearchParams): StatisticsQuery {
  const filters: StatisticsQuery = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

/** `?from=…&to=…&region=…`, or '' when nothing is filtered. */
export function filtersQuery(filters: StatisticsQuery): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params.size > 0 ? `?${params.toString()}` : '';
}
