import { describe, expect, it } from '@jest/globals';
import { headerValue, hmacSha256Hex, safeEqual, verifySha256Header } from './signature.js';

/** HMAC-SHA256 of `{"a":1}` with key `test-secret`, computed once with `openssl dgst -sha256 -hmac test-secret`. */
const KNOWN_HEX = '179bf20a8b9040a32368814a68b0dc270823b5968498e0a73796c4202708ed8d';
const SECRET = 'test-secret';
const BODY = Buffer.from('{"a":1}');

describe('hmacSha256Hex', () => {
  it('matches a known vector, for a string and for its bytes', () => {
    expect(hmacSha256Hex(SECRET, '{"a":1}')).toBe(KNOWN_HEX);
    expect(hmacSha256Hex(SECRET, BODY)).toBe(KNOWN_HEX);
  });

  it('depends on the key and on every byte of the body', () => {
    expect(hmacSha256Hex('other-secret', BODY)).not.toBe(KNOWN_HEX);
    expect(hmacSha256Hex(SECRET, '{"a": 1}')).not.toBe(KNOWN_HEX);
  });

  it('is 64 lowercase hex characters', () => {
    expect(hmacSha256Hex(SECRET, '')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('verifySha256Header', () => {
  it('accepts the right signature', () => {
    expect(verifySha256Header(`sha256=${KNOWN_HEX}`, SECRET, BODY)).toBe(true);
  });

  it('accepts the right signature in uppercase hex', () => {
    expect(verifySha256Header(`sha256=${KNOWN_HEX.toUpperCase()}`, SECRET, BODY)).toBe(true);
  });

  it.each([
    ['a wrong signature', `sha256=${'0'.repeat(64)}`],
    ['one changed character', `sha256=${KNOWN_HEX.slice(0, -1)}e`],
    ['the signature without prefix', KNOWN_HEX],
    ['another algorithm prefix', `sha1=${KNOWN_HEX}`],
    ['an uppercase prefix', `SHA256=${KNOWN_HEX}`],
    ['a shorter signature', `sha256=${KNOWN_HEX.slice(0, 63)}`],
    ['a longer signature', `sha256=${KNOWN_HEX}0`],
    ['an empty signature', 'sha256='],
    ['an empty header', ''],
    ['no header', undefined],
  ])('rejects %s', (_what, header) => {
    expect(verifySha256Header(header, SECRET, BODY)).toBe(false);
  });

  it('rejects the right signature under another secret or body', () => {
    expect(verifySha256Header(`sha256=${KNOWN_HEX}`, 'other-secret', BODY)).toBe(false);
    expect(verifySha256Header(`sha256=${KNOWN_HEX}`, SECRET, Buffer.from('{"a":2}'))).toBe(false);
  });
});

describe('safeEqual', () => {
  it.each([
    ['abc', 'abc', true],
    ['', '', true],
    ['abc', 'abd', false],
    ['abc', 'ab', false],
    ['ab', 'abc', false],
    ['abc', 'ABC', false],
    ['é', 'e', false],
  ])('safeEqual(%j, %j) is %s', (a, b, expected) => {
    expect(safeEqual(a, b)).toBe(expected);
  });
});

describe('headerValue', () => {
  it('reads a header by its lowercase name and takes the first of repeated ones', () => {
    expect(headerValue({ 'x-rapport-signature': 'sha256=1' }, 'X-Rapport-Signature')).toBe('sha256=1');
    expect(headerValue({ 'x-rapport-signature': ['sha256=1', 'sha256=2'] }, 'x-rapport-signature')).toBe('sha256=1');
    expect(headerValue({}, 'x-rapport-signature')).toBeUndefined();
  });
});
