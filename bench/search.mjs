// Scenario s: conversation search at scale. Seeds 100,000 conversations and 1,000,000 messages with the
// reports seed, then names and texts in six languages (seed-search.mjs); measures what the message
// index costs a write; starts the built server on that database and times typical searches over HTTP,
// each next to a reference measured in the same moments: an authenticated GET /api/auth/me (the same
// HTTP, auth and Nest path without a query).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { formatCounts, SEED } from './seed-reports.mjs';
import { dropSearchDatabase, SEARCH_DATABASE, seedSearch } from './seed-search.mjs';
import { loginToken, settle, startRapportServer } from './lib/systems.mjs';
import { stats, timeAgainstReference, timingLine } from './lib/timing.mjs';
import { cpuMeter, fmt, hrMs } from './lib/util.mjs';

export const SEARCH_TARGET_MS = 200;

/**
 * What agents type: a common and a rarer word, phrases, a name and a handle fragment typed without
 * their accents, accented words, an order number, a word start, a miss; as a manager (every
 * conversation) unless `as` says otherwise, and once as the inbox asks (open conversations only).
 * `hits: false` must find nothing; the others must find something.
 */
export const SEARCH_QUERIES = [
  { key: 'word.common', title: 'a common word: refund', q: 'refund' },
  { key: 'word.rare', title: 'a rarer word: cafetera', q: 'cafetera' },
  { key: 'phrase.en', title: 'a phrase: cracked screen protector', q: 'cracked screen protector' },
  { key: 'phrase.fr', title: 'a phrase: remboursement de la commande', q: 'remboursement de la commande' },
  { key: 'name', title: 'a name without accents: jurgen muller', q: 'jurgen muller' },
  { key: 'handle', title: 'a handle fragment: conceicao.mag', q: 'conceicao.mag' },
  { key: 'accent', title: 'an accented word: Lieferadresse ändern', q: 'Lieferadresse ändern' },
  { key: 'unaccented', title: 'an accent left out: direccion de envio', q: 'direccion de envio' },
  { key: 'order', title: 'an order number: #48213', q: '#48213' },
  { key: 'prefix', title: 'a word start: reembol', q: 'reembol' },
  { key: 'miss', title: 'no hit: xylophone', q: 'xylophone', hits: false },
  { key: 'agent', title: 'as agent1 (own and team only): parcel', q: 'parcel', as: 'agent1' },
  { key: 'inbox', title: 'as the inbox asks (open, mine or all): colis', q: 'colis', query: { status: 'open' } },
];

async function timedGet(base, pathAndQuery, token) {
  const t0 = hrMs();
  const res = await fetch(`${base}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.text();
  const ms = hrMs() - t0;
  if (res.status !== 200) throw new Error(`GET ${pathAndQuery} answered ${res.status}: ${body.slice(0, 300)}`);
  return { ms, body };
}

const searchPath = (call) => `/api/conversations?${new URLSearchParams({ q: call.q, ...(call.query ?? {}) })}`;

/** The server's own query reading (its built domain code), to count the matching messages; null for a server without it. */
async function searchParser(serverRoot) {
  const file = path.join(serverRoot, 'server', 'dist', 'modules', 'conversations', 'domain', 'search-query.js');
  if (!fs.existsSync(file)) return null;
  return (await import(pathToFileURL(file).href)).parseSearchQuery;
}

/** Messages matching a query's words (every word, long ones as word starts), straight from the table. */
async function matchingMessages(client, parse, q) {
  const parsed = parse?.(q);
  if (parsed?.kind !== 'search') return null;
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM messages WHERE search_document(text) @@ to_tsquery('simple', search_fold($1))`, [parsed.query.anyForm]);
  return rows[0].n;
}

/**
 * What the message index costs a write: 20,000 messages stored in batches of 100 (as ingest's group
 * commit stores them), once with the index and once without, each in a transaction rolled back so the
 * seed stays as it was. Run while nothing else uses the database.
 */
async function ingestCost(client, log) {
  const BATCH = 100;
  const N = 20_000;
  await client.query(`CREATE TEMP TABLE ingest_sample AS SELECT row_number() OVER () AS n, conversation_id, channel_id, direction, author_type, private, text, status FROM messages TABLESAMPLE SYSTEM (3) LIMIT ${N}`);
  await client.query('CREATE INDEX ON ingest_sample (n)');
  const run = async (withIndex) => {
    await client.query('BEGIN');
    try {
      if (!withIndex) await client.query('DROP INDEX ix_messages_search');
      const t0 = hrMs();
      for (let offset = 0; offset < N; offset += BATCH) {
        await client.query(
          `INSERT INTO messages (conversation_id, channel_id, direction, author_type, private, text, status, sent_at)
           SELECT conversation_id, channel_id, direction, author_type, private, text, status, now() FROM ingest_sample WHERE n > $1 AND n <= $2`,
          [offset, offset + BATCH],
        );
      }
      return hrMs() - t0;
    } finally {
      await client.query('ROLLBACK');
    }
  };
  await run(true); // warms the sample and the indexes' pages
  const withIndex = Math.min(await run(true), await run(true));
  const without = Math.min(await run(false), await run(false));
  const result = { messages: N, batch: BATCH, withIndexMs: withIndex, withoutIndexMs: without, extraMsPerMessage: (withIndex - without) / N, extraPct: ((withIndex - without) / without) * 100 };
  log(`  write cost: ${N.toLocaleString('en')} messages in batches of ${BATCH}: ${fmt(withIndex)} ms with the search index, ${fmt(without)} ms without (+${fmt(result.extraPct, 0)} %, +${fmt(result.extraMsPerMessage * 1000, 0)} µs a message; best of two, rolled back)`);
  await client.query('DROP TABLE ingest_sample');
  return result;
}

