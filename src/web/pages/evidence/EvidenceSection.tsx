// Props: `{ owner: { kind: 'case' | 'incident'; id: string } }` (EvidenceOwner from src/shared/evidence.schema.ts)
// and nothing else: what the signed-in user may do is decided here from their role, as the server decides it
// (a case: those who work on it upload and take originals, a break-glass administrator only views; an incident:
// coordinators upload, everyone who may read it takes originals and packages). Mounted on the case page, and on
// the incident page as <EvidenceSection owner={{ kind: 'incident', id }} />.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../api/client.js';
import { evidenceApi, fetchEvidenceBlob, saveBlob, type EvidenceList, type EvidenceOwner } from '../../api/evidence.js';
import { useSession } from '../../auth/AuthContext.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { errorMessage } from '../../i18n/i18n.js';
import { EvidenceRow } from './EvidenceRow.js';
import { EvidenceUpload } from './EvidenceUpload.js';

/** The evidence files of a case or an incident: upload, list, view, originals, custody, the signed package. */
export function EvidenceSection({ owner }: { owner: EvidenceOwner }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { state, reload } = useApiGet<EvidenceList>(evidenceApi(owner));
  const [packageProblem, setPackageProblem] = useState<string | null>(null);
  const canUpload = owner.kind === 'case' ? user.role !== 'admin' : user.role === 'coordinator';
  const canHandleOriginals = user.role !== 'admin';
  const heading = `evidence-heading-${owner.kind}`;

  const downloadPackage = async () => {
    setPackageProblem(null);
    try {
      const file = await fetchEvidenceBlob(evidenceApi(owner, '/package'), 'evidence-package.zip');
      saveBlob(file.blob, file.name);
    } catch (error) {
      setPackageProblem(errorMessage(t, errorCodeOf(error)));
    }
  };

  return (
    <section className="card stack" aria-labelledby={heading} data-testid="evidence-section">
      <h2 id={heading}>{t('evidence.title')}</h2>
      {state.kind !== 'ready' ? (
        <LoadStatus state={state} onRetry={reload} testId="evidence-status" />
      ) : (
        <>
          {canUpload && <EvidenceUpload owner={owner} maxBytes={state.data.maxBytes} onUploaded={reload} />}
          {state.data.items.length === 0 ? (
            <p className="muted">{t('evidence.none')}</p>
          ) : (
            <>
              <ul className="stack evidence-list">
                {state.data.items.map((item) => (
                  <EvidenceRow key={item.id} owner={owner} item={item} canHandleOriginals={canHandleOriginals} />
                ))}
              </ul>
              {canHandleOriginals && (
                <div className="stack">
                  <div className="button-row">
                    <button type="button" onClick={() => void downloadPackage()} data-testid="evidence-package">
                      {t('evidence.packageDownload')}
                    </button>
                  </div>
                  <p className="hint">{t('evidence.packageHint')}</p>
                  {packageProblem !== null && (
                    <p className="field-error" role="alert">
                      {packageProblem}
                    </p>
                  )}
                </div>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
