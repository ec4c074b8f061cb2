import { useState } from 'react';
import type { CustomerIdentity, CustomerMatch, CustomerProfile } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { ChannelBadge, channelName } from '../../ui/channel-badge';
import { accountHandle, identityLabel } from './customer-edits';
import { useCustomerSearch, useMergeCustomers, useMergeSuggestions } from './use-customer-merge';

/** "WhatsApp 447700900777, API cust-zq": tells two customers of the same name apart. */
function accountsOf(identities: Array<Pick<CustomerIdentity, 'channelKind' | 'handle' | 'externalId'>>): string {
  return identities.length === 0 ? 'no accounts' : identities.map((i) => `${channelName(i.channelKind)} ${accountHandle(i)}`).join(', ');
}

function MatchSummary({ customer }: { customer: CustomerMatch }) {
  return (
    <span className="merge-match">
      <span className="merge-match-name">{customer.name}</span>
      {customer.tier === 'vip' ? <span className="vip-badge">VIP</span> : null}
      <span className="merge-match-accounts">
        {customer.identities.map((i) => (
          <span key={i.id} className="merge-match-account">
            <ChannelBadge kind={i.channelKind} />
            <span className="muted">{identityLabel(i)}</span>
          </span>
        ))}
      </span>
    </span>
  );
}

/**
 * One person, several customers: suggestions (same name and email or phone) and a search, each merged
 * only after a person confirms. The other customer's accounts, conversations and notes move into this one.
 */
export function CustomerMerge({ profile }: { profile: CustomerProfile }) {
  const suggestions = useMergeSuggestions(profile.id);
  const merge = useMergeCustomers(profile.id);
  const [query, setQuery] = useState('');
  const search = useCustomerSearch(useDebouncedValue(query, 250));
  const [picked, setPicked] = useState<CustomerMatch | null>(null);
  const results = (search.data?.items ?? []).filter((c) => c.id !== profile.id);

  if (picked) {
    return (
      <div className="merge-confirm" data-testid="merge-confirm" role="group" aria-label="Confirm merge">
        <p>
          Merge <strong>{picked.name}</strong> ({accountsOf(picked.identities)}) into <strong>{profile.name}</strong> ({accountsOf(profile.identities)})? Their accounts, conversations and notes move here; the higher tier and every tag stay.
        </p>
        <MatchSummary customer={picked} />
        <div className="merge-actions">
          <button
            type="button"
            className="button button-primary button-small"
            data-testid="merge-confirm-button"
            disabled={merge.isPending}
            onClick={() =>
              merge.mutate(picked.id, {
                onSuccess: () => {
                  setPicked(null);
                  setQuery('');
                },
              })
            }
          >
            {merge.isPending ? 'Merging…' : 'Merge'}
          </button>
          <button type="button" className="button button-quiet button-small" onClick={() => setPicked(null)}>
            Cancel
          </button>
        </div>
        {merge.isError ? (
          <p className="field-error" role="alert">
            Not merged: {errorMessage(merge.error)}
          </p>
        ) : null}
      </div>
    );
  }

  return (
    <div className="customer-merge" data-testid="customer-merge">
      {suggestions.data && suggestions.data.length > 0 ? (
        <ul className="merge-list" aria-label="Possibly the same person" data-testid="merge-suggestions">
          {suggestions.data.map((s) => (
            <li key={s.customer.id} className="merge-item" data-testid="merge-suggestion">
              <MatchSummary customer={s.customer} />
              <span className="muted merge-reasons">{s.reasons.join('; ')}</span>
              <button type="button" className="button button-small" data-testid="merge-suggestion-button" onClick={() => setPicked(s.customer)}>
                Merge
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        className="text-input merge-search"
        type="search"
        data-testid="merge-search"
        aria-label="Find a customer to merge with this one"
        placeholder="Find a customer by name, handle, email or phone…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {query.trim().length >= 2 && search.data ? (
        results.length === 0 ? (
          <p className="muted">No other customer matches.</p>
        ) : (
          <ul className="merge-list" aria-label="Matching customers" data-testid="merge-results">
            {results.map((c) => (
              <li key={c.id} className="merge-item">
                <button type="button" className="merge-pick" data-testid="merge-result" onClick={() => setPicked(c)}>
                  <MatchSummary customer={c} />
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
      {search.isError ? <p className="field-error">Search failed: {errorMessage(search.error)}</p> : null}
    </div>
  );
}
