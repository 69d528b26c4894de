import { useCallback } from 'react';
import type { ErrorCode } from '../../shared/errors.js';
import { errorCodeOf, type ApiPath } from '../api/client.js';
import { useApiQuery } from '../api/query.js';

export type LoadState<T> = { kind: 'loading' } | { kind: 'ready'; data: T } | { kind: 'failed'; code: ErrorCode };

/**
 * GETs `path` through the app's query cache (again whenever it changes, or on
 * `reload`), as a LoadState for LoadStatus. A null path loads nothing. While
 * the same path reloads, the last answer stays on screen; an answer for an old
 * path never shows under a new one (the cache is keyed by path).
 */
export function useApiGet<T>(path: ApiPath | null) {
  const query = useApiQuery<T>(path);
  const { refetch } = query;
  const reload = useCallback(() => {
    void refetch();
  }, [refetch]);
  let state: LoadState<T> = { kind: 'loading' };
  if (query.isSuccess) state = { kind: 'ready', data: query.data };
  else if (query.isError) state = { kind: 'failed', code: errorCodeOf(query.error) };
  return { state, reload };
}
