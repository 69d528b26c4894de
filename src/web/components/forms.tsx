import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useId, useMemo, useState, type ComponentProps, type ReactNode, type SubmitEvent } from 'react';
import {
  useForm,
  type DefaultValues,
  type FieldError as FormFieldError,
  type FieldValues,
  type Path,
  type RegisterOptions,
} from 'react-hook-form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
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

/** What every field shows around its control: label, hint, our error or the server's. */
interface FieldFrameProps {
  label: ReactNode;
  /** Help shown under the label, tied to the control by aria-describedby. */
  hint?: ReactNode | undefined;
  /** A message of our own (client-side check), in the current language. */
  error?: string | undefined;
  /** What the server said about this field: worded here by its reason code. */
  serverError?: FieldError | undefined;
  testId?: string | undefined;
  className?: string | undefined;
}

type ControlProps = 'id' | 'aria-invalid' | 'aria-describedby' | 'className';

/**
 * The frame of a labelled control: `control` receives the id and the ARIA
 * links to the hint and the error, and renders the input, select or textarea.
 */
function FieldFrame({
  label,
  hint,
  error,
  serverError,
  testId,
  className,
  control,
}: FieldFrameProps & {
  control: (props: {
    id: string;
    'aria-invalid'?: true;
    'aria-describedby'?: string;
    'data-testid'?: string;
  }) => ReactNode;
}) {
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
      {control({
        id,
        ...(invalid ? { 'aria-invalid': true as const } : {}),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(testId === undefined ? {} : { 'data-testid': testId }),
      })}
      <FieldMessage id={errorId} error={error} serverError={serverError} />
    </div>
  );
}

/** Splits a field's own props from the control's, so either can be spread (a registration from useSchemaForm among them). */
function frameProps<T extends FieldFrameProps>({ label, hint, error, serverError, testId, className, ...control }: T) {
  return { frame: { label, hint, error, serverError, testId, className }, control };
}

type TextFieldProps = FieldFrameProps & Omit<ComponentProps<'input'>, ControlProps>;

/** A labelled input with its hint and its error next to it. */
export function TextField(props: TextFieldProps) {
  const { frame, control } = frameProps(props);
  return <FieldFrame {...frame} control={(aria) => <input {...aria} {...control} />} />;
}

type SelectFieldProps = FieldFrameProps & Omit<ComponentProps<'select'>, ControlProps>;

/** A labelled select; its options are the children. */
export function SelectField(props: SelectFieldProps) {
  const { frame, control } = frameProps(props);
  return <FieldFrame {...frame} control={(aria) => <select {...aria} {...control} />} />;
}

type TextAreaFieldProps = FieldFrameProps & Omit<ComponentProps<'textarea'>, ControlProps>;

/** A labelled textarea. */
export function TextAreaField(props: TextAreaFieldProps) {
  const { frame, control } = frameProps(props);
  return <FieldFrame {...frame} control={(aria) => <textarea {...aria} {...control} />} />;
}

/** The bounds a schema sets on its top-level fields (from its JSON Schema), to word too_short and too_long. */
type Bounds = Record<string, { minLength?: number; maxLength?: number; minimum?: number; maximum?: number }>;

function boundsOf(schema: z.ZodType): Bounds {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Bounds };
  return json.properties ?? {};
}

/**
 * A client-side problem in the reader's language. Zod issues are worded by
 * the reason the server would give (messages under `fieldReasons`); a
 * refinement of the web app's own carries an i18n key as its message.
 */
function useProblemText(bounds: Bounds, wording: FormWording) {
  const { t, i18n } = useTranslation();
  // Keys checked to exist at run time; the types know only literal keys.
  const named = t as unknown as (key: string, options: object) => string;
  return (path: string, problem: FormFieldError | undefined, value: unknown): string | undefined => {
    if (problem === undefined) return undefined;
    const bound = bounds[path] ?? {};
    const empty =
      value === undefined ||
      value === null ||
      Number.isNaN(value) ||
      (typeof value === 'string' && value.trim() === '');
    const text = typeof value === 'string';
    // An issue's code as zodResolver keeps it (RHF types it as its own rule names).
    switch (String(problem.type)) {
      case 'invalid_type':
        return t(empty ? 'fieldReasons.required' : 'fieldReasons.invalid_type');
      case 'too_small':
        if (empty) return t('fieldReasons.required');
        return text
          ? t('fieldReasons.too_short', { limit: bound.minLength })
          : t('fieldReasons.too_small', { limit: bound.minimum });
      case 'too_big':
        return text
          ? t('fieldReasons.too_long', { limit: bound.maxLength })
          : t('fieldReasons.too_large', { limit: bound.maximum });
      case 'invalid_value':
        return t(empty ? 'fieldReasons.required' : 'fieldReasons.invalid_value');
      default: {
        if (empty) return t('fieldReasons.required');
        const key = wording.messages?.[path] ?? problem.message ?? '';
        return i18n.exists(key) ? named(key, { ...bound, ...wording.interpolation }) : t('fieldReasons.invalid_format');
      }
    }
  };
}

