import { describe, expect, it } from '@jest/globals';
import { changedFields } from './changed-fields.js';

describe('changedFields', () => {
  it('names each changed field with its value before and after', () => {
    expect(changedFields({ role: 'agent', name: 'Ana' }, { role: 'lead', name: 'Ana' })).toEqual({ role: { from: 'agent', to: 'lead' } });
  });

  it('compares arrays and objects by content', () => {
    const before = { holidays: ['2026-12-25'], businessHours: { mon: [['09:00', '17:00']] } };
    expect(changedFields(before, { holidays: ['2026-12-25'], businessHours: { mon: [['09:00', '17:00']] } })).toEqual({});
    expect(changedFields(before, { holidays: ['2026-01-01', '2026-12-25'] })).toEqual({ holidays: { from: ['2026-12-25'], to: ['2026-01-01', '2026-12-25'] } });
  });

  it('leaves out fields the change does not set, and says null for a value that was not there', () => {
    expect(changedFields({ name: 'Care' }, { name: undefined, timezone: 'Europe/Madrid' })).toEqual({ timezone: { from: null, to: 'Europe/Madrid' } });
  });
});
