/**
 * The composer on screen opens its canned replies through this, so keyboard shortcuts elsewhere can ask for
 * them without reaching into the composer.
 */
type Opener = () => void;

let current: Opener | null = null;

/** The composer's picker registers itself while mounted; the returned function unregisters it. */
export function registerCannedReplyOpener(open: Opener): () => void {
  current = open;
  return () => {
    if (current === open) current = null;
  };
}

/**
 * Focuses the reply box and starts a `/` at the caret, which opens the picker. False when no composer is
 * on screen. A global `/` shortcut should call it only outside text fields, and prevent the key's default.
 */
export function openCannedReplies(): boolean {
  if (!current) return false;
  current();
  return true;
}
