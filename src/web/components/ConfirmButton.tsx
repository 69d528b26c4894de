import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ConfirmButtonProps {
  /** The button's text. */
  label: string;
  /** What will happen, asked before it does. */
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  testId: string;
  danger?: boolean;
}

/**
 * A button that asks first, in place: a small panel with the question, the
 * action and Cancel. Focus moves to Cancel, the safe choice, and back to the
 * button when the panel closes.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  disabled,
  testId,
  danger,
}: ConfirmButtonProps) {
  const { t } = useTranslation();
  const id = useId();
  const [asking, setAsking] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) cancelRef.current?.focus();
    else if (wasAsking.current) openerRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button
        ref={openerRef}
        type="button"
        className={danger ? 'button-danger' : 'button-secondary'}
        disabled={disabled}
        onClick={() => setAsking(true)}
        data-testid={testId}
      >
        {label}
      </button>
    );
  }
  return (
    <div
      className="confirm"
      role="alertdialog"
      aria-labelledby={`${id}-question`}
      data-testid="confirm"
      onKeyDown={(e) => {
        if (e.key === 'Escape') setAsking(false);
      }}
    >
      <p id={`${id}-question`}>{question}</p>
      <div className="button-row">
        <button
          type="button"
          className={danger ? 'button-danger' : undefined}
          onClick={() => {
            setAsking(false);
            onConfirm();
          }}
          data-testid="confirm-yes"
        >
          {confirmLabel}
        </button>
        <button
          ref={cancelRef}
          type="button"
          className="button-secondary"
          onClick={() => setAsking(false)}
          data-testid="confirm-no"
        >
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
