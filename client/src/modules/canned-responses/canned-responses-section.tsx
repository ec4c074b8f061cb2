import { Fragment, useId, useState } from 'react';
import type { CannedResponse, Team } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { languageLabel } from '../../lib/language-label';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { DismissibleError, EmptyState, InlineError, Spinner } from '../../ui/feedback';
import { useCurrentUser } from '../auth/use-session';
import { canCreateCannedResponses, canWriteCannedResponse, cannedWritableTeams } from './canned-permissions';
import { CannedResponseForm } from './canned-response-form';
import { useCannedResponseMutations, useCannedResponseSearch } from './use-canned-responses';

type OpenForm = null | 'new' | { replyId: string };

const COLUMNS = 5;
const SEARCH_DEBOUNCE_MS = 250;

interface RowProps {
  reply: CannedResponse;
  teams: readonly Team[];
  writable: boolean;
  onEdit: () => void;
  onDelete: () => void;
  deleting: boolean;
}

function CannedRow({ reply, teams, writable, onEdit, onDelete, deleting }: RowProps) {
  const [confirming, setConfirming] = useState(false);
  const team = reply.teamId === null ? 'Every team' : (teams.find((t) => t.id === reply.teamId)?.name ?? 'Another team');
  return (
    <tr className="canned-row" data-testid="canned-row" data-shortcut={reply.shortcut}>
      <td>
        <span className="canned-shortcut">/{reply.shortcut}</span>
      </td>
      <td className="canned-row-text">
        <span className="agent-name">{reply.title}</span>
        <div className="muted canned-row-body">{reply.body}</div>
      </td>
      <td>{team}</td>
      <td>{reply.language ? languageLabel(reply.language) : <span className="muted">Any</span>}</td>
      <td className="cell-end">
        {!writable ? null : confirming ? (
          <span className="row-confirm">
            <span className="row-confirm-text">Delete?</span>
            <button type="button" className="button button-danger button-small" data-testid="canned-delete-confirm" disabled={deleting} onClick={onDelete}>
              Delete
            </button>
            <button type="button" className="button button-quiet button-small" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <span className="row-actions">
            <button type="button" className="button button-quiet button-small" data-testid="canned-edit" aria-label={`Edit /${reply.shortcut}`} onClick={onEdit}>
              Edit
            </button>
            <button type="button" className="button button-quiet button-small button-danger-quiet" data-testid="canned-delete" aria-label={`Delete /${reply.shortcut}`} onClick={() => setConfirming(true)}>
              Delete
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}

/** Canned replies: leads write their teams', admins any; managers read them. Agents use them from the reply box. */
export function CannedResponsesSection({ teams }: { teams: readonly Team[] }) {
  const user = useCurrentUser();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const replies = useCannedResponseSearch(q);
  const { remove } = useCannedResponseMutations();
  const [open, setOpen] = useState<OpenForm>(null);
  const ownTeams = cannedWritableTeams(user, teams);
  const mayCreate = canCreateCannedResponses(user, teams);
  const searchId = useId();

  let body;
  if (replies.isPending) {
    body = (
      <div className="team-placeholder">
        <Spinner label="Loading the canned replies" />
      </div>
    );
  } else if (replies.isError) {
    body = <InlineError onRetry={() => void replies.refetch()}>Could not load the canned replies: {errorMessage(replies.error)}</InlineError>;
  } else if (replies.data.length === 0 && open !== 'new') {
    body = q ? (
      <EmptyState title={`No canned reply matches “${q}”`} />
    ) : (
      <EmptyState title="No canned replies yet">{mayCreate ? 'Add one: agents insert it by typing / and its shortcut.' : 'Leads and admins add them.'}</EmptyState>
    );
  } else if (replies.data.length > 0) {
    body = (
      <table className="agent-table canned-table">
        <thead>
          <tr>
            <th scope="col">Shortcut</th>
            <th scope="col">Reply</th>
            <th scope="col">For</th>
            <th scope="col">Language</th>
            <th scope="col" className="cell-end">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {replies.data.map((reply) => {
            const editing = open !== null && open !== 'new' && open.replyId === reply.id;
            return (
              <Fragment key={reply.id}>
                <CannedRow
                  reply={reply}
                  teams={teams}
                  writable={canWriteCannedResponse(user, reply, teams)}
                  deleting={remove.isPending}
                  onEdit={() => setOpen({ replyId: reply.id })}
                  onDelete={() => remove.mutate(reply.id)}
                />
                {editing ? (
                  <tr className="channel-edit-row">
                    <td colSpan={COLUMNS}>
                      <CannedResponseForm reply={reply} teams={ownTeams} allowEveryTeam={user.role === 'admin'} onDone={() => setOpen(null)} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    );
  }

  return (
    <section className="team-card" data-testid="canned-responses" aria-labelledby="canned-responses-title">
      <header className="team-card-header">
        <div className="team-card-title">
          <h2 id="canned-responses-title">Canned replies</h2>
          <span className="muted">Agents type / in the reply box to insert one, filled in with the customer’s and their own name.</span>
        </div>
        <div className="canned-tools">
          <label htmlFor={searchId} className="visually-hidden">
            Search canned replies
          </label>
          <input id={searchId} type="search" className="text-input canned-search" data-testid="canned-search" placeholder="Search shortcut or title" value={search} onChange={(e) => setSearch(e.target.value)} />
          {mayCreate && open !== 'new' ? (
            <button type="button" className="button button-primary button-small" data-testid="canned-new" onClick={() => setOpen('new')}>
              New reply
            </button>
          ) : null}
        </div>
      </header>
      {remove.error ? (
        <div className="settings-error">
          <DismissibleError testId="canned-delete-error" onDismiss={() => remove.reset()}>
            Not deleted: {errorMessage(remove.error)}
          </DismissibleError>
        </div>
      ) : null}
      {open === 'new' ? <CannedResponseForm teams={ownTeams} allowEveryTeam={user.role === 'admin'} onDone={() => setOpen(null)} /> : null}
      {body}
    </section>
  );
}
