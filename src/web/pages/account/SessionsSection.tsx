import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MySession, MySessionsResponse } from '../../api/accounts.js';
import { apiDelete } from '../../api/client.js';
import { describeUserAgent, useDateFormat } from '../../components/format.js';
import { FormError, Notice, useSubmit } from '../../components/forms.js';
import { LoadStatus } from '../../components/LoadStatus.js';
import { useApiGet } from '../../components/useApiGet.js';
import { TableHead } from '../../components/TableHead.js';

/** Where I am signed in, with a way to end any other session. */
export function SessionsSection() {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  const { state, reload } = useApiGet<MySessionsResponse>('/api/me/sessions');
  const { pending, failure, run } = useSubmit();
  const [ended, setEnded] = useState<number | null>(null);

  const sessions = state.kind === 'ready' ? state.data.sessions : [];
  const others = sessions.filter((s) => !s.current);

  async function end(targets: readonly MySession[]) {
    setEnded(null);
    const done = await run(async () => {
      // One by one: there is no "all but this one" call, and a failure stops the rest.
      for (const session of targets) await apiDelete(`/api/me/sessions/${encodeURIComponent(session.id)}`);
      return targets.length;
    });
    if (done !== undefined) setEnded(done);
    reload();
  }

  return (
    <section className="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t('account.sessionsHeading')}</h2>
      <p className="muted">{t('account.sessionsIntro')}</p>
      <LoadStatus state={state} onRetry={reload} testId="sessions" />
      <FormError failure={failure} testId="sessions-action-error" />
      {ended !== null && <Notice testId="sessions-ended">{t('account.sessionsEnded')}</Notice>}
      {state.kind === 'ready' && (
        <>
          <table className="data-table" data-testid="sessions-table">
            <TableHead columns={[t('account.device'), t('account.signedInAt'), t('account.lastSeen')]} actions />
            <tbody>
              {sessions.map((session) => (
                <tr key={session.id} data-testid="session-row" data-current={session.current}>
                  <td data-label={t('account.device')}>
                    <span title={session.userAgent}>{describeUserAgent(session.userAgent)}</span>
                    {session.current && (
                      <>
                        {' '}
                        <span className="badge badge-ok" data-testid="session-current">
                          {t('account.thisSession')}
                        </span>
                      </>
                    )}
                  </td>
                  <td data-label={t('account.signedInAt')}>{dateTime(session.createdAt)}</td>
                  <td data-label={t('account.lastSeen')}>{dateTime(session.lastSeenAt)}</td>
                  <td className="actions">
                    {!session.current && (
                      <button
                        type="button"
                        className="button-secondary"
                        disabled={pending}
                        onClick={() => void end([session])}
                        data-testid="session-end"
                      >
                        {t('account.endSession')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="form-actions">
            <button
              type="button"
              disabled={pending || others.length === 0}
              onClick={() => void end(others)}
              data-testid="sessions-end-others"
            >
              {t('account.endOthers')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
