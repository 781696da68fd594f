import { HttpError } from '@fielding/problem-errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { badRequestOf, compareRows, matches, type Row } from './_test-helpers.js';
import { decodeBase64Url, encodeBase64Url } from './_base64url.js';
import { CURSOR_VERSION, createCursorCodec, parseCursorQuery, type CursorCodec } from './cursor.js';
import { keyset, type KeysetColumn } from './keyset.js';
import { createCursorPage, type Page } from './page.js';

const SECRET = 'test secret that is long enough for hmac-sha-256';
const signed = createCursorCodec({ secret: SECRET });
const plain = createCursorCodec();

describe('base64url', () => {
  it('round-trips any bytes and refuses non-canonical text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = encodeBase64Url(bytes);
        expect(text).toMatch(/^[\w-]*$/);
        expect(decodeBase64Url(text)).toEqual(bytes);
      }),
    );
    expect(decodeBase64Url('A')).toBeUndefined();
    expect(decodeBase64Url('AB')).toBeUndefined(); // leftover bits set
    expect(decodeBase64Url('a+b/')).toBeUndefined();
  });
});

describe('createCursorCodec', () => {
  it.each([
    ['signed', signed],
    ['unsigned', plain],
  ] as const)('%s cursors round-trip', async (_title, codec) => {
    const position = { direction: 'prev', values: ['2024-01-01', null, 3.5, true, 7] } as const;
    const token = await codec.encode(position, 'status=open&limit=10');
    expect(token).toMatch(/^[\w.-]+$/);
    expect(await codec.decode(token, 'status=open&limit=10')).toEqual(position);
  });

  it('keeps the inclusive flag', async () => {
    const token = await plain.encode({ direction: 'next', values: [1], inclusive: true }, '');
    expect(await plain.decode(token, '')).toEqual({
      direction: 'next',
      values: [1],
      inclusive: true,
    });
  });

  it('accepts a crypto key and raw bytes as the secret', async () => {
    const bytes = new TextEncoder().encode(SECRET);
    const key = await crypto.subtle.importKey(
      'raw',
      bytes,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    const token = await createCursorCodec({ secret: key }).encode(
      { direction: 'next', values: [1] },
      '',
    );
    expect(await createCursorCodec({ secret: bytes }).decode(token, '')).toEqual({
      direction: 'next',
      values: [1],
    });
    expect(await signed.decode(token, '')).toEqual({ direction: 'next', values: [1] });
  });

  it('refuses a token made for another query', async () => {
    const token = await signed.encode({ direction: 'next', values: [1] }, 'sort=title&limit=10');
    const error = await badRequestOf(() => signed.decode(token, 'sort=-title&limit=10'));
    expect(error.detail).toMatch(/different filter, sort or page size/);
  });

  it('refuses tampered, forged, unsigned and oversized tokens', async () => {
    const token = await signed.encode({ direction: 'next', values: [1] }, '');
    const [body, signature] = token.split('.') as [string, string];
    const forged = encodeBase64Url(
      new TextEncoder().encode(JSON.stringify({ v: 1, d: 'n', k: [999], q: 'x' })),
    );
    for (const bad of [
      `${forged}.${signature}`,
      body,
      `${body}.${signature.slice(0, -2)}`,
      `${body}.!!`,
      'x'.repeat(2000),
    ]) {
      await badRequestOf(() => signed.decode(bad, ''));
    }
    await badRequestOf(() => plain.decode(token, ''));
  });

  it.each([
    ['not json', '{'],
    ['not an object', '42'],
    ['another version', JSON.stringify({ v: CURSOR_VERSION + 1, d: 'n', k: [], q: '' })],
    ['bad direction', JSON.stringify({ v: 1, d: 'x', k: [], q: '' })],
    ['bad values', JSON.stringify({ v: 1, d: 'n', k: [{}], q: '' })],
    ['too many values', JSON.stringify({ v: 1, d: 'n', k: Array(17).fill(1), q: '' })],
    ['bad inclusive flag', JSON.stringify({ v: 1, d: 'n', k: [], q: '', i: 2 })],
  ])('refuses a payload that is %s', async (_title, json) => {
    const token = encodeBase64Url(new TextEncoder().encode(json));
    await badRequestOf(() => plain.decode(token, ''));
  });

  it('refuses invalid utf-8 and non-base64url text', async () => {
    await badRequestOf(() => plain.decode(encodeBase64Url(new Uint8Array([0xff, 0xfe])), ''));
    await badRequestOf(() => plain.decode('%%%', ''));
  });

  it('refuses to encode what it cannot carry', async () => {
    await expect(plain.encode({ direction: 'next', values: [Number.NaN] }, '')).rejects.toThrow(
      TypeError,
    );
    await expect(
      createCursorCodec({ maxLength: 10 }).encode(
        { direction: 'next', values: ['long value'] },
        '',
      ),
    ).rejects.toThrow(RangeError);
  });

  it('decoding arbitrary text only ever throws HttpError(400)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => {
        for (const codec of [signed, plain]) {
          await codec.decode(text, '').then(
            () => undefined,
            (error: unknown) => {
              expect(error).toBeInstanceOf(HttpError);
              expect((error as HttpError).status).toBe(400);
            },
          );
        }
      }),
    );
  });
});

