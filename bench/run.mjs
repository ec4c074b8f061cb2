// Rapport benchmark suite: the built server against a bare reference pipeline, same machine, same
// Postgres and Redis, one system at a time. See bench/README.md for what each scenario measures.
//
//   npm run bench                                   # builds shared + server, runs every scenario
//   npm run bench -- --server-root /tmp/checkout    # builds and benchmarks another checkout's server
//   node bench/run.mjs --scenarios ab --duration 4  # a subset, shorter (results: bench/results/ab-latest.json)
//   node bench/run.mjs reports                      # the reports at scale alone (scenario r)
//   node bench/run.mjs --scenarios s --no-build     # search at scale alone (scenario s)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { ensureServices } from '../scripts/services.mjs';
import { startFakeGraph } from './lib/fake-graph.mjs';
import { runLoad } from './lib/load.mjs';
import { emitRequests, messengerRequests, senderIds } from './lib/requests.mjs';
import { SocketPool } from './lib/sockets.mjs';
import { Cleanup, META_APP_SECRET, startBare, startRapport, startRawFanout, waitIdle } from './lib/systems.mjs';
import { fmt, hrMs, machineInfo, rounded, sleep } from './lib/util.mjs';
import { runReports } from './reports.mjs';
import { runSearch, SEARCH_TARGET_MS } from './search.mjs';
import { SEED } from './seed-reports.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(benchDir, '..');

const USAGE = `Usage: node bench/run.mjs [options] [reports]
  --server-root DIR     checkout whose shared + server are built and benchmarked (default: ${repoRoot})
  --no-build            run its server/dist as it is (skip npm run build -w shared / -w server there)
  --scenarios LETTERS   subset of a b c d e r s (default: abcders); the word reports alone means --scenarios r
  --duration SECONDS    length of each rate run (default: 8)
  --memory-messages N   messages of the memory scenario (default: 10000)
  --fanout-sockets N    supervisor sockets of the fan-out scenario (default: 500)
  --senders N           distinct customers per run (default: 200)
  --grace SECONDS       a message not on the socket this long after the last send is lost (default: 15)
  --server-node-args=A  extra node options for the Rapport processes, e.g. --server-node-args="--cpu-prof"
  --report-calls N      timed calls per report in scenario r (default: 20, after 3 warm-up calls)
  --reports-keep-db     scenario r: keep the rapport_bench_reports database afterwards, and reuse it while it holds the same seed
  --search-keep-db      scenario s: the same for rapport_bench_search`;

