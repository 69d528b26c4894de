import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';

/**
 * A button that shows and hides a panel (the phone menu, the notification
 * list): open at one location, so following a link closes it; Escape closes
 * it too and gives the focus back to the button.
 */
export function useDisclosure() {
  const location = useLocation();
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt === location.key;
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpenAt(null);
      button.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  const toggle = () => setOpenAt(open ? null : location.key);
  /** What the toggling button takes: its ref, its ARIA state, and the click (`onOpen` runs just before it opens). */
  const buttonProps = (panelId: string, onOpen?: () => void) => ({
    ref: button,
    'aria-expanded': open,
    'aria-controls': panelId,
    onClick: () => {
      if (!open) onOpen?.();
      toggle();
    },
  });
  return { open, button, toggle, buttonProps };
}
