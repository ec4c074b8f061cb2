// Timing one call next to a reference measured in the same moments (scenarios r and s).
import { fmt, percentile } from './util.mjs';

/** Count, p50, p95 and max of some milliseconds. */
export function stats(values) {
  const s = Float64Array.from(values).sort();
  return { count: s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s.length ? s[s.length - 1] : NaN };
}

/**
 * `warmups` warm-up rounds (the reference, then the call), then `calls` timed rounds: the reference, then
 * `alongside` when given, then the call. Interleaved, so a noisy moment on the shared machine weighs on the
 * reference as on the call. Each function answers its milliseconds. Answers the stats of the call, of the
 * reference and of `alongside` (null without it), the call's p50 as a ratio to the reference's, and the
 * reference's and alongside's samples (for totals over every call).
 */
export async function timeAgainstReference({ warmups, calls, reference, call, alongside = null }) {
  for (let i = 0; i < warmups; i++) {
    await reference();
    await call();
  }
  const callMs = [];
  const referenceMs = [];
  const alongsideMs = [];
  for (let i = 0; i < calls; i++) {
    referenceMs.push(await reference());
    if (alongside) alongsideMs.push(await alongside());
    callMs.push(await call());
  }
  const ms = stats(callMs);
  const ref = stats(referenceMs);
  return { ms, referenceMs: ref, alongsideMs: alongside ? stats(alongsideMs) : null, ratioP50: ms.p50 / ref.p50, samples: { reference: referenceMs, alongside: alongsideMs } };
}

/**
 * The line printed per timed call: PASS or FAIL, its title padded to `width`, p50 and p95, then `target`
 * (text), the reference's p50 and the ratio, then `note` (text).
 */
export function timingLine({ pass, title, width, ms, referenceMs, ratioP50, target = '', note = '' }) {
  return `  ${pass ? 'PASS' : 'FAIL'}  ${title.padEnd(width)} p50 ${fmt(ms.p50).padStart(6)} ms  p95 ${fmt(ms.p95).padStart(6)} ms${target}   reference p50 ${fmt(referenceMs.p50)} ms → ${fmt(ratioP50)}×${note}`;
}
