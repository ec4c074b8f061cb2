// Seeds the reports benchmark database: 100,000 conversations over 90 days with 1,000,000 messages, and
// the rows the reports read (clock_values, message_volume) shaped as the server writes them, all with
// set-based SQL. The schema comes from the server's own migrations and demo seed.
//
//   node bench/seed-reports.mjs                  # (re-)creates rapport_bench_reports and seeds it
//   node bench/seed-reports.mjs --reuse          # keeps it when it already holds this seed
//   node bench/seed-reports.mjs --server-root /tmp/checkout   # migrations of another checkout's build
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ensureServices } from '../scripts/services.mjs';
import { BENCH_SECRETS_KEY } from './lib/systems.mjs';
import { fmt, hrMs } from './lib/util.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const REPORTS_DATABASE = 'rapport_bench_reports';
export const SEED = { conversations: 100_000, messages: 1_000_000, customers: 70_000, days: 90, extraAgents: 16 };
/** Raised whenever the seeded data changes shape, so an older seed is never reused. */
const SEED_VERSION = 3;
/** The teams' calendar; business seconds are counted within it. */
const TIMEZONE = 'Europe/Madrid';
const BUSINESS_HOURS = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [['08:00', '20:00']]]));

// The demo's channels (the platform ones as the simulator's demo seed names them) with a share of the
// traffic each, and the team answering them. The six added here are disabled: the server under test
// polls and sends nothing.
const CHANNELS = [
  { kind: 'whatsapp', name: 'WhatsApp: +1 555 010 0001', share: 0.25, team: 'Messaging' },
  { kind: 'facebook', name: 'Facebook: Rapport Care', share: 0.2, team: 'Social' },
  { kind: 'instagram', name: 'Instagram: @rapport.care', share: 0.2, team: 'Social' },
  { kind: 'api', name: 'Website widget (API)', share: 0.15, team: 'Care' },
  { kind: 'x', name: 'X: @RapportCare', share: 0.1, team: 'Social' },
  { kind: 'telegram', name: 'Telegram: @RapportCareBot', share: 0.06, team: 'Care' },
  { kind: 'mastodon', name: 'Mastodon: @rapport_care', share: 0.04, team: 'Social' },
];

const CUSTOMER_TEXTS = [
  'Hi, my order #48213 arrived with a cracked screen.',
  'Where is my parcel? Tracking has said "in transit" since Monday.',
  'Can I change the delivery address for my order?',
  'I was charged twice for the same subscription this month.',
  'Thanks, that fixed it!',
  'The reset email never arrives.',
  'Any news on this?',
];
const AGENT_TEXTS = [
  'Sorry about that! Could you send me a photo of the damage?',
  'Let me check with the carrier and come back to you.',
  'Done: the new address is on the order.',
  'I have refunded the duplicate charge; it takes 3-5 working days.',
  'Glad to help, have a nice day!',
];

/** The seeded SLA policy's due times. */
const SLA_SECONDS = { firstResponse: 3600, nextReply: 7200, resolution: 86400 };
/** Tables loaded in bulk here. */
const BULK_TABLES = ['conversations', 'messages', 'clock_facts', 'clock_values', 'message_volume'];

const sqlText = (texts) => `ARRAY[${texts.map((t) => `'${t.replaceAll("'", "''")}'`).join(', ')}]`;

