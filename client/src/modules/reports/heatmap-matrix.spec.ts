import { describe, expect, it } from '@jest/globals';
import { HEAT_LEVELS, heatLevel, heatmapMatrix } from './heatmap-matrix';

describe('heatmapMatrix', () => {
  it('lays the sparse cells out Monday first, 24 hours each', () => {
    const matrix = heatmapMatrix([
      { weekday: 1, hour: 9, inbound: 4 },
      { weekday: 7, hour: 23, inbound: 2 },
      { weekday: 3, hour: 0, inbound: 1 },
    ]);
    expect(matrix.rows.map((r) => r.short)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(matrix.rows.every((r) => r.cells.length === 24)).toBe(true);
    expect(matrix.rows[0]!.cells[9]).toBe(4);
    expect(matrix.rows[6]!.cells[23]).toBe(2);
    expect(matrix.rows[2]!.cells[0]).toBe(1);
    expect(matrix).toMatchObject({ max: 4, total: 7 });
  });

  it('ignores cells outside the week', () => {
    expect(heatmapMatrix([{ weekday: 0, hour: 1, inbound: 9 }, { weekday: 2, hour: 24, inbound: 9 }])).toMatchObject({ max: 0, total: 0 });
  });
});

describe('heatLevel', () => {
  it.each([
    [0, 10, 0],
    [1, 0, 0],
    [1, 100, 1],
    [10, 10, HEAT_LEVELS],
    [5, 10, 3],
  ])('%d of %d → level %d', (count, max, level) => {
    expect(heatLevel(count, max)).toBe(level);
  });
});
