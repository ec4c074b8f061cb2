import { useSyncExternalStore } from 'react';
import { loadAlertsEnabled, saveAlertsEnabled, subscribeAlertsEnabled } from '../lib/alert-preference';
import { unlockSoftTone } from '../lib/soft-tone';

function notificationsBlocked(): boolean {
  return typeof Notification !== 'undefined' && Notification.permission === 'denied';
}

/** Opt-in alerts for newly assigned conversations; the browser asks about notifications only when switched on. */
export function AlertsToggle() {
  const enabled = useSyncExternalStore(subscribeAlertsEnabled, loadAlertsEnabled);
  const toggle = () => {
    if (enabled) {
      saveAlertsEnabled(false);
      return;
    }
    // Inside the click: browsers allow sound and the permission prompt only in answer to the user.
    unlockSoftTone();
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined);
    saveAlertsEnabled(true);
  };
  const title = !enabled
    ? 'Alerts off. Click for a notification and a soft sound when a conversation is assigned to you.'
    : notificationsBlocked()
      ? 'Alerts on: a soft sound plays (this browser blocks notifications for Rapport). Click to switch off.'
      : 'Alerts on: a notification and a soft sound when a conversation is assigned to you. Click to switch off.';
  return (
    <button
      type="button"
      className={enabled ? 'icon-button alerts-toggle is-on' : 'icon-button alerts-toggle'}
      data-testid="alerts-toggle"
      aria-pressed={enabled}
      aria-label="Alerts for conversations assigned to me"
      title={title}
      onClick={toggle}
    >
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
        <path d="M8 2.2a3.8 3.8 0 0 0-3.8 3.8v2.6L3 10.8h10l-1.2-2.2V6A3.8 3.8 0 0 0 8 2.2Z" fill={enabled ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="1.3" strokeLinejoin="round" />
        <path d="M6.5 12.6a1.6 1.6 0 0 0 3 0" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" />
        {enabled ? null : <path d="M2.5 2.5l11 11" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" />}
      </svg>
    </button>
  );
}
