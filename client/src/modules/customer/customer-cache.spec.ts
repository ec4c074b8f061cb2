import { describe, expect, it } from '@jest/globals';
import type { CustomerProfile } from '@rapport/shared';
import type { ConversationPages } from '../inbox/conversation-cache';
import { makeConversation, makeCustomerProfile, minutesAfter } from '../../testing/fixtures';
import { applyConversationToProfile, applyCustomerTierToPages, withCustomerTier } from './customer-cache';

const profile: CustomerProfile = {
  ...makeCustomerProfile({ id: 'cust' }),
  name: 'Ada',
  tier: 'vip',
  preferredLanguage: 'en',
  preferences: {},
  notes: null,
  identities: [],
  conversations: [
    { id: 'b', channelId: 'ch', channelKind: 'x', status: 'open', lastMessageAt: minutesAfter(20), lastMessagePreview: 'b' },
    { id: 'a', channelId: 'ch', channelKind: 'x', status: 'resolved', lastMessageAt: minutesAfter(10), lastMessagePreview: 'a' },
  ],
  createdAt: minutesAfter(0),
};

describe('applyConversationToProfile', () => {
  it('updates and reorders the customer history', () => {
    const next = applyConversationToProfile(profile, makeConversation({ id: 'a', customerId: 'cust', status: 'open', lastMessageAt: minutesAfter(30), lastMessagePreview: 'again' }));
    expect(next?.conversations.map((c) => [c.id, c.status])).toEqual([
      ['a', 'open'],
      ['b', 'open'],
    ]);
  });

  it('adds a new conversation of this customer', () => {
    const next = applyConversationToProfile(profile, makeConversation({ id: 'c', customerId: 'cust', lastMessageAt: minutesAfter(40) }));
    expect(next?.conversations.map((c) => c.id)).toEqual(['c', 'b', 'a']);
  });

  it("ignores other customers' conversations and unchanged rows", () => {
    expect(applyConversationToProfile(profile, makeConversation({ id: 'z', customerId: 'other' }))).toBe(profile);
    const same = makeConversation({ id: 'b', customerId: 'cust', channelKind: 'x', status: 'open', lastMessageAt: minutesAfter(20), lastMessagePreview: 'b' });
    expect(applyConversationToProfile(profile, same)).toBe(profile);
  });
});

describe('customer tier in conversations', () => {
  const mine = makeConversation({ id: 'a', customerId: 'cust', customer: { id: 'cust', name: 'Ada', handle: null, avatarUrl: null, tier: 'standard' } });
  const other = makeConversation({ id: 'b' });
  const pages: ConversationPages = { pages: [{ items: [mine, other], nextCursor: null }], pageParams: [null] };

  it('marks the rows of that customer and leaves the others alone', () => {
    const next = applyCustomerTierToPages(pages, 'cust', 'vip');
    expect(next?.pages[0]?.items.map((c) => c.customer.tier)).toEqual(['vip', 'standard']);
    expect(next?.pages[0]?.items[1]).toBe(other);
  });

  it('returns the same object when nothing changes', () => {
    expect(applyCustomerTierToPages(pages, 'cust', 'standard')).toBe(pages);
    expect(applyCustomerTierToPages(pages, 'nobody', 'vip')).toBe(pages);
    expect(applyCustomerTierToPages(undefined, 'cust', 'vip')).toBeUndefined();
    expect(withCustomerTier(other, 'cust', 'vip')).toBe(other);
  });
});
