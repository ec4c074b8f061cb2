import type { ConversationSla } from '@rapport/shared';
import { earliestDue } from '../../lib/sla-status';
import { SlaCountdown } from '../../ui/sla-countdown';
import { useSlaThresholds } from './use-sla-policies';

function WithThresholds({ sla }: { sla: ConversationSla }) {
  return <SlaCountdown sla={sla} thresholds={useSlaThresholds(sla.policyId)} />;
}

/** A conversation's SLA countdown with its policy's thresholds; rows with no running clock render (and ask) nothing. */
export function ConversationSlaCountdown({ sla }: { sla: ConversationSla | null | undefined }) {
  if (!sla || earliestDue(sla) === null) return null;
  return <WithThresholds sla={sla} />;
}
