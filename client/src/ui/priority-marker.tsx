import type { Priority } from '@rapport/shared';

const LABELS: Record<Priority, string> = { low: 'Low priority', normal: 'Normal priority', high: 'High priority', urgent: 'Urgent' };

/** Only high and urgent draw the eye; low and normal stay quiet. */
export function PriorityMarker({ priority }: { priority: Priority }) {
  if (priority !== 'high' && priority !== 'urgent') return null;
  return (
    <span className={`priority-marker priority-${priority}`} title={LABELS[priority]} data-priority={priority}>
      {priority === 'urgent' ? 'Urgent' : 'High'}
    </span>
  );
}
