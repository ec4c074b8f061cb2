import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseJson, quoteUnsafeIntegers } from './exact-json.js';

/** What parseJson promises: JSON.parse, with unsafe integers as the digits JSON.stringify wrote for them. */
const expected = (text: string): unknown =>
  JSON.parse(text, (_key, value: unknown) => (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value) && !/e/i.test(String(value)) ? String(value) : value));

describe('parseJson', () => {
  it('reads an id beyond 2^53 as its exact digits', () => {
    expect(parseJson('{"sender":{"id":17841405822304914},"n":[-90071992547409930]}')).toEqual({ sender: { id: '17841405822304914' }, n: ['-90071992547409930'] });
  });

  it.each([
    ['a safe integer', '{"id":9007199254740991}', { id: 9007199254740991 }],
    ['a timestamp in ms', '{"timestamp":1787213702000}', { timestamp: 1787213702000 }],
    // The doubles JSON.parse makes of them, precision lost as it always is for non-integers.
    ['a fraction', '{"x":12345678901234567.5}', { x: Number('12345678901234567.5') }],
    ['an exponent', '{"x":12345678901234567e2}', { x: Number('12345678901234567e2') }],
    ['digits inside a string', '{"text":"call 12345678901234567890 \\" 98765432109876543210"}', { text: 'call 12345678901234567890 " 98765432109876543210' }],
    ['an escaped backslash before a quote', '{"a":"\\\\","b":12345678901234567890}', { a: '\\', b: '12345678901234567890' }],
  ])('keeps %s as JSON.parse reads it', (_what, text, value) => {
    expect(parseJson(text)).toEqual(value);
  });

  it.each([
    ['a leading zero', '{"id":012345678901234567}'],
    ['a truncated body', '{"id":12345678901234567890'],
    ['a stray minus', '{"id":-}'],
  ])('still refuses %s', (_what, text) => {
    expect(() => parseJson(text)).toThrow(SyntaxError);
  });

  it('leaves text without long digit runs as it is', () => {
    const text = '{"a":[1,2,3],"b":"x"}';
    expect(quoteUnsafeIntegers(text)).toBe(text);
  });

  it('agrees with JSON.parse on any JSON, but for unsafe integers', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        expect(parseJson(text)).toEqual(expected(text));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees on integers either side of 2^53', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }), (n) => {
        const text = `{"id":${n}}`;
        const safe = n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= BigInt(Number.MIN_SAFE_INTEGER);
        expect(parseJson(text)).toEqual({ id: safe ? Number(n) : String(n) });
      }),
    );
  });
});
