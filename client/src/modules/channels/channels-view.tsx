import { Fragment } from 'react';
import type { Channel } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { DismissibleError, EmptyState, QueryView } from '../../ui/feedback';
import { EditRow } from '../../ui/row-actions';
import { useOpenForm } from '../../ui/use-open-form';
import { useCurrentUser } from '../auth/use-session';
import { useTeams } from '../team/use-agents';
import { NO_TEAM } from './channel-config-diff';
import { ChannelForm } from './channel-form';
import { canEditChannels, canSeeDeadLetters } from './channel-permissions';
import { ChannelRow } from './channel-row';
import { DeadLettersSection } from './dead-letters-section';
import { useChannels } from './use-channels';
import { useDeleteChannel, useUpdateChannel } from './use-channel-mutations';

/** Leads, managers and admins: where messages come from and what to set up on each platform. Admins edit. */
export function ChannelsView() {
  const user = useCurrentUser();
  const editable = canEditChannels(user);
  const channels = useChannels();
  const teams = useTeams();
  const toggle = useUpdateChannel();
  const remove = useDeleteChannel();
  const form = useOpenForm();
  const teamList = teams.data ?? [];
  const columns = editable ? 6 : 5;
  const saveError = toggle.error ?? remove.error;

  const onToggle = (channel: Channel, enabled: boolean) => toggle.mutate({ channel, patch: { enabled } });
  const onDelete = (channel: Channel) => {
    if (form.editingId === channel.id) form.close();
    remove.mutate(channel);
  };

  const body = (
    <QueryView query={channels} loading="Loading the channels" failure="Could not load the channels">
      {(list) =>
        list.length === 0 ? (
          <section className="team-card">
            <EmptyState title="No channels yet">{editable ? 'Add one to start receiving messages.' : 'An admin adds them.'}</EmptyState>
          </section>
        ) : (
          <section className="team-card" aria-label="Channels">
            <table className="agent-table channel-table">
              <thead>
                <tr>
                  <th scope="col">Channel</th>
                  <th scope="col">Team</th>
                  <th scope="col">Receives</th>
                  <th scope="col">Secrets</th>
                  <th scope="col" className="cell-center">
                    Enabled
                  </th>
                  {editable ? (
                    <th scope="col" className="cell-end">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {list.map((channel) => {
                  const editing = form.editingId === channel.id;
                  return (
                    <Fragment key={channel.id}>
                      <ChannelRow
                        channel={channel}
                        team={teamList.find((t) => t.id === channel.teamId)}
                        editable={editable}
                        editing={editing}
                        onEdit={() => form.openEdit(channel.id)}
                        onToggle={(enabled) => onToggle(channel, enabled)}
                        onDelete={() => onDelete(channel)}
                      />
                      {editing ? (
                        <EditRow columns={columns}>
                          <ChannelForm channel={channel} teams={teamList} onDone={form.close} />
                        </EditRow>
                      ) : null}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </section>
        )
      }
    </QueryView>
  );

  return (
    <main className="team-page" data-testid="channels-view" aria-label="Channels">
      <div className="team-page-inner">
        <div className="page-header-row">
          <div className="team-page-header">
            <h1>Channels</h1>
            <p className="muted">
              Where customer messages come from. Tokens are write-only: Rapport shows which are set, never their values.
              {editable ? '' : ' Only admins change channels.'}
            </p>
          </div>
          {editable && !form.isNew ? (
            <button type="button" className="button button-primary" data-testid="channel-new" onClick={form.openNew}>
              New channel
            </button>
          ) : null}
        </div>
        {saveError ? (
          <DismissibleError
            testId="channels-save-error"
            onDismiss={() => {
              toggle.reset();
              remove.reset();
            }}
          >
            {remove.error ? 'Not deleted' : 'Not saved'}: {errorMessage(saveError)}
          </DismissibleError>
        ) : null}
        {editable && form.isNew ? (
          <section className="team-card channel-new-card" aria-label="New channel">
            <header className="team-card-header">
              <div className="team-card-title">
                <h2>New channel</h2>
                <span className="muted">The fields follow the kind; secrets can be replaced later but never read back.</span>
              </div>
            </header>
            <ChannelForm teams={teamList} defaultTeamId={teamList.length === 1 ? (teamList[0]?.id ?? NO_TEAM) : NO_TEAM} onDone={form.close} />
          </section>
        ) : null}
        {body}
        {canSeeDeadLetters(user) ? <DeadLettersSection channels={channels.data ?? []} /> : null}
      </div>
    </main>
  );
}
