import { describe, expect, it } from '@jest/globals';
import { assertRedisAnswers, redactUrl } from '../src/core/reachability.js';
import { loadConfig } from '../src/config/env.js';
import { prepareDatabase } from '../src/database/prepare.js';

/** A port nothing listens on (the discard port is closed on every machine this runs on). */
const CLOSED = '127.0.0.1:9';

describe('starting without its services', () => {
  it('stops at once, naming Redis and the fix, when Redis does not answer', async () => {
    await expect(assertRedisAnswers(`redis://${CLOSED}`, 1000)).rejects.toThrow(/Redis at redis:\/\/127\.0\.0\.1:9 does not answer .*set REDIS_URL/);
  });

  it('stops with the fix when Postgres does not answer, without showing the password', async () => {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: `postgres://postgres:s3cret@${CLOSED}/rapport` });
    await expect(prepareDatabase(config)).rejects.toThrow(/Postgres at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:9\/rapport does not answer .*set DATABASE_URL/);
  });

  it('keeps passwords out of URLs it shows', () => {
    expect(redactUrl('redis://:hunter2@cache:6379')).toBe('redis://:***@cache:6379');
    expect(redactUrl('not a url')).toBe('(unparsable URL)');
  });
});
