/** Which item of a menu of `count` a key moves the focus to (ARIA menu pattern), or null for keys a menu leaves alone. */
export function menuFocusStep(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : (current + 1) % count;
    case 'ArrowUp':
      return current < 0 ? count - 1 : (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** Arrow keys, Home and End move between the element's menu items. */
export function moveMenuFocus(event: { key: string; currentTarget: HTMLElement; preventDefault: () => void }): void {
  const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]'));
  const next = menuFocusStep(event.key, items.indexOf(document.activeElement as HTMLElement), items.length);
  if (next === null) return;
  event.preventDefault();
  items[next]?.focus();
}