function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(adminUrl, sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function dropReportsDatabase(adminUrl, database = REPORTS_DATABASE) {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
}

/** The seed already in `database` when it is this seed with these row counts, else null. */
async function existingSeed(adminUrl, database) {
  const exists = await adminQuery(adminUrl, `SELECT 1 FROM pg_database WHERE datname = '${database}'`);
  if (exists.rowCount === 0) return null;
  const client = new pg.Client({ connectionString: withDatabase(adminUrl, database) });
  await client.connect();
  try {
    const marker = await client.query(`SELECT to_regclass('bench_seed') IS NOT NULL AS present`);
    if (!marker.rows[0].present) return null;
    const { rows } = await client.query(
      `SELECT s.version, s.until, s.seconds, (SELECT count(*)::int FROM conversations) AS conversations, (SELECT count(*)::int FROM messages) AS messages FROM bench_seed s`,
    );
    const seed = rows[0];
    if (!seed || seed.version !== SEED_VERSION || seed.conversations !== SEED.conversations || seed.messages !== SEED.messages) return null;
    return { until: seed.until, seconds: seed.seconds, counts: await rowCounts(client) };
  } finally {
    await client.end();
  }
}

/**
 * The server's migrations and demo workspace (users, team Care, the API channel), run by the built
 * server's own `prepareDatabase` in a child process, as the server does at start.
 */
function migrate(serverRoot, url) {
  const prepare = path.join(serverRoot, 'server', 'dist', 'database', 'prepare.js');
  const env = path.join(serverRoot, 'server', 'dist', 'config', 'env.js');
  if (!fs.existsSync(prepare)) throw new Error(`${prepare} does not exist: build the server first (npm run build -w shared && npm run build -w server)`);
  const script = `
    const { prepareDatabase } = await import(${JSON.stringify(pathToFileURL(prepare).href)});
    const { loadConfig } = await import(${JSON.stringify(pathToFileURL(env).href)});
    await prepareDatabase(loadConfig({ DATABASE_URL: ${JSON.stringify(url)}, SECRETS_KEY: ${JSON.stringify(BENCH_SECRETS_KEY)}, DEMO_SEED: 'on', SIMULATOR: 'off', LOG_LEVEL: 'warn' }));`;
  const res = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: path.join(serverRoot, 'server'), encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`migrations failed (exit ${res.status}):\n${res.stderr || res.stdout}`);
}

async function rowCounts(client) {
  const { rows } = await client.query(`SELECT
      (SELECT count(*)::int FROM customers) AS customers,
      (SELECT count(*)::int FROM customer_identities) AS "customerIdentities",
      (SELECT count(*)::int FROM conversations) AS conversations,
      (SELECT count(*)::int FROM conversations WHERE status <> 'resolved') AS "conversationsNotResolved",
      (SELECT count(*)::int FROM messages) AS messages,
      (SELECT count(*)::int FROM messages WHERE direction = 'inbound') AS "messagesInbound",
      (SELECT count(*)::int FROM messages WHERE direction = 'outbound' AND NOT private) AS "messagesReplies",
      (SELECT count(*)::int FROM messages WHERE private) AS "messagesNotes",
      (SELECT count(*)::int FROM clock_facts) AS "clockFacts",
      (SELECT count(*)::int FROM clock_values) AS "clockValues",
      (SELECT count(*)::int FROM clock_values WHERE metric = 'firstResponse') AS "clockValuesFirstResponse",
      (SELECT count(*)::int FROM clock_values WHERE metric = 'nextReply') AS "clockValuesNextReply",
      (SELECT count(*)::int FROM clock_values WHERE metric = 'resolution') AS "clockValuesResolution",
      (SELECT count(*)::int FROM message_volume) AS "messageVolumeRows",
      CASE WHEN to_regclass('sla_breaches') IS NULL THEN 0 ELSE (SELECT count(*)::int FROM sla_breaches) END AS "slaBreaches",
      (SELECT count(*)::int FROM users WHERE role = 'agent') AS agents,
      (SELECT count(*)::int FROM teams) AS teams,
      (SELECT count(*)::int FROM channels) AS channels`);
  return rows[0];
}

export function formatCounts(c) {
  const n = (v) => v.toLocaleString('en');
  return [
    `${n(c.conversations)} conversations (${n(c.conversationsNotResolved)} not resolved), ${n(c.customers)} customers, ${n(c.customerIdentities)} identities; ${c.agents} agents, ${c.teams} teams, ${c.channels} channels`,
    `${n(c.messages)} messages: ${n(c.messagesInbound)} inbound, ${n(c.messagesReplies)} replies, ${n(c.messagesNotes)} private notes`,
    `${n(c.clockValues)} clock_values (firstResponse ${n(c.clockValuesFirstResponse)}, nextReply ${n(c.clockValuesNextReply)}, resolution ${n(c.clockValuesResolution)}), ${n(c.clockFacts)} clock_facts, ${n(c.messageVolumeRows)} message_volume rows, ${n(c.slaBreaches)} sla_breaches`,
  ];
}

/**
 * Creates `database` afresh (or keeps it with `reuse` when it holds this seed already) and seeds it.
 * Returns the database URL, the end of the seeded period (`until`), how long seeding took, the counts.
 */
