import { describe, expect, it } from '@jest/globals';
import { csvFileName } from './csv-file-name';

describe('csvFileName', () => {
  it('names the grouping and the days', () => {
    const week = { from: new Date(2026, 2, 24).toISOString(), to: new Date(2026, 2, 31).toISOString() };
    expect(csvFileName('agent', week)).toBe('rapport-response-times-by-agent-2026-03-24-to-2026-03-30.csv');
    const day = { from: new Date(2026, 2, 24).toISOString(), to: new Date(2026, 2, 25).toISOString() };
    expect(csvFileName('channel', day)).toBe('rapport-response-times-by-channel-2026-03-24.csv');
  });
});
