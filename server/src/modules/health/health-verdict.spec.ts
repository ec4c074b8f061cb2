import { describe, expect, it } from '@jest/globals';
import { healthVerdict } from './health-verdict.js';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('healthVerdict', () => {
  it('is ok when both answer, without a message', () => {
    expect(healthVerdict({ up: true }, { up: true })).toEqual({ status: 'ok', postgres: 'ok', redis: 'ok' });
  });

  it('names the database and why when Postgres does not answer', () => {
    expect(healthVerdict({ up: false, error: refused }, { up: true })).toEqual({
      status: 'error',
      postgres: 'down',
      redis: 'ok',
      message: 'Database unavailable: connection refused',
    });
  });

  it('names Redis with the probe timeout', () => {
    expect(healthVerdict({ up: true }, { up: false, error: new Error('no answer within 3 s') }).message).toBe('Redis unavailable: no answer within 3 s');
  });

  it('names both when both are down', () => {
    expect(healthVerdict({ up: false, error: new Error('timeout exceeded when trying to connect') }, { up: false, error: new Error('Connection is closed.') }).message).toBe(
      'Database unavailable: no connection within the timeout; Redis unavailable: connection closed',
    );
  });
});
