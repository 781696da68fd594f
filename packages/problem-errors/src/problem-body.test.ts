// The body problem() writes must stay what the straightforward construction gives: reserved
// members checked and first, extension members made JSON-safe by toJsonValue, reserved names
// ignored. `reference` is that construction, written out plainly as the oracle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toJsonValue } from './_safe-json.js';
import { isUriReference } from './_uri-reference.js';
import { HttpError, statusTitle } from './http-error.js';
import { problem, problemDocument, problemFromError, type ProblemInit } from './problem.js';

const RESERVED = new Set(['type', 'title', 'status', 'detail', 'instance']);

function reference(init: ProblemInit, extra?: Record<string, unknown>): unknown {
  const document: Record<string, unknown> = {
    type: init.type ?? 'about:blank',
    title: typeof init.title === 'string' ? init.title : statusTitle(init.status),
    status: init.status,
  };
  if (typeof init.detail === 'string') document.detail = init.detail;
  if (init.instance !== undefined) document.instance = init.instance;
  const errors = toJsonValue(init.errors);
  if (Array.isArray(errors)) document.errors = errors;
  const own = toJsonValue(init.extensions);
  const more = toJsonValue(extra);
  const members = {
    ...(typeof more === 'object' && more !== null && !Array.isArray(more) && more),
    ...(typeof own === 'object' && own !== null && !Array.isArray(own) && own),
  };
  for (const key of Object.keys(members)) {
    if (RESERVED.has(key) || (key === 'errors' && document.errors !== undefined)) continue;
    Object.defineProperty(document, key, {
      value: members[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  // What a client reads: the JSON text parsed (so `-0` reads as `0`).
  return JSON.parse(JSON.stringify(document));
}

/** Nested `{ next: … }` objects, `depth` levels below the extension member. */
function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) value = { next: value };
  return value;
}

const statuses = fc.integer({ min: 400, max: 599 });
const member = fc.anything({
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withBoxedValues: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});
const extensions = fc.dictionary(
  fc.oneof(fc.constantFrom(...RESERVED, 'errors', '__proto__', '0', 'toJSON'), fc.string()),
  member,
);
const issues = fc.array(
  fc.record({ detail: fc.string(), pointer: fc.string() }, { requiredKeys: ['detail'] }),
  { maxLength: 3 },
);
const inits = fc.record(
  {
    status: statuses,
    type: fc.constantFrom('about:blank', 'https://example.com/probs/x', '/problems/y', 'urn:a:b'),
    title: fc.string({ unit: 'grapheme' }),
    detail: fc.string({ unit: 'binary' }),
    instance: fc.constantFrom('/blogs/7', '/a%20b', '', '?q=1#f'),
    errors: issues,
    extensions,
  },
  { requiredKeys: ['status'] },
);

describe('the problem body', () => {
  it('is the reference construction for any members', async () => {
    await fc.assert(
      fc.asyncProperty(inits, async (init) => {
        const body: unknown = await problem(init).json();
        expect(body).toEqual(reference(init));
        expect(problemDocument(init)).toEqual(reference(init));
      }),
    );
  });

  it('is the reference construction for an error with extra members', async () => {
    await fc.assert(
      fc.asyncProperty(inits, extensions, async (init, extra) => {
        const error = new HttpError(init.status, init);
        const body: unknown = await problemFromError(error, { extensions: extra }).json();
        expect(body).toEqual(reference({ ...init, title: error.title }, extra));
      }),
    );
  });

  it.each([30, 31, 32, 33, 40])(
    'cuts nesting %i levels deep as the reference does',
    async (depth) => {
      const init = { status: 400, extensions: { deep: nested(depth), list: [nested(depth)] } };
      expect(await problem(init).json()).toEqual(reference(init));
    },
  );

  it('turns a shared object into its data each time, and a cycle into a marker', async () => {
    const shared = { a: [1, 2] };
    const cyclic: Record<string, unknown> = { shared };
    cyclic.self = { back: cyclic };
    const init = { status: 400, extensions: { one: shared, two: shared, cyclic } };
    expect(await problem(init).json()).toEqual(reference(init));
  });

  it('falls back whole when a later member is not plain data', async () => {
    const init = {
      status: 400,
      detail: 'd',
      instance: '/i',
      errors: [{ detail: 'x' }],
      extensions: { 0: 'zero', plain: [1], big: 1n, date: new Date(0) },
    };
    expect(await problem(init).json()).toEqual(reference(init));
  });

  it('does not stop at a wide, repeated structure', async () => {
    const leaf = { values: Array.from({ length: 50 }, (_, index) => index) };
    const wide = Array.from({ length: 100 }, () => leaf);
    const init = { status: 400, extensions: { wide } };
    expect(await problem(init).json()).toEqual(reference(init));
  });

  it('may write instance unescaped: a uri reference needs no json escape', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        if (isUriReference(value)) expect(JSON.stringify(value)).toBe(`"${value}"`);
      }),
    );
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (value) => {
        expect(isUriReference(value)).toBe(true);
        expect(JSON.stringify(value)).toBe(`"${value}"`);
      }),
    );
  });

  it('keeps type, title and status apart for every combination, however many there are', async () => {
    for (let round = 0; round < 2; round++) {
      for (let status = 400; status <= 599; status++) {
        const types = [undefined, `/problems/p${status}`, 'about:blank'];
        for (const type of types) {
          for (const title of [undefined, `t${status}`, 'x'.repeat(600)]) {
            const init = {
              status,
              ...(type !== undefined && { type }),
              ...(title !== undefined && { title }),
            };
            expect(problemDocument(init)).toEqual(reference(init));
          }
        }
      }
    }
    expect(() => problem({ status: 404, type: 'not a uri' })).toThrow(TypeError);
    expect(() => problem({ status: 200 })).toThrow(RangeError);
  });

  it('starts with the reserved members in order', async () => {
    const text = await problem({
      status: 409,
      type: '/problems/conflict',
      title: 'Conflict "quoted"',
      detail: 'line\nbreak',
      instance: '/blogs/7',
      extensions: { zeta: 1 },
    }).text();
    expect(text).toBe(
      '{"type":"/problems/conflict","title":"Conflict \\"quoted\\"","status":409,"detail":"line\\nbreak","instance":"/blogs/7","zeta":1}',
    );
  });
});
