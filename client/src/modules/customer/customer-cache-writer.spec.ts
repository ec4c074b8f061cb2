import { describe, expect, it } from '@jest/globals';
import { QueryClient } from '@tanstack/react-query';
import { makeCustomerProfile } from '../../testing/fixtures';
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

  it('leaves other customers alone after an edit', () => {
    const queryClient = cached();
    refreshCustomer(queryClient, { customerId: 'target' });
    expect(queryClient.getQueryState(customerKeys.detail('source'))?.isInvalidated).toBe(false);
    expect(queryClient.getQueryData(customerKeys.detail('source'))).toBeDefined();
  });
});
