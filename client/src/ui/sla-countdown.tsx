import { useEffect, useState } from 'react';
import type { ConversationSla } from '@rapport/shared';
import { formatFullDateTime } from '../lib/format-time';
import { earliestDue, slaStatus, type SlaTone } from '../lib/sla-status';
import { useNow } from '../lib/use-now';

/** A shape per tone, so the state reads without colour too. */
function ToneIcon({ tone }: { tone: SlaTone }) {
  if (tone === 'ok') {
    return (
      <svg viewBox="0 0 12 12" width="11" height="11" aria-hidden="true" className="sla-countdown-icon">
        <circle cx="6" cy="6" r="4.8" fill="none" stroke="currentColor" strokeWidth="1.3" />
        <path d="M6 3.4V6l1.8 1.2" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" />
      </svg>
    );
  }
  if (tone === 'warning') {
    return (
      <svg viewBox="0 0 12 12" width="11" height="11" aria-hidden="true" className="sla-countdown-icon">
        <path d="M6 1.2 11.2 10.6H.8z" fill="currentColor" />
        <path d="M6 4.6v2.8M6 8.8v.3" stroke="#fff" strokeWidth="1.3" strokeLinecap="round" />
      </svg>
    );
  }
  return (
    <svg viewBox="0 0 12 12" width="11" height="11" aria-hidden="true" className="sla-countdown-icon">
      <circle cx="6" cy="6" r="5.4" fill="currentColor" />
      <path d="m4 4 4 4M8 4 4 8" stroke="#fff" strokeWidth="1.3" strokeLinecap="round" />
    </svg>
  );
}

function LiveCountdown({ sla }: { sla: ConversationSla }) {
  const tick = useNow();
  // The shared clock ticks every 30 s; the moment the tone changes gets its own timer so red shows on time.
  const [boundary, setBoundary] = useState(0);
  const status = slaStatus(sla, Math.max(tick, boundary));
  const changesAt = status?.changesAt ?? null;

  useEffect(() => {
    if (changesAt === null) return;
    const timer = setTimeout(() => setBoundary(changesAt), Math.max(0, changesAt - Date.now()));
    return () => clearTimeout(timer);
  }, [changesAt]);

  if (!status) return null;
  const due = formatFullDateTime(new Date(status.dueAt).toISOString());
  return (
    <span className={`sla-countdown is-${status.tone}`} data-testid="sla-countdown" data-tone={status.tone} data-metric={status.metric} title={`${status.description} (due ${due})`}>
      <ToneIcon tone={status.tone} />
      <span aria-hidden="true">{status.label}</span>
      <span className="visually-hidden">{status.description}</span>
    </span>
  );
}

/** The running SLA clock due first, ticking live: calm, amber under a quarter of its target left, red once breached. */
export function SlaCountdown({ sla }: { sla: ConversationSla | null | undefined }) {
  // Rows with no running clock render nothing and do not tick.
  return sla && earliestDue(sla) ? <LiveCountdown sla={sla} /> : null;
}
