// Seeds the search benchmark's database: the reports seed (seed-reports.mjs: 100,000 conversations,
// 1,000,000 messages) in a database of its own, then gives its customers names and its messages text in
// the six languages (search-texts.mjs), since the reports seed's few English sentences would make every
// word either everywhere or nowhere.
//
//   node bench/seed-search.mjs            # (re-)creates rapport_bench_search and seeds it
//   node bench/seed-search.mjs --reuse    # keeps it when it already holds this seed
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ensureServices } from '../scripts/services.mjs';
import { fmt, hrMs } from './lib/util.mjs';
import { dropReportsDatabase, formatCounts, seedReports } from './seed-reports.mjs';
import { LANGUAGE_SHARES, NAMES, TEXTS } from './search-texts.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const SEARCH_DATABASE = 'rapport_bench_search';
/** Raised whenever the texts or names change, so an older seed is never reused. */
const SEARCH_SEED_VERSION = 1;

/** The language bands of a draw in [0, 1). */
function languageBands() {
  let low = 0;
  const bands = Object.entries(LANGUAGE_SHARES).map(([lang, share]) => {
    const band = { lang, lo: low, hi: low + share };
    low += share;
    return band;
  });
  bands.at(-1).hi = 1;
  return bands;
}

async function searchSeedPresent(client) {
  const { rows } = await client.query(`SELECT to_regclass('bench_search_seed') IS NOT NULL AS present`);
  if (!rows[0].present) return false;
  const marker = await client.query('SELECT version FROM bench_search_seed');
  return marker.rows[0]?.version === SEARCH_SEED_VERSION;
}

/**
 * Seeds (or, with `reuse`, keeps) `database` and returns what seedReports returns plus `textSeconds`,
 * the time the names and texts took.
 */
export async function seedSearch({ adminUrl, serverRoot = repoRoot, database = SEARCH_DATABASE, reuse = false, log = console.log }) {
  const seed = await seedReports({ adminUrl, serverRoot, database, reuse, log });
  const client = new pg.Client({ connectionString: seed.url });
  await client.connect();
  try {
    if (seed.reused && (await searchSeedPresent(client))) {
      log(`  reusing the names and texts of ${database}`);
      const { rows } = await client.query('SELECT seconds FROM bench_search_seed');
      return { ...seed, textSeconds: rows[0].seconds };
    }
    const started = hrMs();
    await seedSearchTexts(client, log);
    const textSeconds = (hrMs() - started) / 1000;
    await client.query('DROP TABLE IF EXISTS bench_search_seed');
    await client.query('CREATE TABLE bench_search_seed (version int NOT NULL, seconds float8 NOT NULL)');
    await client.query('INSERT INTO bench_search_seed (version, seconds) VALUES ($1, $2)', [SEARCH_SEED_VERSION, textSeconds]);
    return { ...seed, textSeconds };
  } finally {
    await client.end();
  }
}

export const dropSearchDatabase = (adminUrl, database = SEARCH_DATABASE) => dropReportsDatabase(adminUrl, database);

