import { Fragment, useState } from 'react';
import type { Channel } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { DismissibleError, EmptyState, InlineError, Spinner } from '../../ui/feedback';
import { useCurrentUser } from '../auth/use-session';
import { useTeams } from '../team/use-agents';
import { NO_TEAM } from './channel-config-diff';
import { ChannelForm } from './channel-form';
import { canEditChannels } from './channel-permissions';
import { ChannelRow } from './channel-row';
import { useChannels } from './use-channels';
import { useDeleteChannel, useUpdateChannel } from './use-channel-mutations';

/** Which form is open: none, the new-channel form, or the edit form of one channel. */
type OpenForm = null | 'new' | { channelId: string };

/** Leads, managers and admins: where messages come from and what to set up on each platform. Admins edit. */
export function ChannelsView() {
  const user = useCurrentUser();
  const editable = canEditChannels(user);
  const channels = useChannels();
  const teams = useTeams();
  const toggle = useUpdateChannel();
  const remove = useDeleteChannel();
  const [open, setOpen] = useState<OpenForm>(null);
  const teamList = teams.data ?? [];
  const columns = editable ? 6 : 5;
  const saveError = toggle.error ?? remove.error;

  const onToggle = (channel: Channel, enabled: boolean) => toggle.mutate({ channel, patch: { enabled } });
  const onDelete = (channel: Channel) => {
    if (open !== null && open !== 'new' && open.channelId === channel.id) setOpen(null);
    remove.mutate(channel);
  };

  let body;
  if (channels.isPending) {
    body = (
      <div className="team-placeholder">
        <Spinner label="Loading the channels" />
      </div>
    );
  } else if (channels.isError) {
    body = <InlineError onRetry={() => void channels.refetch()}>Could not load the channels: {errorMessage(channels.error)}</InlineError>;
  } else if (channels.data.length === 0) {
    body = (
      <section className="team-card">
        <EmptyState title="No channels yet">{editable ? 'Add one to start receiving messages.' : 'An admin adds them.'}</EmptyState>
      </section>
    );
  } else {
    body = (
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
            {channels.data.map((channel) => {
              const editing = open !== null && open !== 'new' && open.channelId === channel.id;
              return (
                <Fragment key={channel.id}>
                  <ChannelRow
                    channel={channel}
                    team={teamList.find((t) => t.id === channel.teamId)}
                    editable={editable}
                    editing={editing}
                    onEdit={() => setOpen({ channelId: channel.id })}
                    onToggle={(enabled) => onToggle(channel, enabled)}
                    onDelete={() => onDelete(channel)}
                  />
                  {editing ? (
                    <tr className="channel-edit-row">
                      <td colSpan={columns}>
                        <ChannelForm channel={channel} teams={teamList} onDone={() => setOpen(null)} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </section>
    );
  }

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
          {editable && open !== 'new' ? (
            <button type="button" className="button button-primary" data-testid="channel-new" onClick={() => setOpen('new')}>
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
        {editable && open === 'new' ? (
          <section className="team-card channel-new-card" aria-label="New channel">
            <header className="team-card-header">
              <div className="team-card-title">
                <h2>New channel</h2>
                <span className="muted">The fields follow the kind; secrets can be replaced later but never read back.</span>
              </div>
            </header>
            <ChannelForm teams={teamList} defaultTeamId={teamList.length === 1 ? (teamList[0]?.id ?? NO_TEAM) : NO_TEAM} onDone={() => setOpen(null)} />
          </section>
        ) : null}
        {body}
      </div>
    </main>
  );
}
