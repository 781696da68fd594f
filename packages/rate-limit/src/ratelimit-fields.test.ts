import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_RATELIMIT_FIELD_LENGTH,
  formatRateLimit,
  formatRateLimitPolicy,
  parseRateLimit,
  parseRateLimitPolicy,
  type QuotaPolicy,
  type ServiceLimit,
} from './ratelimit-fields.js';

const bytes = (text: string): Uint8Array =>
  Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

describe('RateLimit-Policy (draft-ietf-httpapi-ratelimit-headers-11 §3)', () => {
  // The examples of §3 and §3.2, read as the draft describes them.
  it.each<[string, string, QuotaPolicy[]]>([
    [
      '§3 two policies',
      '"burst";q=100;w=60,"daily";q=1000;w=86400',
      [
        { name: 'burst', quota: 100, window: 60 },
        { name: 'daily', quota: 1000, window: 86400 },
      ],
    ],
    ['§3.2 a window', '"default";q=100;w=10', [{ name: 'default', quota: 100, window: 10 }]],
    [
      '§3.2 multiple policies',
      '"permin";q=50;w=60,"perhr";q=1000;w=3600',
      [
        { name: 'permin', quota: 50, window: 60 },
        { name: 'perhr', quota: 1000, window: 3600 },
      ],
    ],
    [
      '§3.2 a partition key',
      '"peruser";q=100;w=60;pk=:cHsdsRa894==:',
      [{ name: 'peruser', quota: 100, window: 60, partitionKey: bytes('cHsdsRa894==') }],
    ],
    [
      '§3.2 a partition key and a quota unit',
      '"peruser";q=65535;qu="content-bytes";w=10;pk=:sdfjLJUOUH==:',
      [
        {
          name: 'peruser',
          quota: 65535,
          quotaUnit: 'content-bytes',
          window: 10,
          partitionKey: bytes('sdfjLJUOUH=='),
        },
      ],
    ],
  ])('parses the example of %s', (_, value, expected) => {
    expect(parseRateLimitPolicy(value)).toEqual(expected);
  });

  it.each<[QuotaPolicy | QuotaPolicy[], string]>([
    [{ name: 'default', quota: 100, window: 60 }, '"default";q=100;w=60'],
    [{ name: 'default', quota: 0 }, '"default";q=0'],
    [
      [
        { name: 'burst', quota: 100, window: 60 },
        { name: 'daily', quota: 1000, window: 86400 },
      ],
      '"burst";q=100;w=60, "daily";q=1000;w=86400',
    ],
    [
      { name: 'peruser', quota: 65535, quotaUnit: 'content-bytes', window: 10 },
      '"peruser";q=65535;qu="content-bytes";w=10',
    ],
    [{ name: 'say "hi"\\', quota: 1 }, '"say \\"hi\\"\\\\";q=1'],
    [{ name: 'k', quota: 1, partitionKey: bytes('QXBwLTk5OQ==') }, '"k";q=1;pk=:QXBwLTk5OQ==:'],
  ])('formats %j as %s', (policies, expected) => {
    expect(formatRateLimitPolicy(policies)).toBe(expected);
  });

  it.each<[string, QuotaPolicy]>([
    ['a name with a control character', { name: 'a\nb', quota: 1 }],
    ['a name outside ASCII', { name: 'ü', quota: 1 }],
    ['a quota unit outside ASCII', { name: 'a', quota: 1, quotaUnit: 'ü' }],
  ])('refuses %s', (_, policy) => {
    expect(() => formatRateLimitPolicy(policy)).toThrow(TypeError);
  });

  it.each<[string, QuotaPolicy]>([
    ['a negative quota', { name: 'a', quota: -1 }],
    ['a fractional quota', { name: 'a', quota: 1.5 }],
    ['a quota of 16 digits', { name: 'a', quota: 1e15 }],
    ['a window of 0', { name: 'a', quota: 1, window: 0 }],
    ['a fractional window', { name: 'a', quota: 1, window: 0.5 }],
  ])('refuses %s', (_, policy) => {
    expect(() => formatRateLimitPolicy(policy)).toThrow(RangeError);
  });

  it.each([
    ['a token instead of a string', 'default;q=100;w=60'],
    ['no q', '"default";w=60'],
    ['a negative q', '"default";q=-1'],
    ['a decimal q', '"default";q=1.5'],
    ['a string q', '"default";q="100"'],
    ['w of 0', '"default";q=1;w=0'],
    ['a negative w', '"default";q=1;w=-5'],
    ['a token qu', '"default";q=1;qu=requests'],
    ['a string pk', '"default";q=1;pk="abc"'],
    ['an inner list', '("default");q=1'],
  ])('leaves out an item with %s', (_, value) => {
    expect(parseRateLimitPolicy(`${value}, "ok";q=5`)).toEqual([{ name: 'ok', quota: 5 }]);
  });

  it.each([
    ['no field', null],
    ['an empty field', ''],
    ['an unterminated string', '"default;q=1'],
    ['a trailing comma', '"default";q=1,'],
    ['an integer of 16 digits', '"default";q=1000000000000000'],
    ['garbage', '}{'],
    ['a field over the length bound', `"a";q=1,${' '.repeat(MAX_RATELIMIT_FIELD_LENGTH)}"b";q=2`],
  ])('ignores a field with %s', (_, value) => {
    expect(parseRateLimitPolicy(value)).toEqual([]);
  });

  it('keeps unknown and vendor parameters out of the result', () => {
    expect(parseRateLimitPolicy('"a";q=1;acme-burst=5;comment="x"')).toEqual([
      { name: 'a', quota: 1 },
    ]);
  });
});

