import { QueryClient, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { apiGet, type ApiError, type ApiPath } from './client.js';

/**
 * The app's one cache of server state. An error is shown at once rather than
 * retried (the server answers with a catalogue code a person should read), and
 * a window regaining focus does not refetch behind the user's back.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 0 },
      mutations: { retry: false },
    },
  });
}

/** The cache key of a GET: the path itself, so two components asking for one path share one request. */
export function apiKey(path: ApiPath): readonly ['api', ApiPath] {
  return ['api', path];
}

type ApiQueryOptions<T> = Omit<UseQueryOptions<T, ApiError, T, readonly ['api', ApiPath]>, 'queryKey' | 'queryFn'>;

/** GETs `path` through the cache; a null path loads nothing. */
export function useApiQuery<T>(path: ApiPath | null, options: ApiQueryOptions<T> = {}) {
  return useQuery<T, ApiError, T, readonly ['api', ApiPath]>({
    queryKey: apiKey(path ?? '/api/'),
    queryFn: ({ signal }) => apiGet<T>(path ?? '/api/', { signal }),
    enabled: path !== null && (options.enabled ?? true),
    ...options,
  });
}

/**
 * After a change: marks every cached GET whose path starts with one of
 * `prefixes` stale, refetching those on screen (`/api/cases/` refreshes the
 * case page, the case list and the search results at once).
 */
export function useInvalidate() {
  const client = useQueryClient();
  return (...prefixes: readonly string[]) =>
    client.invalidateQueries({
      predicate: (query) => {
        const [scope, path] = query.queryKey;
        return scope === 'api' && typeof path === 'string' && prefixes.some((prefix) => path.startsWith(prefix));
      },
    });
}
