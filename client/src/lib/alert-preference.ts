/** Whether this browser alerts its agent (notification and sound) to newly assigned conversations: opt-in, per browser. */
const KEY = 'rapport.assignmentAlerts';
const listeners = new Set<() => void>();

export function loadAlertsEnabled(): boolean {
  try {
    return localStorage.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

export function saveAlertsEnabled(enabled: boolean): void {
  try {
    localStorage.setItem(KEY, enabled ? 'on' : 'off');
  } catch {
    // Private mode or full storage: the choice lasts until the page closes.
  }
  for (const listener of listeners) listener();
}

export function subscribeAlertsEnabled(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
