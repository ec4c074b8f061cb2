import { describe, expect, it } from '@jest/globals';
import type { Role } from '@rapport/shared';
import { canChangeTier, canManageCustomerData } from './customer-permissions';

describe('customer permissions', () => {
  it.each<[Role, boolean, boolean]>([
    ['agent', false, false],
    ['lead', true, false],
    ['manager', true, true],
    ['admin', true, true],
  ])('%s: tier %s, export and erase %s', (role, tier, data) => {
    expect(canChangeTier({ role })).toBe(tier);
    expect(canManageCustomerData({ role })).toBe(data);
  });
});
