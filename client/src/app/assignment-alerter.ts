import type { Conversation } from '@rapport/shared';
import { playSoftTone } from '../lib/soft-tone';
import { createThrottle } from '../lib/throttle';
import { parseRoute, routeToHash } from './app-route';
import { assignmentAlertText } from './assignment-alerts';

/** A lead handing out ten conversations at once rings once, not ten times over each other. */
const chimeGate = createThrottle(2_000);

function openConversation(conversationId: string): void {
  const current = parseRoute(window.location.hash);
  window.location.hash = routeToHash({ view: 'inbox', conversationId, filters: current.view === 'inbox' ? current.filters : undefined });
}

/** The chime, and a browser notification when the agent allowed them; clicking it opens the conversation. */
export function alertAssignment(conversation: Conversation): void {
  if (chimeGate()) playSoftTone();
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const { title, body } = assignmentAlertText(conversation);
  try {
    // One notification per conversation: a second assignment replaces the first.
    const notification = new Notification(title, { body, tag: `rapport-assigned-${conversation.id}` });
    notification.onclick = () => {
      window.focus();
      openConversation(conversation.id);
      notification.close();
    };
  } catch {
    // Some browsers only notify from a service worker: the chime has done its part.
  }
}
