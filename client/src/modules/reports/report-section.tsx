import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { errorMessage } from '../../lib/error-message';
import { InlineError, Spinner } from '../../ui/feedback';

interface ReportSectionProps<T> {
  title: string;
  testId: string;
  query: UseQueryResult<T>;
  /** What failed, for the error line: "the trends". */
  what: string;
  actions?: ReactNode;
  children: (data: T) => ReactNode;
}

/** A titled card that shows its query's loading and error states, and dims old figures while new ones load. */
export function ReportSection<T>({ title, testId, query, what, actions, children }: ReportSectionProps<T>) {
  const error = query.isError ? (
    <InlineError onRetry={() => void query.refetch()}>
      Could not load {what}: {errorMessage(query.error)}
    </InlineError>
  ) : null;
  let body: ReactNode;
  if (query.isPending) {
    body = (
      <div className="report-placeholder">
        <Spinner label={`Loading ${what}`} />
      </div>
    );
  } else if (query.data === undefined) {
    body = error;
  } else {
    // A failed refresh keeps the figures it had, below the error line.
    body = (
      <>
        {error}
        {children(query.data)}
      </>
    );
  }
  const stale = query.isPlaceholderData;
  return (
    <section className={stale ? 'report-card is-stale' : 'report-card'} data-testid={testId} aria-label={title} aria-busy={query.isFetching || undefined}>
      <header className="report-card-header">
        <h2>{title}</h2>
        {actions}
      </header>
      {body}
    </section>
  );
}
