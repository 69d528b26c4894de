import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssignableUsers, CaseDetail, Timeline, TimelineEvent } from '../../api/cases.js';
import { apiGet, apiPost, apiPut, type ApiPath } from '../../api/client.js';
import { FormError, useSubmit } from '../../components/forms.js';
import { useApiGet } from '../../components/useApiGet.js';
import { useDateFormat } from '../../components/format.js';
import { NOTE_MAX } from '../../../shared/cases.schema.js';
import { useEventWords } from './timeline-words.js';

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
          <select
            data-testid="case-assign-user"
            aria-label={t('cases.assignWho')}
            value={userId}
            onChange={(event) => setUserId(event.target.value)}
          >
            <option value="">{t('terms.none')}</option>
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

/** The button that opens a form kept closed until it is used. */
export function OpenFormButton({ label, testId, onOpen }: { label: string; testId: string; onOpen: () => void }) {
  return (
    <button type="button" className="button-secondary" onClick={onOpen} data-testid={testId}>
      {label}
    </button>
  );
}

/**
 * The timeline, newest first: who did what, in words. The note form opens
 * on demand; the server answers a page at a time and "show older" appends the
 * next one.
 */
export function TimelineSection({ detail, onChanged, readOnly = false }: SectionProps) {
  const { t } = useTranslation();
  const words = useEventWords();
  const { dateTime } = useDateFormat();
  const path: ApiPath = `/api/cases/${detail.id}/timeline`;
  const { state, reload } = useApiGet<Timeline>(path);
  const [older, setOlder] = useState<Timeline | null>(null);
  const [writing, setWriting] = useState(false);
  const [body, setBody] = useState('');
  const { pending, failure, run } = useSubmit();
  const more = useSubmit();
  async function add(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const ok = await run(() => apiPost(`/api/cases/${detail.id}/notes`, { body }).then(() => true));
    if (ok) {
      setBody('');
      setWriting(false);
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
    <section className="card" aria-labelledby="case-timeline-heading">
      <h2 id="case-timeline-heading">{t('cases.timeline')}</h2>
      {!readOnly && !writing && (
        <OpenFormButton label={t('casePage.writeNote')} testId="note-open" onOpen={() => setWriting(true)} />
      )}
      {!readOnly && writing && (
        <form className="stack" onSubmit={(event) => void add(event)}>
          <FormError failure={failure} />
          <label>
            {t('cases.noteBody')}
            <textarea
              data-testid="note-body"
              required
              maxLength={NOTE_MAX}
              value={body}
              onChange={(event) => setBody(event.target.value)}
            />
          </label>
          <div className="row wrap">
            <button type="submit" disabled={pending} data-testid="note-submit">
              {t('cases.addNote')}
            </button>
            <button type="button" className="button-secondary" onClick={() => setWriting(false)}>
              {t('casePage.cancel')}
            </button>
          </div>
        </form>
      )}
      {state.kind === 'ready' && (
        <ol className="stack">
          {events.map((e) => (
            <li key={e.id} data-testid="timeline-item" data-kind={e.kind}>
              <strong data-testid="timeline-words">{words(e)}</strong>{' '}
              <span className="muted">
                {dateTime(e.at)} · {t('timeline.by', { actor: e.actorUsername ?? t('timeline.someone') })}
              </span>
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
