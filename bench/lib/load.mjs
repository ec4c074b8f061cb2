// One measured run: pre-built signed requests sent at a fixed offered rate by the sender thread, while
// a SocketPool records arrivals. Lost = answered 200 but not on a socket `graceMs` after the last send.
import { Worker } from 'node:worker_threads';
import { cpuMeter, hrMs, memoryOf, sleep, summarize } from './util.mjs';

/**
 * @param {object} o
 * @param {{host: string, port: number, path: string}} o.target
 * @param {string[]} o.bodies            request bodies (already carrying `${o.prefix}${index}` in their text)
 * @param {string[]} [o.signatures]      header values, one per body, sent as `o.signatureHeader`
 * @param {import('./sockets.mjs').SocketPool} o.pool
 * @param {() => Promise<number|null>} [o.backlog]  jobs still queued on the server side
 * @param {number} [o.pid]               server process to meter (CPU, memory)
 */
export async function runLoad(o) {
  const { target, bodies, rate, pool, prefix, graceMs = 15_000, timeoutMs = 20_000, maxSockets = 256, warmPath, warmConnections = 32 } = o;
  // How long to keep listening after the last send (at least the grace period; longer to see a backlog drain).
  const listenMs = Math.max(graceMs, o.listenMs ?? 0);
  const n = bodies.length;
  const shared = { sendAt: new SharedArrayBuffer(n * 8), answerAt: new SharedArrayBuffer(n * 8), status: new SharedArrayBuffer(n * 4) };
  const worker = new Worker(new URL('./sender-worker.mjs', import.meta.url), {
    workerData: { ...target, bodies, signatures: o.signatures ?? [], signatureHeader: o.signatureHeader ?? null, rate, maxSockets, timeoutMs, warmPath, warmConnections, shared },
  });
  let failure = null;
  worker.on('error', (err) => {
    failure = err;
  });
  const messages = [];
  const waiters = [];
  worker.on('message', (m) => {
    messages.push(m);
    for (const w of waiters.splice(0)) w();
  });
  const waitFor = async (type, maxMs) => {
    const until = hrMs() + maxMs;
    while (!messages.some((m) => m.type === type)) {
      if (failure) throw failure;
      if (hrMs() > until) return null;
      await new Promise((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return messages.find((m) => m.type === type);
  };

  try {
    if (!(await waitFor('ready', 60_000))) throw new Error('the sender thread did not get ready');
    const run = pool.track(prefix, n);
    const meter = cpuMeter(o.pid);
    worker.postMessage({ type: 'start' });
    const scheduled = await waitFor('scheduled', (n / rate) * 1000 * 3 + 30_000);
    if (!scheduled) throw new Error('the sender thread did not finish sending');
    const sendAt = new Float64Array(shared.sendAt);
    const answerAt = new Float64Array(shared.answerAt);
    const status = new Int32Array(shared.status);
    const firstSend = sendAt[0];
    const lastSend = sendAt[n - 1];
    const deadline = lastSend + graceMs;
    const listenUntil = lastSend + listenMs;

    const okCount = () => {
      let ok = 0;
      for (let i = 0; i < n; i++) if (status[i] === 200) ok++;
      return ok;
    };
    const complete = () => {
      for (let i = 0; i < n; i++) {
        if (status[i] !== 200) continue;
        for (let k = 0; k < run.width; k++) if (Number.isNaN(run.arrivals[k * n + i])) return false;
      }
      return true;
    };
    for (;;) {
      const done = messages.some((m) => m.type === 'done');
      const now = hrMs();
      if (done && run.delivered >= okCount() * run.width && complete()) break;
      // Past the deadline: stop, but give unanswered requests until their own timeout.
      if (now >= listenUntil && (done || now >= lastSend + timeoutMs + 1000)) break;
      await sleep(now >= deadline ? 200 : 50);
    }
    const backlog = o.backlog ? await o.backlog().catch(() => null) : null;
    pool.stopTracking();
    const cpu = meter();
    const memory = o.pid ? memoryOf(o.pid) : null;

    // Answers.
    const codes = {};
    const answerMs = [];
    let ok = 0;
    for (let i = 0; i < n; i++) {
      const code = status[i] === 0 ? 'no answer' : status[i] === -1 ? 'network error' : status[i] === -2 ? 'timeout' : String(status[i]);
      codes[code] = (codes[code] ?? 0) + 1;
      if (status[i] === 200) {
        ok++;
        answerMs.push(answerAt[i] - sendAt[i]);
      }
    }
    // Deliveries: every socket × message.
    const latencies = [];
    let lost = 0;
    let undelivered = 0;
    let lastArrival = -Infinity;
    for (let k = 0; k < run.width; k++) {
      for (let i = 0; i < n; i++) {
        const at = run.arrivals[k * n + i];
        const arrived = !Number.isNaN(at);
        if (arrived) {
          latencies.push(at - sendAt[i]);
          if (at > lastArrival) lastArrival = at;
        }
        if (status[i] === 200 && (!arrived || at > deadline)) lost++;
        if (status[i] === 200 && !arrived) undelivered++;
      }
    }
    const delivered = latencies.length;
    // Messages delivered in each second after the first send (socket × message deliveries / sockets).
    const timeline = [];
    for (let k = 0; k < run.width; k++) {
      for (let i = 0; i < n; i++) {
        const at = run.arrivals[k * n + i];
        if (Number.isNaN(at)) continue;
        const second = Math.max(0, Math.floor((at - firstSend) / 1000));
        while (timeline.length <= second) timeline.push(0);
        timeline[second] += 1 / run.width;
      }
    }
    const deliverySeconds = delivered ? (lastArrival - firstSend) / 1000 : NaN;
    const latency = summarize(latencies);
    const answer = summarize(answerMs);
    const sendSeconds = (lastSend - firstSend) / 1000;
    return {
      offeredRate: rate,
      messages: n,
      sockets: run.width,
      durationSeconds: sendSeconds,
      achievedSendRate: n > 1 ? (n - 1) / sendSeconds : NaN,
      maxSendLagMs: scheduled.maxLagMs,
      answered200: ok,
      answeredOther: n - ok,
      answerCodes: codes,
      networkErrors: messages.find((m) => m.type === 'done')?.errorCodes ?? null,
      staleConnectionRetries: messages.find((m) => m.type === 'done')?.staleRetries ?? null,
      answerMs: answer,
      deliveries: delivered,
      deliveredPerSecond: delivered / deliverySeconds,
      deliveredPerSecondPerSocket: delivered / deliverySeconds / run.width,
      drainSeconds: deliverySeconds,
      latencyMs: latency,
      deliveredPerSecondTimeline: timeline.map((v) => Math.round(v)),
      lost,
      listenedSeconds: listenMs / 1000,
      undelivered,
      lastDeliveryAfterLastSendSeconds: Number.isFinite(lastArrival) ? (lastArrival - lastSend) / 1000 : null,
      duplicates: run.duplicates,
      socketEvents: run.events,
      eventsPerDelivery: delivered ? run.events / delivered : null,
      socketDisconnects: run.disconnects,
      backlogAfterGrace: backlog,
      /** Monotonic (CLOCK_MONOTONIC) ms of the first send and the last delivery: slices a server --cpu-prof. */
      windowMs: { firstSend, lastDelivery: Number.isFinite(lastArrival) ? lastArrival : null },
      cpu,
      memory,
    };
  } finally {
    pool.stopTracking();
    worker.postMessage({ type: 'close' });
    await worker.terminate().catch(() => {});
  }
}
