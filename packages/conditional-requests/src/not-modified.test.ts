import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOT_MODIFIED_HEADERS, notModified } from './not-modified.js';

describe('notModified (rfc 9110 §15.4.5)', () => {
  it('keeps the required fields and drops representation metadata', async () => {
    const response = notModified({
      ETag: '"7"',
      'Last-Modified': 'Wed, 10 Jan 2024 12:00:00 GMT',
      'Content-Type': 'application/json',
      'Content-Length': '10',
      Vary: 'Accept, Origin',
    });
    expect(response.status).toBe(304);
    expect(await response.text()).toBe('');
    expect(Object.fromEntries(response.headers)).toEqual({ etag: '"7"', vary: 'Accept, Origin' });
  });

  it('keeps last-modified when there is no etag', () => {
    const response = notModified(new Headers({ 'Last-Modified': 'Wed, 10 Jan 2024 12:00:00 GMT' }));
    expect(response.headers.get('last-modified')).toBe('Wed, 10 Jan 2024 12:00:00 GMT');
  });

  it('can be extended', () => {
    const response = notModified({ 'X-Request-Id': '1', ETag: '"7"' }, [
      ...NOT_MODIFIED_HEADERS,
      'X-Request-Id',
    ]);
    expect(response.headers.get('x-request-id')).toBe('1');
  });
});

// The 304 is built from the init as given, without a Headers in between (issue 22): it must
// answer exactly what reading the init through `new Headers()` answered.
function throughHeaders(init: HeadersInit, keep: readonly string[]): Array<[string, string]> {
  const source = new Headers(init);
  const names = new Set(keep.map((name) => name.toLowerCase()));
  const kept = new Headers();
  for (const [name, value] of source) if (names.has(name)) kept.append(name, value);
  if (!kept.has('etag') && !kept.has('last-modified') && source.has('last-modified')) {
    kept.set('last-modified', source.get('last-modified') as string);
  }
  return [...kept];
}

const FIELD_NAMES = [
  'ETag',
  'etag',
  'Last-Modified',
  'Vary',
  'vary',
  'Cache-Control',
  'Content-Type',
  'Set-Cookie',
  'X-Request-Id',
  'Access-Control-Allow-Origin',
];

describe('notModified reads its init as Headers would', () => {
  const field = fc.tuple(
    fc.constantFrom(...FIELD_NAMES),
    fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,8}[\x21-\x7e])?$/),
  );
  const keeps = fc.constantFrom<readonly string[]>(NOT_MODIFIED_HEADERS, [
    'ETag',
    'X-Request-Id',
    'last-modified',
  ]);

  it('as pairs, a record or a Headers', () => {
    fc.assert(
      fc.property(fc.array(field, { maxLength: 8 }), keeps, (pairs, keep) => {
        const expected = throughHeaders(pairs, keep);
        expect([...notModified(pairs, keep).headers]).toEqual(expected);
        expect([...notModified(new Headers(pairs), keep).headers]).toEqual(expected);
        const record = Object.fromEntries(pairs);
        expect([...notModified(record, keep).headers]).toEqual(throughHeaders(record, keep));
      }),
    );
  });

  it.each([
    [
      'repeated fields, combined',
      [
        ['Vary', 'Accept'],
        ['vary', 'Origin'],
        ['ETag', '"7"'],
      ],
      { etag: '"7"', vary: 'Accept, Origin' },
    ],
    [
      'last-modified only without an etag',
      [
        ['Last-Modified', 'Wed, 10 Jan 2024 12:00:00 GMT'],
        ['Content-Type', 'text/plain'],
      ],
      { 'last-modified': 'Wed, 10 Jan 2024 12:00:00 GMT' },
    ],
    [
      'no set-cookie',
      [
        ['Set-Cookie', 'a=b'],
        ['ETag', '"7"'],
      ],
      { etag: '"7"' },
    ],
  ] as const)('%s', (_, pairs, expected) => {
    const response = notModified(pairs.map(([name, value]): [string, string] => [name, value]));
    expect(Object.fromEntries(response.headers)).toEqual(expected);
  });

  it('refuses a pair that is not a name and a value, as Headers does', () => {
    expect(() => notModified([['ETag'] as unknown as [string, string]])).toThrow(TypeError);
  });
});
