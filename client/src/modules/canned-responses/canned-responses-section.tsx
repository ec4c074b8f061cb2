import { Fragment, useId, useState } from 'react';
import type { CannedResponse, Team } from '@rapport/shared';
import { languageLabel } from '../../lib/language-label';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { EmptyState, MutationError, QueryView } from '../../ui/feedback';
import { EditRow, RowActions } from '../../ui/row-actions';
import { useOpenForm } from '../../ui/use-open-form';
import { useCurrentUser } from '../auth/use-session';
import { canCreateTeamScoped, canWriteTeamScoped, writableTeams } from '../team/team-permissions';
import { CannedResponseForm } from './canned-response-form';
import { useCannedResponseMutations, useCannedResponseSearch } from './use-canned-responses';

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
        {writable ? <RowActions testId="canned" editLabel={`Edit /${reply.shortcut}`} deleteLabel={`Delete /${reply.shortcut}`} deleting={deleting} onEdit={onEdit} onDelete={onDelete} /> : null}
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
  const form = useOpenForm();
  const ownTeams = writableTeams(user, teams);
  const mayCreate = canCreateTeamScoped(user, teams);
  const searchId = useId();

  const body = (
    <QueryView query={replies} loading="Loading the canned replies" failure="Could not load the canned replies">
      {(list) =>
        list.length > 0 ? (
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
              {list.map((reply) => (
                <Fragment key={reply.id}>
                  <CannedRow
                    reply={reply}
                    teams={teams}
                    writable={canWriteTeamScoped(user, reply, teams)}
                    deleting={remove.isPending}
                    onEdit={() => form.openEdit(reply.id)}
                    onDelete={() => remove.mutate(reply.id)}
                  />
                  {form.editingId === reply.id ? (
                    <EditRow columns={COLUMNS}>
                      <CannedResponseForm reply={reply} teams={ownTeams} allowEveryTeam={user.role === 'admin'} onDone={form.close} />
                    </EditRow>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        ) : form.isNew ? null : q ? (
          <EmptyState title={`No canned reply matches “${q}”`} />
        ) : (
          <EmptyState title="No canned replies yet">{mayCreate ? 'Add one: agents insert it by typing / and its shortcut.' : 'Leads and admins add them.'}</EmptyState>
        )
      }
    </QueryView>
  );

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
          {mayCreate && !form.isNew ? (
            <button type="button" className="button button-primary button-small" data-testid="canned-new" onClick={form.openNew}>
              New reply
            </button>
          ) : null}
        </div>
      </header>
      <MutationError mutation={remove} what="Not deleted" testId="canned-delete-error" />
      {form.isNew ? <CannedResponseForm teams={ownTeams} allowEveryTeam={user.role === 'admin'} onDone={form.close} /> : null}
      {body}
    </section>
  );
}
