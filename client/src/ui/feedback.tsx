import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { errorMessage } from '../lib/error-message';

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return <span className="spinner" role="status" aria-label={label} />;
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children ? <div className="muted">{children}</div> : null}
    </div>
  );
}

export function InlineError({ children, onRetry }: { children: ReactNode; onRetry?: () => void }) {
  return (
    <div className="inline-error" role="alert">
      <span>{children}</span>
      {onRetry ? (
        <button type="button" className="link-button" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}

/** A change the server refused, shown until dismissed. */
export function DismissibleError({ children, testId, onDismiss }: { children: ReactNode; testId: string; onDismiss: () => void }) {
  return (
    <div className="team-save-error" role="alert" data-testid={testId}>
      <span>{children}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}

/** What the server said when a mutation failed (`${what}: …`, e.g. "Not deleted: …"), shown until dismissed; nothing otherwise. */
export function MutationError({ mutation, what, testId }: { mutation: { error: unknown; reset: () => void }; what: string; testId: string }) {
  if (!mutation.error) return null;
  return (
    <div className="settings-error">
      <DismissibleError testId={testId} onDismiss={() => mutation.reset()}>
        {what}: {errorMessage(mutation.error)}
      </DismissibleError>
    </div>
  );
}

interface QueryViewProps<T> {
  query: UseQueryResult<T>;
  /** The spinner's label, e.g. "Loading the channels". */
  loading: string;
  /** Put before the error, e.g. "Could not load the channels". */
  failure: string;
  children: (data: T) => ReactNode;
}

/** A spinner while `query` loads, its error with a retry if it failed, else `children` of its data. */
export function QueryView<T>({ query, loading, failure, children }: QueryViewProps<T>) {
  if (query.isPending) {
    return (
      <div className="team-placeholder">
        <Spinner label={loading} />
      </div>
    );
  }
  if (query.isError) {
    return (
      <InlineError onRetry={() => void query.refetch()}>
        {failure}: {errorMessage(query.error)}
      </InlineError>
    );
  }
  return children(query.data);
}
