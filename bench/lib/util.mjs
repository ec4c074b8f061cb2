// Small helpers shared by the bench: clocks, percentiles, formatting, /proc readings, free ports.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';

/**
 * Monotonic milliseconds (CLOCK_MONOTONIC through hrtime), the same clock in every thread of the
 * process, so the sender thread's send times and the main thread's arrival times compare directly.
 */
export const hrMs = () => Number(process.hrtime.bigint()) / 1e6;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Nearest-rank percentile of an ascending-sorted array; NaN when empty. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** p50 / p99 / max / mean of the finite values of a (typed) array. */
export function summarize(values) {
  const finite = Float64Array.from(values).filter((v) => Number.isFinite(v)).sort();
  let sum = 0;
  for (const v of finite) sum += v;
  return {
    count: finite.length,
    p50: percentile(finite, 50),
    p90: percentile(finite, 90),
    p99: percentile(finite, 99),
    max: finite.length ? finite[finite.length - 1] : NaN,
    mean: finite.length ? sum / finite.length : NaN,
  };
}

/** A number for humans: fixed decimals, `n/a` for NaN/undefined. */
export function fmt(value, decimals = 1) {
  if (value === undefined || value === null || Number.isNaN(value)) return 'n/a';
  if (!Number.isFinite(value)) return String(value);
  return value.toFixed(decimals);
}

/** Rounds every number of a JSON-able value (results files stay readable). */
export function rounded(value, decimals = 2) {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(decimals)) : v)));
}

/** The process and its descendants (Rapport runs worker processes beside its server). */
export function processTree(pid) {
  const parents = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  return tree;
}

/** VmRSS and VmHWM (peak) of a process and its descendants, summed, in MiB; nulls when the process is gone. */
export function memoryOf(pid) {
  const one = (p) => {
    const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMiB: kb('VmRSS') / 1024, peakRssMiB: kb('VmHWM') / 1024 };
  };
  try {
    const main = one(pid);
    for (const p of processTree(pid).slice(1)) {
      try {
        const child = one(p);
        main.rssMiB += child.rssMiB;
        main.peakRssMiB += child.peakRssMiB;
      } catch {
        // a child that just exited
      }
    }
    return main;
  } catch {
    return { rssMiB: null, peakRssMiB: null };
  }
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process and its live descendants have used so far; null when it is gone. */
export function cpuSecondsOf(pid) {
  const one = (p) => {
    const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
    // The command name may contain spaces: the fields we want come after the closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  };
  try {
    let total = one(pid);
    for (const p of processTree(pid).slice(1)) {
      try {
        total += one(p);
      } catch {
        // a child that just exited
      }
    }
    return total;
  } catch {
    return null;
  }
}

/** Busy and total jiffies of the whole machine (for "machine CPU busy %" over an interval). */
export function machineTicks() {
  try {
    const [, ...nums] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const v = nums.map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

/** CPU meter over an interval: the server process (% of one core), the bench process, the machine. */
export function cpuMeter(pid) {
  const t0 = hrMs();
  const server0 = pid ? cpuSecondsOf(pid) : null;
  const self0 = process.cpuUsage();
  const machine0 = machineTicks();
  return () => {
    const seconds = (hrMs() - t0) / 1000;
    const server1 = pid ? cpuSecondsOf(pid) : null;
    const self1 = process.cpuUsage(self0);
    const machine1 = machineTicks();
    const dTotal = machine1.total - machine0.total;
    return {
      serverCpuPct: server0 !== null && server1 !== null ? ((server1 - server0) / seconds) * 100 : null,
      benchCpuPct: ((self1.user + self1.system) / 1e6 / seconds) * 100,
      machineBusyPct: dTotal > 0 ? ((machine1.busy - machine0.busy) / dTotal) * 100 : null,
    };
  };
}

/** A TCP port nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so runs are repeatable. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
