import { describe, expect, it } from '@jest/globals';
import { commandConnectionOptions } from './redis-options.js';

describe('commandConnectionOptions', () => {
  it('fails commands fast where HTTP is served', () => {
    for (const ROLE of ['api', 'all'] as const) {
      expect(commandConnectionOptions({ ROLE })).toMatchObject({ maxRetriesPerRequest: 1, commandTimeout: expect.any(Number) });
    }
  });

  it('lets a worker-only process wait for Redis to come back', () => {
    const options = commandConnectionOptions({ ROLE: 'worker' });
    expect(options.maxRetriesPerRequest).toBeNull();
    expect(options.commandTimeout).toBeUndefined();
  });
});
