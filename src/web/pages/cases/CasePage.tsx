import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { CASE_NUMBER_PATTERN } from '../../../shared/cases.schema.js';
import type { CaseDetail } from '../../api/cases.js';
import { useSession } from '../../auth/AuthContext.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { AssigneesSection, TimelineSection } from './CaseSections.js';
import { PeopleSection } from './PeopleSection.js';
import { TasksSection } from './TasksSection.js';
import { CaseHeader } from './CaseHeader.js';
import { RequestsSection } from './RequestsSection.js';
import { StageSection } from './StageSection.js';
import { CaseIncidentsSection } from '../incidents/CaseIncidentsSection.js';
import { CaseSourcesSection } from '../incidents/CaseSourcesSection.js';
import { EvidenceSection } from '../evidence/EvidenceSection.js';

/**
 * `/cases/:caseId`, where the id may also be a case number (2026-0001): the
 * number is looked up first, under the same access rule as the case.
 */
export function CasePage() {
  const { caseId = '' } = useParams();
  const byNumber = CASE_NUMBER_PATTERN.test(caseId);
  const found = useApiGet<{ id: string }>(byNumber ? `/api/cases/by-number/${encodeURIComponent(caseId)}` : null);
  if (!byNumber) return <CaseView caseId={caseId} />;
  if (found.state.kind !== 'ready') return <LoadStatus state={found.state} onRetry={found.reload} testId="case" />;
  return <CaseView caseId={found.state.data.id} />;
}

/** One case: its header, the requests it came from, stage and outcome, assignees, people, tasks, evidence files and timeline. */
function CaseView({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { state, reload } = useApiGet<CaseDetail>(`/api/cases/${encodeURIComponent(caseId)}`);
  // An administrator reaches a case only through break-glass, which grants reading and nothing else.
  const readOnly = user.role === 'admin';
  useDocumentTitle(state.kind === 'ready' ? state.data.number : t('cases.title'));
  if (state.kind !== 'ready') return <LoadStatus state={state} onRetry={reload} testId="case" />;
  const detail = state.data;
  return (
    <>
      <CaseHeader detail={detail} readOnly={readOnly} onChanged={reload} />
      <div className="stack">
        <RequestsSection caseId={detail.id} />
        <StageSection detail={detail} readOnly={readOnly} onChanged={reload} />
        <AssigneesSection detail={detail} onChanged={reload} canAssign={user.role === 'coordinator'} />
        <PeopleSection detail={detail} onChanged={reload} canAdd={user.role !== 'admin'} />
        <TasksSection detail={detail} onChanged={reload} readOnly={readOnly} />
        {!readOnly && <CaseIncidentsSection caseId={detail.id} canEdit={user.role === 'coordinator'} />}
        {!readOnly && <CaseSourcesSection caseId={detail.id} />}
        <EvidenceSection owner={{ kind: 'case', id: detail.id }} />
        {/* Remounted when the case changes, so stage and outcome events appear at once. */}
        <TimelineSection key={detail.updatedAt} detail={detail} onChanged={reload} readOnly={readOnly} />
      </div>
    </>
  );
}
