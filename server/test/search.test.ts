import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { ApiError, Conversation, LoginResponse, Page } from '@rapport/shared';
import { ConversationSearchService } from '../src/modules/conversations/conversation-search.service.js';
import { client, login, postApiMessage, startAppWithDatabase, storedMessage, type TestApp } from './support/test-app.js';

type Api = ReturnType<typeof client>;

const MINUTE = 60_000;

describe('conversation search', () => {
  let app: TestApp;
  let db: pg.Client;
  let agent1: LoginResponse;
  let asAgent1: Api;
  let asLead: Api;
  let asManager: Api;
  let search: ConversationSearchService;
  let counter = 0;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, db, manager: asManager, close } = await startAppWithDatabase());
    const [a1, lead] = await Promise.all(['agent1', 'lead'].map((who) => login(app.baseUrl, `${who}@rapport.test`)));
    agent1 = a1!;
    asAgent1 = client(app.baseUrl, agent1.accessToken);
    asLead = client(app.baseUrl, lead!.accessToken);
    search = app.app.http!.get(ConversationSearchService, { strict: false });
  });

  afterAll(() => close());

  /** A customer writes on the demo API channel (team Care) `minutesAgo`; resolves with the stored message's conversation and id. */
  async function says(sender: string, text: string, options: { name?: string; minutesAgo?: number; key?: string; secret?: string } = {}): Promise<{ conversationId: string; messageId: string }> {
    const externalId = `search-${++counter}`;
    const timestamp = new Date(Date.now() - (options.minutesAgo ?? 0) * MINUTE).toISOString();
    const body = { id: externalId, from: { id: sender, ...(options.name ? { name: options.name } : {}) }, text, timestamp };
    const response = await postApiMessage(app.baseUrl, body, options.key ? { key: options.key, ...(options.secret ? { secret: options.secret } : {}) } : {});
    expect(response.status).toBe(200);
    return storedMessage(db, externalId);
  }

  const find = async (api: Api, q: string, extra = ''): Promise<Page<Conversation>> => {
    const response = await api.get<Page<Conversation>>(`/api/conversations?q=${encodeURIComponent(q)}${extra}`);
    expect(response.status).toBe(200);
    return response.body;
  };
  const ids = async (api: Api, q: string, extra = ''): Promise<string[]> => (await find(api, q, extra)).items.map((c) => c.id);

  describe('accents and case', () => {
    let cafe: string;
    let muller: string;

    beforeAll(async () => {
      cafe = (await says('accent-1', 'Un café con leche, por favor')).conversationId;
      muller = (await says('accent-2', 'Guten Tag, ich warte noch', { name: 'Jonas Müller' })).conversationId;
    });

    it.each([['cafe'], ['CAFÉ'], ['Café']])('"%s" finds "café"', async (q) => {
      expect(await ids(asManager, q)).toEqual([cafe]);
    });

    it.each([['muller'], ['MÜLLER'], ['jonas muller']])('"%s" finds the customer Müller by name', async (q) => {
      expect(await ids(asManager, q)).toEqual([muller]);
    });

    it('finds a name with a typo in it (trigram similarity)', async () => {
      expect(await ids(asManager, 'Jonas Muler')).toEqual([muller]);
    });
  });

  describe('words in the six languages', () => {
    let spanish: string;
    let german: string;

    beforeAll(async () => {
      spanish = (await says('lang-es', '¿Dónde está mi pedido? Llegó roto y nadie responde.')).conversationId;
      german = (await says('lang-de', 'Die Lieferadresse in der Hauptstraße ist falsch, bitte ändern.')).conversationId;
    });

    it.each([['llego'], ['Llegó'], ['donde esta'], ['pedido roto']])('a Spanish message by "%s"', async (q) => {
      expect(await ids(asManager, q)).toEqual([spanish]);
    });

    it.each([['lieferadresse'], ['Hauptstrasse'], ['HAUPTSTRASSE'], ['andern'], ['Lieferadr']])('a German message by "%s"', async (q) => {
      expect(await ids(asManager, q)).toEqual([german]);
    });

    it('needs every word in one message', async () => {
      expect(await ids(asManager, 'pedido Hauptstraße')).toEqual([]);
    });
  });

  it('finds a handle by a fragment of it, with or without @', async () => {
    const { conversationId } = await says('ana.bellamy_77', 'Hello there');
    for (const q of ['bellamy_7', '@ana.bell', 'ANA.BELLAMY']) expect(await ids(asManager, q)).toEqual([conversationId]);
    // A LIKE wildcard in the query is a plain character: "_" is not "any character".
    expect(await ids(asManager, 'bellamy-7')).toEqual([]);
  });

  describe('ranking', () => {
    it('a name match comes before a message match, even an older one', async () => {
      const named = (await says('rank-name', 'Hi', { name: 'Quentin Zephyrine', minutesAgo: 30 })).conversationId;
      const mentioned = (await says('rank-text', 'I spoke to your colleague Zephyrine yesterday', { minutesAgo: 1 })).conversationId;
      expect(await ids(asManager, 'zephyrine')).toEqual([named, mentioned]);
    });

    it('every word whole comes before a word that only starts with it', async () => {
      const whole = (await says('rank-whole', 'The flux capacitor is broken', { minutesAgo: 20 })).conversationId;
      const start = (await says('rank-start', 'Fluxes everywhere, please help', { minutesAgo: 2 })).conversationId;
      expect(await ids(asManager, 'flux')).toEqual([whole, start]);
    });

    it('equal matches: the newer activity first', async () => {
      const older = (await says('rank-old', 'My gizmotron arrived late', { minutesAgo: 15 })).conversationId;
      const newer = (await says('rank-new', 'The gizmotron is missing a part', { minutesAgo: 3 })).conversationId;
      expect(await ids(asManager, 'gizmotron')).toEqual([newer, older]);
    });
  });

  describe('the matching message', () => {
    it('comes with a snippet around the hit and the hit marked, not the last message', async () => {
      const long = `Good morning. ${'I bought this a while ago and it worked fine for weeks. '.repeat(3)}Then the Kaffeemühle started leaking water everywhere on the counter. ${'Please tell me what to do about it. '.repeat(2)}`;
      const hit = await says('snippet-1', long, { minutesAgo: 10 });
      await says('snippet-1', 'Any news?', { minutesAgo: 5 });
      const [item] = (await find(asManager, 'kaffeemuhle')).items;
      expect(item?.id).toBe(hit.conversationId);
      expect(item?.lastMessagePreview).toBe('Any news?');
      const match = item!.match!;
      expect(match.messageId).toBe(hit.messageId);
      expect(match.snippet.length).toBeLessThanOrEqual(122);
      expect(match.snippet.startsWith('…')).toBe(true);
      expect(match.snippet.endsWith('…')).toBe(true);
      expect(match.highlights.map(([start, end]) => match.snippet.slice(start, end))).toEqual(['Kaffeemühle']);
    });

    it('marks every word of the query, whole or as a start', async () => {
      await says('snippet-2', 'The blenderizer and the blender broke');
      const [item] = (await find(asManager, 'blender broke')).items;
      expect(item!.match!.highlights.map(([s, e]) => item!.match!.snippet.slice(s, e))).toEqual(['blenderizer', 'blender', 'broke']);
    });

    it('is null when only the name matched', async () => {
      await says('snippet-3', 'Hello', { name: 'Philippa Quorvath' });
      const [item] = (await find(asManager, 'quorvath')).items;
      expect(item!.match).toBeNull();
    });

    it('is not there in the plain list', async () => {
      const [item] = (await asManager.get<Page<Conversation>>('/api/conversations?limit=1')).body.items;
      expect(item).toBeDefined();
      expect(item!.match).toBeUndefined();
    });
  });

  describe('access', () => {
    const SECRET = 'search-other-team-secret';
    let other: string;
    let own: string;

    beforeAll(async () => {
      const team = await db.query<{ id: string }>("INSERT INTO teams (name) VALUES ('Search Billing') RETURNING id");
      await db.query("INSERT INTO channels (kind, key, name, config, secrets, team_id) VALUES ('api', 'search-billing', 'Billing API', '{}', $1, $2)", [JSON.stringify({ secret: SECRET }), team.rows[0]!.id]);
      other = (await says('access-other', 'My unicornium invoice is wrong', { key: 'search-billing', secret: SECRET, name: 'Orla Unicornium' })).conversationId;
      own = (await says('access-own', 'Where is my unicornium order?')).conversationId;
    });

    it("an agent does not find another team's conversation, by text or by name", async () => {
      expect(await ids(asAgent1, 'unicornium')).toEqual([own]);
      expect(await ids(asAgent1, 'Orla')).toEqual([]);
    });

    it('a manager finds both, the name match first; a lead of the other team only their own', async () => {
      expect(await ids(asManager, 'unicornium')).toEqual([other, own]);
      expect(await ids(asLead, 'unicornium')).toEqual([own]);
    });

    it("keeps the list's filters", async () => {
      expect(await ids(asManager, 'unicornium', '&channel=api&assignee=unassigned&status=open')).toEqual([other, own]);
      expect(await ids(asManager, 'unicornium', '&status=resolved')).toEqual([]);
      expect(await ids(asAgent1, 'unicornium', '&assignee=me')).toEqual([]);
    });
  });

  describe('pages', () => {
    let expected: string[];

    beforeAll(async () => {
      const byName = (await says('page-name', 'Hi', { name: 'Paginazzo Smith', minutesAgo: 60 })).conversationId;
      const whole: string[] = [];
      for (let i = 0; i < 4; i++) whole.push((await says(`page-${i}`, `paginazzo number ${i}`, { minutesAgo: 50 - i })).conversationId);
      const start = (await says('page-start', 'paginazzone', { minutesAgo: 1 })).conversationId;
      expected = [byName, ...whole.reverse(), start];
    });

    async function walk(limit: number): Promise<string[][]> {
      const pages: string[][] = [];
      let cursor: string | null = null;
      do {
        const page: Page<Conversation> = await find(asManager, 'paginazzo', `&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        pages.push(page.items.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor && pages.length < 10);
      return pages;
    }

    it('keyset pages in rank then recency order, across tiers, without gaps or repeats', async () => {
      const pages = await walk(2);
      expect(pages.map((p) => p.length)).toEqual([2, 2, 2]);
      expect(pages.flat()).toEqual(expected);
      expect((await walk(100)).flat()).toEqual(expected);
    });

    it('walking the newest conversations gives the same pages as reading the index', async () => {
      const before = { ...search.options };
      try {
        // Every word counts as common, and a walk reads two conversations before leaving the rest to the index.
        Object.assign(search.options, { commonMatches: -1, walkBudget: 2 });
        expect((await walk(2)).flat()).toEqual(expected);
        Object.assign(search.options, { walkBudget: 1000 });
        expect((await walk(3)).flat()).toEqual(expected);
        expect(await ids(asManager, 'flux')).toHaveLength(2);
        expect(await ids(asAgent1, 'unicornium')).toHaveLength(1);
      } finally {
        Object.assign(search.options, before);
      }
    });

    it.each([
      ['a garbage cursor', 'nope'],
      ['a cursor of the plain list', Buffer.from(`${new Date().toISOString()}|00000000-0000-4000-8000-000000000000`).toString('base64url')],
    ])('answers 400 to %s', async (_what, cursor) => {
      const response = await asManager.get<ApiError>(`/api/conversations?q=paginazzo&cursor=${cursor}`);
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/cursor/);
    });
  });

  describe('bad input', () => {
    it('answers 400 with the reason to a query over 200 characters', async () => {
      const response = await asManager.get<ApiError>(`/api/conversations?q=${'a'.repeat(201)}`);
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/q must be at most 200 characters/);
    });

    it('answers 400 with the reason to more than ten words', async () => {
      const response = await asManager.get<ApiError>(`/api/conversations?q=${encodeURIComponent('one two three four five six seven eight nine ten eleven')}`);
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/at most 10/);
    });

    it.each([['?!'], ['%'], ['...'], ["'"], ['&|!():*'], ['ʻ']])('gives an empty page for %s', async (q) => {
      expect(await find(asManager, q)).toEqual({ items: [], nextCursor: null });
    });

    it('answers 400 with the reason to a NUL character among words', async () => {
      const response = await asManager.get<ApiError>(`/api/conversations?q=${encodeURIComponent('ada\u0000lovelace')}`);
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/NUL character/);
    });

    it('still answers 400 to a bad filter alongside a query', async () => {
      expect((await asManager.get('/api/conversations?q=refund&assignee=someone')).status).toBe(400);
    });
  });
});
