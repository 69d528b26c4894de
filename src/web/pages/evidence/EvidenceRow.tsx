import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EVIDENCE_TYPES } from '../../../shared/evidence.schema.js';
import { errorCodeOf } from '../../api/client.js';
import {
  evidenceApi,
  fetchEvidenceBlob,
  saveBlob,
  type CustodyEvent,
  type EvidenceItem,
  type EvidenceOwner,
} from '../../api/evidence.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useDateFormat } from '../../components/format.js';
import { useApiGet } from '../../components/useApiGet.js';
import { errorMessage } from '../../i18n/i18n.js';
import { formatSize } from './evidence-words.js';

/**
 * One evidence file: its kind, cleaned name, size, who uploaded it and when, the SHA-256 of the original in full
 * (copyable), and what one may do with it. Every open and download is fetched through the API, which records it
 * in the file's custody history before a byte is sent.
 */
export function EvidenceRow({
  owner,
  item,
  canHandleOriginals,
}: {
  owner: EvidenceOwner;
  item: EvidenceItem;
  canHandleOriginals: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { dateTime } = useDateFormat();
  const [preview, setPreview] = useState<string | null>(null);
  const [custody, setCustody] = useState(false);
  const [copied, setCopied] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const image = EVIDENCE_TYPES[item.mediaType].image;
  useEffect(
    () => () => {
      if (preview !== null) URL.revokeObjectURL(preview);
    },
    [preview],
  );

  const fetchCopy = async (copy: 'working' | 'original') => {
    setProblem(null);
    try {
      return await fetchEvidenceBlob(evidenceApi(owner, `/${item.id}/${copy}`), item.name);
    } catch (error) {
      setProblem(errorMessage(t, errorCodeOf(error)));
      return undefined;
    }
  };
  const open = async () => {
    const file = await fetchCopy('working');
    if (file === undefined) return;
    // A photo is shown in place from a blob URL; any other file (no working copy) is saved as it is.
    if (image) setPreview(URL.createObjectURL(file.blob));
    else saveBlob(file.blob, file.name);
  };
  const download = async () => {
    const file = await fetchCopy('original');
    if (file !== undefined) saveBlob(file.blob, file.name);
  };
  const copyHash = async () => {
    try {
      await navigator.clipboard.writeText(item.sha256);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <li className="card stack" data-testid="evidence-item">
      <h3 className="evidence-name">{item.name}</h3>
      <dl className="facts">
        <div>
          <dt>{t('evidence.kind')}</dt>
          <dd data-testid="evidence-kind-label">{t(`evidence.kinds.${item.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('evidence.size')}</dt>
          <dd>{formatSize(t, i18n.resolvedLanguage ?? 'en', item.size)}</dd>
        </div>
        <div>
          <dt>{t('evidence.uploadedBy')}</dt>
          <dd>{item.uploadedBy.username ?? t('evidence.someone')}</dd>
        </div>
        <div>
          <dt>{t('evidence.uploadedWhen')}</dt>
          <dd>{dateTime(item.uploadedAt)}</dd>
        </div>
      </dl>
      {item.description !== null && <p className="pre-wrap">{item.description}</p>}
      <div>
        <span className="muted">{t('evidence.sha256')}</span>
        <div className="row">
          <code className="id" data-testid="evidence-sha256">
            {item.sha256}
          </code>
          <button type="button" className="button-secondary" onClick={() => void copyHash()}>
            {copied ? t('evidence.copied') : t('evidence.copy')}
          </button>
        </div>
      </div>
      <div className="button-row">
        <button type="button" className="button-secondary" onClick={() => void open()} data-testid="evidence-open">
          {item.hasWorkingCopy ? t('evidence.openWorking') : t('evidence.openOriginal')}
        </button>
        {canHandleOriginals && (
          <button
            type="button"
            className="button-secondary"
            onClick={() => void download()}
            data-testid="evidence-download"
          >
            {t('evidence.download')}
          </button>
        )}
        <button
          type="button"
          className="button-secondary"
          aria-expanded={custody}
          onClick={() => setCustody((shown) => !shown)}
          data-testid="evidence-custody-toggle"
        >
          {custody ? t('evidence.hideCustody') : t('evidence.custody')}
        </button>
      </div>
      {problem !== null && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {preview !== null && (
        <figure className="evidence-preview">
          <img src={preview} alt={t('evidence.previewOf', { name: item.name })} data-testid="evidence-preview" />
          <figcaption>
            <button type="button" className="button-secondary" onClick={() => setPreview(null)}>
              {t('evidence.close')}
            </button>
          </figcaption>
        </figure>
      )}
      {/* Remounted on every open, so the history shows the views just made. */}
      {custody && <CustodyList owner={owner} evidenceId={item.id} />}
    </li>
  );
}

function CustodyList({ owner, evidenceId }: { owner: EvidenceOwner; evidenceId: string }) {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  const { state, reload } = useApiGet<{ events: CustodyEvent[] }>(evidenceApi(owner, `/${evidenceId}/custody`));
  useEffect(() => reload(), [reload]);
  if (state.kind !== 'ready') return <LoadStatus state={state} onRetry={reload} testId="evidence-custody-status" />;
  return (
    <ol className="stack evidence-custody" data-testid="evidence-custody">
      {state.data.events.map((event) => (
        <li key={event.seq}>
          <span className="muted">{dateTime(event.at)}</span>{' '}
          {t(`evidence.actions.${event.action.replace('.', '_') as 'evidence_upload'}`, {
            who: event.actor.username ?? t('evidence.someone'),
          })}
          {event.outcome !== 'success' && ` ${t('evidence.outcomeDenied')}`}
        </li>
      ))}
    </ol>
  );
}
