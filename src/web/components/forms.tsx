import { useCallback, useId, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../shared/errors.js';
import { ApiError, type FieldError } from '../api/client.js';
import { errorMessage } from '../i18n/i18n.js';

/**
 * What a failed submit left to show. The code, not the text, is kept, so the
 * message follows a language switch.
 */
export interface FormFailure {
  code: ErrorCode;
  fields: readonly FieldError[];
  retryAfter?: number | undefined;
}

export function failureOf(error: unknown): FormFailure {
  if (error instanceof ApiError) return { code: error.code, fields: error.fields, retryAfter: error.retryAfter };
  return { code: 'INTERNAL_ERROR', fields: [] };
}

/**
 * Runs one submit at a time: `pending` while it runs (buttons disable on it),
 * `failure` when it failed. `run` resolves with the call's result, or
 * undefined when it failed.
 */
export function useSubmit() {
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const run = useCallback(async <T,>(call: () => Promise<T>): Promise<T | undefined> => {
    setPending(true);
    setFailure(null);
    try {
      return await call();
    } catch (error) {
      setFailure(failureOf(error));
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);
  const clear = useCallback(() => setFailure(null), []);
  return { pending, failure, run, setFailure, clear };
}

/** What the server said about one field, when it named that field. */
export function serverFieldMessage(failure: FormFailure | null, path: string): FieldError | undefined {
  return failure?.fields.find((f) => f.path === path);
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-invalid' | 'aria-describedby'>;

interface TextFieldProps extends InputProps {
  label: ReactNode;
  /** Help shown under the label, tied to the input by aria-describedby. */
  hint?: ReactNode;
  /** A message of our own (client-side check), in the current language. */
  error?: string | undefined;
  /** What the server said about this field: worded here by its reason code. */
  serverError?: FieldError | undefined;
  testId?: string;
}

/** A labelled input with its hint and its error next to it. */
export function TextField({ label, hint, error, serverError, testId, className, ...input }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = error !== undefined || serverError !== undefined;
  const describedBy = [hint ? hintId : null, invalid ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      <input
        id={id}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy || undefined}
        data-testid={testId}
        {...input}
      />
      <FieldMessage id={errorId} error={error} serverError={serverError} />
    </div>
  );
}

/**
 * The error under a field: ours, or the server's worded by its reason code,
 * both in the current language. Only a rule of the service (reason
 * `invalid`) has no wording of its own here: its English detail is shown,
 * marked as the server's.
 */
export function FieldMessage({
  id,
  error,
  serverError,
}: {
  id: string;
  error?: string | undefined;
  serverError?: FieldError | undefined;
}) {
  const { t } = useTranslation();
  if (error !== undefined) {
    return (
      <p id={id} className="field-error">
        {error}
      </p>
    );
  }
  if (serverError !== undefined) {
    return (
      <p id={id} className="field-error" data-reason={serverError.reason}>
        {serverError.reason === 'invalid' ? (
          <>
            {t('forms.serverSays')} <span lang="en">{serverError.message}</span>
          </>
        ) : (
          t(`fieldReasons.${serverError.reason}`, { limit: serverError.limit })
        )}
      </p>
    );
  }
  return null;
}

/** The form-level error: the localized message for the code, and for RATE_LIMITED how long to wait. */
export function FormError({ failure, testId = 'form-error' }: { failure: FormFailure | null; testId?: string }) {
  const { t, i18n } = useTranslation();
  if (!failure) return null;
  return (
    <div className="alert" role="alert" data-testid={testId} data-code={failure.code}>
      <p>{errorMessage(t, failure.code)}</p>
      {failure.code === 'RATE_LIMITED' && failure.retryAfter !== undefined && (
        <p data-testid="retry-after">{waitText(t, i18n.resolvedLanguage ?? 'en', failure.retryAfter)}</p>
      )}
    </div>
  );
}

// Intl chooses the plural form ("1 минута", "2 минуты", "5 минут"), which the
// message resources cannot hold: Russian has more forms than English.
function waitText(t: ReturnType<typeof useTranslation>['t'], language: string, seconds: number): string {
  const minutes = seconds >= 90;
  const wait = new Intl.NumberFormat(language, {
    style: 'unit',
    unit: minutes ? 'minute' : 'second',
    unitDisplay: 'long',
  }).format(minutes ? Math.ceil(seconds / 60) : Math.max(1, seconds));
  return t('forms.retryWait', { wait });
}

/** A short confirmation after a successful action, announced to screen readers. */
export function Notice({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p className="notice" role="status" data-testid={testId}>
      {children}
    </p>
  );
}