/**
 * How a form words what its schema's refinements say: `messages` names the
 * i18n key for a field's refinement or pattern (the server's English message
 * otherwise, when it is no key of ours); `interpolation` fills those messages.
 */
export interface FormWording {
  messages?: Partial<Record<string, string>>;
  interpolation?: Record<string, unknown>;
  /**
   * Refusals that concern one field (a taken username, a wrong token): shown
   * at that field, worded by `message` (an i18n key; `errors.<code>` unless
   * given). `formFailure` leaves them out, for the error above the form.
   */
  atField?: Partial<Record<ErrorCode, { field: string; message?: string }>>;
}

/**
 * A form over the server's own schema for the endpoint (React Hook Form with
 * zodResolver), with the submit state of useSubmit. `field(name)` gives what a
 * TextField or SelectField takes: the registration, our error worded by
 * reason, and the server's error for that field.
 */
export function useSchemaForm<Input extends FieldValues, Output>(
  schema: z.ZodType<Output, Input>,
  defaultValues: DefaultValues<Input>,
  wording: FormWording = {},
) {
  const form = useForm<Input, unknown, Output>({ resolver: zodResolver(schema), defaultValues });
  const submit = useSubmit();
  const bounds = useMemo(() => boundsOf(schema), [schema]);
  const problemText = useProblemText(bounds, wording);
  const { t } = useTranslation();
  // The keys are the form's own (atField) or the catalogue's; the types know only literal keys.
  const byKey = t as unknown as (key: string) => string;
  const placed = submit.failure === null ? undefined : wording.atField?.[submit.failure.code];
  const field = (name: Path<Input>, options?: RegisterOptions<Input, Path<Input>>) => ({
    ...form.register(name, options),
    error:
      problemText(name, form.getFieldState(name, form.formState).error, form.getValues(name)) ??
      (placed?.field === name ? byKey(placed.message ?? `errors.${String(submit.failure?.code)}`) : undefined),
    serverError: serverFieldMessage(submit.failure, name),
  });
  /** The `<form>` props: validates, then runs `onValid` with the parsed body; `onStart` runs on every submit first. */
  const formProps = (onValid: (values: Output) => Promise<void>, onStart?: () => void) => ({
    noValidate: true,
    'aria-busy': submit.pending,
    onSubmit: (event: SubmitEvent<HTMLFormElement>) => {
      onStart?.();
      void form.handleSubmit(onValid)(event);
    },
  });
  return { form, field, formProps, ...submit, formFailure: placed === undefined ? submit.failure : null };
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
function waitText(t: TFunction, language: string, seconds: number): string {
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

/** A select's options for a fixed list of codes, each worded by `label` (an i18n lookup: never the code). */
export function Options<T extends string>({ values, label }: { values: readonly T[]; label: (value: T) => string }) {
  return (
    <>
      {values.map((value) => (
        <option key={value} value={value}>
          {label(value)}
        </option>
      ))}
    </>
  );
}

/** A form's submit button in its row: disabled while the submit runs, saying so (`pendingLabel`, "Saving…" unless given). */
export function SubmitButton({
  pending,
  label,
  pendingLabel,
  testId,
  className,
  children,
}: {
  pending: boolean;
  label: string;
  pendingLabel?: string;
  testId: string;
  className?: string;
  /** More buttons of the row, after this one. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="submit" className={className} disabled={pending} data-testid={testId}>
        {pending ? (pendingLabel ?? t('common.saving')) : label}
      </button>
      {children}
    </div>
  );
}

/** Props for a field holding an identifier, a code or a username: typed as is, no capitals or spelling fixes. */
export const AS_TYPED = { autoCapitalize: 'none', spellCheck: false } as const;
