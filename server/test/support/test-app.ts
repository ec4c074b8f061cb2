import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, LoginResponse, ServerToClientEvents, SyncAck } from '@rapport/shared';
import { createApp, type RapportApp } from '../../src/app.js';
import { loadConfig, type AppConfig } from '../../src/config/env.js';
import { hmacSha256Hex } from '../../src/modules/channels/signature.js';
import { createTestDatabase } from './test-database.js';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const API_SECRET = 'test-api-secret';
export const PASSWORD = 'rapport-demo';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestApp {
  baseUrl: string;
  config: AppConfig;
  app: RapportApp;
  /** Stops and starts the app again on the same database and Redis (a server restart); baseUrl changes. */
  restart: () => Promise<void>;
  /** Stops the app but keeps its database (call restart() to boot it again). */
  stop: () => Promise<void>;
  /** Stops the app and drops its database and Redis keys. */
  close: () => Promise<void>;
}

/** Boots the real app (HTTP, sockets, workers) on a fresh database and its own Redis prefix. */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const prefix = `rt${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    PORT: '0',
    API_CHANNEL_SECRET: API_SECRET,
    SIMULATOR: 'off',
    LOG_LEVEL: 'error',
    ...overrides,
  });
  const running = new Set<RapportApp>();
  const boot = async (): Promise<{ app: RapportApp; baseUrl: string }> => {
    const app = await createApp(config);
    running.add(app);
    await app.http!.listen(0, '127.0.0.1');
    const address = app.http!.getHttpServer().address() as { port: number };
    return { app, baseUrl: `http://127.0.0.1:${address.port}` };
  };
  const testApp: TestApp = {
    ...(await boot()),
    config,
    restart: async () => {
      await testApp.stop();
      Object.assign(testApp, await boot());
    },
    stop: async () => {
      if (!running.has(testApp.app)) return;
      running.delete(testApp.app);
      await testApp.app.context.close();
    },
    close: async () => {
      await testApp.stop();
      await clearRedisPrefix(prefix);
      await database.drop();
    },
  };
  return testApp;
}

export async function clearRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

/** A small HTTP client over fetch: JSON in, `{ status, body }` out. */
export function client(baseUrl: string, token?: string) {
  const request = async <T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(baseUrl + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
  return {
    get: <T = unknown>(path: string) => request<T>('GET', path),
    post: <T = unknown>(path: string, body: unknown = {}) => request<T>('POST', path, body),
    patch: <T = unknown>(path: string, body: unknown) => request<T>('PATCH', path, body),
    delete: <T = unknown>(path: string) => request<T>('DELETE', path),
  };
}

/** A test app of its own, a direct connection to its database and a manager's API client; `close` ends all three. */
export async function startAppWithDatabase(): Promise<{ app: TestApp; db: pg.Client; manager: ReturnType<typeof client>; close: () => Promise<void> }> {
  const app = await startTestApp();
  const db = new pg.Client({ connectionString: app.config.DATABASE_URL });
  await db.connect();
  const manager = client(app.baseUrl, (await login(app.baseUrl, 'manager@rapport.test')).accessToken);
  return {
    app,
    db,
    manager,
    close: async () => {
      await db.end();
      await app.close();
    },
  };
}

/** Waits until the message with this platform id is stored; answers its id and its conversation's. */
export async function storedMessage(db: pg.Client, externalId: string, timeoutMs = 10000): Promise<{ conversationId: string; messageId: string }> {
  return eventually(
    async () => {
      const row = (await db.query<{ conversation_id: string; id: string }>('SELECT conversation_id, id FROM messages WHERE external_id = $1', [externalId])).rows[0];
      return row ? { conversationId: row.conversation_id, messageId: row.id } : undefined;
    },
    timeoutMs,
    `message ${externalId} stored`,
  );
}

export async function login(baseUrl: string, email: string): Promise<LoginResponse> {
  const { status, body } = await client(baseUrl).post<LoginResponse>('/api/auth/login', { email, password: PASSWORD });
  if (status !== 200) throw new Error(`login of ${email} failed with ${status}`);
  return body;
}

/** Posts a customer message to the generic API channel, signed like a real integration would. */
export async function postApiMessage(
  baseUrl: string,
  message: { id: string; from: { id: string; name?: string }; text: string; timestamp?: string },
  options: { key?: string; secret?: string; signature?: string } = {},
): Promise<Response> {
  const raw = JSON.stringify(message);
  return fetch(`${baseUrl}/webhooks/api/${options.key ?? 'demo'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rapport-signature': options.signature ?? `sha256=${hmacSha256Hex(options.secret ?? API_SECRET, raw)}` },
    body: raw,
  });
}

export async function connectSocket(baseUrl: string, token: string): Promise<TestSocket> {
  const socket: TestSocket = io(baseUrl, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return socket;
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Collects every event a socket hears, in arrival order. */
export function recordEvents(socket: TestSocket): Array<{ type: string; payload: Record<string, unknown> & { seq: number } }> {
  const seen: Array<{ type: string; payload: Record<string, unknown> & { seq: number } }> = [];
  socket.onAny((type: string, payload: Record<string, unknown> & { seq: number }) => seen.push({ type, payload }));
  return seen;
}

/** Asks the server for what this socket missed; fails the test on an error answer. */
export async function sync(socket: TestSocket, sinceSeq: number): Promise<SyncAck> {
  const ack = await socket.emitWithAck('sync', { sinceSeq });
  if ('error' in ack) throw new Error(`sync refused: ${ack.error}`);
  return ack;
}

/** A second server process's worth of workers on the same database and Redis (ROLE=worker). */
export async function startExtraWorker(app: TestApp): Promise<{ close: () => Promise<void> }> {
  const worker = await createApp({ ...app.config, ROLE: 'worker', DEMO_SEED: false });
  return { close: () => worker.context.close() };
}