export async function seedReports({ adminUrl, serverRoot = repoRoot, database = REPORTS_DATABASE, reuse = false, log = console.log }) {
  const url = withDatabase(adminUrl, database);
  if (reuse) {
    const existing = await existingSeed(adminUrl, database);
    if (existing) {
      log(`  reusing ${database}: already seeded with the same row counts (seeding took ${fmt(existing.seconds)} s then)`);
      return { database, url, reused: true, ...existing };
    }
  }
  const started = hrMs();
  await dropReportsDatabase(adminUrl, database);
  await adminQuery(adminUrl, `CREATE DATABASE "${database}"`);
  migrate(serverRoot, url);
  log(`  ${database}: created, migrations and demo workspace in ${fmt((hrMs() - started) / 1000)} s`);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const step = async (label, sql, params) => {
      const t0 = hrMs();
      const res = await client.query(sql, params);
      log(`  ${label}: ${fmt((hrMs() - t0) / 1000)} s${res.rowCount ? ` (${res.rowCount.toLocaleString('en')} rows)` : ''}`);
      return res;
    };
    const until = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    await seedRows(step, until);
    const seconds = (hrMs() - started) / 1000;
    await client.query('CREATE TABLE bench_seed (version int NOT NULL, until timestamptz NOT NULL, seconds float8 NOT NULL, seeded_at timestamptz NOT NULL DEFAULT now())');
    await client.query('INSERT INTO bench_seed (version, until, seconds) VALUES ($1, $2, $3)', [SEED_VERSION, until, seconds]);
    return { database, url, reused: false, until, seconds, counts: await rowCounts(client) };
  } finally {
    await client.end();
  }
}

