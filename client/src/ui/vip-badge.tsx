import type { CustomerTier } from '@rapport/shared';

/** "VIP" beside a VIP customer's name; nothing for the rest. */
export function VipBadge({ tier, testId }: { tier: CustomerTier; testId?: string }) {
  if (tier !== 'vip') return null;
  return (
    <span className="vip-badge" title="VIP customer" data-testid={testId}>
      VIP
    </span>
  );
}
