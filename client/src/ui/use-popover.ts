import { useEffect, useRef, useState } from 'react';

/**
 * A popover that is open while it holds a value (what it shows, fixed when it opened), closed by Escape or a click anywhere
 * outside `rootRef`, like any menu. With `refocusTrigger`, Escape from inside puts the focus back on its `.menu-trigger`,
 * as the element that had it is gone.
 */
export function usePopover<T>({ refocusTrigger = false }: { refocusTrigger?: boolean } = {}) {
  const [value, setValue] = useState<T | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const open = value !== null;

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setValue(null);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setValue(null);
      if (refocusTrigger && rootRef.current?.contains(document.activeElement)) rootRef.current.querySelector<HTMLElement>('.menu-trigger')?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open, refocusTrigger]);

  return { value, setValue, open, rootRef };
}
