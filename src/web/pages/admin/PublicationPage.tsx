import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FIGURES,
  SUPPRESSION_K_MAX,
  SUPPRESSION_K_MIN,
  type Figure,
  type PublicationSettings,
  type Snapshot,
  type SnapshotList,
} from '../../../shared/statistics.schema.js';
import { apiGet, apiPost, apiPut } from '../../api/client.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { useDateFormat } from '../../components/format.js';
import {
  FieldMessage,
  FormError,
  Notice,
  serverFieldMessage,
  SubmitButton,
  useSubmit,
} from '../../components/forms.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { PublicationPreview } from './PublicationPreview.js';
import { PublicationSnapshots } from './PublicationSnapshots.js';

/**
 * The administrator's publication of statistics: which figures and k, a
 * preview of the snapshot as it would be published, publishing it (after a
 * confirmation) and the snapshots published so far. The server checks k and
 * the figures again and suppresses every count; this page only shows.
 */
export function PublicationPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('publication.title'));
  const settings = useApiGet<PublicationSettings>('/api/statistics/publication');
  const snapshots = useApiGet<SnapshotList>('/api/statistics/snapshots');
  return (
    <>
      <h1>{t('publication.title')}</h1>
      <p>{t('publication.intro')}</p>
      <div className="stack">
        <LoadStatus state={settings.state} onRetry={settings.reload} testId="publication-settings" />
        {settings.state.kind === 'ready' && (
          <PublicationForm initial={settings.state.data} onPublished={snapshots.reload} />
        )}
        <PublicationSnapshots state={snapshots.state} onRetry={snapshots.reload} />
      </div>
    </>
  );
}

function PublicationForm({ initial, onPublished }: { initial: PublicationSettings; onPublished: () => void }) {
  const { t } = useTranslation();
  const { date } = useDateFormat();
  const [figures, setFigures] = useState<readonly Figure[]>(initial.figures);
  const [k, setK] = useState(String(initial.k));
  const [saved, setSaved] = useState(initial);
  const [preview, setPreview] = useState<Snapshot | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const saving = useSubmit();
  const acting = useSubmit();

  const toggle = (figure: Figure, on: boolean) => {
    setFigures((now) => (on ? [...now, figure] : now.filter((f) => f !== figure)));
    setPreview(null);
  };

  const save = async () => {
    setNotice(null);
    setPreview(null);
    // Sent as typed (a number when it reads as one): the server's refusal names the field and the limit.
    const body = { k: k.trim() === '' ? null : Number(k), figures };
    const answer = await saving.run(() => apiPut<PublicationSettings>('/api/statistics/publication', body));
    if (answer) {
      setSaved(answer);
      setFigures(answer.figures);
      setK(String(answer.k));
      setNotice(t('publication.saved'));
    }
  };

  const showPreview = async () => {
    setNotice(null);
    const snapshot = await acting.run(() => apiGet<Snapshot>('/api/statistics/publication/preview'));
    if (snapshot) setPreview(snapshot);
  };

  const publish = async () => {
    setNotice(null);
    const snapshot = await acting.run(() => apiPost<Snapshot>('/api/statistics/snapshots'));
    if (snapshot) {
      setPreview(null);
      setNotice(t('publication.published', { date: date(snapshot.asOf) }));
      onPublished();
    }
  };

  const kError = serverFieldMessage(saving.failure, 'k');
  // The preview shows what the saved settings publish: unsaved changes are saved first.
  const unsaved =
    k !== String(saved.k) || figures.length !== saved.figures.length || figures.some((f) => !saved.figures.includes(f));
  return (
    <>
      <section className="card" aria-labelledby="publication-settings-heading">
        <h2 id="publication-settings-heading">{t('publication.settingsHeading')}</h2>
        <form
          className="form"
          noValidate
          aria-busy={saving.pending}
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <FormError failure={saving.failure} testId="publication-error" />
          <fieldset>
            <legend>{t('publication.figuresLegend')}</legend>
            {FIGURES.map((figure) => (
              <div className="checkbox" key={figure}>
                <input
                  id={`publication-figure-${figure}`}
                  type="checkbox"
                  checked={figures.includes(figure)}
                  onChange={(event) => toggle(figure, event.target.checked)}
                  data-testid="publication-figure"
                  data-figure={figure}
                />
                <label htmlFor={`publication-figure-${figure}`}>{t(`publication.figures.${figure}`)}</label>
              </div>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="publication-k">{t('publication.k')}</label>
            <p id="publication-k-hint" className="hint">
              {t('publication.kHint', { min: SUPPRESSION_K_MIN, max: SUPPRESSION_K_MAX })}
            </p>
            <input
              id="publication-k"
              type="number"
              inputMode="numeric"
              value={k}
              onChange={(event) => {
                setK(event.target.value);
                setPreview(null);
              }}
              aria-invalid={kError !== undefined}
              aria-describedby={`publication-k-hint${kError ? ' publication-k-error' : ''}`}
              data-testid="publication-k"
            />
            <FieldMessage id="publication-k-error" serverError={kError} />
          </div>
          <SubmitButton pending={saving.pending} label={t('publication.save')} testId="publication-save" />
        </form>
      </section>
      <section className="card" aria-labelledby="publication-preview-heading">
        <h2 id="publication-preview-heading">{t('publication.previewHeading')}</h2>
        <FormError failure={acting.failure} testId="publication-action-error" />
        {notice && <Notice testId="publication-notice">{notice}</Notice>}
        {saved.figures.length === 0 && <p className="muted">{t('publication.nothingChosen')}</p>}
        {unsaved && <p className="muted">{t('publication.unsaved')}</p>}
        <div className="row wrap">
          <button
            type="button"
            className="button-secondary"
            disabled={acting.pending || saving.pending || unsaved || saved.figures.length === 0}
            onClick={() => void showPreview()}
            data-testid="publication-preview-button"
          >
            {t('publication.preview')}
          </button>
          {preview && (
            <ConfirmButton
              label={t('publication.publish')}
              question={t('publication.publishQuestion')}
              confirmLabel={t('publication.publish')}
              disabled={acting.pending}
              testId="publication-publish"
              onConfirm={() => void publish()}
            />
          )}
        </div>
        {preview && <PublicationPreview snapshot={preview} />}
      </section>
    </>
  );
}
