import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MY_WORK_LIMIT } from '../../../shared/cases.schema.js';
import type { MyWork } from '../../api/cases.js';
import { useSession } from '../../auth/AuthContext.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useDateFormat } from '../../components/format.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { useTermLabel } from '../../vocab/terms.js';

/** One list of My work: its heading, its rows or a line saying there are none, and a note when it was cut short. */
function WorkList({
  id,
  heading,
  empty,
  more,
  children,
}: {
  id: string;
  heading: string;
  empty: string | null;
  more: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={`${id}-heading`} data-testid={id}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      {empty !== null && <p className="muted">{empty}</p>}
      <ul className="stack">{children}</ul>
      {more !== null && <p className="muted">{more}</p>}
    </section>
  );
}

/**
 * My work: my open tasks (overdue first, then by due date), my open cases
 * with their next deadline, and the intake requests waiting for me.
 */
export function MyWorkPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('myWork.title'));
  const format = useDateFormat();
  const stageLabel = useTermLabel('stage');
  const regionLabel = useTermLabel('region');
  const { state, reload } = useApiGet<MyWork>('/api/me/work');
  const limit = { count: MY_WORK_LIMIT };
  // Which lists this role has at all: an intake volunteer holds no cases, a caseworker or lawyer triages nothing.
  const { role } = useSession().user;
  const works = role !== 'intake';
  const triages = role === 'intake' || role === 'coordinator';
  return (
    <>
      <h1>{t('myWork.title')}</h1>
      <LoadStatus state={state} onRetry={reload} testId="my-work" />
      {state.kind === 'ready' && (
        <div className="stack">
          {works && (
            <WorkList
              id="mywork-tasks"
              heading={t('myWork.tasks')}
              empty={state.data.tasks.length === 0 ? t('myWork.noTasks') : null}
              more={state.data.moreTasks ? t('myWork.more', limit) : null}
            >
              {state.data.tasks.map((task) => (
                <li key={task.id} data-testid="mywork-task-row" data-overdue={task.overdue}>
                  <Link to={`/cases/${task.caseId}`}>{task.caseNumber}</Link> {task.title}
                  <span className="muted">
                    {' · '}
                    {task.dueDate === null
                      ? t('tasks.noDueDate')
                      : t('tasks.dueOn', { date: format.date(task.dueDate) })}
                  </span>
                  {task.overdue && <span className="badge badge-warn">{t('tasks.overdue')}</span>}
                </li>
              ))}
            </WorkList>
          )}
          {works && (
            <WorkList
              id="mywork-cases"
              heading={t('myWork.cases')}
              empty={state.data.cases.length === 0 ? t('myWork.noCases') : null}
              more={
                state.data.moreCases ? (
                  <>
                    {t('myWork.moreCases', limit)} <Link to="/cases">{t('cases.title')}</Link>
                  </>
                ) : null
              }
            >
              {state.data.cases.map((row) => (
                <li key={row.id} data-testid="mywork-case-row">
                  <Link to={`/cases/${row.id}`}>{row.number}</Link> {row.title}
                  <span className="muted">
                    {' · '}
                    {stageLabel(row.stage)}
                    {' · '}
                    {row.nextDueDate === null
                      ? t('myWork.noDeadline')
                      : t('myWork.nextDeadline', { date: format.date(row.nextDueDate) })}
                  </span>
                </li>
              ))}
            </WorkList>
          )}
          {triages && (
            <WorkList
              id="mywork-requests"
              heading={t('myWork.requests')}
              empty={state.data.requests.length === 0 ? t('myWork.noRequests') : null}
              more={
                state.data.moreRequests ? (
                  <>
                    {t('myWork.moreRequests', limit)} <Link to="/triage">{t('myWork.queue')}</Link>
                  </>
                ) : null
              }
            >
              {state.data.requests.map((request) => (
                <li key={request.id} data-testid="mywork-request-row" data-urgency={request.urgency}>
                  <Link to={`/triage/${request.id}`}>{t(`triage.urgencies.${request.urgency}`)}</Link>
                  <span className="muted">
                    {' · '}
                    {t(`triage.statuses.${request.status}`)}
                    {request.region !== null && ` · ${regionLabel(request.region)}`}
                    {' · '}
                    {t('myWork.received', { when: format.relative(request.createdAt) })}
                  </span>
                </li>
              ))}
            </WorkList>
          )}
        </div>
      )}
    </>
  );
}
