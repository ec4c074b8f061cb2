import { describe, expect, it } from '@jest/globals';
import { accountChangeRefusal, changesAccess, type AccountChange, type AccountState } from './account-changes.js';

const ME = 'admin-1';
const admin = (id: string, active = true): AccountState => ({ id, role: 'admin', active });
const agent: AccountState = { id: 'agent-1', role: 'agent', active: true };

describe('accountChangeRefusal', () => {
  it.each<[string, AccountState, AccountChange, string[], string | null]>([
    ['deactivating an agent', agent, { active: false }, [ME], null],
    ['reactivating an agent', { ...agent, active: false }, { active: true }, [ME], null],
    ['making an agent an admin', agent, { role: 'admin' }, [ME], null],
    ['deactivating yourself', admin(ME), { active: false }, [ME, 'admin-2'], 'You cannot deactivate your own account: ask another admin'],
    ['deactivating another admin while you are one too', admin('admin-2'), { active: false }, [ME, 'admin-2'], null],
    ['demoting yourself while another admin remains', admin(ME), { role: 'manager' }, [ME, 'admin-2'], null],
    ['demoting the last active admin (yourself)', admin(ME), { role: 'manager' }, [ME], 'This is the last active admin: make another user an admin first'],
    ['demoting and deactivating the last active admin', admin('admin-2'), { role: 'agent', active: false }, ['admin-2'], 'This is the last active admin: make another user an admin first'],
    ['a deactivated admin is not the one keeping the workspace running', admin('admin-2', false), { role: 'agent' }, [ME], null],
    ['keeping the last admin an admin is fine', admin(ME), { role: 'admin', active: true }, [ME], null],
  ])('%s', (_what, target, change, activeAdmins, refusal) => {
    expect(accountChangeRefusal(ME, target, change, activeAdmins)).toBe(refusal);
  });
});

describe('changesAccess', () => {
  it.each<[string, AccountChange, boolean]>([
    ['a new role', { role: 'lead' }, true],
    ['the same role', { role: 'agent' }, false],
    ['deactivation', { active: false }, true],
    ['active again while active', { active: true }, false],
    ['nothing about access', {}, false],
  ])('%s → %s', (_what, change, expected) => {
    expect(changesAccess(agent, change)).toBe(expected);
  });
});
