/** Steps a duration axis may take, so ticks read "15 min, 30 min, 45 min" rather than "11 min, 22 min". */
const STEPS = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800];

/** Ticks from 0 to just above `max` seconds, at most `count` + 1 of them, on a round duration step. */
export function durationTicks(max: number, count = 4): number[] {
  if (!Number.isFinite(max) || max <= 0) return [0, 60];
  const step = STEPS.find((s) => s * count >= max) ?? Math.ceil(max / count / 604_800) * 604_800;
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top; t += step) ticks.push(t);
  return ticks;
}
