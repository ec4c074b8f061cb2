import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { AuditEntry, Channel, Conversation, Message, Page } from '@rapport/shared';
import { prepareDatabase } from '../src/database/prepare.js';
import { keyIdOf, secretsKeyBytes } from '../src/modules/channels/secret-box.js';
import { hmacSha256Hex } from '../src/modules/channels/signature.js';
import { API_SECRET, client, eventually, login, postApiMessage, startTestApp, storedMessage, type TestApp } from './support/test-app.js';

const FIRST_KEY = randomBytes(32).toString('base64');
const SECOND_KEY = randomBytes(32).toString('hex');
const STRANGER_KEY = randomBytes(32).toString('base64url');
const SECRET = `sealed-api-secret-${randomBytes(6).toString('hex')}`;
const NEW_SECRET = `replaced-api-secret-${randomBytes(6).toString('hex')}`;
const LEGACY_SECRET = `legacy-plaintext-secret-${randomBytes(6).toString('hex')}`;

const keyId = (text: string): string => keyIdOf(secretsKeyBytes(text)!);

/** The backend behind the API channel: records each reply Rapport posts, with its signature. */
class Callback {
  readonly hits: Array<{ body: string; signature: string | undefined }> = [];
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const signature = req.headers['x-rapport-signature'];
        this.hits.push({ body, signature: typeof signature === 'string' ? signature : undefined });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: `cb-${this.hits.length}` }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/replies`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('channel secrets: sealed at rest, never shown, rotated on restart', () => {
  let app: TestApp;
  let db: pg.Client;
  let admin: ReturnType<typeof client>;
  const callback = new Callback();
  let channel: Channel;
  let sequence = 0;

  const storedSecrets = async (): Promise<Array<{ name: string; secrets: string }>> => (await db.query<{ name: string; secrets: string }>('SELECT name, secrets::text AS secrets FROM channels ORDER BY name')).rows;
  const auditOf = async (action: string): Promise<AuditEntry[]> => (await admin.get<Page<AuditEntry>>(`/api/audit?action=${action}&targetId=${channel.id}`)).body.items;

  /** A signed customer message on a channel: 200 only when Rapport opened the channel's secret to check it. */
  async function customerWrites(key: string, secret: string): Promise<{ status: number; externalId: string }> {
    const externalId = `sealed-${++sequence}`;
    const response = await postApiMessage(app.baseUrl, { id: externalId, from: { id: `cust-${key}`, name: 'Sam Sealed' }, text: 'Is my token safe?' }, { key, secret });
    return { status: response.status, externalId };
  }

  beforeAll(async () => {
    const callbackUrl = await callback.start();
    app = await startTestApp({ SECRETS_KEY: FIRST_KEY });
    db = new pg.Client({ connectionString: app.config.DATABASE_URL });
    await db.connect();
    admin = client(app.baseUrl, (await login(app.baseUrl, 'admin@rapport.test')).accessToken);
    const created = await admin.post<Channel>('/api/channels', { kind: 'api', name: 'Sealed backend', config: { key: 'sealed', secret: SECRET, callbackUrl } });
    expect(created.status).toBe(201);
    channel = created.body;
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
    await callback.stop();
  });

  it('stores no plaintext: every row is sealed with the current key', async () => {
    const rows = await storedSecrets();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(API_SECRET);
    for (const row of rows) expect(row.secrets.split(':').slice(0, 2)).toEqual(['v1', keyId(FIRST_KEY)]);
  });

  it('never returns a secret from any channels route', async () => {
    const responses = [
      channel,
      (await admin.get<Channel[]>('/api/channels')).body,
      (await admin.get<Channel>(`/api/channels/${channel.id}`)).body,
      (await client(app.baseUrl, (await login(app.baseUrl, 'manager@rapport.test')).accessToken).get<Channel[]>('/api/channels')).body,
    ];
    for (const body of responses) {
      expect(JSON.stringify(body)).not.toContain(SECRET);
      expect(JSON.stringify(body)).not.toContain(API_SECRET);
    }
    expect(channel.secretFields).toEqual(['secret']);
  });

  it('still verifies webhooks and signs replies with the sealed secret', async () => {
    const inbound = await customerWrites('sealed', SECRET);
    expect(inbound.status).toBe(200);
    expect((await customerWrites('sealed', 'not-the-secret')).status).toBe(401);
    const { conversationId } = await storedMessage(db, inbound.externalId);
    const lead = client(app.baseUrl, (await login(app.baseUrl, 'lead@rapport.test')).accessToken);
    const reply = await lead.post<Message>(`/api/conversations/${conversationId}/messages`, { text: 'Yes: sealed with AES-256-GCM.' });
    expect(reply.status).toBe(201);
    const hit = await eventually(() => callback.hits.find((h) => h.body.includes('sealed with AES-256-GCM')), 10000, 'the reply at the callback');
    expect(hit.signature).toBe(`sha256=${hmacSha256Hex(SECRET, hit.body)}`);
    expect((await lead.get<Conversation>(`/api/conversations/${conversationId}`)).status).toBe(200);
  });

  it('audits changes by name of the secret only', async () => {
    expect(await auditOf('channel.created')).toEqual([
      expect.objectContaining({ actorEmail: 'admin@rapport.test', targetType: 'channel', details: expect.objectContaining({ kind: 'api', name: 'Sealed backend', secretsChanged: ['secret'] }) }),
    ]);
    expect((await admin.patch<Channel>(`/api/channels/${channel.id}`, { config: { secret: NEW_SECRET } })).status).toBe(200);
    expect((await admin.patch<Channel>(`/api/channels/${channel.id}`, { name: 'Sealed backend (renamed)' })).status).toBe(200);
    const updates = await auditOf('channel.updated');
    expect(updates.map((e) => e.details)).toEqual([{ fields: ['name'], name: { from: 'Sealed backend', to: 'Sealed backend (renamed)' } }, { fields: [], secretsChanged: ['secret'] }]);
    const everything = (await db.query<{ details: string }>('SELECT details::text AS details FROM audit_log')).rows.map((r) => r.details).join('\n');
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(NEW_SECRET);
    expect(JSON.stringify(await storedSecrets())).not.toContain(NEW_SECRET);
    expect((await customerWrites('sealed', NEW_SECRET)).status).toBe(200);
  });

  it('serves a row written as plain JSON at once, and seals it on the next start', async () => {
    await db.query("INSERT INTO channels (kind, key, name, config, secrets, team_id) SELECT 'api', 'legacy', 'Legacy backend', $1, $2, id FROM teams WHERE name = 'Care'", [
      JSON.stringify({ key: 'legacy' }),
      JSON.stringify({ secret: LEGACY_SECRET }),
    ]);
    expect((await customerWrites('legacy', LEGACY_SECRET)).status).toBe(200);
    await app.restart();
    expect(JSON.stringify(await storedSecrets())).not.toContain(LEGACY_SECRET);
    expect((await customerWrites('legacy', LEGACY_SECRET)).status).toBe(200);
  });

  it('rotates: a new key with the old one as previous re-seals every row, then the old one can go', async () => {
    Object.assign(app.config, { SECRETS_KEY: SECOND_KEY, SECRETS_KEY_PREVIOUS: FIRST_KEY });
    await app.restart();
    for (const row of await storedSecrets()) expect(row.secrets.split(':')[1]).toBe(keyId(SECOND_KEY));
    expect((await customerWrites('sealed', NEW_SECRET)).status).toBe(200);

    Object.assign(app.config, { SECRETS_KEY_PREVIOUS: undefined });
    await app.restart();
    expect((await customerWrites('sealed', NEW_SECRET)).status).toBe(200);
    expect((await customerWrites('legacy', LEGACY_SECRET)).status).toBe(200);
    expect((await client(app.baseUrl, (await login(app.baseUrl, 'admin@rapport.test')).accessToken).get<Channel>(`/api/channels/${channel.id}`)).body.secretFields).toEqual(['secret']);
  });

  it('stops a start with a key that opens nothing, naming the channel and the key, never a secret', async () => {
    const start = prepareDatabase({ ...app.config, SECRETS_KEY: STRANGER_KEY, SECRETS_KEY_PREVIOUS: undefined });
    await expect(start).rejects.toThrow(/^Channel ".+" \([0-9a-f-]{36}\): its secrets do not open: sealed with key \S+, which is neither SECRETS_KEY \(key \S+\) nor one of SECRETS_KEY_PREVIOUS.*Rotating SECRETS_KEY/);
    const message = await start.catch((err: unknown) => String(err));
    for (const secret of [SECRET, NEW_SECRET, LEGACY_SECRET, API_SECRET, SECOND_KEY, STRANGER_KEY]) expect(message).not.toContain(secret);
    expect(message).toContain(keyId(SECOND_KEY));
    // Nothing was half re-sealed: the right key still opens every row.
    for (const row of await storedSecrets()) expect(row.secrets.split(':')[1]).toBe(keyId(SECOND_KEY));
  });

  it('audits a deletion', async () => {
    admin = client(app.baseUrl, (await login(app.baseUrl, 'admin@rapport.test')).accessToken);
    expect((await admin.delete(`/api/channels/${channel.id}`)).status).toBe(204);
    expect(await auditOf('channel.deleted')).toEqual([expect.objectContaining({ details: { kind: 'api', name: 'Sealed backend (renamed)', teamId: expect.any(String) } })]);
  });
});
