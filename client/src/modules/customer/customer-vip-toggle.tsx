import type { CustomerTier } from '@rapport/shared';

/** Supervisors mark a customer VIP: their conversations rank first in the queue. */
export function CustomerVipToggle({ tier, onChange }: { tier: CustomerTier; onChange: (tier: CustomerTier) => void }) {
  const vip = tier === 'vip';
  return (
    <label className="toggle" title={vip ? 'VIP: their conversations rank first' : 'Standard customer'}>
      <input type="checkbox" data-testid="customer-vip" checked={vip} aria-label="VIP customer" onChange={(e) => onChange(e.target.checked ? 'vip' : 'standard')} />
      <span className="toggle-track" aria-hidden="true" />
      {vip ? 'VIP' : 'Standard'}
    </label>
  );
}