/** Names, handles, languages and message texts over an already seeded database (the connected `client`). */
export async function seedSearchTexts(client, log = console.log) {
  const step = async (label, sql, params) => {
    const t0 = hrMs();
    const res = await client.query(sql, params);
    log(`  ${label}: ${fmt((hrMs() - t0) / 1000)} s${res.rowCount ? ` (${res.rowCount.toLocaleString('en')} rows)` : ''}`);
    return res;
  };
  await step('session', `SET synchronous_commit = off; SET work_mem = '128MB'; SET maintenance_work_mem = '512MB'`);
  // Rewriting every message is faster with its secondary indexes built afterwards, as the reports seed does.
  const { rows: indexes } = await step(
    'message indexes',
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = 'messages' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
  );
  if (indexes.length) await step(`drop ${indexes.length} indexes`, `DROP INDEX ${indexes.map((index) => `"${index.indexname}"`).join(', ')}`);

  const parts = Object.entries(TEXTS).map(([lang, t]) => ({ lang, ...t, first: NAMES[lang].first, last: NAMES[lang].last }));
  await step(
    'phrases',
    `CREATE TEMP TABLE seed_phrases AS
     SELECT p.lang, ${['open', 'problem', 'detail', 'close', 'items', 'reply', 'action', 'bye', 'first', 'last'].map((k) => `ARRAY(SELECT jsonb_array_elements_text(p.doc->'${k}')) AS "${k}"`).join(', ')}
     FROM (SELECT d->>'lang' AS lang, d AS doc FROM jsonb_array_elements($1::jsonb) d) p`,
    [JSON.stringify(parts)],
  );
  // Each customer speaks one language; their name and handle come from it, their conversations are in it.
  await step(
    'customer languages',
    `CREATE TEMP TABLE seed_person AS
     SELECT c.id, b.lang, h.b0, h.b1, h.b2 FROM customers c
     CROSS JOIN LATERAL (SELECT decode(md5(c.id::text), 'hex') AS md) x
     CROSS JOIN LATERAL (SELECT get_byte(x.md, 0) AS b0, get_byte(x.md, 1) AS b1, get_byte(x.md, 2) * 256 + get_byte(x.md, 3) AS b2, (get_byte(x.md, 4) * 256 + get_byte(x.md, 5)) / 65536.0 AS draw) h
     JOIN jsonb_to_recordset($1::jsonb) AS b(lang text, lo float8, hi float8) ON h.draw >= b.lo AND h.draw < b.hi`,
    [JSON.stringify(languageBands())],
  );
  await step(
    'customers',
    `UPDATE customers c SET name = p.first[1 + s.b0 % cardinality(p.first)] || ' ' || p.last[1 + s.b1 % cardinality(p.last)], preferred_language = s.lang
     FROM seed_person s JOIN seed_phrases p ON p.lang = s.lang WHERE c.id = s.id`,
  );
  // Handles as people pick them: their name without accents, a separator and a number.
  await step(
    'identities',
    `UPDATE customer_identities i SET display_name = c.name,
       handle = regexp_replace(lower(unaccent(c.name)), '[^a-z0-9]+', (ARRAY['.', '_', ''])[1 + s.b2 % 3], 'g') || (s.b2 % 1000)::text
     FROM customers c JOIN seed_person s ON s.id = c.id WHERE i.customer_id = c.id`,
  );
  await step('conversation languages', 'UPDATE conversations v SET language = s.lang FROM seed_person s WHERE v.customer_id = s.id');
  await step(
    'message texts',
    `UPDATE messages m SET text = CASE WHEN left(t.body, 1) IN ('¿', '¡') THEN left(t.body, 1) || upper(substr(t.body, 2, 1)) || substr(t.body, 3) ELSE upper(left(t.body, 1)) || substr(t.body, 2) END
     FROM (
       SELECT m.id, CASE WHEN m.direction = 'inbound'
         THEN concat_ws(' ', nullif(p.open[1 + get_byte(x.md, 0) % cardinality(p.open)], ''), o.problem, nullif(p.detail[1 + get_byte(x.md, 2) % cardinality(p.detail)], ''), nullif(p.close[1 + get_byte(x.md, 3) % cardinality(p.close)], ''))
         ELSE concat_ws(' ', p.reply[1 + get_byte(x.md, 0) % cardinality(p.reply)], o.action, nullif(p.bye[1 + get_byte(x.md, 3) % cardinality(p.bye)], '')) END AS body
       FROM messages m JOIN conversations v ON v.id = m.conversation_id JOIN seed_phrases p ON p.lang = v.language
       CROSS JOIN LATERAL (SELECT decode(md5(m.id::text), 'hex') AS md) x
       CROSS JOIN LATERAL (SELECT p.items[1 + get_byte(x.md, 4) % cardinality(p.items)] AS item, '#' || (40000 + (get_byte(x.md, 5) * 256 + get_byte(x.md, 6)) % 60000) AS order_no) f
       CROSS JOIN LATERAL (SELECT
           replace(replace(p.problem[1 + get_byte(x.md, 1) % cardinality(p.problem)], '{item}', f.item), '{order}', f.order_no) AS problem,
           replace(replace(p.action[1 + get_byte(x.md, 1) % cardinality(p.action)], '{item}', f.item), '{order}', f.order_no) AS action) o
     ) t WHERE t.id = m.id`,
  );
  if (indexes.length) await step(`build ${indexes.length} indexes`, indexes.map((index) => index.indexdef).join('; '));
  await step(
    'previews',
    `UPDATE conversations v SET last_message_preview = left(l.text, 280)
     FROM (SELECT DISTINCT ON (conversation_id) conversation_id, text FROM messages WHERE NOT private ORDER BY conversation_id, sent_at DESC, created_at DESC) l
     WHERE l.conversation_id = v.id`,
  );
  await step('analyze', 'VACUUM (ANALYZE) messages, conversations, customers, customer_identities');
}

// -----------------------------------------------------------------------------------------------

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values: args } = parseArgs({
    options: {
      'server-root': { type: 'string', default: repoRoot },
      database: { type: 'string', default: SEARCH_DATABASE },
      reuse: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (args.help) {
    console.log('Usage: node bench/seed-search.mjs [--server-root DIR] [--database NAME] [--reuse]');
    process.exit(0);
  }
  const services = await ensureServices({ log: (line) => console.log(`  ${line}`), database: 'postgres' });
  try {
    const seed = await seedSearch({ adminUrl: services.adminDatabaseUrl, serverRoot: path.resolve(args['server-root']), database: args.database, reuse: args.reuse });
    console.log(`${seed.reused ? 'reused' : 'seeded'} ${seed.database} in ${fmt(seed.seconds)} s + names and texts ${fmt(seed.textSeconds)} s:`);
    for (const line of formatCounts(seed.counts)) console.log(`  ${line}`);
    console.log(`(drop it with: psql -c 'DROP DATABASE "${seed.database}" WITH (FORCE)')`);
  } finally {
    await services.stop();
  }
}