describe('parseCursorQuery', () => {
  it('reads the first page without a cursor', async () => {
    const query = await parseCursorQuery('https://api.test/a?limit=5&status=open&fields=id', {
      codec: signed,
    });
    expect(query).toMatchObject({
      style: 'cursor',
      cursor: undefined,
      limit: 5,
      binding: '/a?status=open&limit=5',
    });
  });

  it('binds to filters in a canonical order but not to fields', async () => {
    const first = await parseCursorQuery('https://api.test/a?b=2&a=1&limit=5', { codec: signed });
    const token = await signed.encode({ direction: 'next', values: [3] }, first.binding);
    const again = await parseCursorQuery(
      `https://api.test/a?a=1&fields=id&cursor=${token}&b=2&limit=5`,
      { codec: signed },
    );
    expect(again.cursor).toEqual({ direction: 'next', values: [3] });
  });

  it.each([
    ['a different filter', 'b=3&a=1&limit=5'],
    ['a different page size', 'b=2&a=1&limit=6'],
    ['a default page size', 'b=2&a=1', '/a'],
    ['another path', 'b=2&a=1&limit=5', '/b'],
  ])('answers 400 to a cursor replayed with %s', async (_title, search, path = '/a') => {
    const first = await parseCursorQuery('https://api.test/a?b=2&a=1&limit=5', { codec: signed });
    const token = await signed.encode({ direction: 'next', values: [3] }, first.binding);
    const error = await badRequestOf(() =>
      parseCursorQuery(`https://api.test${path}?${search}&after=${token}`, {
        codec: signed,
        cursorParameter: 'after',
      }),
    );
    expect(error.errors).toEqual([
      { parameter: 'after', detail: expect.stringMatching(/different/) },
    ]);
  });

  it('turns any codec failure into a 400', async () => {
    const broken: CursorCodec = {
      encode: () => Promise.resolve(''),
      decode: () => Promise.reject(new Error('boom')),
    };
    const error = await badRequestOf(() =>
      parseCursorQuery('https://api.test/a?cursor=x', { codec: broken }),
    );
    expect(error.detail).toBe('The cursor is not valid.');
  });

  it('only ever throws HttpError(400) on arbitrary queries', async () => {
    const pairs = fc.array(
      fc.tuple(fc.constantFrom('cursor', 'limit', 'q'), fc.oneof(fc.string(), fc.base64String())),
      { maxLength: 4 },
    );
    await fc.assert(
      fc.asyncProperty(pairs, async (query) => {
        const target = `https://api.test/a?${new URLSearchParams(query).toString()}`;
        await parseCursorQuery(target, { codec: signed }).then(
          (parsed) => expect(parsed.limit).toBeGreaterThan(0),
          (error: unknown) => {
            expect(error).toBeInstanceOf(HttpError);
            expect((error as HttpError).status).toBe(400);
          },
        );
      }),
    );
  });

  it('validates the page size and repeated cursors', async () => {
    await badRequestOf(() => parseCursorQuery('https://api.test/a?limit=0', { codec: plain }));
    await badRequestOf(() =>
      parseCursorQuery('https://api.test/a?cursor=a&cursor=b', { codec: plain }),
    );
  });
});

// A nullable, duplicate-heavy sort to walk: score (NULLs last), then id as the tie-breaker.
const SORTS: ReadonlyArray<readonly KeysetColumn[]> = [
  [
    { column: 'score', direction: 'desc', nullable: true, nulls: 'last' },
    { column: 'id', direction: 'asc', unique: true },
  ],
  [
    { column: 'score', direction: 'asc', nullable: true, nulls: 'first' },
    { column: 'name', direction: 'desc' },
    { column: 'id', direction: 'desc', unique: true },
  ],
  [{ column: 'id', direction: 'asc', unique: true }],
];

async function cursorPage(
  href: string,
  rows: readonly Row[],
  columns: readonly KeysetColumn[],
): Promise<Page<Row>> {
  const request = new Request(new URL(href, 'https://api.test'));
  const query = await parseCursorQuery(request, { codec: signed });
  const { where, orderBy } = keyset(columns, query.cursor);
  const fetched = rows
    .filter((row) => where === undefined || matches(row, where))
    .sort(compareRows(orderBy))
    .slice(0, query.limit + 1);
  return createCursorPage(
    request,
    query,
    { items: fetched, cursorOf: (row) => columns.map((c) => row[c.column] ?? null) },
    {
      codec: signed,
      relative: true,
    },
  );
}

