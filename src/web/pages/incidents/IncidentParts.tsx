import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Incident } from '../../api/incidents.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useTermLabel } from '../../vocab/terms.js';
import { nameLine, type Person } from '../people/types.js';
import { useDatedText } from './dated.js';

type Act = Incident['acts'][number];
type Victim = Act['victims'][number];

/** A person of the registry by name, linked to their page (never the id). */
export function PersonName({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const { state } = useApiGet<Person>(`/api/people/${encodeURIComponent(personId)}?limit=1`);
  if (state.kind === 'loading') return <span className="muted">{t('common.loading')}</span>;
  if (state.kind === 'failed') return <span className="muted">{t('incidents.personHidden')}</span>;
  const name = nameLine(state.data.nameCyrillic) || nameLine(state.data.nameLatin) || t('people.noName');
  return <Link to={`/people/${personId}`}>{name}</Link>;
}

/** "Group of 15 · National Guard · Buryatia · …": a counted group with the categories it has. */
export function useGroupText() {
  const { t } = useTranslation();
  const force = useTermLabel('force');
  const region = useTermLabel('region');
  const category = useTermLabel('service_category');
  return (victim: Victim) =>
    [
      t('incidents.group', { count: victim.count ?? 0 }),
      victim.serviceCategory === null ? null : category(victim.serviceCategory),
      victim.force === null ? null : force(victim.force),
      victim.region === null ? null : region(victim.region),
    ]
      .filter((part) => part !== null)
      .join(' · ');
}

/** The acts, each with its type (article and part for a charge), period, place and victims. */
export function ActsList({ acts }: { acts: Incident['acts'] }) {
  const { t } = useTranslation();
  const actLabel = useTermLabel('act_type');
  const placeLabel = useTermLabel('place');
  const period = useDatedText();
  const groupText = useGroupText();
  if (acts.length === 0) return <p className="muted">{t('incidents.noActs')}</p>;
  return (
    <ol className="stack">
      {acts.map((act) => (
        <li key={act.id} data-testid="incident-act">
          <strong>{actLabel(act.actType)}</strong>
          {act.criminalArticle !== null && (
            <span data-testid="incident-act-article">
              {' '}
              · {t('incidents.article', { article: act.criminalArticle })}
              {act.criminalPart !== null && `, ${t('incidents.part', { part: act.criminalPart })}`}
            </span>
          )}
          <dl className="details">
            <dt>{t('incidents.period')}</dt>
            <dd>{period(act.start, act.end)}</dd>
            <dt>{t('incidents.place')}</dt>
            <dd>{placeLabel(act.place)}</dd>
            <dt>{t('incidents.victims')}</dt>
            <dd>
              {act.victims.length === 0 && <span className="muted">{t('incidents.noVictims')}</span>}
              <ul>
                {act.victims.map((victim) => (
                  <li key={victim.id} data-testid="incident-victim">
                    {victim.personId !== null ? <PersonName personId={victim.personId} /> : groupText(victim)}
                  </li>
                ))}
              </ul>
            </dd>
          </dl>
        </li>
      ))}
    </ol>
  );
}

/** Who did it: a person or a unit, with how they took part. */
export function PerpetratorsList({ perpetrators }: { perpetrators: Incident['perpetrators'] }) {
  const { t } = useTranslation();
  const unitLabel = useTermLabel('unit');
  const involvementLabel = useTermLabel('involvement');
  if (perpetrators.length === 0) return <p className="muted">{t('incidents.noPerpetrators')}</p>;
  return (
    <dl className="details">
      {perpetrators.map((p) => (
        <Fragment key={p.id}>
          <dt data-testid="incident-perpetrator">
            {p.personId !== null ? <PersonName personId={p.personId} /> : unitLabel(p.unit)}
          </dt>
          <dd>{involvementLabel(p.involvement)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
