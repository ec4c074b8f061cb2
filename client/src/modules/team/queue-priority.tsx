import type { Priority } from '@rapport/shared';

const LABELS: Record<Priority, string> = { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' };

/** Every priority named (the queue is ordered by it), urgent and high in their warning colours. */
export function QueuePriority({ priority }: { priority: Priority }) {
  return (
    <span className={`queue-priority queue-priority-${priority}`} data-testid="queue-priority" data-priority={priority} title={`${LABELS[priority]} priority`}>
      {LABELS[priority]}
    </span>
  );
}
