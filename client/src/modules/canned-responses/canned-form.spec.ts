import { describe, expect, it } from '@jest/globals';
import { buildCannedBody, cannedDraftOf, emptyCannedDraft, unknownVariables, type CannedDraft } from './canned-form';

const draft = (patch: Partial<CannedDraft>): CannedDraft => ({ ...emptyCannedDraft(''), shortcut: 'refund', title: 'Refund', body: 'We refund it.', ...patch });

describe('buildCannedBody', () => {
  it('makes the body the server takes: the slug lowercased, blanks as null', () => {
    expect(buildCannedBody(draft({ shortcut: ' /Refund-Late ', teamId: '6f1c4a52-5b1e-4d7e-9a3c-2f4b8d9e0a11', language: 'es' }))).toEqual({
      ok: true,
      body: { shortcut: 'refund-late', title: 'Refund', body: 'We refund it.', teamId: '6f1c4a52-5b1e-4d7e-9a3c-2f4b8d9e0a11', language: 'es' },
    });
    expect(buildCannedBody(draft({}))).toMatchObject({ ok: true, body: { teamId: null, language: null } });
  });

  it.each<[string, Partial<CannedDraft>, RegExp]>([
    ['a shortcut with spaces', { shortcut: 'late parcel' }, /lowercase slug/],
    ['no shortcut', { shortcut: '' }, /shortcut must not be empty/],
    ['no title', { title: '  ' }, /title must not be empty/],
    ['no body', { body: '' }, /body must not be empty/],
  ])('says what is wrong with %s', (_what, patch, error) => {
    const built = buildCannedBody(draft(patch));
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.error).toMatch(error);
  });
});

describe('cannedDraftOf', () => {
  it('shows a reply for every team and any language as the blank choices', () => {
    expect(cannedDraftOf({ id: 'r1', shortcut: 'hi', title: 'Hi', body: 'Hi!', teamId: null, language: null, createdAt: '', updatedAt: '' })).toEqual({ shortcut: 'hi', title: 'Hi', body: 'Hi!', teamId: '', language: '' });
  });
});

describe('unknownVariables', () => {
  it.each<[string, string[]]>([
    ['Hi {{customer.firstName}}, {{agent.name}} here', []],
    ['Order {{order.id}} and {{ order.id }} and {{customer.firstname}}', ['{{order.id}}', '{{customer.firstname}}']],
    ['No variables', []],
  ])('%s', (body, unknown) => {
    expect(unknownVariables(body)).toEqual(unknown);
  });
});
