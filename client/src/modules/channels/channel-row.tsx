import { Fragment } from 'react';
import type { Channel, Team } from '@rapport/shared';
import { ChannelBadge, channelName } from '../../ui/channel-badge';
import { CopyButton } from '../../ui/copy-button';
import { RowActions } from '../../ui/row-actions';
import { channelAccount, secretFieldNames, setSecrets } from './channel-fields';
import { channelIntake } from './webhook-url';

interface ChannelRowProps {
  channel: Channel;
  team: Team | undefined;
  editable: boolean;
  editing: boolean;
  onEdit: () => void;
  onToggle: (enabled: boolean) => void;
  onDelete: () => void;
}

/** The whole URL, wrapped rather than cut (the end is the part that differs), preferably after a / ? or &. */
function UrlField({ url, label, testId }: { url: string; label: string; testId: string }) {
  return (
    <span className="url-field">
      <code className="url-text" data-testid={testId} aria-label={label}>
        {url.split(/(?<=[/?&])/).map((part, i) => (
          <Fragment key={i}>
            {i > 0 ? <wbr /> : null}
            {part}
          </Fragment>
        ))}
      </code>
      <CopyButton text={url} label={`Copy ${label.toLowerCase()}`} testId={`${testId}-copy`} />
    </span>
  );
}

/** Where the platform should send messages, or that Rapport fetches them itself. */
function Intake({ channel }: { channel: Channel }) {
  const intake = channelIntake(channel, window.location.origin);
  return (
    <div className="intake">
      {intake.webhookUrl ? <UrlField url={intake.webhookUrl} label="Webhook URL" testId="channel-webhook-url" /> : null}
      {intake.pollSeconds !== null ? (
        <span className="intake-note muted" data-testid="channel-polled">
          {intake.webhookUrl ? `Mentions polled every ${intake.pollSeconds} s` : `Polled every ${intake.pollSeconds} s · no webhook needed`}
        </span>
      ) : null}
      {intake.alternativeWebhookUrl ? (
        <details className="intake-alternative">
          <summary className="muted">Use a webhook instead</summary>
          <UrlField url={intake.alternativeWebhookUrl} label="Telegram webhook URL" testId="channel-alt-webhook-url" />
          <span className="intake-note muted">Replace the placeholder with the server’s TELEGRAM_WEBHOOK_SECRET.</span>
        </details>
      ) : null}
    </div>
  );
}

function Secrets({ channel }: { channel: Channel }) {
  const set = setSecrets(channel);
  const missing = secretFieldNames(channel.kind).filter((name) => !channel.secretFields.includes(name));
  return (
    <span className="chips" data-testid="channel-secrets">
      {set.map((field) => (
        <span key={field.name} className="chip secret-chip" title={`${field.label} is set (write-only, never shown)`}>
          {field.name === 'secret' ? 'secret set' : 'token set'}
        </span>
      ))}
      {missing.length > 0 ? <span className="secret-missing">{missing.length === 1 && missing[0] === 'secret' ? 'no secret' : 'no token'}</span> : null}
    </span>
  );
}

export function ChannelRow({ channel, team, editable, editing, onEdit, onToggle, onDelete }: ChannelRowProps) {
  const account = channelAccount(channel);
  return (
    <tr
      className={channel.enabled ? 'channel-row' : 'channel-row is-disabled'}
      data-testid="channel-row"
      data-channel-id={channel.id}
      data-kind={channel.kind}
      data-enabled={channel.enabled ? 'true' : 'false'}
    >
      <td>
        <span className="channel-identity">
          <ChannelBadge kind={channel.kind} />
          <span className="channel-identity-text">
            <span className="channel-name">{channel.name}</span>
            <span className="muted channel-account" data-testid="channel-account">
              {account ? (
                <>
                  {account.label} <code>{account.value}</code>
                </>
              ) : (
                channel.kind === 'telegram' ? 'Telegram bot' : channelName(channel.kind)
              )}
            </span>
          </span>
        </span>
      </td>
      <td>{team ? team.name : channel.teamId ? <span className="muted">Unknown team</span> : <span className="muted" title="Its conversations reach leads, managers and admins only">No team</span>}</td>
      <td>
        <Intake channel={channel} />
      </td>
      <td>
        <Secrets channel={channel} />
      </td>
      <td className="cell-center">
        <label className="toggle toggle-brand" title={channel.enabled ? 'Receiving and sending' : 'Off: nothing is received or sent'}>
          <input
            type="checkbox"
            data-testid="channel-enabled"
            checked={channel.enabled}
            disabled={!editable}
            aria-label={`${channel.name} enabled`}
            onChange={(e) => onToggle(e.target.checked)}
          />
          <span className="toggle-track" aria-hidden="true" />
        </label>
      </td>
      {editable ? (
        <td className="cell-end">
          <RowActions testId="channel" editing={editing} confirmLabel={`Delete ${channel.name}?`} onEdit={onEdit} onDelete={onDelete} />
        </td>
      ) : null}
    </tr>
  );
}
