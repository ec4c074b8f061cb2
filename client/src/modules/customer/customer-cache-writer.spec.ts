import { describe, expect, it } from '@jest/globals';
import { QueryClient } from '@tanstack/react-query';
import type { Conversation } from '@rapport/shared';
import { makeConversation, makeCustomerProfile } from '../../testing/fixtures';
import { conversationKeys } from '../conversation/query-keys';
import { refreshCustomer } from './customer-cache-writer';
import { customerKeys } from './query-keys';

describe('refreshCustomer', () => {
  const cached = () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(customerKeys.detail('target'), makeCustomerProfile({ id: 'target' }));
    queryClient.setQueryData(customerKeys.detail('source'), makeCustomerProfile({ id: 'source' }));
    queryClient.setQueryData(customerKeys.suggestions('target'), []);
    return queryClient;
  };

  it('fetches a changed profile again and drops the one merged into it', () => {
    const queryClient = cached();
    refreshCustomer(queryClient, { customerId: 'target', mergedFromId: 'source' });
    expect(queryClient.getQueryState(customerKeys.detail('target'))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryData(customerKeys.detail('source'))).toBeUndefined();
    expect(queryClient.getQueryState(customerKeys.suggestions('target'))?.isInvalidated).toBe(true);
  });

  it('points an open thread of the merged-away customer at the merged one, and fetches it again', () => {
    const queryClient = cached();
    queryClient.setQueryData(conversationKeys.detail('c1'), makeConversation({ id: 'c1', customerId: 'source' }));
    queryClient.setQueryData(conversationKeys.detail('c2'), makeConversation({ id: 'c2', customerId: 'other' }));
    queryClient.setQueryData(customerKeys.suggestions('source'), []);
    refreshCustomer(queryClient, { customerId: 'target', mergedFromId: 'source' });
    expect(queryClient.getQueryData<Conversation>(conversationKeys.detail('c1'))?.customerId).toBe('target');
    expect(queryClient.getQueryState(conversationKeys.detail('c1'))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryData<Conversation>(conversationKeys.detail('c2'))?.customerId).toBe('other');
    expect(queryClient.getQueryState(conversationKeys.detail('c2'))?.isInvalidated).toBe(false);
    // Nothing asks the merged-away customer for suggestions again (it answers 404).
    expect(queryClient.getQueryData(customerKeys.suggestions('source'))).toBeUndefined();
  });

  it('leaves other customers alone after an edit', () => {
    const queryClient = cached();
    refreshCustomer(queryClient, { customerId: 'target' });
    expect(queryClient.getQueryState(customerKeys.detail('source'))?.isInvalidated).toBe(false);
    expect(queryClient.getQueryData(customerKeys.detail('source'))).toBeDefined();
  });
});
