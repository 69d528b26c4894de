import { useCallback, useEffect, useState } from 'react';
import type { ErrorCode } from '../../shared/errors.js';
import { apiGet, errorCodeOf, type ApiPath } from '../api/client.js';

export type LoadState<T> = { kind: 'loading' } | { kind: 'ready'; data: T } | { kind: 'failed'; code: ErrorCode };

/**
 * GETs `path` (again whenever it changes, or on `reload`), and keeps the
 * answer. A null path loads nothing. An answer is kept with the request it
 * belongs to, so a slow answer for an old path never shows under a new one.
 */
export function useApiGet<T>(path: ApiPath | null) {
  const [attempt, setAttempt] = useState(0);
  const key = path === null ? null : `${path}#${attempt}`;
  const [result, setResult] = useState<{ path: ApiPath; key: string; state: LoadState<T> } | null>(null);

  useEffect(() => {
    if (path === null || key === null) return;
    const controller = new AbortController();
    apiGet<T>(path, { signal: controller.signal }).then(
      (data) => setResult({ path, key, state: { kind: 'ready', data } }),
      (error: unknown) => {
        if (!controller.signal.aborted) setResult({ path, key, state: { kind: 'failed', code: errorCodeOf(error) } });
      },
    );
    return () => controller.abort();
  }, [path, key]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  let state: LoadState<T> = { kind: 'loading' };
  if (result !== null && result.key === key) state = result.state;
  // While reloading the same path, the last answer stays on screen instead of a flash of "loading".
  else if (result !== null && result.path === path && result.state.kind === 'ready') state = result.state;
  return { state, reload };
}
