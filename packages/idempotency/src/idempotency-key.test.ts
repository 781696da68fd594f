import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_IDEMPOTENCY_KEY_LENGTH,
  formatIdempotencyKey,
  parseIdempotencyKey,
} from './idempotency-key.js';

const printable = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
const key = fc.string({ unit: printable, minLength: 1, maxLength: MAX_IDEMPOTENCY_KEY_LENGTH });
// Text biased towards sf-string syntax, with any UTF-16 code unit now and then.
const fieldText = fc.string({
  unit: fc.oneof(
    {
      arbitrary: fc.constantFrom('"', '\\', ',', ';', '=', ' ', '\t', '%', '?', ':', 'a', '1'),
      weight: 4,
    },
    {
      arbitrary: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
      weight: 1,
    },
  ),
  maxLength: 80,
});

describe('parseIdempotencyKey', () => {
  it.each([
    ['"8e03978e-40d5-43e8-bc93-6894a57f9324"', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    ['"clkyoesmbgybucifusbbtdsbohtyuuwz"', 'clkyoesmbgybucifusbbtdsbohtyuuwz'],
    ['  "padded"  ', 'padded'],
    ['"a\\"b\\\\c"', 'a"b\\c'],
    ['"with space, comma; semicolon"', 'with space, comma; semicolon'],
    ['"k";expires=3600', 'k'],
    [`"${'k'.repeat(MAX_IDEMPOTENCY_KEY_LENGTH)}"`, 'k'.repeat(MAX_IDEMPOTENCY_KEY_LENGTH)],
  ])('§2.1 an sf-string %j is the key %j', (value, expected) => {
    expect(parseIdempotencyKey(value)).toEqual({ type: 'key', key: expected });
  });

  it('no field is missing', () => {
    expect(parseIdempotencyKey(null)).toEqual({ type: 'missing' });
    expect(parseIdempotencyKey(undefined)).toEqual({ type: 'missing' });
  });

  it.each([
    ['', /quoted string/],
    ['order-7', /a token \(quote it\)/],
    ['8e03978e', /quoted string/],
    ['42', /a number/],
    ['?1', /a boolean/],
    [':AQID:', /a byte sequence/],
    ['@1659578233', /a date/],
    ['%"caf%c3%a9"', /a display string/],
    ['"unterminated', /quoted string/],
    ["'single'", /quoted string/],
    ['"caf\u00e9"', /printable ASCII/],
    ['"tab\there"', /printable ASCII/],
    ['"a\\nb"', /quoted string/],
    ['""', /must not be empty/],
    ['"a", "b"', /at most one Idempotency-Key/],
    ['"a","b"', /at most one Idempotency-Key/],
    ['"a" "b"', /quoted string/],
    [`"${'k'.repeat(MAX_IDEMPOTENCY_KEY_LENGTH + 1)}"`, /limited to 255 characters/],
    [`"${'k'.repeat(100_000)}"`, /limited to 255 characters/],
  ])('%j is invalid (%s)', (value, detail) => {
    const result = parseIdempotencyKey(value);
    expect(result.type).toBe('invalid');
    expect(result.type === 'invalid' && result.detail).toMatch(detail);
  });

  it('takes the length limit as an option', () => {
    expect(parseIdempotencyKey('"abcd"', { maxLength: 3 })).toEqual({
      type: 'invalid',
      detail: 'Idempotency-Key is limited to 3 characters.',
    });
    expect(parseIdempotencyKey('"abc"', { maxLength: 3 })).toEqual({ type: 'key', key: 'abc' });
  });

  it('never repeats the client input in a detail', () => {
    const result = parseIdempotencyKey('"<script>\u00e9');
    expect(result.type === 'invalid' && result.detail).not.toContain('<script>');
  });

  it('never throws, and a key is 1..max printable ASCII characters', () => {
    fc.assert(
      fc.property(fieldText, (value) => {
        const result = parseIdempotencyKey(value);
        if (result.type === 'key') {
          expect(result.key).toMatch(/^[\x20-\x7e]{1,255}$/);
        } else {
          expect(result.type).toBe('invalid');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back every key formatIdempotencyKey writes', () => {
    fc.assert(
      fc.property(key, (value) => {
        expect(parseIdempotencyKey(formatIdempotencyKey(value))).toEqual({
          type: 'key',
          key: value,
        });
      }),
    );
  });

  it('answers a hostile 1 MB field in bounded time', () => {
    const started = performance.now();
    for (const value of ['"'.repeat(1e6), '\\'.repeat(1e6), `"${'\\"'.repeat(5e5)}"`]) {
      expect(parseIdempotencyKey(value).type).toBe('invalid');
    }
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe('formatIdempotencyKey', () => {
  it.each([
    ['abc', '"abc"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
  ])('writes %j as %s', (value, expected) => {
    expect(formatIdempotencyKey(value)).toBe(expected);
  });

  it.each([[''], ['caf\u00e9'], ['a\nb']])('refuses %j', (value) => {
    expect(() => formatIdempotencyKey(value)).toThrow(TypeError);
  });
});
