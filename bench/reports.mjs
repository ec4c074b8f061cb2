// Scenario r: the reports at scale. Seeds 100,000 conversations and 1,000,000 messages (seed-reports.mjs),
// starts the built server on that database and times each report over HTTP as a manager, next to a
// reference measured in the same moments: an authenticated GET /api/auth/me (the same HTTP, auth and
// Nest path without the report's query) and a `SELECT 1` round trip from the bench.
import pg from 'pg';
import { dropReportsDatabase, formatCounts, REPORTS_DATABASE, SEED, seedReports } from './seed-reports.mjs';
import { loginToken, settle, startRapportServer } from './lib/systems.mjs';
import { stats, timeAgainstReference, timingLine } from './lib/timing.mjs';
import { cpuMeter, fmt, hrMs } from './lib/util.mjs';

export const REPORT_TARGETS_MS = { responseTimes: 500, volume: 300 };
const TZ = 'Europe/Madrid';
const DAY_MS = 24 * 3600 * 1000;

/**
 * Every report timed: response times per grouping over 30 and 90 days, volume over 7 and 30 days.
 * `all` (the totals row) is timed when the server under test knows that grouping.
 */
function reportCalls(until) {
  const period = (days) => ({ from: new Date(until.getTime() - days * DAY_MS).toISOString(), to: until.toISOString() });
  const calls = [];
  for (const days of [30, 90]) {
    for (const groupBy of ['agent', 'team', 'channel', 'day', 'all']) {
      calls.push({ key: `response-times.${groupBy}.${days}d`, title: `response-times groupBy=${groupBy}, ${days} days`, kind: 'responseTimes', path: '/api/metrics/response-times', query: { ...period(days), groupBy, tz: TZ }, optional: groupBy === 'all' });
    }
  }
  for (const days of [7, 30]) {
    calls.push({ key: `volume.${days}d`, title: `volume tz=${TZ}, ${days} days`, kind: 'volume', path: '/api/metrics/volume', query: { ...period(days), tz: TZ } });
  }
  return calls;
}

async function timedGet(base, call, token) {
  const url = `${base}${call.path}${call.query ? `?${new URLSearchParams(call.query)}` : ''}`;
  const t0 = hrMs();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.text();
  const ms = hrMs() - t0;
  if (res.status !== 200) throw Object.assign(new Error(`GET ${call.path} answered ${res.status}: ${body.slice(0, 300)}`), { status: res.status });
  return { ms, body };
}

async function timedSelect1(client) {
  const t0 = hrMs();
  await client.query('SELECT 1');
  return hrMs() - t0;
}

/**
 * What the answers must hold, checked once before timing: rows in every report, and the volume report
 * adding up to the messages stored in its period (message_volume is consistent with messages).
 */
async function checkAnswers(client, call, body) {
  const report = JSON.parse(body);
  if (call.kind === 'responseTimes') {
    if (!report.rows?.length) throw new Error(`${call.title}: no rows`);
    const answered = report.rows.reduce((sum, row) => sum + row.firstResponse.count + row.nextReply.count + row.resolution.count, 0);
    const breaches = report.rows.reduce((sum, row) => sum + (row.slaBreaches ?? 0), 0);
    const { rows } = await client.query(
      `SELECT (SELECT count(*)::int FROM clock_values WHERE stopped_at >= $1 AND stopped_at < $2) AS values,
         CASE WHEN to_regclass('sla_breaches') IS NULL THEN 0 ELSE (SELECT count(*)::int FROM sla_breaches WHERE breached_at >= $1 AND breached_at < $2) END AS breaches`,
      [call.query.from, call.query.to],
    );
    if (answered !== rows[0].values) throw new Error(`${call.title}: the rows count ${answered} clock values, the table holds ${rows[0].values} in the period`);
    if (report.rows[0]?.slaBreaches !== undefined && breaches !== rows[0].breaches) throw new Error(`${call.title}: the rows count ${breaches} SLA breaches, the table holds ${rows[0].breaches} in the period`);
    return `${report.rows.length} rows, ${answered.toLocaleString('en')} clock values, ${breaches.toLocaleString('en')} breaches`;
  }
  const inbound = report.byHour.reduce((sum, hour) => sum + hour.inbound, 0);
  const outbound = report.byHour.reduce((sum, hour) => sum + hour.outbound, 0);
  // Volume rows count whole quarter hours: the period's ends are on quarter hours here (`until` is on a minute, periods whole days).
  const { rows } = await client.query(
    `SELECT count(*) FILTER (WHERE direction = 'inbound')::int AS inbound, count(*) FILTER (WHERE direction = 'outbound' AND NOT private)::int AS outbound
     FROM messages WHERE date_bin('15 minutes', created_at, TIMESTAMPTZ '2000-01-01') >= $1 AND date_bin('15 minutes', created_at, TIMESTAMPTZ '2000-01-01') < $2`,
    [call.query.from, call.query.to],
  );
  if (inbound !== rows[0].inbound || outbound !== rows[0].outbound) throw new Error(`${call.title}: ${inbound} in / ${outbound} out, the messages table holds ${rows[0].inbound} / ${rows[0].outbound}`);
  return `${report.byHour.length} hours, ${report.heatmap.length} heatmap cells, ${inbound.toLocaleString('en')} in / ${outbound.toLocaleString('en')} out (= messages)`;
}

