import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StageTransition, StageTransitionsResponse, Term } from '../../../shared/vocabularies.js';
import { apiDelete, apiPut } from '../../api/client.js';
import { FormError, Notice, useSubmit } from '../../components/forms.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import type { Language } from '../../i18n/language.js';
import { termLabel } from './tree.js';

interface TransitionsSectionProps {
  /** Every stage, retired ones too, in display order. */
  stages: readonly Term[];
  language: Language;
  canEdit: boolean;
}

/** The stage graph: for each stage, where a case may move next; coordinators add and remove moves. */
export function TransitionsSection({ stages, language, canEdit }: TransitionsSectionProps) {
  const { t } = useTranslation();
  const fromId = useId();
  const toId = useId();
  const { state, reload } = useApiGet<StageTransitionsResponse>('/api/vocabularies/stage/transitions');
  const { pending, failure, run } = useSubmit();
  const [notice, setNotice] = useState<string | null>(null);
  const offered = stages.filter((stage) => !stage.retired);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const name = (code: string) => {
    const stage = stages.find((s) => s.code === code);
    return stage === undefined ? code : termLabel(stage, language);
  };

  async function change(pair: StageTransition, add: boolean) {
    setNotice(null);
    const path = '/api/vocabularies/stage/transitions';
    const done = await run(() =>
      (add
        ? apiPut(path, pair)
        : apiDelete(`${path}?from=${encodeURIComponent(pair.from)}&to=${encodeURIComponent(pair.to)}`)
      ).then(() => true),
    );
    if (done) {
      const key = add ? 'vocabularies.done.transitionAdded' : 'vocabularies.done.transitionRemoved';
      setNotice(t(key, { from: name(pair.from), to: name(pair.to) }));
    }
    reload();
  }

  const transitions = state.kind === 'ready' ? state.data.transitions : [];
  const fromCode = (from === '' ? offered[0]?.code : from) ?? '';
  const toCode = (to === '' ? offered[1]?.code : to) ?? '';

  return (
    <section className="card" aria-labelledby="vocab-transitions-heading" data-testid="vocab-transitions">
      <h2 id="vocab-transitions-heading">{t('vocabularies.transitions.heading')}</h2>
      <p className="muted">{t('vocabularies.transitions.intro')}</p>
      <LoadStatus state={state} onRetry={reload} testId="vocab-transitions" />
      <FormError failure={failure} testId="vocab-transitions-error" />
      {notice && <Notice testId="vocab-transitions-notice">{notice}</Notice>}
      {state.kind === 'ready' && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('vocabularies.transitions.from')}</th>
              <th scope="col">{t('vocabularies.transitions.targets')}</th>
            </tr>
          </thead>
          <tbody>
            {stages.map((stage) => {
              const targets = transitions.filter((pair) => pair.from === stage.code);
              return (
                <tr key={stage.id} data-testid="vocab-transition-row" data-from={stage.code}>
                  <th scope="row" data-label={t('vocabularies.transitions.from')}>
                    <span className={stage.retired ? 'muted' : undefined}>{termLabel(stage, language)}</span>
                  </th>
                  <td data-label={t('vocabularies.transitions.targets')}>
                    <div className="cell-stack">
                      {targets.length === 0 && <span className="muted">{t('vocabularies.transitions.none')}</span>}
                      {targets.map((pair) => (
                        <span key={pair.to} className="badge" data-testid="vocab-transition" data-to={pair.to}>
                          {name(pair.to)}
                          {canEdit && (
                            <>
                              {' '}
                              <button
                                type="button"
                                className="button-link"
                                disabled={pending}
                                onClick={() => void change(pair, false)}
                                aria-label={t('vocabularies.transitions.remove', {
                                  from: name(pair.from),
                                  to: name(pair.to),
                                })}
                                data-testid="vocab-transition-remove"
                              >
                                ×
                              </button>
                            </>
                          )}
                        </span>
                      ))}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {canEdit && offered.length > 1 && (
        <div className="form-actions">
          <div className="field">
            <label htmlFor={fromId}>{t('vocabularies.transitions.from')}</label>
            <select
              id={fromId}
              value={fromCode}
              onChange={(e) => setFrom(e.target.value)}
              data-testid="vocab-transition-from"
            >
              {stages.map((stage) => (
                <option key={stage.id} value={stage.code}>
                  {termLabel(stage, language)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={toId}>{t('vocabularies.transitions.to')}</label>
            <select id={toId} value={toCode} onChange={(e) => setTo(e.target.value)} data-testid="vocab-transition-to">
              {offered.map((stage) => (
                <option key={stage.id} value={stage.code}>
                  {termLabel(stage, language)}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            disabled={pending || fromCode === toCode}
            onClick={() => void change({ from: fromCode, to: toCode }, true)}
            data-testid="vocab-transition-add"
          >
            {t('vocabularies.transitions.add')}
          </button>
        </div>
      )}
    </section>
  );
}
