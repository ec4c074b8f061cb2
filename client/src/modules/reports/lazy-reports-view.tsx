import { Component, lazy, Suspense, type ReactNode } from 'react';
import { InlineError, Spinner } from '../../ui/feedback';

// Loaded on first visit, so the charting library never weighs on the inbox bundle.
const ReportsView = lazy(() => import('./reports-view').then((m) => ({ default: m.ReportsView })));

/** A chunk that fails to load (offline, or a deploy replaced it) shows a way out instead of a blank page. */
class ChunkErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="reports-page" aria-label="Reports">
        <div className="reports-page-inner">
          <InlineError onRetry={() => window.location.reload()}>Could not load the reports.</InlineError>
        </div>
      </main>
    );
  }
}

export function LazyReportsView() {
  return (
    <ChunkErrorBoundary>
      <Suspense
        fallback={
          <div className="report-placeholder">
            <Spinner label="Loading the reports" />
          </div>
        }
      >
        <ReportsView />
      </Suspense>
    </ChunkErrorBoundary>
  );
}
