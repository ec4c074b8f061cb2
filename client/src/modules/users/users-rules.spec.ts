import { describe, expect, it } from '@jest/globals';
import type { UserAccount } from '@rapport/shared';
import { buildNewUserBody, deactivationBlock, EMPTY_NEW_USER, roleChangeBlock, sortAccounts } from './users-rules';

const account = (id: string, role: UserAccount['role'], active = true, name = id): UserAccount => ({ id, name, email: `${id}@rapport.test`, role, active });
const ME = account('me', 'admin');
const OTHER_ADMIN = account('other-admin', 'admin');
const AGENT = account('agent', 'agent');

describe('deactivationBlock', () => {
  it.each<[string, UserAccount, UserAccount[], string | null]>([
    ['an agent', AGENT, [ME, AGENT], null],
    ['yourself', ME, [ME, OTHER_ADMIN], 'You cannot deactivate your own account'],
    ['another admin while you are one', OTHER_ADMIN, [ME, OTHER_ADMIN], null],
    ['the last active admin', OTHER_ADMIN, [account('me', 'manager'), OTHER_ADMIN], 'The last active admin stays active'],
    ['someone deactivated already (reactivating is always fine)', account('gone', 'admin', false), [ME], null],
  ])('%s', (_what, target, accounts, block) => {
    expect(deactivationBlock(ME.id, target, accounts)).toBe(block);
  });
});

describe('roleChangeBlock', () => {
  it('keeps the last active admin an admin', () => {
    expect(roleChangeBlock(ME, [ME, AGENT, account('old-admin', 'admin', false)])).toMatch(/last active admin/);
    expect(roleChangeBlock(ME, [ME, OTHER_ADMIN])).toBeNull();
    expect(roleChangeBlock(AGENT, [ME, AGENT])).toBeNull();
  });
});

describe('sortAccounts', () => {
  it('puts active people first, each part by name', () => {
    const sorted = sortAccounts([account('c', 'agent', false, 'Cleo'), account('b', 'agent', true, 'Bo'), account('a', 'agent', false, 'Al'), account('d', 'lead', true, 'Ana')]);
    expect(sorted.map((a) => a.name)).toEqual(['Ana', 'Bo', 'Al', 'Cleo']);
  });
});

describe('buildNewUserBody', () => {
  const draft = { ...EMPTY_NEW_USER, name: ' Dana Quinn ', email: ' Dana@Rapport.test ', password: 'long-enough-1' };

  it('trims the name, lower-cases the email, and leaves out an empty team list', () => {
    expect(buildNewUserBody(draft)).toEqual({ ok: true, body: { name: 'Dana Quinn', email: 'dana@rapport.test', role: 'agent', password: 'long-enough-1' } });
    expect(buildNewUserBody({ ...draft, teamIds: ['t1'] })).toMatchObject({ ok: true, body: { teamIds: ['t1'] } });
  });

  it.each([
    ['no name', { name: '  ' }, /name/],
    ['an email that is not one', { email: 'dana' }, /email address/],
    ['a short password', { password: 'short' }, /at least 10 characters/],
  ])('refuses %s', (_what, patch, error) => {
    const built = buildNewUserBody({ ...draft, ...patch });
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.error).toMatch(error);
  });
});
