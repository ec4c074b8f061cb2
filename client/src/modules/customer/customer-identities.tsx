import { useState } from 'react';
import type { CustomerProfile } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { ChannelBadge, channelName } from '../../ui/channel-badge';
import { accountHandle, identityLabel } from './customer-edits';
import { useSplitCustomer } from './use-customer-merge';

/** Every account of the customer, each with a split that gives it (and its conversations) a customer of its own. */
export function CustomerIdentities({ profile }: { profile: CustomerProfile }) {
  const split = useSplitCustomer(profile.id);
  const [confirming, setConfirming] = useState<string | null>(null);
  if (profile.identities.length === 0) return <p className="muted">No linked accounts.</p>;
  // An erased customer's accounts are only the channels their conversations came from: nobody to split off.
  const erased = Boolean(profile.erasedAt);
  const canSplit = profile.identities.length > 1 && !erased;
  return (
    <>
      <ul className="identity-list" data-testid="customer-identities">
        {profile.identities.map((identity) => (
          <li key={identity.id} data-testid="customer-identity" data-channel={identity.channelKind}>
            <ChannelBadge kind={identity.channelKind} />
            <span className="identity-name">{erased ? 'Erased account' : (identity.displayName ?? identityLabel(identity))}</span>
            {identity.displayName && !erased ? <span className="muted identity-display">{accountHandle(identity)}</span> : null}
            {canSplit && confirming !== identity.id ? (
              <button
                type="button"
                className="link-button identity-split"
                data-testid="identity-split"
                aria-label={`Split off the ${channelName(identity.channelKind)} account ${accountHandle(identity)}`}
                onClick={() => setConfirming(identity.id)}
              >
                Split
              </button>
            ) : null}
            {confirming === identity.id ? (
              <span className="row-confirm identity-confirm">
                <span className="row-confirm-text">Not the same person?</span>
                <button
                  type="button"
                  className="button button-danger button-small"
                  data-testid="identity-split-confirm"
                  disabled={split.isPending}
                  onClick={() => split.mutate(identity.id, { onSettled: () => setConfirming(null) })}
                >
                  Split off
                </button>
                <button type="button" className="button button-quiet button-small" onClick={() => setConfirming(null)}>
                  Cancel
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {split.isError ? (
        <p className="field-error" role="alert">
          Not split: {errorMessage(split.error)}
        </p>
      ) : null}
      {split.isSuccess ? (
        <p className="muted" role="status" data-testid="identity-split-done">
          Moved to {split.data.name} with {split.data.conversations.length === 1 ? 'its conversation' : `${split.data.conversations.length} conversations`}.
        </p>
      ) : null}
    </>
  );
}