describe('RateLimit (draft-ietf-httpapi-ratelimit-headers-11 §4)', () => {
  it.each<[string, string, ServiceLimit[]]>([
    ['§4', '"default";r=50;t=30', [{ policy: 'default', remaining: 50, reset: 30 }]],
    [
      '§4.2 no time window',
      '"default";r=999;pk=:dHJpYWwxMjEzMjM=:',
      [{ policy: 'default', remaining: 999, partitionKey: bytes('dHJpYWwxMjEzMjM=') }],
    ],
    [
      '§4.2 300MB in 60 seconds',
      '"default";r=300000000;t=60;pk=:QXBwLTk5OQ==:',
      [{ policy: 'default', remaining: 300000000, reset: 60, partitionKey: bytes('QXBwLTk5OQ==') }],
    ],
    ['§7 a low quota', '"default";r=1;t=7', [{ policy: 'default', remaining: 1, reset: 7 }]],
    [
      '§6 a redirect',
      '"problemPolicy";r=0;t=10',
      [{ policy: 'problemPolicy', remaining: 0, reset: 10 }],
    ],
  ])('parses the example of %s', (_, value, expected) => {
    expect(parseRateLimit(value)).toEqual(expected);
  });

  it.each<[ServiceLimit | ServiceLimit[], string]>([
    [{ policy: 'default', remaining: 42, reset: 17 }, '"default";r=42;t=17'],
    [{ policy: 'default', remaining: 0 }, '"default";r=0'],
    [
      [
        { policy: 'burst', remaining: 3, reset: 1 },
        { policy: 'daily', remaining: 900, reset: 7200 },
      ],
      '"burst";r=3;t=1, "daily";r=900;t=7200',
    ],
  ])('formats %j as %s', (limits, expected) => {
    expect(formatRateLimit(limits)).toBe(expected);
  });

  it.each<[string, ServiceLimit]>([
    ['a negative remaining quota', { policy: 'a', remaining: -1 }],
    ['a fractional reset', { policy: 'a', remaining: 1, reset: 0.5 }],
    ['an infinite reset', { policy: 'a', remaining: 1, reset: Infinity }],
  ])('refuses %s', (_, limit) => {
    expect(() => formatRateLimit(limit)).toThrow(RangeError);
  });

  it.each([
    ['no r', '"default";t=5'],
    ['a negative r', '"default";r=-1'],
    ['a boolean r', '"default";r'],
    ['a negative t', '"default";r=1;t=-1'],
    ['a decimal t', '"default";r=1;t=2.5'],
    ['a token name', 'default;r=1'],
    ['a byte sequence name', ':AAAA:;r=1'],
  ])('leaves out an item with %s', (_, value) => {
    expect(parseRateLimit(`${value}, "ok";r=5`)).toEqual([{ policy: 'ok', remaining: 5 }]);
  });

  it.each([null, undefined, '', '"a";r=1;;', '"a" r=1', '"a";R=1', '"a";r=1,,"b";r=2'])(
    'ignores the malformed field %j',
    (value) => {
      expect(parseRateLimit(value)).toEqual([]);
    },
  );
});