async function seedRows(step, until) {
  const { conversations: N, customers: CUSTOMERS, days: DAYS } = SEED;
  await step('session', `SET synchronous_commit = off; SET work_mem = '128MB'; SET maintenance_work_mem = '512MB'; SET TIME ZONE 'UTC'`);
  // Every reference below is built by this script, so the foreign-key triggers (a lookup per row and
  // key) are skipped; a fresh database, nothing else writes to it. Needs a superuser; else they run.
  await step('skip foreign-key triggers', 'SET session_replication_role = replica').catch((err) => step(`foreign-key triggers kept (${err.message})`, 'SELECT 1'));
  // The big tables' secondary indexes (the migrations' own definitions) are built once after loading,
  // faster than kept up row by row (a unique one checks its rows as it is built); primary keys stay.
  const { rows: indexes } = await step(
    'secondary indexes',
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [BULK_TABLES],
  );
  await step(`drop ${indexes.length} indexes`, `DROP INDEX ${indexes.map((index) => `"${index.indexname}"`).join(', ')}`);

  // Workspace: three teams on one calendar, the demo agents and 16 more, the demo's channels.
  const calendar = [TIMEZONE, JSON.stringify(BUSINESS_HOURS)];
  await step('teams', `UPDATE teams SET timezone = $1, business_hours = $2 WHERE name = 'Care'`, calendar);
  await step('teams', `INSERT INTO teams (name, timezone, business_hours) VALUES ('Social', $1, $2), ('Messaging', $1, $2)`, calendar);
  await step(
    'agents',
    `INSERT INTO users (email, name, role, password_hash, languages, skills, auto_assign)
     SELECT format('bench-agent%s@rapport.test', lpad(n::text, 2, '0')), format('Bench Agent %s', lpad(n::text, 2, '0')), 'agent',
       (SELECT password_hash FROM users WHERE email = 'agent1@rapport.test'), '{en}', '{}', true
     FROM generate_series(1, $1::int) n`,
    [SEED.extraAgents],
  );
  await step(
    'team members',
    `INSERT INTO team_members (team_id, user_id)
     SELECT t.id, u.id FROM users u JOIN teams t ON t.name = CASE WHEN substr(u.email, 12, 2)::int <= $1::int / 2 THEN 'Social' ELSE 'Messaging' END
     WHERE u.email LIKE 'bench-agent%'`,
    [SEED.extraAgents],
  );
  await step(
    'channels',
    `INSERT INTO channels (kind, name, config, team_id, enabled)
     SELECT c.kind, c.name, '{}', t.id, false FROM jsonb_to_recordset($1::jsonb) AS c(kind text, name text, team text) JOIN teams t ON t.name = c.team
     WHERE c.kind <> 'api'`,
    [JSON.stringify(CHANNELS)],
  );
  let low = 0;
  const shares = CHANNELS.map((c) => {
    const range = { name: c.name, lo: low, hi: low + c.share };
    low += c.share;
    return range;
  });
  shares.at(-1).hi = 1;
  await step(
    'channel shares',
    `CREATE TEMP TABLE seed_channel AS SELECT ch.id, ch.team_id, s.lo, s.hi FROM channels ch JOIN jsonb_to_recordset($1::jsonb) AS s(name text, lo float8, hi float8) ON s.name = ch.name`,
    [JSON.stringify(shares)],
  );
  await step(
    'agents by team',
    `CREATE TEMP TABLE seed_agent AS SELECT m.team_id, (row_number() OVER (PARTITION BY m.team_id ORDER BY u.email) - 1)::int AS k, u.id,
       count(*) OVER (PARTITION BY m.team_id)::int AS team_size
     FROM team_members m JOIN users u ON u.id = m.user_id WHERE u.role = 'agent'`,
  );

  await step('customers (plan)', `CREATE TEMP TABLE seed_customer AS SELECT n, gen_random_uuid() AS id, gen_random_uuid() AS identity_id, random() AS channel_draw, random() AS tier_draw FROM generate_series(1, ${CUSTOMERS}) n`);
  await step(
    'customers',
    `INSERT INTO customers (id, name, tier, preferred_language, created_at, updated_at)
       SELECT id, 'Customer ' || n, CASE WHEN tier_draw < 0.05 THEN 'vip' ELSE 'standard' END, 'en', $1::timestamptz - interval '${DAYS + 1} days', $1::timestamptz - interval '${DAYS + 1} days' FROM seed_customer`,
    [until],
  );
  await step(
    'customer identities (plan)',
    `CREATE TEMP TABLE seed_identity AS SELECT c.n, c.id AS customer_id, c.identity_id AS id, ch.id AS channel_id, ch.team_id
     FROM seed_customer c JOIN seed_channel ch ON c.channel_draw >= ch.lo AND c.channel_draw < ch.hi`,
  );
  await step('index', 'CREATE UNIQUE INDEX ON seed_identity (n)');
  await step(
    'customer identities',
    `INSERT INTO customer_identities (id, customer_id, channel_id, external_id, handle, display_name)
       SELECT id, customer_id, channel_id, 'bench-customer-' || n, 'customer' || n, 'Customer ' || n FROM seed_identity`,
  );

  // Conversations in the order they started: day by day over the period, mostly in the local daytime.
  // Customers come back (conversation i and i + 70,000 share one), only ever while the old one is
  // resolved. Message counts 2..18 in pairs adding up to 20, so the total is exactly 10 a conversation.
  await step(
    'conversations (plan)',
    `CREATE TEMP TABLE seed_conv AS
     SELECT c.*, a.k AS assignee_k, a.id AS assignee_id, a.team_size FROM (
       SELECT i, gen_random_uuid() AS id, si.customer_id, si.id AS identity_id, si.channel_id, si.team_id,
         10 + CASE WHEN i % 2 = 1 THEN 1 ELSE -1 END * ((hashint4((i + 1) / 2) & 2147483647) % 17 - 8) AS n_messages,
         ((date_trunc('day', $1::timestamptz AT TIME ZONE '${TIMEZONE}') - interval '${DAYS} days' + ((i - 1) * ${DAYS} / ${N}) * interval '1 day'
           + CASE WHEN random() < 0.8 THEN 8 + 13 * random() ELSE 24 * random() END * interval '1 hour') AT TIME ZONE '${TIMEZONE}') AS t0,
         random() AS status_draw, random() AS agent_draw, random() AS resolve_draw
       FROM generate_series(1, ${N}) i JOIN seed_identity si ON si.n = (i - 1) % ${CUSTOMERS} + 1
     ) c JOIN seed_agent a ON a.team_id = c.team_id AND a.k = floor(c.agent_draw * a.team_size)::int`,
    [until],
  );
  await step('index', 'CREATE UNIQUE INDEX ON seed_conv (i)');

  // Messages: the customer opens; odd positions are mostly replies, even ones mostly the customer; 5 % of
  // agent messages (never the last) are private notes. Gaps: a reply 20 s to ~4 h after the customer,
  // the customer 30 s to ~75 min after a reply, 5-130 s within one side's run. Conversations that would
  // run past `until` are squeezed into the time left.
  await step(
    'messages (plan)',
    `CREATE TEMP TABLE seed_msg AS
     WITH drawn AS (
       SELECT c.i, k, (k = 0 OR random() < CASE WHEN k % 2 = 1 THEN 0.15 ELSE 0.85 END) AS inbound, random() AS gap_draw, random() AS kind_draw, random() AS author_draw
       FROM seed_conv c CROSS JOIN LATERAL generate_series(0, c.n_messages - 1) AS k
     ), gapped AS (
       SELECT *, CASE
           WHEN k = 0 THEN 0
           WHEN inbound AND lag(inbound) OVER w THEN 5 + 90 * gap_draw
           WHEN inbound THEN 30 * exp(5 * gap_draw)
           WHEN lag(inbound) OVER w THEN 20 * exp(6.5 * gap_draw)
           ELSE 10 + 120 * gap_draw END AS gap
       FROM drawn WINDOW w AS (PARTITION BY i ORDER BY k)
     ), placed AS (
       SELECT *, sum(gap) OVER (PARTITION BY i ORDER BY k) AS offset_s FROM gapped
     ), spans AS (
       SELECT *, max(offset_s) OVER (PARTITION BY i) AS span_s FROM placed
     )
     SELECT m.i, m.k, m.inbound, NOT m.inbound AND m.kind_draw < 0.05 AND m.k < c.n_messages - 1 AS note, c.id AS conversation_id, c.channel_id,
       CASE WHEN m.inbound THEN NULL WHEN m.author_draw < 0.9 THEN c.assignee_id ELSE a.id END AS author_id,
       c.t0 + m.offset_s * least(1, greatest(0, extract(epoch FROM $1::timestamptz - interval '5 minutes' - c.t0) / nullif(m.span_s, 0))) * interval '1 second' AS sent_at,
       m.gap_draw
     FROM spans m JOIN seed_conv c ON c.i = m.i
     JOIN seed_agent a ON a.team_id = c.team_id AND a.k = floor(greatest(0, m.author_draw - 0.9) * 10 * c.team_size)::int`,
    [until],
  );

  await step(
    'conversations',
    `INSERT INTO conversations (id, channel_id, customer_id, identity_id, status, priority, assignee_id, team_id, first_message_at, last_message_at,
       last_message_preview, waiting_since, unread_count, snoozed_until, resolved_at, created_at, updated_at, language)
     SELECT c.id, c.channel_id, c.customer_id, c.identity_id, s.status, CASE WHEN c.status_draw > 0.97 THEN 'high' ELSE 'normal' END, c.assignee_id, c.team_id,
       c.t0, l.sent_at, l.preview, CASE WHEN s.status <> 'resolved' AND l.inbound THEN l.sent_at END, CASE WHEN s.status <> 'resolved' AND l.inbound THEN 1 ELSE 0 END,
       CASE WHEN s.status = 'snoozed' THEN $1::timestamptz + interval '1 day' END, s.resolved_at, c.t0, coalesce(s.resolved_at, l.sent_at), 'en'
     FROM seed_conv c
     JOIN (SELECT DISTINCT ON (i) i, sent_at, inbound,
             CASE WHEN inbound THEN (${sqlText(CUSTOMER_TEXTS)})[1 + (i + k) % ${CUSTOMER_TEXTS.length}] ELSE (${sqlText(AGENT_TEXTS)})[1 + (i + k) % ${AGENT_TEXTS.length}] END AS preview
           FROM seed_msg WHERE NOT note ORDER BY i, k DESC) l ON l.i = c.i
     CROSS JOIN LATERAL (SELECT CASE
         WHEN l.sent_at < $1::timestamptz - interval '2 days' OR c.status_draw < 0.35 THEN 'resolved'
         WHEN c.status_draw < 0.75 THEN 'open' WHEN c.status_draw < 0.9 THEN 'pending' ELSE 'snoozed' END AS status) st
     CROSS JOIN LATERAL (SELECT st.status, CASE WHEN st.status = 'resolved' THEN least($1::timestamptz, l.sent_at + (300 + 10800 * c.resolve_draw) * interval '1 second') END AS resolved_at) s`,
    [until],
  );
  await step(
    'messages',
    `INSERT INTO messages (conversation_id, channel_id, direction, author_type, author_id, private, text, status, external_id, sent_at, created_at, updated_at)
     SELECT conversation_id, channel_id, CASE WHEN inbound THEN 'inbound' ELSE 'outbound' END, CASE WHEN inbound THEN 'customer' ELSE 'agent' END, author_id, note,
       CASE WHEN inbound THEN (${sqlText(CUSTOMER_TEXTS)})[1 + (i + k) % ${CUSTOMER_TEXTS.length}] ELSE (${sqlText(AGENT_TEXTS)})[1 + (i + k) % ${AGENT_TEXTS.length}] END,
       CASE WHEN inbound THEN 'delivered' WHEN note THEN 'sent' ELSE 'read' END,
       CASE WHEN note THEN NULL ELSE 'bench-' || i || '-' || k END,
       sent_at, sent_at + CASE WHEN inbound THEN (1 + 3 * gap_draw) * interval '1 second' ELSE interval '0' END, sent_at + interval '5 seconds'
     FROM seed_msg`,
  );

  // The stopped clocks, as conversation-clocks would compute them from these messages: first response
  // from the customer's first message to the first public reply; each later wait from the first customer
  // message after a reply to the next reply; resolution from the first message to resolved. Business
  // seconds: the part of each stretch inside Mon-Fri 08:00-20:00 local time. Stored in the order the
  // server would leave them: a conversation's values are rewritten whole at its last change.
  await step(
    'clock_values',
    `WITH m AS (
       SELECT i, sent_at, inbound, NOT inbound AND NOT note AS reply, author_id, sum((NOT inbound AND NOT note)::int) OVER (PARTITION BY i ORDER BY k) AS replies FROM seed_msg
     ), waits AS (
       SELECT i, replies AS answered, min(sent_at) AS started_at FROM m WHERE inbound GROUP BY i, replies
     ), replies AS (
       SELECT i, replies AS nth, sent_at AS stopped_at, author_id FROM m WHERE reply
     ), stopped AS (
       SELECT w.i, CASE WHEN w.answered = 0 THEN 'firstResponse' ELSE 'nextReply' END AS metric, w.started_at, r.stopped_at, r.author_id AS agent_id
       FROM waits w JOIN replies r ON r.i = w.i AND r.nth = w.answered + 1
       UNION ALL
       SELECT c.i, 'resolution', c.t0, v.resolved_at, c.assignee_id FROM seed_conv c JOIN conversations v ON v.id = c.id WHERE v.resolved_at IS NOT NULL
     ), refreshed AS (
       SELECT c.i, coalesce(v.resolved_at, v.last_message_at) AS at FROM seed_conv c JOIN conversations v ON v.id = c.id
     )
     INSERT INTO clock_values (conversation_id, metric, started_at, stopped_at, wall_seconds, business_seconds, agent_id, team_id, channel_id)
     SELECT c.id, s.metric, s.started_at, s.stopped_at, extract(epoch FROM s.stopped_at - s.started_at), b.seconds, s.agent_id, c.team_id, c.channel_id
     FROM stopped s JOIN seed_conv c ON c.i = s.i JOIN refreshed f ON f.i = s.i
     CROSS JOIN LATERAL (
       SELECT coalesce(sum(greatest(0, extract(epoch FROM least(s.stopped_at, (d + interval '20 hours') AT TIME ZONE '${TIMEZONE}') - greatest(s.started_at, (d + interval '8 hours') AT TIME ZONE '${TIMEZONE}')))), 0) AS seconds
       FROM generate_series((s.started_at AT TIME ZONE '${TIMEZONE}')::date::timestamp, (s.stopped_at AT TIME ZONE '${TIMEZONE}')::date::timestamp, interval '1 day') AS d
       WHERE extract(isodow FROM d) < 6
     ) b
     ORDER BY f.at`,
  );
  // One SLA policy on the wall clock; its breaches are the clocks that ran past their due time (the
  // response-time report counts them per row), credited like the timers do to the assignee. Skipped for
  // a server without SLA breaches (an older checkout under --server-root).
  const { rows: sla } = await step('sla tables', `SELECT to_regclass('sla_breaches') IS NOT NULL AS present`);
  if (sla[0].present) await seedBreaches(step);
  // The facts the clocks are computed from (the conversation view reads them; the reports do not).
  await step(
    'clock_facts',
    `INSERT INTO clock_facts (conversation_id, at, kind, detail, agent_id)
     SELECT conversation_id, at, kind, detail, agent_id FROM (
       SELECT conversation_id, sent_at AS at, CASE WHEN inbound THEN 'customer' WHEN note THEN 'ignored' ELSE 'reply' END AS kind,
         CASE WHEN note THEN 'note' END AS detail, CASE WHEN NOT inbound AND NOT note THEN author_id END AS agent_id
       FROM seed_msg
       UNION ALL
       SELECT id, coalesce(resolved_at, last_message_at + interval '1 minute'), 'status', status, assignee_id FROM conversations WHERE status <> 'open'
     ) f ORDER BY at`,
  );
  // One row per write, as ingest and replies write them: at this rate every message is its own write.
  await step(
    'message_volume',
    `INSERT INTO message_volume (bucket, channel_id, inbound, outbound)
     SELECT date_bin('15 minutes', created_at, TIMESTAMPTZ '2000-01-01'), channel_id, (direction = 'inbound')::int, (direction = 'outbound')::int
     FROM messages WHERE NOT private ORDER BY created_at`,
  );
  await step(`build ${indexes.length} indexes`, indexes.map((index) => index.indexdef).join('; '));
  if (sla[0].present) await step('analyze breaches', 'VACUUM (ANALYZE) sla_breaches, sla_policies');
  await step('analyze', 'VACUUM (ANALYZE) clock_values, message_volume, messages, clock_facts, conversations, customers, customer_identities, users, teams, team_members, channels');
}

