import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NotificationList, NotificationOut, UnreadCount } from '../../shared/home.schema.js';
import type { ErrorCode } from '../../shared/errors.js';
import { apiPost, errorCodeOf } from '../api/client.js';
import { useApiQuery, useInvalidate } from '../api/query.js';
import { errorMessage } from '../i18n/i18n.js';
import { useDateFormat } from './format.js';
import { BellIcon } from './icons.js';
import { LoadStatus } from './LoadStatus.js';
import { useApiGet } from './useApiGet.js';
import { useDisclosure } from './useDisclosure.js';

const PANEL_ID = 'notifications-panel';
/** The bell asks for its count this often while the page is open (the list itself only when opened). */
const UNREAD_EVERY_MS = 60_000;

/** Where a notification leads: the case (a task's too) or the request. */
function targetOf(item: NotificationOut): string | undefined {
  if (item.case !== null) return `/cases/${item.case.id}`;
  if (item.intake !== null) return `/triage/${item.intake.id}`;
  return undefined;
}

function useNotificationText() {
  const { t } = useTranslation();
  const { relative } = useDateFormat();
  return (item: NotificationOut): string => {
    if (item.intake !== null) {
      const received = relative(item.intake.createdAt);
      return item.kind === 'follow_up'
        ? t('notifications.followUpRequest', { received })
        : t(`notifications.kinds.${item.kind}`, { received });
    }
    return t(`notifications.kinds.${item.kind}`, {
      number: item.case?.number ?? '',
      title: item.case?.title ?? '',
      task: item.task?.title ?? '',
    });
  };
}

/**
 * The bell in the header: how many notifications are unread, and the list
 * when opened (a disclosure: aria-expanded, aria-controls; closes on Escape
 * and when a link is followed). Following one marks it read.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const { open, buttonProps } = useDisclosure();
  const invalidate = useInvalidate();
  const unread = useApiQuery<UnreadCount>('/api/notifications/unread', { refetchInterval: UNREAD_EVERY_MS });
  const count = unread.data?.unread ?? 0;
  const label =
    unread.data?.capped === true
      ? t('notifications.bellUnreadMany', { count })
      : count > 0
        ? t('notifications.bellUnread', { count })
        : t('notifications.bell');

  const changed = () => invalidate('/api/notifications');

  return (
    <div className="notification-bell">
      <button
        type="button"
        {...buttonProps(PANEL_ID, () => void changed())}
        className="button-secondary bell-button"
        aria-label={label}
        title={label}
        data-testid="bell"
      >
        <BellIcon />
        {count > 0 && (
          <span className="badge badge-bad" data-testid="bell-count" aria-hidden="true">
            {unread.data?.capped === true ? `${String(count)}+` : count}
          </span>
        )}
      </button>
      {open && <NotificationPanel onChange={changed} />}
    </div>
  );
}

function NotificationPanel({ onChange }: { onChange: () => Promise<void> }) {
  const { t } = useTranslation();
  const { relative } = useDateFormat();
  const text = useNotificationText();
  const { state, reload } = useApiGet<NotificationList>('/api/notifications');
  const [failed, setFailed] = useState<ErrorCode | null>(null);

  async function mark(path: `/api/notifications/${string}`) {
    try {
      await apiPost(path);
      setFailed(null);
    } catch (error) {
      setFailed(errorCodeOf(error));
    }
    await onChange();
  }

  const items = state.kind === 'ready' ? state.data.notifications : [];
  return (
    <section id={PANEL_ID} className="notification-panel card" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">{t('notifications.heading')}</h2>
      <LoadStatus state={state} onRetry={reload} testId="notifications" />
      {failed !== null && (
        <p className="alert" role="alert" data-testid="notifications-failed">
          {errorMessage(t, failed)}
        </p>
      )}
      {state.kind === 'ready' && items.length === 0 && <p className="muted">{t('notifications.empty')}</p>}
      {items.length > 0 && (
        <>
          <ul data-testid="notification-list">
            {items.map((item) => {
              const to = targetOf(item);
              return (
                <li key={item.id} data-testid="notification" data-kind={item.kind} data-read={item.read}>
                  {to === undefined ? (
                    text(item)
                  ) : (
                    <Link to={to} onClick={() => void mark(`/api/notifications/${item.id}/read`)}>
                      {text(item)}
                    </Link>
                  )}{' '}
                  <span className="muted">{relative(item.createdAt)}</span>
                  {!item.read && <span className="badge">{t('notifications.unread')}</span>}
                </li>
              );
            })}
          </ul>
          <button
            type="button"
            className="button-secondary"
            onClick={() => void mark('/api/notifications/read')}
            data-testid="notifications-read-all"
          >
            {t('notifications.markAll')}
          </button>
        </>
      )}
    </section>
  );
}
