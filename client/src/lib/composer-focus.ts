/**
 * A composer takes the focus when its thread opens, so a click on a conversation is ready for typing.
 * Moving through the list with j/k opens thread after thread: those must leave the focus in the list,
 * however long a thread takes to load, until the mouse is used again.
 */
let held = false;

/** Composers that open from now on keep their hands off the focus. */
export function holdComposerFocus(): void {
  held = true;
}

/** A click means the mouse is back in charge. */
export function releaseComposerFocus(): void {
  held = false;
}

/** Asked by each composer as it opens. */
export function composerMayTakeFocus(): boolean {
  return !held;
}
