import { describe, expect, it } from '@jest/globals';
import type { Role } from '@rapport/shared';
import { canReadSlaPolicies } from './sla-permissions';

describe('SLA policy permissions', () => {
  it.each<[Role, boolean]>([
    ['agent', false],
    ['manager', true],
    ['lead', true],
    ['admin', true],
  ])('%s reads the policies: %s', (role, reads) => {
    expect(canReadSlaPolicies({ role })).toBe(reads);
  });
});
