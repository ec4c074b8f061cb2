import type { IncomingMessage, ServerResponse } from 'node:http';
import { SIMULATED_ACCOUNTS } from './accounts.js';
import type { ApiChannel } from './api-channel.js';
import { GRAPH_PATH, type GraphApi } from './graph-api.js';
import { BodyTooLargeError, paramsOf, parseBody, readBody, sendJson, type SimRequest } from './http-util.js';
import type { MastodonApi } from './mastodon-api.js';
import { TELEGRAM_PATH, type TelegramApi } from './telegram-api.js';
import type { XApi } from './x-api.js';

export interface StandIns {
  control(request: SimRequest): Promise<void>;
  telegram: TelegramApi;
  x: XApi;
  mastodon: MastodonApi;
  api: ApiChannel;
  graph: GraphApi;
}

/** Reads and parses the request once, then hands it to the stand-in its path belongs to. */
export async function route(standIns: StandIns, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator.local');
  const method = (req.method ?? 'GET').toUpperCase();
  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return sendJson(res, 413, { error: 'request body too large' });
    throw err;
  }
  const path = url.pathname;
  const query = paramsOf(url.searchParams);
  const parsed = method === 'GET' || method === 'HEAD' ? ({ ok: true, value: {} } as const) : parseBody(raw, req.headers['content-type']);
  const request: SimRequest = { method, path, query, raw, parsed, req, res };

  if (path.startsWith('/_sim/')) return standIns.control(request);
  const telegram = TELEGRAM_PATH.exec(path);
  if (telegram) return standIns.telegram.handle(request, telegram[1] ?? '', telegram[2] ?? '');
  if (path.startsWith('/2/')) return standIns.x.handle(request);
  if (path.startsWith('/api/v1/')) return standIns.mastodon.handle(request);
  if (method === 'POST' && path === SIMULATED_ACCOUNTS.api.callbackPath) return standIns.api.handleCallback(request);
  const graph = GRAPH_PATH.exec(path);
  if (graph) return standIns.graph.handle(request, graph[1] ?? '', graph[2] ?? null);
  sendJson(res, 404, { error: `no stand-in at ${method} ${path}` });
}