const name = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
});
const integer = fc
  .integer({ min: 0, max: Number.MAX_SAFE_INTEGER })
  .filter((n) => n <= 999_999_999_999_999);
const key = fc.uint8Array({ maxLength: 24 }).map((array) => new Uint8Array(array));

const policy: fc.Arbitrary<QuotaPolicy> = fc.record(
  {
    name,
    quota: integer,
    window: integer.filter((n) => n >= 1),
    quotaUnit: name,
    partitionKey: key,
  },
  { requiredKeys: ['name', 'quota'] },
);
const limit: fc.Arbitrary<ServiceLimit> = fc.record(
  { policy: name, remaining: integer, reset: integer, partitionKey: key },
  { requiredKeys: ['policy', 'remaining'] },
);

describe('properties of the field parsers', () => {
  it('RateLimit-Policy: what is formatted parses back the same', () => {
    fc.assert(
      fc.property(fc.array(policy, { minLength: 1, maxLength: 5 }), (policies) => {
        const value = formatRateLimitPolicy(policies);
        fc.pre(value.length <= MAX_RATELIMIT_FIELD_LENGTH);
        expect(parseRateLimitPolicy(value)).toEqual(policies);
      }),
    );
  });

  it('RateLimit: what is formatted parses back the same', () => {
    fc.assert(
      fc.property(fc.array(limit, { minLength: 1, maxLength: 5 }), (limits) => {
        const value = formatRateLimit(limits);
        fc.pre(value.length <= MAX_RATELIMIT_FIELD_LENGTH);
        expect(parseRateLimit(value)).toEqual(limits);
      }),
    );
  });

  it('never throw, and return only items that format again, for any string', () => {
    const pieces = fc.constantFrom(
      '"a"',
      ';',
      '=',
      ',',
      ' ',
      'q',
      'r',
      't',
      'w',
      'pk',
      ':AA==:',
      '1',
      '-',
      '(',
      ')',
      '?1',
      '"',
      '\\',
    );
    const input = fc.oneof(
      fc.string(),
      fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(input, (value) => {
        const policies = parseRateLimitPolicy(value);
        const limits = parseRateLimit(value);
        for (const each of policies) expect(() => formatRateLimitPolicy(each)).not.toThrow();
        for (const each of limits) expect(() => formatRateLimit(each)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it('read a field split over several lines as the lines joined with a comma', () => {
    fc.assert(
      fc.property(fc.array(limit, { minLength: 2, maxLength: 4 }), (limits) => {
        const headers = new Headers();
        for (const each of limits) headers.append('RateLimit', formatRateLimit(each));
        fc.pre((headers.get('RateLimit') ?? '').length <= MAX_RATELIMIT_FIELD_LENGTH);
        expect(parseRateLimit(headers.get('RateLimit'))).toEqual(limits);
      }),
    );
  });

  it('stay fast on a long hostile value', () => {
    const value = `"a";q=1;${'x=1;'.repeat(1000)}`.slice(0, MAX_RATELIMIT_FIELD_LENGTH);
    const started = performance.now();
    for (let run = 0; run < 20; run += 1) parseRateLimitPolicy(value);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
