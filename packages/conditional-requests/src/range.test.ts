import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RANGES, parseRange, rangeResponse } from './range.js';

describe('parseRange (rfc 9110 §14.1.2)', () => {
  it.each([
    ['bytes=0-499', [{ start: 0, end: 499 }]],
    ['bytes=500-999', [{ start: 500, end: 999 }]],
    ['bytes=-500', [{ start: 9500, end: 9999 }]],
    ['bytes=9500-', [{ start: 9500, end: 9999 }]],
    [
      'bytes=0-0,-1',
      [
        { start: 0, end: 0 },
        { start: 9999, end: 9999 },
      ],
    ],
    [
      'bytes= 0-0 , , 9999-',
      [
        { start: 0, end: 0 },
        { start: 9999, end: 9999 },
      ],
    ],
    ['BYTES=0-99999', [{ start: 0, end: 9999 }]],
    ['bytes=-20000', [{ start: 0, end: 9999 }]],
    ['bytes=0-9999999999999999999', [{ start: 0, end: 9999 }]],
    ['bytes=10000-, 0-1', [{ start: 0, end: 1 }]],
  ])('%s on 10000 bytes', (value, ranges) => {
    expect(parseRange(value, 10_000)).toEqual(ranges);
  });

  it.each(['bytes=10000-', 'bytes=-0', 'bytes=10000-10001, 20000-', 'bytes=99999999999999999-'])(
    '%s on 10000 bytes is unsatisfiable',
    (value) => {
      expect(parseRange(value, 10_000)).toBe('unsatisfiable');
    },
  );

  it.each([
    null,
    undefined,
    '',
    'bytes',
    'items=0-1',
    'bytes=',
    'bytes=,',
    'bytes=1',
    'bytes=a-b',
    'bytes=5-1',
    'bytes=-',
    'bytes=1-2-3',
    'bytes=--1',
    'bytes=0x1-2',
  ])('ignores %j', (value) => {
    expect(parseRange(value, 10_000)).toBeUndefined();
  });

  it('treats a zero-length representation as unsatisfiable except for a suffix (§14.1.3)', () => {
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 0)).toBe('unsatisfiable');
    expect(parseRange('bytes=-5', 0)).toBeUndefined();
  });

  it(`ignores more than ${MAX_RANGES} ranges`, () => {
    const many = `bytes=${Array.from({ length: MAX_RANGES + 1 }, (_, index) => `${index}-${index}`).join(',')}`;
    expect(parseRange(many, 10_000)).toBeUndefined();
  });

  it('never throws and returns ranges within the representation', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(1_000_000), (value, size) => {
        const result = parseRange(`bytes=${value}`, size);
        if (Array.isArray(result)) {
          for (const { start, end } of result) {
            expect(start).toBeGreaterThanOrEqual(0);
            expect(start).toBeLessThanOrEqual(end);
            expect(end).toBeLessThan(size);
          }
        }
        expect(() => parseRange(value, size)).not.toThrow();
      }),
    );
  });

  it(`returns at most ${MAX_RANGES} ordered, in-bounds ranges for any range-shaped value`, () => {
    const shaped = fc
      .array(
        fc.oneof(
          fc.nat(2000).map(String),
          fc.constantFrom('-', ',', ' ', '\t', '=', 'bytes', 'x', '99999999999999999999'),
        ),
        { maxLength: 300 },
      )
      .map((parts) => `bytes=${parts.join('')}`);
    fc.assert(
      fc.property(shaped, fc.nat(1500), (value, size) => {
        const result = parseRange(value, size);
        if (!Array.isArray(result)) {
          expect([undefined, 'unsatisfiable']).toContain(result);
          return;
        }
        expect(result.length).toBeGreaterThan(0);
        expect(result.length).toBeLessThanOrEqual(MAX_RANGES);
        for (const { start, end } of result) {
          expect(Number.isInteger(start) && Number.isInteger(end)).toBe(true);
          expect(0 <= start && start <= end && end < size).toBe(true);
        }
      }),
    );
  });

  it('parses any well-formed first-last range', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.integer({ min: 1, max: 2000 }), (a, b, size) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        const result = parseRange(`bytes=${start}-${end}`, size);
        if (start >= size) expect(result).toBe('unsatisfiable');
        else expect(result).toEqual([{ start, end: Math.min(end, size - 1) }]);
      }),
    );
  });
});

const body = '0123456789';
const get = (headers: Record<string, string>, method = 'GET'): Request =>
  new Request('https://api.test/files/1', { method, headers });

describe('rangeResponse (rfc 9110 §14.2, §15.3.7, §15.5.17)', () => {
  it('sends the whole body with accept-ranges when there is no range', async () => {
    const response = rangeResponse(get({}), body, { headers: { 'Content-Type': 'text/plain' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(await response.text()).toBe(body);
  });

  it('answers a single range with 206 and content-range', async () => {
    const response = rangeResponse(get({ Range: 'bytes=2-4' }), body);
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 2-4/10');
    expect(response.headers.get('content-length')).toBe('3');
    expect(await response.text()).toBe('234');
  });

  it('slices a blob lazily and bytes directly', async () => {
    const blob = rangeResponse(get({ Range: 'bytes=-3' }), new Blob([body]));
    expect(await blob.text()).toBe('789');
    const bytes = rangeResponse(get({ Range: 'bytes=0-0' }), new TextEncoder().encode(body));
    expect(await bytes.text()).toBe('0');
  });

  it('merges overlapping ranges into one 206', async () => {
    const response = rangeResponse(get({ Range: 'bytes=0-3, 2-5, 6-6' }), body);
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 0-6/10');
  });

  it('sends the whole body for disjoint ranges (no multipart)', async () => {
    const response = rangeResponse(get({ Range: 'bytes=0-1, 5-6' }), body);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(body);
  });

  it('answers 416 with content-range bytes */length as problem+json', async () => {
    const response = rangeResponse(get({ Range: 'bytes=20-' }), body);
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe('bytes */10');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({
      status: 416,
      title: 'Range Not Satisfiable',
      instance: '/files/1',
    });
  });

  it('ignores a malformed range', async () => {
    expect(rangeResponse(get({ Range: 'bytes=x' }), body).status).toBe(200);
  });

  it('ignores range on methods other than get and on non-200 statuses', () => {
    expect(rangeResponse(get({ Range: 'bytes=0-1' }, 'HEAD'), body).status).toBe(200);
    expect(rangeResponse(get({ Range: 'bytes=0-1' }), body, { status: 203 }).status).toBe(203);
  });

  it('honours the range when if-range matches the etag', () => {
    const init = { headers: { ETag: '"v1"' } };
    expect(rangeResponse(get({ Range: 'bytes=0-1', 'If-Range': '"v1"' }), body, init).status).toBe(
      206,
    );
    expect(rangeResponse(get({ Range: 'bytes=0-1', 'If-Range': '"v0"' }), body, init).status).toBe(
      200,
    );
  });

  it('honours the range when if-range equals a strong last-modified', () => {
    const lastModified = 'Wed, 10 Jan 2024 12:00:00 GMT';
    const init = { headers: { 'Last-Modified': lastModified } };
    const request = (ifRange: string): Request => get({ Range: 'bytes=0-1', 'If-Range': ifRange });
    expect(rangeResponse(request(lastModified), body, init).status).toBe(206);
    expect(rangeResponse(request('Wed, 10 Jan 2024 12:00:01 GMT'), body, init).status).toBe(200);
    expect(rangeResponse(request(lastModified), body).status).toBe(200);
  });
});
