import type { Role, UserAccount } from '@rapport/shared';
import { EmptyState, MutationError, QueryView } from '../../ui/feedback';
import { useOpenForm } from '../../ui/use-open-form';
import { useCurrentUser } from '../auth/use-session';
import { useTeams } from '../team/use-agents';
import { NewUserForm } from './new-user-form';
import { UserRow } from './user-row';
import { deactivationBlock, roleChangeBlock, sortAccounts } from './users-rules';
import { useUpdateUser, useUsers } from './use-users';

/** Admins: who may sign in, with which role; deactivating someone signs them out at once. */
export function UsersView() {
  const me = useCurrentUser();
  const users = useUsers();
  const teams = useTeams();
  const update = useUpdateUser();
  const form = useOpenForm();
  const savingId = update.isPending ? update.variables.id : null;

  const change = (account: UserAccount, body: { role?: Role; active?: boolean }) => update.mutate({ id: account.id, body });

  return (
    <main className="team-page" data-testid="users-view" aria-label="Users">
      <div className="team-page-inner">
        <div className="page-header-row">
          <div className="team-page-header">
            <h1>Users</h1>
            <p className="muted">Who can sign in, and with which role. A deactivated user is signed out at once and their open conversations go to colleagues.</p>
          </div>
          {!form.isNew ? (
            <button type="button" className="button button-primary" data-testid="user-new" onClick={form.openNew}>
              Add user
            </button>
          ) : null}
        </div>
        <MutationError mutation={update} what="Not saved" testId="users-save-error" />
        {form.isNew ? (
          <section className="team-card channel-new-card" aria-label="New user">
            <header className="team-card-header">
              <div className="team-card-title">
                <h2>New user</h2>
              </div>
            </header>
            <NewUserForm teams={teams.data ?? []} onDone={form.close} />
          </section>
        ) : null}
        <QueryView query={users} loading="Loading the users" failure="Could not load the users">
          {(list) =>
            list.length === 0 ? (
              <section className="team-card">
                <EmptyState title="No users yet">Add the people who answer your customers.</EmptyState>
              </section>
            ) : (
              <section className="team-card" aria-label="Users list">
                <table className="agent-table user-table">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Role</th>
                      <th scope="col">Status</th>
                      <th scope="col" className="cell-end">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {sortAccounts(list).map((account) => (
                      <UserRow
                        key={account.id}
                        account={account}
                        isMe={account.id === me.id}
                        roleBlock={roleChangeBlock(account, list)}
                        deactivateBlock={deactivationBlock(me.id, account, list)}
                        saving={savingId === account.id}
                        onRole={(role) => change(account, { role })}
                        onActive={(active) => change(account, { active })}
                      />
                    ))}
                  </tbody>
                </table>
              </section>
            )
          }
        </QueryView>
      </div>
    </main>
  );
}
