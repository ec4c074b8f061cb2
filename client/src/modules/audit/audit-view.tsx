import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { formatFullDateTime } from '../../lib/format-time';
import { EmptyState, InlineError, Spinner } from '../../ui/feedback';
import { FormField } from '../../ui/form-parts';
import { useDirectory } from '../auth/use-directory';
import { AUDIT_PERIODS, auditQuery, DEFAULT_AUDIT_FILTERS, type AuditFilters, type AuditPeriod } from './audit-filters';
import { actionLabel, actorLabel, describeDetails, originLabel, targetLabel } from './audit-format';
import { auditKeys } from './query-keys';
import { useAuditLog } from './use-audit-log';

function Filters({ filters, onChange }: { filters: AuditFilters; onChange: (next: AuditFilters) => void }) {
  const directory = useDirectory();
  const people = [...(directory.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section className="team-card audit-filters" aria-label="Filters">
      <FormField label="Action">
        {(id) => (
          <select id={id} className="select" data-testid="audit-filter-action" value={filters.action} onChange={(e) => onChange({ ...filters, action: e.target.value as AuditAction | '' })}>
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {actionLabel(action)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label="Who">
        {(id) => (
          <select id={id} className="select" data-testid="audit-filter-actor" value={filters.actorId} onChange={(e) => onChange({ ...filters, actorId: e.target.value })}>
            <option value="">Anyone</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label="Period">
        {(id) => (
          <select id={id} className="select" data-testid="audit-filter-period" value={filters.period} onChange={(e) => onChange({ ...filters, period: e.target.value as AuditPeriod })}>
            {AUDIT_PERIODS.map((period) => (
              <option key={period.value} value={period.value}>
                {period.label}
              </option>
            ))}
          </select>
        )}
      </FormField>
    </section>
  );
}

function EntryRow({ entry }: { entry: AuditEntry }) {
  const details = describeDetails(entry.details);
  return (
    <tr data-testid="audit-entry" data-action={entry.action}>
      <td className="audit-when">
        <time dateTime={entry.at}>{formatFullDateTime(entry.at)}</time>
      </td>
      <td className="audit-who">{actorLabel(entry)}</td>
      <td className="audit-what">
        <span className="audit-action">{actionLabel(entry.action)}</span>
        {details ? <span className="muted audit-details">{details}</span> : null}
      </td>
      <td className="audit-target" title={entry.targetId ?? undefined}>
        {targetLabel(entry)}
      </td>
      <td className="audit-origin" title={entry.userAgent ?? undefined}>
        {originLabel(entry)}
      </td>
    </tr>
  );
}

function Entries({ query }: { query: ReturnType<typeof useAuditLog> }) {
  if (query.isPending) {
    return (
      <div className="team-placeholder">
        <Spinner label="Loading the audit log" />
      </div>
    );
  }
  if (query.isError) {
    return (
      <InlineError onRetry={() => void query.refetch()}>
        Could not load the audit log: {errorMessage(query.error)}
      </InlineError>
    );
  }
  const entries = query.data.pages.flatMap((page) => page.items);
  if (entries.length === 0) {
    return (
      <section className="team-card">
        <EmptyState title="Nothing recorded">No entry matches these filters. Try a longer period or another action.</EmptyState>
      </section>
    );
  }
  return (
    <section className="team-card" aria-label="Entries">
      <table className="agent-table audit-table" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">To what</th>
            <th scope="col">From where</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <EntryRow key={entry.id} entry={entry} />
          ))}
        </tbody>
      </table>
      {query.hasNextPage ? (
        <div className="audit-more">
          <button type="button" className="button button-small" data-testid="audit-more" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            {query.isFetchingNextPage ? 'Loading…' : 'Show older entries'}
          </button>
        </div>
      ) : null}
    </section>
  );
}

/** Admins: who signed in, changed users, roles, channels and assignments, and exported, merged or erased customers; when, and from where. */
export function AuditView() {
  const [filters, setFilters] = useState<AuditFilters>(DEFAULT_AUDIT_FILTERS);
  // The period counts back from when it was chosen (or refreshed), so the pages of one list agree.
  const [query, setQuery] = useState(() => auditQuery(DEFAULT_AUDIT_FILTERS, Date.now()));
  const log = useAuditLog(query);
  const queryClient = useQueryClient();
  const change = (next: AuditFilters) => {
    setFilters(next);
    setQuery(auditQuery(next, Date.now()));
  };

  return (
    <main className="team-page" data-testid="audit-view" aria-label="Audit log">
      <div className="team-page-inner is-wide">
        <div className="page-header-row">
          <div className="team-page-header">
            <h1>Audit log</h1>
            <p className="muted">Who changed access, channels and assignments, and who exported, merged or erased customers: when, and from where. Newest first.</p>
          </div>
          <button type="button" className="button" data-testid="audit-refresh" disabled={log.isFetching} onClick={() => {
              void queryClient.invalidateQueries({ queryKey: auditKeys.all });
              change(filters);
            }}
          >
            Refresh
          </button>
        </div>
        <Filters filters={filters} onChange={change} />
        <Entries query={log} />
      </div>
    </main>
  );
}
