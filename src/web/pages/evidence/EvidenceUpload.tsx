import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EVIDENCE_KINDS, type EvidenceKind } from '../../../shared/evidence.schema.js';
import { ApiError } from '../../api/client.js';
import { UploadAborted, uploadEvidenceFile, type EvidenceOwner, type UploadHandle } from '../../api/evidence.js';
import { formatSize, refusalWords } from './evidence-words.js';

/** One file's upload as the section shows it. */
interface Sending {
  key: number;
  name: string;
  share: number;
  handle: UploadHandle | null;
  /** What became of it, once it ended. */
  result?: { ok: boolean; words: string };
}

/**
 * Upload by dropping files or choosing them: one or many, with a kind and a description for all of them; each
 * file sent on its own with a progress bar and a cancel button. A file over the limit is refused here, before
 * any byte is sent; the server's refusals (its type, its size) are worded naming the file.
 */
export function EvidenceUpload({
  owner,
  maxBytes,
  onUploaded,
}: {
  owner: EvidenceOwner;
  maxBytes: number;
  onUploaded: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const [kind, setKind] = useState<EvidenceKind>('other');
  const [description, setDescription] = useState('');
  const [sending, setSending] = useState<Sending[]>([]);
  const [over, setOver] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const counter = useRef(0);

  const update = (key: number, change: Partial<Sending>) =>
    setSending((all) => all.map((s) => (s.key === key ? { ...s, ...change } : s)));

  const send = (files: File[]) => {
    for (const file of files) {
      counter.current += 1;
      const key = counter.current;
      if (file.size > maxBytes) {
        const words = refusalWords(t, language, file, new ApiError('FILE_TOO_LARGE', 413, ''), maxBytes);
        setSending((all) => [...all, { key, name: file.name, share: 0, handle: null, result: { ok: false, words } }]);
        continue;
      }
      const handle = uploadEvidenceFile(owner, file, { kind, description }, (share) => update(key, { share }));
      setSending((all) => [...all, { key, name: file.name, share: 0, handle }]);
      handle.done.then(
        (item) => {
          update(key, {
            share: 1,
            handle: null,
            result: { ok: true, words: t('evidence.uploaded', { name: item.name }) },
          });
          onUploaded();
        },
        (error: unknown) => {
          const words =
            error instanceof UploadAborted
              ? t('evidence.cancelled', { name: file.name })
              : refusalWords(t, language, file, error, maxBytes);
          update(key, { handle: null, result: { ok: false, words } });
        },
      );
    }
  };

  const dropped = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    send([...event.dataTransfer.files]);
  };

  return (
    <div className="stack" data-testid="evidence-upload">
      <div className="row">
        <label className="field">
          <span>{t('evidence.kind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as EvidenceKind)} data-testid="evidence-kind">
            {EVIDENCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`evidence.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('evidence.description')}</span>
          <input
            value={description}
            maxLength={2000}
            onChange={(e) => setDescription(e.target.value)}
            data-testid="evidence-description"
          />
        </label>
      </div>
      <div
        className={over ? 'evidence-drop evidence-drop-over' : 'evidence-drop'}
        data-testid="evidence-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={dropped}
      >
        <p>{t('evidence.dropHere')}</p>
        <button type="button" className="button-secondary" onClick={() => picker.current?.click()}>
          {t('evidence.choose')}
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          className="visually-hidden"
          aria-label={t('evidence.choose')}
          data-testid="evidence-file"
          onChange={(e) => {
            send([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
        <p className="hint">{t('evidence.dropHint', { limit: formatSize(t, language, maxBytes) })}</p>
      </div>
      {sending.length > 0 && (
        <ul className="stack evidence-sending" aria-live="polite">
          {sending.map((s) => (
            <li key={s.key} data-testid="evidence-sending">
              {s.result === undefined ? (
                <div className="row">
                  <label className="evidence-progress">
                    <span>{t('evidence.uploading', { name: s.name })}</span>
                    <progress max={1} value={s.share} />
                  </label>
                  <button type="button" className="button-secondary" onClick={() => s.handle?.abort()}>
                    {t('evidence.cancel')}
                  </button>
                </div>
              ) : (
                <p className={s.result.ok ? 'notice' : 'field-error'} role={s.result.ok ? undefined : 'alert'}>
                  {s.result.words}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
