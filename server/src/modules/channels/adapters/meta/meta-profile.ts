import type { ChannelContext, CustomerProfileHint } from '../../channel-adapter.js';
import { requestJson } from '../../http-errors.js';
import { requireSecret } from '../adapter-kit.js';
import { graphBase, graphPath } from './graph-api.js';
import { asRecord, asText } from './wire.js';

/**
 * Messenger and Instagram webhooks carry only a scoped id: the name comes from the User Profile API
 * (`GET /{psid}?fields=first_name,last_name`, `GET /{igsid}?fields=name,username`).
 */
export async function lookupMetaProfile(channel: ChannelContext, externalId: string, fields: 'messenger' | 'instagram'): Promise<CustomerProfileHint | null> {
  const query = fields === 'messenger' ? 'first_name,last_name,profile_pic' : 'name,username,profile_pic';
  const answer = asRecord(
    await requestJson(`${graphBase(channel, 'v25.0')}/${graphPath(externalId)}?fields=${query}`, {
      headers: { authorization: `Bearer ${requireSecret(channel, 'pageAccessToken')}` },
      timeoutMs: 3000,
    }),
  );
  if (!answer) return null;
  const name = fields === 'messenger' ? [asText(answer.first_name), asText(answer.last_name)].filter(Boolean).join(' ') : asText(answer.name);
  const handle = asText(answer.username);
  const avatarUrl = asText(answer.profile_pic);
  return name || handle ? { ...(name ? { name } : {}), ...(handle ? { handle } : {}), ...(avatarUrl ? { avatarUrl } : {}) } : null;
}
