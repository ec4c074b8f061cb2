import { describe, expect, it } from '@jest/globals';
import { outcomeAnswer, webhookTarget } from './webhook-intake.js';

describe('webhookTarget', () => {
  it.each([
    ['/webhooks/meta', { source: 'meta' }],
    ['/webhooks/whatsapp/', { source: 'whatsapp' }],
    ['/webhooks/x', { source: 'x' }],
    ['/webhooks/telegram/s3cr%2Ft', { source: 'telegram', secret: 's3cr/t' }],
    ['/webhooks/api/demo', { source: 'api', channelKey: 'demo' }],
  ])('reads %s', (path, target) => {
    expect(webhookTarget(path)).toEqual(target);
  });

  it.each(['/webhooks/meta/extra', '/webhooks/telegram', '/webhooks/api/', '/webhooks/unknown', '/api/webhooks/meta', '/webhooks/api/a/b'])('leaves %s to the app', (path) => {
    expect(webhookTarget(path)).toBeNull();
  });

  it('says so when a path parameter is not valid percent-encoding', () => {
    expect(webhookTarget('/webhooks/api/%E0%A4%A')).toBe('bad-path');
  });
});

describe('outcomeAnswer', () => {
  it('answers 200 only for a queued event, and each refusal with its reason', () => {
    expect(outcomeAnswer({ result: 'queued' })).toEqual({ status: 200, body: { status: 'queued' } });
    expect(outcomeAnswer({ result: 'unknown-channel', reason: 'No API channel with key "k"' })).toEqual({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'No API channel with key "k"' },
    });
    expect(outcomeAnswer({ result: 'forged', reason: 'no signature' }).body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Signature check failed: no signature' });
    expect(outcomeAnswer({ result: 'malformed', reason: 'no entry' }).body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'Malformed event: no entry' });
  });
});
