import { describe, expect, it } from '@jest/globals';
import { API_BODY_LIMIT, bodyLimitFor, declaredLength, parserErrorAnswer, tooLargeMessage, WEBHOOK_BODY_LIMIT } from './body-limits.js';

describe('bodyLimitFor', () => {
  it.each([
    ['/webhooks/api/demo', WEBHOOK_BODY_LIMIT],
    ['/webhooks/telegram/secret', WEBHOOK_BODY_LIMIT],
    ['/webhooks', WEBHOOK_BODY_LIMIT],
    ['/api/conversations', API_BODY_LIMIT],
    ['/api/webhooks', API_BODY_LIMIT],
    ['/webhooksx', API_BODY_LIMIT],
    ['/admin/queues/api/queues/retry', API_BODY_LIMIT],
  ])('%s', (path, limit) => {
    expect(bodyLimitFor(path)).toBe(limit);
  });

  it('is 1 MB for webhooks and 256 KB for the rest', () => {
    expect(WEBHOOK_BODY_LIMIT.bytes).toBe(1024 * 1024);
    expect(API_BODY_LIMIT.bytes).toBe(256 * 1024);
    expect(tooLargeMessage(WEBHOOK_BODY_LIMIT)).toBe('Request body too large: at most 1 MB for webhooks');
  });
});

describe('declaredLength', () => {
  it('reads Content-Length, and null without a usable one', () => {
    expect(declaredLength({ 'content-length': '2048' })).toBe(2048);
    expect(declaredLength({ 'content-length': '0' })).toBe(0);
    expect(declaredLength({})).toBeNull();
    expect(declaredLength({ 'content-length': 'lots' })).toBeNull();
  });
});

describe('parserErrorAnswer', () => {
  it('says how large a body may be', () => {
    expect(parserErrorAnswer({ type: 'entity.too.large', status: 413 }, WEBHOOK_BODY_LIMIT)).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'Request body too large: at most 1 MB for webhooks',
    });
  });

  it('names malformed JSON, a charset and an encoding it cannot read', () => {
    expect(parserErrorAnswer({ type: 'entity.parse.failed', status: 400, message: 'Unexpected end of JSON input' }, API_BODY_LIMIT)).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Malformed request body: Unexpected end of JSON input',
    });
    expect(parserErrorAnswer({ type: 'charset.unsupported', status: 415, charset: 'latin1' }, API_BODY_LIMIT)?.message).toBe('Unsupported charset "latin1": send UTF-8');
    expect(parserErrorAnswer({ type: 'encoding.unsupported', status: 415, encoding: 'zip' }, API_BODY_LIMIT)).toMatchObject({ statusCode: 415, message: expect.stringContaining('"zip"') });
  });

  it('answers an aborted or short body with 400', () => {
    expect(parserErrorAnswer({ type: 'request.aborted', status: 400 }, API_BODY_LIMIT)?.statusCode).toBe(400);
    expect(parserErrorAnswer({ type: 'request.size.invalid', status: 400 }, API_BODY_LIMIT)?.statusCode).toBe(400);
  });

  it('leaves errors that are no parser’s to the next handler', () => {
    expect(parserErrorAnswer(new Error('database down'), API_BODY_LIMIT)).toBeNull();
    expect(parserErrorAnswer({ type: 'x', status: 500 }, API_BODY_LIMIT)).toBeNull();
    expect(parserErrorAnswer('nope', API_BODY_LIMIT)).toBeNull();
  });
});
