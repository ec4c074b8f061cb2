import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Channel, Team } from '@rapport/shared';
import { createApp, type RapportApp } from '../src/app.js';
import { ChannelsService } from '../src/modules/channels/channels.service.js';
import { API_SECRET, client, login, postApiMessage, startTestApp, type TestApp } from './support/test-app.js';

/** A second API process on the same database and Redis prefix, as a load balancer would put beside the first. */
async function startSecondProcess(first: TestApp): Promise<{ app: RapportApp; baseUrl: string }> {
  const app = await createApp({ ...first.config, ROLE: 'api', DEMO_SEED: false });
  await app.http!.listen(0, '127.0.0.1');
  const { port } = app.http!.getHttpServer().address() as { port: number };
  return { app, baseUrl: `http://127.0.0.1:${port}` };
}

describe('channel cache: a change on one process holds on every process at once', () => {
  let first: TestApp;
  let second: { app: RapportApp; baseUrl: string };
  let db: pg.Client;
  let admin: string;
  let demo: Channel;
  let sequence = 0;

  /** Posts a signed customer message to the demo channel of one process; answers the HTTP status. */
  async function webhook(baseUrl: string, secret = API_SECRET): Promise<number> {
    const response = await postApiMessage(baseUrl, { id: `cache-${++sequence}`, from: { id: 'cache-customer' }, text: 'hello' }, { secret });
    return response.status;
  }

  async function patch(path: string, body: unknown): Promise<number> {
    const response = await fetch(`${first.baseUrl}${path}`, { method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify(body) });
    return response.status;
  }

  beforeAll(async () => {
    first = await startTestApp();
    second = await startSecondProcess(first);
    db = new pg.Client({ connectionString: first.config.DATABASE_URL });
    await db.connect();
    admin = (await login(first.baseUrl, 'admin@rapport.test')).accessToken;
    demo = (await client(first.baseUrl, admin).get<Channel[]>('/api/channels')).body.find((c) => c.key === 'demo')!;
  });

  afterAll(async () => {
    await db?.end();
    await second?.app.context.close();
    await first?.close();
  });

  it('serves webhooks from memory: a write that bypasses the service goes unseen until a change is announced', async () => {
    expect(await webhook(first.baseUrl)).toBe(200);
    expect(await webhook(second.baseUrl)).toBe(200);
    await db.query('UPDATE channels SET enabled = false WHERE id = $1', [demo.id]);
    expect(await webhook(second.baseUrl)).toBe(200);
    await first.app.context.get(ChannelsService).changed();
    expect(await webhook(second.baseUrl)).toBe(404);
    await db.query('UPDATE channels SET enabled = true WHERE id = $1', [demo.id]);
    // Not found in memory is asked of Postgres, so the channel works again without an announcement.
    expect(await webhook(second.baseUrl)).toBe(200);
  });

  it('refuses the old secret on the other process right after a rotation', async () => {
    expect(await webhook(second.baseUrl)).toBe(200);
    expect(await patch(`/api/channels/${demo.id}`, { config: { secret: 'rotated-secret' } })).toBe(200);
    expect(await webhook(second.baseUrl)).toBe(401);
    expect(await webhook(second.baseUrl, 'rotated-secret')).toBe(200);
    expect(await patch(`/api/channels/${demo.id}`, { config: { secret: API_SECRET } })).toBe(200);
    expect(await webhook(second.baseUrl)).toBe(200);
  });

  it('refuses a disabled channel on the other process right away, and takes it back when enabled', async () => {
    expect(await webhook(second.baseUrl)).toBe(200);
    expect(await patch(`/api/channels/${demo.id}`, { enabled: false })).toBe(200);
    expect(await webhook(second.baseUrl)).toBe(404);
    expect(await patch(`/api/channels/${demo.id}`, { enabled: true })).toBe(200);
    expect(await webhook(second.baseUrl)).toBe(200);
  });

  it('gives the other process the new team when a team takes the channel', async () => {
    const lookup = () => second.app.context.get(ChannelsService).context({ kind: 'api', key: 'demo' });
    expect((await lookup())?.teamId).toBe(demo.teamId);
    const created = await client(first.baseUrl, admin).post<Team>('/api/teams', { name: 'Cache team', channelIds: [demo.id] });
    expect(created.status).toBe(201);
    expect((await lookup())?.teamId).toBe(created.body.id);
    expect(await patch(`/api/teams/${demo.teamId}`, { channelIds: [demo.id] })).toBe(200);
    expect((await lookup())?.teamId).toBe(demo.teamId);
  });
});
