import type { ChannelContext } from '../../channel-adapter.js';
import { requestJson } from '../../http-errors.js';
import { asRecord, asText, type JsonRecord } from './wire.js';

/** Calls to the Graph API host shared by Messenger, Instagram and the WhatsApp Cloud API. */

export const GRAPH_HOST = 'https://graph.facebook.com';

/** `{apiBaseUrl or graph.facebook.com}/{version}`: `config.apiBaseUrl` points a channel at the simulator. */
export function graphBase(channel: ChannelContext, version: string): string {
  const host = asText(channel.config.apiBaseUrl) ?? GRAPH_HOST;
  return `${host.replace(/\/+$/, '')}/${version}`;
}

/** Ids go into the path, so they are encoded: a stray `/` or `?` must not change the endpoint. */
export function graphPath(...segments: string[]): string {
  return segments.map(encodeURIComponent).join('/');
}

/** POST a JSON body with a Bearer token; non-2xx answers throw PlatformError (see classifyGraphError). */
export async function postGraph(url: string, token: string, payload: unknown): Promise<JsonRecord | undefined> {
  const answer = await requestJson(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  return asRecord(answer);
}