/**
 * Runs the scenario and returns its results. `keepDatabase`: keep rapport_bench_reports afterwards and
 * reuse it when it already holds the same seed; otherwise it is seeded afresh and dropped at the end.
 */
export async function runReports({ serverRoot, services, cleanup, log, keepDatabase = false, warmups = 3, calls: timedCalls = 20, nodeArgs = [] }) {
  const seed = await seedReports({ adminUrl: services.adminDatabaseUrl, serverRoot, reuse: keepDatabase, log });
  const dropDatabase = keepDatabase ? async () => {} : cleanup.add(`drop database ${REPORTS_DATABASE}`, () => dropReportsDatabase(services.adminDatabaseUrl));
  log(`  ${seed.reused ? 'reused' : 'seeded'} in ${fmt(seed.seconds)} s, period up to ${seed.until.toISOString()}:`);
  for (const line of formatCounts(seed.counts)) log(`    ${line}`);

  // The built server on the seeded database; its own Redis prefix, simulator off, demo users kept.
  const rapport = await startRapportServer({ serverRoot, services, cleanup, databaseUrl: seed.url, label: 'reports', nodeArgs });
  const client = new pg.Client({ connectionString: seed.url });
  await client.connect();
  const closeClient = cleanup.add('reports pg client', () => client.end());
  try {
    const token = await loginToken(rapport.base, 'manager@rapport.test');
    const settled = await settle(rapport.server.pid);
    log(`  server up in ${fmt(rapport.server.startedInMs / 1000)} s (pid ${rapport.server.pid}), logged in as manager@rapport.test${settled ? '' : '; still busy after 30 s, timing anyway'}`);

    const reference = { path: '/api/auth/me' };
    const calls = [];
    for (const call of reportCalls(seed.until)) {
      const first = await timedGet(rapport.base, call, token).catch((err) => {
        if (call.optional && err.status === 400) return null;
        throw err;
      });
      if (!first) {
        log(`  (${call.title}: not known to this server, skipped)`);
        continue;
      }
      call.check = await checkAnswers(client, call, first.body);
      calls.push(call);
    }
    log(`  answers checked: every report has rows; response-time counts = clock_values (and breaches = sla_breaches) in the period; volume = the messages in the period`);

    const out = [];
    const referenceAll = [];
    const selectAll = [];
    const meter = cpuMeter(rapport.server.pid);
    for (const call of calls) {
      const timed = await timeAgainstReference({
        warmups,
        calls: timedCalls,
        reference: async () => (await timedGet(rapport.base, reference, token)).ms,
        alongside: () => timedSelect1(client),
        call: async () => (await timedGet(rapport.base, call, token)).ms,
      });
      referenceAll.push(...timed.samples.reference);
      selectAll.push(...timed.samples.alongside);
      const targetMs = REPORT_TARGETS_MS[call.kind];
      const result = { key: call.key, title: call.title, query: call.query, check: call.check, targetMs, ms: timed.ms, referenceMs: timed.referenceMs, select1Ms: timed.alongsideMs, ratioP50: timed.ratioP50, pass: timed.ms.p95 < targetMs };
      out.push(result);
      log(timingLine({ ...result, width: 42, target: `  (target p95 < ${targetMs} ms)` }));
    }
    const cpu = meter();
    const reference50 = stats(referenceAll);
    const select50 = stats(selectAll);
    log(`  reference GET /api/auth/me: p50 ${fmt(reference50.p50)} ms, p95 ${fmt(reference50.p95)} ms; SELECT 1 round trip: p50 ${fmt(select50.p50, 2)} ms, p95 ${fmt(select50.p95, 2)} ms (${referenceAll.length} each)`);
    log(`  ${warmups} warm-up and ${timedCalls} timed calls per report; cpu while timing: server ${fmt(cpu.serverCpuPct, 0)} % of a core, bench ${fmt(cpu.benchCpuPct, 0)} %, machine ${fmt(cpu.machineBusyPct, 0)} % busy`);
    const lines = rapport.server.logLines();
    if (lines.length) log(`  server printed ${lines.length} log line(s) at LOG_LEVEL=warn, first: ${lines[0].slice(0, 160)}`);
    return {
      seed: { database: seed.database, reused: seed.reused, kept: keepDatabase, seconds: seed.seconds, until: seed.until, counts: seed.counts, target: SEED },
      warmups,
      timedCalls,
      reference: { path: reference.path, ms: reference50 },
      select1Ms: select50,
      cpu,
      calls: out,
      serverLogLines: lines.slice(0, 20),
    };
  } finally {
    await closeClient();
    await rapport.stop();
    await dropDatabase();
  }
}
