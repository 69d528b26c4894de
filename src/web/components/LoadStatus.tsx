import { useTranslation } from 'react-i18next';
import { errorMessage } from '../i18n/i18n.js';
import type { LoadState } from './useApiGet.js';

/**
 * The loading line (`loadingText`, "Loading…" unless given) or the error with
 * a retry button, for any state but ready.
 */
export function LoadStatus<T>({
  state,
  onRetry,
  testId,
  loadingText,
}: {
  state: LoadState<T>;
  onRetry: () => void;
  testId: string;
  loadingText?: string;
}) {
  const { t } = useTranslation();
  if (state.kind === 'loading') {
    return (
      <p className="muted" role="status" data-testid={`${testId}-loading`}>
        {loadingText ?? t('common.loading')}
      </p>
    );
  }
  if (state.kind === 'failed') {
    return (
      <div className="alert" role="alert" data-testid={`${testId}-error`} data-code={state.code}>
        <p>{errorMessage(t, state.code)}</p>
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  return null;
}
