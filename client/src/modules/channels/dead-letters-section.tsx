import { useId, useState } from 'react';
import type { Channel, DeadLetter, DeadLetterStatus } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { formatFullDateTime, formatRelativeTime } from '../../lib/format-time';
import { useNow } from '../../lib/use-now';
import { ChannelBadge, channelName } from '../../ui/channel-badge';
import { EmptyState, InlineError, Spinner } from '../../ui/feedback';
import { pendingLabel, prettyBody, retryOutcome, sourceLabel } from './dead-letter-format';
import { useDeadLetters, useRetryDeadLetter } from './use-dead-letters';

const STATUS_LABELS: Record<DeadLetterStatus, string> = { pending: 'Pending', retried: 'Being retried', resolved: 'Resolved' };
const FILTERS: Array<{ value: DeadLetterStatus | ''; label: string }> = [
  { value: '', label: 'All' },
  { value: 'pending', label: 'Pending' },
  { value: 'resolved', label: 'Resolved' },
];

function ChannelCell({ letter, channel }: { letter: DeadLetter; channel: Channel | undefined }) {
  return (
    <span className="channel-identity">
      <ChannelBadge kind={letter.channelKind} />
      <span className="channel-identity-text">
        <span className="channel-name">{channel?.name ?? channelName(letter.channelKind)}</span>
        {channel ? null : <span className="muted">{letter.channelId ? 'channel deleted' : 'no channel matched'}</span>}
      </span>
    </span>
  );
}

function DeadLetterRow({ letter, channel, now }: { letter: DeadLetter; channel: Channel | undefined; now: number }) {
  const retry = useRetryDeadLetter();
  const received = formatFullDateTime(letter.createdAt);
  const label = `${sourceLabel(letter.source)} event received ${received}`;
  return (
    <tr data-testid="dead-letter-row" data-id={letter.id} data-status={letter.status}>
      <td>
        <ChannelCell letter={letter} channel={channel} />
      </td>
      <td>
        <span className="dead-letter-source" title={letter.source}>
          {sourceLabel(letter.source)}
        </span>
      </td>
      <td className="dead-letter-what">
        <code className="dead-letter-reason" data-testid="dead-letter-reason">
          {letter.reason}
        </code>
        <details className="dead-letter-raw">
          <summary>
            Raw body <span className="visually-hidden">of the {label}</span>
          </summary>
          <pre data-testid="dead-letter-raw" tabIndex={0} aria-label={`Raw body of the ${label}`}>
            {prettyBody(letter.rawBody)}
          </pre>
        </details>
      </td>
      <td className="dead-letter-when">
        <time dateTime={letter.createdAt} title={received}>
          {formatRelativeTime(letter.createdAt, now)}
        </time>
        <span className="muted">
          {letter.attempts} {letter.attempts === 1 ? 'read' : 'reads'}
        </span>
      </td>
      <td>
        <span className={`chip dead-letter-status is-${letter.status}`} data-testid="dead-letter-status">
          {STATUS_LABELS[letter.status]}
        </span>
      </td>
      <td className="cell-end dead-letter-actions">
        <button
          type="button"
          className="button button-small"
          data-testid="dead-letter-retry"
          disabled={retry.isPending}
          aria-label={`Retry the ${label}`}
          onClick={() => retry.mutate(letter.id)}
        >
          {retry.isPending ? 'Retrying…' : 'Retry'}
        </button>
        <span className="dead-letter-outcome" role="status" data-testid="dead-letter-outcome" data-outcome={retry.data?.outcome ?? (retry.error ? 'error' : '')}>
          {retry.data ? retryOutcome(retry.data) : retry.error ? `Not retried: ${errorMessage(retry.error)}` : ''}
        </span>
      </td>
    </tr>
  );
}

/**
 * Admins: platform events Rapport acknowledged but could not read, kept with the raw body and the
 * reason; a retry reads one again with the code running now.
 */
export function DeadLettersSection({ channels }: { channels: readonly Channel[] }) {
  const [status, setStatus] = useState<DeadLetterStatus | ''>('');
  const query = useDeadLetters(status || null);
  const now = useNow();
  const headingId = useId();
  const filterId = useId();
  const first = query.data?.pages[0];
  const letters = query.data?.pages.flatMap((page) => page.items) ?? [];

  let content;
  if (query.isPending) {
    content = (
      <div className="team-placeholder">
        <Spinner label="Loading the dead letters" />
      </div>
    );
  } else if (query.isError) {
    content = (
      <InlineError onRetry={() => void query.refetch()}>
        Could not load the dead letters: {errorMessage(query.error)}
      </InlineError>
    );
  } else if (letters.length === 0) {
    content = (
      <EmptyState title={status ? `No ${STATUS_LABELS[status].toLowerCase()} dead letters` : 'No dead letters'}>
        Every event the platforms sent was read.
      </EmptyState>
    );
  } else {
    content = (
      <>
        <table className="agent-table dead-letter-table" data-testid="dead-letters-table">
          <caption className="visually-hidden">Dead letters, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col">Source</th>
              <th scope="col">Why it could not be read</th>
              <th scope="col">Received</th>
              <th scope="col">Status</th>
              <th scope="col" className="cell-end">
                <span className="visually-hidden">Retry</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {letters.map((letter) => (
              <DeadLetterRow key={letter.id} letter={letter} channel={channels.find((c) => c.id === letter.channelId)} now={now} />
            ))}
          </tbody>
        </table>
        {query.hasNextPage ? (
          <div className="audit-more">
            <button type="button" className="button button-small" data-testid="dead-letters-more" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              {query.isFetchingNextPage ? 'Loading…' : 'Show older ones'}
            </button>
          </div>
        ) : null}
      </>
    );
  }

  return (
    <section className="team-card dead-letters" data-testid="dead-letters" aria-labelledby={headingId} aria-busy={query.isFetching}>
      <header className="team-card-header">
        <div className="team-card-title">
          <h2 id={headingId}>Dead letters</h2>
          <span className={`waiting-count${first && first.pending > 0 ? ' is-waiting' : ''}`} data-testid="dead-letters-pending" data-pending={first?.pending ?? ''}>
            {first ? pendingLabel(first.pending) : '…'}
          </span>
          <span className="muted">Events a platform sent that Rapport could not read: kept as they came, to retry after an upgrade.</span>
        </div>
        <div className="strategy">
          <label htmlFor={filterId}>Show</label>
          <select id={filterId} className="select" data-testid="dead-letters-filter" value={status} onChange={(e) => setStatus(e.target.value as DeadLetterStatus | '')}>
            {FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
      </header>
      {content}
    </section>
  );
}
