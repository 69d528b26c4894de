import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssignableUsers, CaseDetail, Timeline, TimelineEvent } from '../../api/cases.js';
import { apiGet, apiPost, apiPut, type ApiPath } from '../../api/client.js';
import { FormError, useSubmit } from '../../components/forms.js';
import { useApiGet } from '../../components/useApiGet.js';

interface SectionProps {
  detail: CaseDetail;
  onChanged: () => void;
  /** Reading only (an administrator through break-glass): no forms that the server would refuse. */
  readOnly?: boolean;
}

/** Assignees, and for coordinators a picker to grant the case to someone. */
export function AssigneesSection({ detail, onChanged, canAssign }: SectionProps & { canAssign: boolean }) {
  const { t } = useTranslation();
  const users = useApiGet<AssignableUsers>(canAssign ? `/api/cases/${detail.id}/assignable` : null);
  const [userId, setUserId] = useState('');
  const { pending, failure, run } = useSubmit();
  async function assign(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (userId === '') return;
    const ok = await run(() => apiPut(`/api/cases/${detail.id}/grants/${userId}`).then(() => true));
    if (ok) onChanged();
  }
  return (
    <section className="card">
      <h2>{t('cases.assignees')}</h2>
      {detail.assignees.length === 0 && <p className="muted">{t('cases.nobody')}</p>}
      <ul>
        {detail.assignees.map((a) => (
          <li key={a.userId}>
            {a.username} · {t(`roles.${a.role}`)}
          </li>
        ))}
      </ul>
      {canAssign && users.state.kind === 'ready' && (
        <form className="row wrap" onSubmit={(event) => void assign(event)}>
          <FormError failure={failure} />
          <select data-testid="case-assign-user" value={userId} onChange={(event) => setUserId(event.target.value)}>
            <option value="" />
            {users.state.data.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.username} ({t(`roles.${u.role}`)})
              </option>
            ))}
          </select>
          <button type="submit" disabled={pending} data-testid="case-assign-submit">
            {t('cases.assign')}
          </button>
        </form>
      )}
    </section>
  );
}

/**
 * The timeline, newest first, with a form to add a note. The server answers a
 * page at a time; "show older" appends the next one.
 */
export function TimelineSection({ detail, onChanged, readOnly = false }: SectionProps) {
  const { t } = useTranslation();
  const path: ApiPath = `/api/cases/${detail.id}/timeline`;
  const { state, reload } = useApiGet<Timeline>(path);
  const [older, setOlder] = useState<Timeline | null>(null);
  const [body, setBody] = useState('');
  const { pending, failure, run } = useSubmit();
  const more = useSubmit();
  async function add(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const ok = await run(() => apiPost(`/api/cases/${detail.id}/notes`, { body }).then(() => true));
    if (ok) {
      setBody('');
      setOlder(null);
      reload();
      onChanged();
    }
  }
  async function showOlder(cursor: string) {
    const page = await more.run(() => apiGet<Timeline>(`${path}?cursor=${encodeURIComponent(cursor)}`));
    if (page !== undefined) {
      setOlder((shown) => ({ events: [...(shown?.events ?? []), ...page.events], nextCursor: page.nextCursor }));
    }
  }
  const events: TimelineEvent[] = state.kind === 'ready' ? [...state.data.events, ...(older?.events ?? [])] : [];
  const nextCursor = state.kind !== 'ready' ? null : older === null ? state.data.nextCursor : older.nextCursor;
  return (
    <section className="card">
      <h2>{t('cases.timeline')}</h2>
      {!readOnly && (
        <form className="stack" onSubmit={(event) => void add(event)}>
          <FormError failure={failure} />
          <label>
            {t('cases.noteBody')}
            <textarea
              data-testid="note-body"
              required
              maxLength={20000}
              value={body}
              onChange={(event) => setBody(event.target.value)}
            />
          </label>
          <button type="submit" disabled={pending} data-testid="note-submit">
            {t('cases.addNote')}
          </button>
        </form>
      )}
      {state.kind === 'ready' && (
        <ol className="stack">
          {events.map((e) => (
            <li key={e.id} data-testid="timeline-item" data-kind={e.kind}>
              <strong>{t(`cases.kinds.${e.kind}`, { defaultValue: e.kind })}</strong>{' '}
              <span className="muted">
                {e.at.slice(0, 16).replace('T', ' ')} · {e.actorUsername ?? ''}
              </span>
              {e.stageTo !== null && (
                <span>
                  {' '}
                  {e.stageFrom ?? ''} → {e.stageTo}
                </span>
              )}
              {e.body !== null && <p className="pre-wrap">{e.body}</p>}
            </li>
          ))}
        </ol>
      )}
      <FormError failure={more.failure} testId="timeline-older-error" />
      {nextCursor !== null && (
        <button
          type="button"
          className="button-secondary"
          disabled={more.pending}
          onClick={() => void showOlder(nextCursor)}
          data-testid="timeline-older"
        >
          {t('cases.showOlder')}
        </button>
      )}
    </section>
  );
}