async function seedBreaches(step) {
  await step(
    'sla policy',
    `INSERT INTO sla_policies (name, first_response_seconds, next_reply_seconds, resolution_seconds, business_hours_only)
     VALUES ('Standard', ${SLA_SECONDS.firstResponse}, ${SLA_SECONDS.nextReply}, ${SLA_SECONDS.resolution}, false)`,
  );
  await step(
    'sla_breaches',
    `INSERT INTO sla_breaches (conversation_id, metric, clock_started_at, due_at, breached_at, policy_id, agent_id, team_id, channel_id)
     SELECT v.conversation_id, v.metric, v.started_at, d.due_at, d.due_at, p.id, c.assignee_id, v.team_id, v.channel_id
     FROM clock_values v JOIN conversations c ON c.id = v.conversation_id
     CROSS JOIN (SELECT id FROM sla_policies WHERE name = 'Standard') p
     CROSS JOIN LATERAL (SELECT v.started_at + (CASE v.metric WHEN 'firstResponse' THEN ${SLA_SECONDS.firstResponse} WHEN 'nextReply' THEN ${SLA_SECONDS.nextReply} ELSE ${SLA_SECONDS.resolution} END) * interval '1 second' AS due_at) d
     WHERE v.stopped_at > d.due_at
     ORDER BY d.due_at`,
  );
}

// -----------------------------------------------------------------------------------------------

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values: args } = parseArgs({
    options: {
      'server-root': { type: 'string', default: repoRoot },
      database: { type: 'string', default: REPORTS_DATABASE },
      reuse: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (args.help) {
    console.log('Usage: node bench/seed-reports.mjs [--server-root DIR] [--database NAME] [--reuse]');
    process.exit(0);
  }
  const services = await ensureServices({ log: (line) => console.log(`  ${line}`), database: 'postgres' });
  try {
    const seed = await seedReports({ adminUrl: services.adminDatabaseUrl, serverRoot: path.resolve(args['server-root']), database: args.database, reuse: args.reuse });
    console.log(`${seed.reused ? 'reused' : 'seeded'} ${seed.database} in ${fmt(seed.seconds)} s, period up to ${seed.until.toISOString()}:`);
    for (const line of formatCounts(seed.counts)) console.log(`  ${line}`);
    console.log(`(drop it with: psql -c 'DROP DATABASE "${seed.database}" WITH (FORCE)')`);
  } finally {
    await services.stop();
  }
}
