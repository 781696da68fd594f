import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FastHeaders } from './fast-headers.js';

const NativeHeaders = globalThis.Headers;

type Outcome = { value: unknown } | { error: string };

function outcome(run: () => unknown): Outcome {
  try {
    const value = run();
    return { value: value === undefined ? 'undefined' : value };
  } catch (error) {
    return { error: (error as Error).constructor.name };
  }
}

function snapshot(headers: Headers): unknown {
  const seen: unknown[] = [];
  headers.forEach((value, name, parent) => seen.push([name, value, parent === headers]));
  return {
    entries: [...headers],
    keys: [...headers.keys()],
    values: [...headers.values()],
    forEach: seen,
    cookies: headers.getSetCookie(),
  };
}

const names = [
  'content-type',
  'Content-Type',
  'set-cookie',
  'Set-Cookie',
  'x-a',
  'X-B',
  'etag',
  'bad name',
  'é',
  '',
  'x:y',
];
const values = [
  'a',
  ' padded\t',
  'one, two',
  '',
  '\tx\r\n',
  'a\nb',
  'nul\0',
  'latin-\u00ff',
  'wide-\u0100',
  'a=1; Path=/',
];

const operation = fc.oneof(
  fc.tuple(fc.constant('append'), fc.constantFrom(...names), fc.constantFrom(...values)),
  fc.tuple(fc.constant('set'), fc.constantFrom(...names), fc.constantFrom(...values)),
  fc.tuple(fc.constant('delete'), fc.constantFrom(...names)),
  fc.tuple(fc.constant('get'), fc.constantFrom(...names)),
  fc.tuple(fc.constant('has'), fc.constantFrom(...names)),
);

function apply(headers: Headers, [op, name, value]: readonly [string, string, string?]): Outcome {
  return outcome(() => {
    const target = headers as unknown as Record<string, (...args: string[]) => unknown>;
    return target[op]!.call(headers, name, value as string);
  });
}

describe('FastHeaders', () => {
  it('is instanceof Headers and tagged like it', () => {
    const headers = new FastHeaders() as unknown as Headers;
    expect(headers).toBeInstanceOf(NativeHeaders);
    expect(Object.prototype.toString.call(headers)).toBe('[object Headers]');
  });

  it.each<[string, HeadersInit | undefined]>([
    ['nothing', undefined],
    ['a record', { 'Content-Type': 'text/plain', 'X-A': ' 1 ' }],
    [
      'pairs with repeats and cookies',
      [
        ['x-a', '1'],
        ['X-A', '2'],
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
      ],
    ],
    [
      'a native Headers',
      new NativeHeaders([
        ['b', '2'],
        ['a', '1'],
      ]),
    ],
    ['a record with integer-like keys', { '2': 'two', b: 'bee', '1': 'one' }],
  ])('builds from %s exactly as the native Headers', (_, init) => {
    expect(snapshot(new FastHeaders(init) as unknown as Headers)).toEqual(
      snapshot(new NativeHeaders(init)),
    );
  });

  it.each<[string, unknown]>([
    ['a string', 'x'],
    ['a number', 1],
    ['a pair of three', [['a', 'b', 'c']]],
    ['a pair that is not iterable', [1]],
    ['an invalid name', { 'bad name': 'x' }],
    ['an invalid value', [['x', 'a\nb']]],
  ])('refuses %s as the native Headers does', (_, init) => {
    const native = outcome(() => new NativeHeaders(init as HeadersInit));
    expect(native).toHaveProperty('error');
    expect(outcome(() => new FastHeaders(init as HeadersInit))).toEqual(native);
  });

  it('makes native responses and requests with the same fields', async () => {
    const headers = new FastHeaders([
      ['x-a', '1'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ]) as unknown as Headers;
    const response = new Response(null, { headers });
    expect([...response.headers]).toEqual([...headers]);
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    const request = new Request('http://x/', { headers });
    expect(request.headers.get('x-a')).toBe('1');
    expect([...new NativeHeaders(headers)]).toEqual([...headers]);
  });

  it('reads headers a Node server parsed, without pseudo-headers', () => {
    const headers = FastHeaders.fromRaw([':authority', 'x', 'Host', 'a', 'X-A', '1', 'x-a', '2']);
    expect([...(headers as unknown as Headers)]).toEqual([
      ['host', 'a'],
      ['x-a', '1, 2'],
    ]);
  });

  it('refuses a forEach without a callback', () => {
    expect(() => new FastHeaders().forEach(undefined as never)).toThrow(TypeError);
  });

  it('behaves as the native Headers for any sequence of changes and reads', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 24 }), (operations) => {
        const fast = new FastHeaders() as unknown as Headers;
        const native = new NativeHeaders();
        for (const step of operations) {
          expect(apply(fast, step)).toEqual(apply(native, step));
        }
        expect(snapshot(fast)).toEqual(snapshot(native));
      }),
      { numRuns: 500 },
    );
  });

  it('sees a change made while iterating, as the native iterator does', () => {
    const run = (headers: Headers): string[] => {
      const seen: string[] = [];
      for (const [name] of headers) {
        seen.push(name);
        if (name === 'b') headers.append('c', '3');
      }
      return seen;
    };
    const init: [string, string][] = [
      ['a', '1'],
      ['b', '2'],
    ];
    expect(run(new FastHeaders(init) as unknown as Headers)).toEqual(run(new NativeHeaders(init)));
  });
});
