import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyWork } from '../../api/cases.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';

/** My cases and my open tasks, soonest due first. */
export function MyWorkPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('myWork.title'));
  const { state, reload } = useApiGet<MyWork>('/api/me/work');
  return (
    <>
      <h1>{t('myWork.title')}</h1>
      <LoadStatus state={state} onRetry={reload} testId="my-work" />
      {state.kind === 'ready' && (
        <div className="stack">
          <section className="card">
            <h2>{t('myWork.tasks')}</h2>
            {state.data.tasks.length === 0 && <p className="muted">{t('myWork.noTasks')}</p>}
            <ul>
              {state.data.tasks.map((task) => (
                <li key={task.id} data-testid="mywork-task-row" data-overdue={task.overdue}>
                  <Link to={`/cases/${task.caseId}`}>{task.caseNumber}</Link> {task.title}
                  {task.dueDate !== null && ` · ${t('cases.due')} ${task.dueDate}`}
                  {task.overdue && <span className="badge badge-warn"> {t('cases.overdue')}</span>}
                </li>
              ))}
            </ul>
          </section>
          <section className="card">
            <h2>{t('myWork.cases')}</h2>
            {state.data.cases.length === 0 && <p className="muted">{t('myWork.noCases')}</p>}
            <ul>
              {state.data.cases.map((row) => (
                <li key={row.id} data-testid="mywork-case-row">
                  <Link to={`/cases/${row.id}`}>{row.number}</Link> {row.title} · {row.stage}
                </li>
              ))}
            </ul>
          </section>
        </div>
      )}
    </>
  );
}
