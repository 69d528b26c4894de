import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SEARCHING_ROLES } from '../../shared/cases.schema.js';
import type { Role } from '../../shared/roles.js';

/** A case number as the app shows it (`2026-0001`): typed into the box, it opens the case. */
const CASE_NUMBER = /^\d{4}-\d{4,6}$/;

/** Where the header box goes with what was typed: the case a number names, or the search page. */
export function searchTarget(typed: string): string | null {
  const query = typed.trim();
  if (query === '') return null;
  if (CASE_NUMBER.test(query)) return `/cases/${query}`;
  return `/search?${new URLSearchParams({ q: query }).toString()}`;
}

/** Whether a role's searches can find anything (the server filters each search by access again). */
export function canSearch(role: Role): boolean {
  return (SEARCHING_ROLES as readonly Role[]).includes(role);
}

/** The search box in the header: a case number opens the case, anything else is searched. */
export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [typed, setTyped] = useState('');

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = searchTarget(typed);
    if (target === null) return;
    setTyped('');
    void navigate(target);
  }

  return (
    <form className="global-search" role="search" aria-label={t('search.box')} onSubmit={submit}>
      <label htmlFor="global-search-input" className="visually-hidden">
        {t('search.box')}
      </label>
      <input
        id="global-search-input"
        type="search"
        data-testid="global-search"
        placeholder={t('search.placeholder')}
        value={typed}
        maxLength={500}
        onChange={(event) => {
          setTyped(event.target.value);
        }}
      />
      <button type="submit" data-testid="global-search-submit">
        {t('search.submit')}
      </button>
    </form>
  );
}