/**
 * Runs the scenario and returns its results. `keepDatabase`: keep rapport_bench_search afterwards and
 * reuse it when it already holds the same seed; otherwise it is seeded afresh and dropped at the end.
 */
export async function runSearch({ serverRoot, services, cleanup, log, keepDatabase = false, warmups = 3, calls: timedCalls = 20, nodeArgs = [] }) {
  const seed = await seedSearch({ adminUrl: services.adminDatabaseUrl, serverRoot, reuse: keepDatabase, log });
  const dropDatabase = keepDatabase ? async () => {} : cleanup.add(`drop database ${SEARCH_DATABASE}`, () => dropSearchDatabase(services.adminDatabaseUrl));
  log(`  ${seed.reused ? 'reused' : 'seeded'} in ${fmt(seed.seconds)} s + names and texts ${fmt(seed.textSeconds)} s:`);
  for (const line of formatCounts(seed.counts)) log(`    ${line}`);

  const client = new pg.Client({ connectionString: seed.url });
  await client.connect();
  const closeClient = cleanup.add('search pg client', () => client.end());
  let rapport = null;
  try {
    const ingest = await ingestCost(client, log);
    const parse = await searchParser(serverRoot);
    // The built server on the seeded database; its own Redis prefix, simulator off, demo users kept.
    rapport = await startRapportServer({ serverRoot, services, cleanup, databaseUrl: seed.url, label: 'search', nodeArgs });
    const tokens = { manager: await loginToken(rapport.base, 'manager@rapport.test'), agent1: await loginToken(rapport.base, 'agent1@rapport.test') };
    const settled = await settle(rapport.server.pid);
    log(`  server up in ${fmt(rapport.server.startedInMs / 1000)} s (pid ${rapport.server.pid}), logged in as manager and agent1${settled ? '' : '; still busy after 30 s, timing anyway'}`);

    const reference = '/api/auth/me';
    const inboxList = '/api/conversations?limit=30';
    const out = [];
    const referenceAll = [];
    const meter = cpuMeter(rapport.server.pid);
    for (const call of SEARCH_QUERIES) {
      const token = tokens[call.as ?? 'manager'];
      const first = JSON.parse((await timedGet(rapport.base, searchPath(call), token)).body);
      const found = first.items.length;
      const withMatch = first.items.filter((item) => item.match).length;
      if ((call.hits ?? true) !== found > 0) throw new Error(`${call.title}: ${found} conversations on the first page, expected ${call.hits === false ? 'none' : 'some'}`);
      const messages = await matchingMessages(client, parse, call.q);
      const timed = await timeAgainstReference({
        warmups,
        calls: timedCalls,
        reference: async () => (await timedGet(rapport.base, reference, token)).ms,
        call: async () => (await timedGet(rapport.base, searchPath(call), token)).ms,
      });
      referenceAll.push(...timed.samples.reference);
      const result = { key: call.key, title: call.title, q: call.q, as: call.as ?? 'manager', query: call.query ?? {}, firstPage: found, withMatch, matchingMessages: messages, targetMs: SEARCH_TARGET_MS, ms: timed.ms, referenceMs: timed.referenceMs, ratioP50: timed.ratioP50, pass: timed.ms.p95 < SEARCH_TARGET_MS };
      out.push(result);
      const what = `${found} on page 1${messages === null ? '' : `, ${messages.toLocaleString('en')} messages match`}`;
      log(timingLine({ ...result, width: 52, note: `   (${what})` }));
    }
    const listMs = [];
    for (let i = 0; i < warmups + timedCalls; i++) {
      const { ms } = await timedGet(rapport.base, inboxList, tokens.manager);
      if (i >= warmups) listMs.push(ms);
    }
    const cpu = meter();
    const reference50 = stats(referenceAll);
    const list = stats(listMs);
    log(`  reference GET /api/auth/me: p50 ${fmt(reference50.p50)} ms, p95 ${fmt(reference50.p95)} ms (${referenceAll.length} calls); the inbox list without q (GET ${inboxList}): p50 ${fmt(list.p50)} ms, p95 ${fmt(list.p95)} ms`);
    log(`  ${warmups} warm-up and ${timedCalls} timed calls per query; cpu while timing: server ${fmt(cpu.serverCpuPct, 0)} % of a core, bench ${fmt(cpu.benchCpuPct, 0)} %, machine ${fmt(cpu.machineBusyPct, 0)} % busy`);
    const lines = rapport.server.logLines();
    if (lines.length) log(`  server printed ${lines.length} log line(s) at LOG_LEVEL=warn, first: ${lines[0].slice(0, 160)}`);
    return {
      seed: { database: seed.database, reused: seed.reused, kept: keepDatabase, seconds: seed.seconds, textSeconds: seed.textSeconds, counts: seed.counts, target: SEED },
      warmups,
      timedCalls,
      ingest,
      reference: { path: reference, ms: reference50 },
      inboxList: { path: inboxList, ms: list },
      cpu,
      calls: out,
      serverLogLines: lines.slice(0, 20),
    };
  } finally {
    await closeClient();
    if (rapport) await rapport.stop();
    await dropDatabase();
  }
}