const { values: args, positionals } = parseArgs({
  options: {
    'server-root': { type: 'string', default: repoRoot },
    scenarios: { type: 'string', default: 'abcders' },
    duration: { type: 'string', default: '8' },
    'memory-messages': { type: 'string', default: '10000' },
    'fanout-sockets': { type: 'string', default: '500' },
    senders: { type: 'string', default: '200' },
    grace: { type: 'string', default: '15' },
    'server-node-args': { type: 'string', default: '' },
    'report-calls': { type: 'string', default: '20' },
    'reports-keep-db': { type: 'boolean', default: false },
    'search-keep-db': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  allowPositionals: true,
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const serverRoot = path.resolve(args['server-root']);
const scenarioLetters = positionals.includes('reports') ? 'r' : args.scenarios;
const scenarios = new Set(scenarioLetters.toLowerCase().replace(/[^a-ers]/g, ''));
const seconds = Number(args.duration);
const memoryMessages = Number(args['memory-messages']);
const fanoutSockets = Number(args['fanout-sockets']);
const sendersPerRun = Number(args.senders);
const graceMs = Number(args.grace) * 1000;
const serverNodeArgs = args['server-node-args'].split(' ').filter(Boolean);
const reportCalls = Number(args['report-calls']);
if (scenarios.size === 0 || positionals.some((p) => p !== 'reports') || ![seconds, memoryMessages, fanoutSockets, sendersPerRun, graceMs, reportCalls].every((v) => Number.isFinite(v) && v > 0)) {
  console.error(USAGE);
  process.exit(2);
}
const sorted = [...scenarios].sort().join('');
const scenarioSet = sorted === 'abcders' ? 'all' : sorted;

const RATE_NORMAL = 500;
const RATE_HIGH = 1500;
const RATE_FANOUT = 40;
const SLOW_PROFILE_MS = 2000;
const MEMORY_LISTEN_MS = 240_000;

const results = {
  scenarioSet,
  startedAt: new Date().toISOString(),
  options: { serverRoot, scenarios: sorted, durationSeconds: seconds, memoryMessages, fanoutSockets, sendersPerRun, graceSeconds: graceMs / 1000, reportCalls },
  machine: machineInfo(),
  runs: {},
  memory: null,
  reports: null,
  search: null,
  ratios: [],
  serverLogs: {},
  shutdowns: {},
};

const cleanup = new Cleanup();
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: cleaning up…`);
    void cleanup.runAll().finally(() => process.exit(130));
  });
}

const log = (line = '') => console.log(line);
const section = (title) => log(`\n=== ${title} ${'='.repeat(Math.max(0, 96 - title.length))}`);

// -----------------------------------------------------------------------------------------------
// Runs

let runCounter = 0;
const runTag = Date.now().toString(36).slice(-4);

/** A fresh run identity: its own text prefix, message ids and block of customer ids. */
function nextRun() {
  runCounter++;
  return { prefix: `[bench ${runTag}.${runCounter}] #`, runId: `${runTag}_${runCounter}`, senders: senderIds(runCounter, sendersPerRun), seed: runCounter };
}

function messengerLoad(system, { count, senders }) {
  const run = nextRun();
  const { bodies, signatures } = messengerRequests({ prefix: run.prefix, count, senders: senders ? run.senders.slice(0, senders) : run.senders, pageId: system.pageId, appSecret: META_APP_SECRET, seed: run.seed, runId: run.runId });
  return { prefix: run.prefix, bodies, signatures, signatureHeader: 'x-hub-signature-256' };
}

/** One measured run against `system`, recorded as results.runs[key] and printed. */
async function measure(system, pool, { key, title, rate, count, graph, load, listenMs }) {
  const requests = load ?? messengerLoad(system, { count });
  const profileBefore = graph?.counts.profile ?? 0;
  const result = await runLoad({
    target: { host: '127.0.0.1', port: system.port, path: system.webhookPath },
    ...requests,
    rate,
    pool,
    graceMs,
    listenMs,
    pid: system.server.pid,
    backlog: system.queues ? () => system.queues.pendingByQueue() : undefined,
    warmPath: system.healthPath,
  });
  if (graph) result.profileLookups = graph.counts.profile - profileBefore;
  if (key) {
    results.runs[key] = { system: system.name, title, ...result };
    printRun(key, title, result);
  }
  return result;
}

/** A short unrecorded run that proves the pipeline works end to end (and warms the JIT). */
async function warmUp(system, pool, graph) {
  const result = await measure(system, pool, { rate: 100, count: 100, graph, load: messengerLoad(system, { count: 100, senders: 10 }) });
  if (result.deliveries === 0) {
    throw new Error(`${system.name}: none of the warm-up webhooks reached the socket (answers: ${JSON.stringify(result.answerCodes)}).\nServer log:\n${system.server.tail()}`);
  }
  await idle(system);
}

async function idle(system) {
  const drained = await waitIdle(system, { maxMs: 120_000 });
  if (!drained) log(`  (warning: ${system.name} still had queued work after 120 s; continuing)`);
  return drained;
}

function printRun(key, title, r) {
  const lat = r.latencyMs;
  const per = r.sockets > 1 ? ` (${fmt(r.deliveredPerSecondPerSocket)}/s per socket)` : '';
  const codes = Object.entries(r.answerCodes)
    .filter(([code]) => code !== '200')
    .map(([code, n]) => `${n}× ${code}${code === 'network error' && r.networkErrors ? ` ${JSON.stringify(r.networkErrors)}` : ''}`)
    .join(', ');
  const backlog = Object.entries(r.backlogAfterGrace ?? {})
    .filter(([, n]) => n > 0)
    .map(([queue, n]) => `${n} ${queue} jobs`)
    .join(', ');
  log(`\n[${key}] ${title}`);
  log(`  offered ${r.offeredRate}/s for ${fmt(r.durationSeconds)} s: ${r.messages} sent, achieved ${fmt(r.achievedSendRate)}/s${r.achievedSendRate < r.offeredRate * 0.95 ? '  ← the generator could not keep the offered rate' : ''} (max send lag ${fmt(r.maxSendLagMs)} ms)`);
  const retried = r.staleConnectionRetries ? `; ${r.staleConnectionRetries} sent again after a kept-alive connection closed under them` : '';
  log(`  webhooks answered 200: ${r.answered200}, non-200: ${r.answeredOther}${codes ? ` (${codes})` : ''}; answer time p50 ${fmt(r.answerMs.p50)} ms, p99 ${fmt(r.answerMs.p99)} ms${retried}`);
  log(`  delivered ${r.deliveries}${r.sockets > 1 ? ` socket×message deliveries on ${r.sockets} sockets` : ''} → ${fmt(r.deliveredPerSecond)}/s${per}`);
  log(`  latency send → socket: p50 ${fmt(lat.p50)} ms, p99 ${fmt(lat.p99)} ms, max ${fmt(lat.max)} ms`);
  log(`  delivered per second after the first send: ${r.deliveredPerSecondTimeline.join(' ')}`);
  const late = r.listenedSeconds > graceMs / 1000 ? ` (${r.undelivered} never arrived while listening up to ${fmt(r.listenedSeconds, 0)} s; last delivery ${fmt(r.lastDeliveryAfterLastSendSeconds)} s after the last send)` : '';
  log(`  lost ${r.lost}${late}${r.duplicates ? `, duplicates ${r.duplicates}` : ''}${backlog ? `; still queued after the grace period: ${backlog}` : ''}${r.socketDisconnects ? `, socket disconnects ${r.socketDisconnects}` : ''}`);
  const extras = [];
  if (r.profileLookups !== undefined) extras.push(`profile lookups ${r.profileLookups}`);
  if (r.eventsPerDelivery) extras.push(`socket events per delivered message ${fmt(r.eventsPerDelivery, 2)}`);
  if (extras.length) log(`  ${extras.join('; ')}`);
  const cpu = r.cpu;
  log(`  cpu: server ${fmt(cpu.serverCpuPct, 0)} % of a core, bench ${fmt(cpu.benchCpuPct, 0)} %, machine ${fmt(cpu.machineBusyPct, 0)} % busy; server rss ${fmt(r.memory?.rssMiB, 0)} MiB (peak ${fmt(r.memory?.peakRssMiB, 0)} MiB)`);
}

function noteLogs(system) {
  const lines = system.server.logLines();
  results.serverLogs[system.server.label] = { lines: lines.length, first: lines.slice(0, 20) };
}

// -----------------------------------------------------------------------------------------------
// Systems

/**
 * A fresh Rapport (own database, Redis prefix and fake Graph API) with one manager socket, warmed up;
 * `fn` runs the scenario; then everything is stopped, the database dropped and the keys deleted.
 * A fresh server per scenario means no scenario inherits another's backlog or data.
 */
async function withRapport(services, { label, title, graphDelayMs = 0, warm = true }, fn) {
  section(title);
  const graph = await startFakeGraph({ delayMs: graphDelayMs });
  const closeGraph = cleanup.add(`fake graph ${label}`, () => graph.close());
  const rapport = await startRapport({ serverRoot, services, cleanup, graphUrl: graph.url, label, nodeArgs: serverNodeArgs });
  const manager = new SocketPool(`rapport-${label} manager`);
  const closeManager = cleanup.add(`manager socket ${label}`, async () => manager.close());
  await manager.connect(rapport.base, { token: rapport.managerToken, count: 1 });
  const atStart = rapport.server.memory();
  log(`Rapport up in ${fmt(rapport.server.startedInMs / 1000)} s (pid ${rapport.server.pid}, ${rapport.base}, database ${rapport.database}); rss ${fmt(atStart.rssMiB, 0)} MiB`);
  if (warm) await warmUp(rapport, manager, graph);
  try {
    await fn({ rapport, manager, graph, atStart });
  } finally {
    if (manager.sample && !results.messageCreatedBytes) results.messageCreatedBytes = JSON.stringify(manager.sample).length;
    noteLogs(rapport);
    await closeManager();
    await rapport.stop();
    await closeGraph();
    const { shutdown } = rapport.server;
    if (shutdown) {
      results.shutdowns[rapport.server.label] = shutdown;
      log(`  (${rapport.server.label} stopped ${shutdown.killed ? `with SIGKILL: SIGTERM had not ended it after ${fmt(shutdown.seconds)} s` : `on SIGTERM in ${fmt(shutdown.seconds)} s`})`);
    }
  }
}

async function rapportScenarios(services) {
  const normal = { rate: RATE_NORMAL, count: RATE_NORMAL * seconds };
  if (scenarios.has('a')) {
    await withRapport(services, { label: 'a', title: `Rapport a: Messenger ${RATE_NORMAL}/s` }, ({ rapport, manager, graph }) =>
      measure(rapport, manager, { key: 'rapport.a', title: `a. Messenger ${RATE_NORMAL}/s for ${seconds} s, 1 manager socket`, ...normal, graph }),
    );
  }
  if (scenarios.has('c')) {
    await withRapport(services, { label: 'c', title: `Rapport c: Messenger ${RATE_NORMAL}/s, profile API answering after ${SLOW_PROFILE_MS / 1000} s`, graphDelayMs: SLOW_PROFILE_MS }, ({ rapport, manager, graph }) =>
      measure(rapport, manager, { key: 'rapport.c', title: `c. Messenger ${RATE_NORMAL}/s for ${seconds} s, profile API answering after ${SLOW_PROFILE_MS} ms`, ...normal, graph }),
    );
  }
  if (scenarios.has('b')) {
    await withRapport(services, { label: 'b', title: `Rapport b: Messenger ${RATE_HIGH}/s` }, ({ rapport, manager, graph }) =>
      measure(rapport, manager, { key: 'rapport.b', title: `b. Messenger ${RATE_HIGH}/s for ${seconds} s, 1 manager socket`, rate: RATE_HIGH, count: RATE_HIGH * seconds, graph }),
    );
  }
  if (scenarios.has('d')) {
    await withRapport(services, { label: 'd', title: `Rapport d: fan-out, ${RATE_FANOUT}/s to 1 and to ${fanoutSockets} supervisor sockets` }, async ({ rapport, manager, graph }) => {
      await measure(rapport, manager, { key: 'rapport.d1', title: `d. single socket: Messenger ${RATE_FANOUT}/s for ${seconds} s, 1 manager socket`, rate: RATE_FANOUT, count: RATE_FANOUT * seconds, graph });
      await idle(rapport);
      const supervisors = new SocketPool('rapport supervisors');
      const closeSupervisors = cleanup.add('supervisor sockets', async () => supervisors.close());
      const t0 = hrMs();
      await supervisors.connect(rapport.base, { token: rapport.managerToken, count: fanoutSockets });
      const connectedIn = hrMs() - t0;
      await supervisors.quiet(1500, 60_000);
      await idle(rapport);
      log(`\n  ${fanoutSockets} supervisor sockets (manager token, websocket) connected in ${fmt(connectedIn / 1000)} s; ${supervisors.events} events reached them while connecting and settling (${fmt((hrMs() - t0) / 1000)} s); server rss ${fmt(rapport.server.memory().rssMiB, 0)} MiB`);
      await measure(rapport, supervisors, { key: 'rapport.d500', title: `d. fan-out: Messenger ${RATE_FANOUT}/s for ${seconds} s, ${fanoutSockets} supervisor sockets`, rate: RATE_FANOUT, count: RATE_FANOUT * seconds, graph });
      results.runs['rapport.d500'].connectSeconds = connectedIn / 1000;
      results.runs['rapport.d500'].eventsWhileConnecting = supervisors.events;
      await closeSupervisors();
    });
  }
  if (scenarios.has('e')) {
    // The brief's example rate; what Rapport cannot keep up with waits in the queue, and the figure is
    // taken once everything is stored and delivered (listening up to MEMORY_LISTEN_MS after the last send).
    const rate = RATE_NORMAL;
    await withRapport(services, { label: 'e', title: `Rapport e: memory after ${memoryMessages.toLocaleString('en')} messages from ${sendersPerRun} customers`, warm: false }, async ({ rapport, manager, graph, atStart }) => {
      const run = await measure(rapport, manager, { key: 'rapport.e', title: `e. memory: ${memoryMessages} Messenger messages from ${sendersPerRun} customers at ${rate}/s, then until drained`, rate, count: memoryMessages, graph, listenMs: MEMORY_LISTEN_MS });
      const drained = await idle(rapport);
      await sleep(2000);
      const after = rapport.server.memory();
      results.memory = { messages: memoryMessages, customers: sendersPerRun, rate, delivered: run.deliveries, undelivered: run.undelivered, drained, drainedAfterLastSendSeconds: run.lastDeliveryAfterLastSendSeconds, rssAtStartMiB: atStart.rssMiB, rssAfterSendingMiB: run.memory?.rssMiB ?? null, rssMiB: after.rssMiB, peakRssMiB: after.peakRssMiB };
      log(`\n  memory after ${memoryMessages} messages (${drained ? 'queue drained' : 'queue NOT drained'}, 2 s later): rss ${fmt(after.rssMiB, 0)} MiB, peak (VmHWM) ${fmt(after.peakRssMiB, 0)} MiB; at start ${fmt(atStart.rssMiB, 0)} MiB`);
    });
  }
}

async function bareRuns(services) {
  if (!scenarios.has('a') && !scenarios.has('b')) return;
  section('Bare reference pipeline: scenarios a, b (fresh database)');
  const bare = await startBare({ services, cleanup });
  log(`bare pipeline up in ${fmt(bare.server.startedInMs / 1000)} s (pid ${bare.server.pid}); rss ${fmt(bare.server.memory().rssMiB, 0)} MiB`);
  const listener = new SocketPool('bare listener');
  const closeListener = cleanup.add('bare listener', async () => listener.close());
  await listener.connect(bare.base, { count: 1 });
  await warmUp(bare, listener);
  if (scenarios.has('a')) {
    await measure(bare, listener, { key: 'bare.a', title: `a. Messenger ${RATE_NORMAL}/s for ${seconds} s, 1 socket`, rate: RATE_NORMAL, count: RATE_NORMAL * seconds });
    await idle(bare);
  }
  if (scenarios.has('b')) {
    await measure(bare, listener, { key: 'bare.b', title: `b. Messenger ${RATE_HIGH}/s for ${seconds} s, 1 socket`, rate: RATE_HIGH, count: RATE_HIGH * seconds });
  }
  noteLogs(bare);
  await closeListener();
  await bare.stop();
}

async function rawFanout() {
  if (!scenarios.has('d')) return;
  const payloadBytes = results.messageCreatedBytes ?? 1100;
  section(`Raw socket.io fan-out reference: ${fanoutSockets} sockets in one room, ${RATE_FANOUT} events/s, ~${payloadBytes} B payload`);
  const raw = await startRawFanout({ cleanup, payloadBytes });
  const clients = new SocketPool('raw fan-out clients');
  const closeClients = cleanup.add('raw fan-out clients', async () => clients.close());
  await clients.connect(raw.base, { count: fanoutSockets });
  await clients.quiet(500, 10_000);
  const emitLoad = (count) => {
    const run = nextRun();
    return { prefix: run.prefix, ...emitRequests({ prefix: run.prefix, count, seed: run.seed }) };
  };
  await measure(raw, clients, { rate: RATE_FANOUT, load: emitLoad(40) }); // warm-up, not recorded
  await measure(raw, clients, { key: 'raw.d500', title: `d. raw fan-out: ${RATE_FANOUT} events/s for ${seconds} s to ${fanoutSockets} sockets`, rate: RATE_FANOUT, load: emitLoad(RATE_FANOUT * seconds) });
  noteLogs(raw);
  await closeClients();
  await raw.stop();
}

async function reportsRun(services) {
  if (!scenarios.has('r')) return;
  section(`Rapport r: reports at scale, ${SEED.conversations.toLocaleString('en')} conversations and ${SEED.messages.toLocaleString('en')} messages over ${SEED.days} days (database rapport_bench_reports)`);
  results.reports = await runReports({ serverRoot, services, cleanup, log, keepDatabase: args['reports-keep-db'], calls: reportCalls, nodeArgs: serverNodeArgs });
}

async function searchRun(services) {
  if (!scenarios.has('s')) return;
  section(`Rapport s: search at scale, ${SEED.conversations.toLocaleString('en')} conversations and ${SEED.messages.toLocaleString('en')} messages in six languages (database rapport_bench_search)`);
  results.search = await runSearch({ serverRoot, services, cleanup, log, keepDatabase: args['search-keep-db'], nodeArgs: serverNodeArgs });
}

// -----------------------------------------------------------------------------------------------
// Ratios and summary

function ratios() {
  const r = results.runs;
  const out = [];
  const add = (name, value, goal, met, detail) => out.push({ name, value: Number.isFinite(value) ? value : null, goal, met: Number.isFinite(value) ? met : null, detail });
  if (r['rapport.b'] && r['bare.b']) {
    const v = r['rapport.b'].deliveredPerSecond / r['bare.b'].deliveredPerSecond;
    add(`throughput at ${RATE_HIGH}/s: Rapport / bare delivered/s`, v, '≥ 0.7', v >= 0.7, `${fmt(r['rapport.b'].deliveredPerSecond)} / ${fmt(r['bare.b'].deliveredPerSecond)} messages/s`);
  }
  if (r['rapport.a'] && r['bare.a']) {
    const v = r['rapport.a'].latencyMs.p99 / r['bare.a'].latencyMs.p99;
    const partial = r['rapport.a'].lost || r['bare.a'].lost ? ' (p99 of the delivered messages only: the lost ones would only raise it)' : '';
    add(`p99 latency at ${RATE_NORMAL}/s: Rapport / bare`, v, '≤ 2', v <= 2, `${fmt(r['rapport.a'].latencyMs.p99)} / ${fmt(r['bare.a'].latencyMs.p99)} ms${partial}`);
  }
  // Lost as defined (not on the socket 15 s after the last send) for the rate runs; for the memory run,
  // which listens until the queue drains, the messages that never arrived.
  const rapportRuns = Object.entries(r).filter(([, run]) => run.system === 'rapport');
  if (rapportRuns.length) {
    const lostOf = ([key, run]) => (key === 'rapport.e' ? run.undelivered : run.lost);
    const lost = rapportRuns.reduce((sum, entry) => sum + lostOf(entry), 0);
    add('lost messages, all Rapport runs', lost, '0', lost === 0, rapportRuns.map((entry) => `${entry[0]} ${lostOf(entry)}${entry[0] === 'rapport.e' ? ' (never delivered)' : ''}`).join(', '));
  }
  if (r['rapport.c'] && r['rapport.a']) {
    const v = r['rapport.c'].deliveredPerSecond / r['rapport.a'].deliveredPerSecond;
    add(`slow profile API (${SLOW_PROFILE_MS / 1000} s): delivered/s vs normal at ${RATE_NORMAL}/s`, v, 'within 10 % (≥ 0.90)', v >= 0.9, `${fmt(r['rapport.c'].deliveredPerSecond)} vs ${fmt(r['rapport.a'].deliveredPerSecond)} messages/s`);
  }
  if (r['rapport.d500'] && r['rapport.d1'] && r['raw.d500']) {
    const budget = r['rapport.d1'].latencyMs.p50 + r['raw.d500'].latencyMs.p99;
    const v = r['rapport.d500'].latencyMs.p99 - budget;
    add(`fan-out p99 − (single-socket p50 + raw fan-out p99), ${fanoutSockets} sockets`, v, '≤ +50 ms', v <= 50, `${fmt(r['rapport.d500'].latencyMs.p99)} − (${fmt(r['rapport.d1'].latencyMs.p50)} + ${fmt(r['raw.d500'].latencyMs.p99)}) ms; ratio ${fmt(r['rapport.d500'].latencyMs.p99 / budget, 2)}×`);
  }
  if (results.reports) {
    const calls = results.reports.calls;
    const passed = calls.filter((c) => c.pass).length;
    const failed = calls.filter((c) => !c.pass).map((c) => `${c.title} p95 ${fmt(c.ms.p95)} ms`);
    add('reports at scale: within target (p95 < 500 ms response times, < 300 ms volume)', passed, `${calls.length} of ${calls.length}`, passed === calls.length, failed.length ? `over target: ${failed.join('; ')}` : `slowest p95 ${fmt(Math.max(...calls.map((c) => c.ms.p95)))} ms`);
  }
  if (results.search) {
    const calls = results.search.calls;
    const passed = calls.filter((c) => c.pass).length;
    const failed = calls.filter((c) => !c.pass).map((c) => `${c.title} p95 ${fmt(c.ms.p95)} ms`);
    add(`search at scale: within target (p95 < ${SEARCH_TARGET_MS} ms)`, passed, `${calls.length} of ${calls.length}`, passed === calls.length, failed.length ? `over target: ${failed.join('; ')}` : `slowest p95 ${fmt(Math.max(...calls.map((c) => c.ms.p95)))} ms`);
  }
  return out;
}

function printRatios(list) {
  section('Ratios (one run, same machine)');
  for (const ratio of list) {
    const value = ratio.name.startsWith('lost') || ratio.name.startsWith('reports') || ratio.name.startsWith('search') ? String(ratio.value) : ratio.name.startsWith('fan-out') ? `${ratio.value >= 0 ? '+' : ''}${fmt(ratio.value)} ms` : fmt(ratio.value, 2);
    const verdict = ratio.met === null ? 'n/a' : ratio.met ? 'MET' : 'MISSED';
    log(`  ${ratio.name}: ${value}   goal ${ratio.goal}   ${verdict}`);
    log(`      ${ratio.detail}`);
  }
}

function printSummary() {
  section('Summary');
  const m = results.machine;
  log(`  machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB; node ${m.node}; ${results.versions?.postgres ?? ''}; redis ${results.versions?.redis ?? '?'}`);
  log(`  server: ${serverRoot} ${results.serverCommit ?? ''}`);
  const head = ['run', 'offered/s', 'sent/s', '200', 'non-200', 'delivered/s', 'p50 ms', 'p99 ms', 'lost', 'srv cpu%', 'rss MiB'];
  const rows = Object.entries(results.runs).map(([key, r]) => [
    key,
    String(r.offeredRate),
    fmt(r.achievedSendRate, 0),
    String(r.answered200),
    String(r.answeredOther),
    fmt(r.deliveredPerSecond, 0),
    fmt(r.latencyMs.p50),
    fmt(r.latencyMs.p99),
    String(r.lost),
    fmt(r.cpu.serverCpuPct, 0),
    fmt(r.memory?.rssMiB, 0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}`;
  if (rows.length) {
    log(line(head));
    for (const row of rows) log(line(row));
  }
  if (results.memory) {
    const mem = results.memory;
    log(`  memory (e): ${mem.messages} messages at ${mem.rate}/s → rss ${fmt(mem.rssMiB, 0)} MiB, peak ${fmt(mem.peakRssMiB, 0)} MiB (at start ${fmt(mem.rssAtStartMiB, 0)} MiB); all delivered ${fmt(mem.drainedAfterLastSendSeconds)} s after the last send${mem.undelivered ? `, ${mem.undelivered} never` : ''}`);
  }
  if (results.reports) {
    const rep = results.reports;
    log(`  reports (r): ${rep.seed.reused ? 'reused' : 'seeded'} in ${fmt(rep.seed.seconds)} s; reference GET /api/auth/me p50 ${fmt(rep.reference.ms.p50)} ms, SELECT 1 p50 ${fmt(rep.select1Ms.p50, 2)} ms`);
    for (const c of rep.calls) log(`    ${c.pass ? 'PASS' : 'FAIL'} ${c.title.padEnd(42)} p50 ${fmt(c.ms.p50).padStart(6)} ms, p95 ${fmt(c.ms.p95).padStart(6)} ms (< ${c.targetMs}); ${fmt(c.ratioP50).padStart(5)}× reference`);
  }
  if (results.search) {
    const se = results.search;
    log(`  search (s): ${se.seed.reused ? 'reused' : 'seeded'} in ${fmt(se.seed.seconds + se.seed.textSeconds)} s; reference GET /api/auth/me p50 ${fmt(se.reference.ms.p50)} ms; writes with the search index +${fmt(se.ingest.extraPct, 0)} %`);
    for (const c of se.calls) log(`    ${c.pass ? 'PASS' : 'FAIL'} ${c.title.padEnd(52)} p50 ${fmt(c.ms.p50).padStart(6)} ms, p95 ${fmt(c.ms.p95).padStart(6)} ms (< ${c.targetMs}); ${fmt(c.ratioP50).padStart(5)}× reference`);
  }
  for (const ratio of results.ratios) log(`  ${ratio.met === null ? 'n/a   ' : ratio.met ? 'MET   ' : 'MISSED'} ${ratio.name} (goal ${ratio.goal})`);
  const met = results.ratios.filter((r) => r.met).length;
  log(`  goals met: ${met} of ${results.ratios.length}`);
  for (const [label, info] of Object.entries(results.serverLogs)) {
    if (info.lines) log(`  ${label} printed ${info.lines} log line(s) at LOG_LEVEL=warn, first: ${info.first[0]?.slice(0, 160)}`);
  }
}

function writeResults() {
  const dir = path.join(benchDir, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(rounded(results), null, 2)}\n`;
  const latest = path.join(dir, `${scenarioSet}-latest.json`);
  fs.writeFileSync(latest, text);
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  fs.writeFileSync(path.join(dir, `${scenarioSet}-timestamp-${stamp}.json`), text);
  log(`\nresults: ${path.relative(process.cwd(), latest) || latest}`);
}

async function versions(services) {
  const out = {};
  const client = new pg.Client({ connectionString: services.adminDatabaseUrl });
  await client.connect();
  out.postgres = `postgres ${(await client.query('SHOW server_version')).rows[0].server_version}`;
  await client.end();
  const redis = new Redis(services.redisUrl, { lazyConnect: true });
  await redis.connect();
  out.redis = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? '?';
  redis.disconnect();
  return out;
}

function serverCommit() {
  const rev = spawnSync('git', ['-C', serverRoot, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  if (rev.status !== 0) return null;
  // --no-optional-locks: a read-only look, the index is never rewritten.
  const dirty = spawnSync('git', ['--no-optional-locks', '-C', serverRoot, 'diff', '--quiet', 'HEAD', '--', 'server/src', 'shared/src'], { encoding: 'utf8' });
  return `commit ${rev.stdout.trim()}${dirty.status === 1 ? ' + uncommitted changes in server/src or shared/src' : ''}`;
}

/**
 * `npm run build -w shared && npm run build -w server` in the checkout under test (by default this
 * repository, as `npm run bench` always did). Building there rather than here means a checkout named
 * by --server-root is benchmarked as built from its own sources, whatever state this tree is in.
 */
function build() {
  if (args['no-build']) {
    log(`  build: skipped (--no-build); running ${serverRoot}/server/dist as it is`);
    return;
  }
  for (const ws of ['shared', 'server']) {
    const started = hrMs();
    const res = spawnSync('npm', ['run', 'build', '-w', ws], { cwd: serverRoot, stdio: ['ignore', 'inherit', 'inherit'] });
    if (res.status !== 0) throw new Error(`npm run build -w ${ws} failed in ${serverRoot} (exit ${res.status}); fix the build or pass --no-build`);
    log(`  build: ${ws} built in ${serverRoot} (${fmt((hrMs() - started) / 1000)} s)`);
  }
}

// -----------------------------------------------------------------------------------------------

let failed = false;
const started = hrMs();
try {
  build();
  const services = await ensureServices({ log: (line) => log(`  ${line}`), database: 'postgres' });
  cleanup.add('services', () => services.stop());
  results.versions = await versions(services);
  results.serverCommit = serverCommit();
  section('Rapport benchmark');
  const m = results.machine;
  log(`  machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB memory, ${m.platform}; load average ${m.loadAverage.join(' ')}`);
  log(`  node ${m.node}; ${results.versions.postgres}; redis ${results.versions.redis}`);
  log(`  server under test: ${serverRoot}/server/dist ${results.serverCommit ?? ''}`);
  log(`  scenarios ${sorted}; ${seconds} s per rate run; ${sendersPerRun} customers per run; lost = not on the socket ${graceMs / 1000} s after the last send`);

  await rapportScenarios(services);
  await bareRuns(services);
  await rawFanout();
  await reportsRun(services);
  await searchRun(services);

  results.ratios = ratios();
  printRatios(results.ratios);
} catch (err) {
  failed = true;
  results.error = err instanceof Error ? err.stack : String(err);
  console.error(`\nbench failed: ${results.error}`);
  console.error(`(server logs of the systems still running are kept in ${os.tmpdir()}/rapport-bench-*.log)`);
} finally {
  await cleanup.runAll();
}
if (!interrupted) {
  results.finishedAt = new Date().toISOString();
  results.totalSeconds = (hrMs() - started) / 1000;
  printSummary();
  log(`  total time ${fmt(results.totalSeconds, 0)} s`);
  writeResults();
  process.exit(failed ? 1 : 0);
}