describe('createCursorPage', () => {
  const rows: Row[] = [1, 2, 3, 4, 5].map((id) => ({ id, score: null, name: 'n' }));
  const byId = SORTS[2]!;

  it.each([
    ['zero items', 0, 2, [], ['self']],
    ['one item', 1, 2, [1], ['self']],
    ['first page', 5, 2, [1, 2], ['self', 'next']],
    ['exactly one full page', 2, 2, [1, 2], ['self']],
  ] as const)('%s', async (_title, count, limit, ids, rels) => {
    const page = await cursorPage(`/a?limit=${limit}`, rows.slice(0, count), byId);
    expect(page.items.map((row) => row.id)).toEqual(ids);
    expect(Object.keys(page.links)).toEqual(rels);
    expect(page).toMatchObject({ style: 'cursor', pageSize: limit, count: 'none' });
  });

  it('last page: prev but no next; beyond the end steps back', async () => {
    let page = await cursorPage('/a?limit=2&q=1', rows, byId);
    page = await cursorPage(page.links.next!, rows, byId);
    page = await cursorPage(page.links.next!, rows, byId);
    expect(page.items.map((row) => row.id)).toEqual([5]);
    expect(Object.keys(page.links)).toEqual(['self', 'prev']);
    expect(page.links.self).toMatch(/^\/a\?cursor=[\w.-]+&limit=2&q=1$/);
    // A cursor past the end (the last item deleted meanwhile) gives an empty page that links back.
    const request = new Request('https://api.test/a?limit=2&q=1');
    const query = await parseCursorQuery(request, { codec: signed });
    const token = await signed.encode({ direction: 'next', values: [5] }, query.binding);
    const empty = await cursorPage(`/a?limit=2&q=1&cursor=${token}`, rows, byId);
    expect(empty.items).toEqual([]);
    expect(Object.keys(empty.links)).toEqual(['self', 'prev']);
    const back = await cursorPage(empty.links.prev!, rows, byId);
    expect(back.items.map((row) => row.id)).toEqual([4, 5]);
  });

  it('an empty page before the start links forward to the first page', async () => {
    const query = await parseCursorQuery('https://api.test/a?limit=2', { codec: signed });
    const token = await signed.encode({ direction: 'prev', values: [1] }, query.binding);
    const empty = await cursorPage(`/a?limit=2&cursor=${token}`, rows, byId);
    expect(empty.links).toEqual({ self: `/a?cursor=${token}&limit=2`, next: '/a?limit=2' });
  });

  it('reports a total when the caller has one', async () => {
    const request = new Request('https://api.test/a?limit=2');
    const query = await parseCursorQuery(request, { codec: plain });
    const page = await createCursorPage(
      request,
      query,
      { items: [1, 2, 3], cursorOf: (n) => [n], total: 9 },
      { codec: plain },
    );
    expect(page).toMatchObject({ total: 9, totalPages: 5, count: 'exact', hasMore: true });
    expect(page.links.next).toMatch(/^https:\/\/api\.test\/a\?cursor=[\w-]+&limit=2$/);
  });

  const dataset = fc
    .array(
      fc.record({
        score: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
        name: fc.constantFrom('a', 'b'),
      }),
      { maxLength: 30 },
    )
    .map((list) => list.map((row, id): Row => ({ id, ...row })));

  it('following next from the first page visits every item once; prev walks back', async () => {
    await fc.assert(
      fc.asyncProperty(
        dataset,
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom(...SORTS),
        async (rows, limit, columns) => {
          const expected = [...rows].sort(compareRows(columns)).map((row) => row.id);
          const seen: unknown[] = [];
          let page = await cursorPage(`/a?limit=${limit}&keep=%20me`, rows, columns);
          for (let hops = 0; ; hops += 1) {
            expect(hops).toBeLessThanOrEqual(rows.length);
            seen.push(...page.items.map((row) => row.id));
            expect(page.links.self).toContain('keep=%20me');
            if (page.links.next === undefined) break;
            page = await cursorPage(page.links.next, rows, columns);
          }
          expect(seen).toEqual(expected);
          const back: unknown[] = [];
          for (let hops = 0; ; hops += 1) {
            expect(hops).toBeLessThanOrEqual(rows.length);
            back.unshift(...page.items.map((row) => row.id));
            if (page.links.prev === undefined) break;
            page = await cursorPage(page.links.prev, rows, columns);
          }
          expect(back).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });
});
