import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Term, TermsResponse, Vocabulary } from '../../shared/vocabularies.js';
import type { ApiPath } from '../api/client.js';
import { useApiQuery } from '../api/query.js';
import { isLanguage, type Language } from '../i18n/language.js';
import { termLabel } from '../pages/vocabularies/tree.js';

/**
 * The path every reader of a vocabulary uses, retired terms included, so a
 * record holding a retired term still shows its name. One path per vocabulary
 * means one request and one cache entry for the whole app.
 */
export function vocabularyPath(vocabulary: Vocabulary): ApiPath {
  return `/api/vocabularies/${vocabulary}?includeRetired=true`;
}

/**
 * A vocabulary's terms, fetched once per session (a coordinator's edit on the
 * vocabularies page invalidates it).
 */
export function useTerms(vocabulary: Vocabulary) {
  return useApiQuery<TermsResponse>(vocabularyPath(vocabulary), { staleTime: Number.POSITIVE_INFINITY });
}

/** The reader's language as the app knows it. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  return isLanguage(language) ? language : 'en';
}

/** Code → term, for one vocabulary. */
export function useTermMap(vocabulary: Vocabulary): ReadonlyMap<string, Term> {
  const { data } = useTerms(vocabulary);
  return useMemo(() => new Map((data?.terms ?? []).map((term) => [term.code, term])), [data]);
}

/**
 * `(code) => name` in the reader's language: the one way a vocabulary value
 * is put in front of a person. Null or empty gives "—"; a code the vocabulary
 * does not hold (or while it loads) gives a neutral placeholder, never the code.
 */
export function useTermLabel(vocabulary: Vocabulary): (code: string | null | undefined) => string {
  const { t } = useTranslation();
  const language = useLanguage();
  const terms = useTermMap(vocabulary);
  return useCallback(
    (code) => {
      if (code === null || code === undefined || code === '') return '—';
      const term = terms.get(code);
      return term ? termLabel(term, language) : t('terms.unknown');
    },
    [terms, language, t],
  );
}
