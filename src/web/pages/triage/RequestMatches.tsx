import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { FormError, useSubmit } from '../../components/forms.js';
import type { PossibleMatches } from './intakeTypes.js';

type MatchRecord = PossibleMatches['records'][number];

const of = (matches: PossibleMatches, type: MatchRecord['recordType']) =>
  matches.records.filter((r) => r.recordType === type);

/**
 * "Attach to an existing case", beside "open a case" among the triage
 * actions: each matching case with a button that asks first.
 */
export function AttachToCase({
  matches,
  onAttach,
}: {
  matches: PossibleMatches;
  /** Throws on failure; the error is shown here. */
  onAttach: (caseId: string, number: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { pending, failure, run } = useSubmit();
  const cases = of(matches, 'case').filter((c): c is MatchRecord & { number: string } => c.number !== null);
  return (
    <div className="stack" data-testid="triage-attach-section">
      <h3>{t('triage.attachHeading')}</h3>
      <FormError failure={failure} testId="triage-attach-error" />
      {cases.length === 0 ? (
        <p className="muted">{t('triage.noCaseMatches')}</p>
      ) : (
        <ul className="stack">
          {cases.map((c) => (
            <li key={c.id} className="cell-stack">
              <Link to={`/cases/${c.id}`}>{c.number}</Link>
              <ConfirmButton
                label={t('triage.attach', { number: c.number })}
                question={t('triage.attachQuestion', { number: c.number })}
                confirmLabel={t('triage.attach', { number: c.number })}
                disabled={pending}
                testId="triage-attach"
                onConfirm={() => void run(() => onAttach(c.id, c.number))}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Each kind of match: its record type, its count, its heading, where its records open, a link's text without a number. */
const MATCH_GROUPS = [
  ['intake', 'requests', 'matchRequests', '/triage/', 'matchRequest'],
  ['person', 'people', 'matchPeople', '/people/', 'matchPerson'],
  ['case', 'cases', 'matchCases', '/cases/', 'case'],
] as const;

/**
 * What the request's words match: other open requests (all who triage), and
 * people and cases (coordinators), each a link.
 */
export function Matches({ matches }: { matches: PossibleMatches }) {
  const { t } = useTranslation();
  const none = matches.requests === 0 && (matches.people ?? 0) === 0 && (matches.cases ?? 0) === 0;
  return (
    <section className="card" aria-labelledby="triage-matches-heading" data-testid="triage-matches">
      <h2 id="triage-matches-heading">{t('triage.matches')}</h2>
      {none ? (
        <p className="muted">{t('triage.noMatches')}</p>
      ) : (
        <ul>
          {MATCH_GROUPS.map(([type, count, heading, path, text]) => {
            const n = matches[count];
            // People and cases are counted for coordinators only.
            if (n === undefined) return null;
            return (
              <MatchGroup
                key={type}
                heading={t(`triage.${heading}`, { n })}
                records={of(matches, type)}
                testId={`triage-match-${type === 'intake' ? 'request' : type}`}
                link={(r) => ({ to: `${path}${r.id}`, text: r.number ?? t(`triage.${text}`) })}
              />
            );
          })}
        </ul>
      )}
    </section>
  );
}

interface MatchGroupProps {
  heading: string;
  records: readonly MatchRecord[];
  testId: string;
  link: (record: MatchRecord) => { to: string; text: string };
}

function MatchGroup({ heading, records, testId, link }: MatchGroupProps) {
  return (
    <li data-testid={`${testId}s`}>
      {heading}
      {records.length > 0 && (
        <ul>
          {records.map((r) => {
            const { to, text } = link(r);
            return (
              <li key={r.id}>
                <Link to={to} data-testid={testId}>
                  {text}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </li>
  );
}
