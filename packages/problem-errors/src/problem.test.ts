import { describe, expect, it } from 'vitest';
import { HttpError } from './http-error.js';
import { MAX_DETAIL_LENGTH } from './_problem-json.js';
import { PROBLEM_JSON, problem, problemDocument, problemFromError } from './problem.js';
import { createProblemTypeRegistry, defineProblemType } from './problem-types.js';

describe('problem (rfc 9457 §3)', () => {
  it('answers application/problem+json with the status in body and response', async () => {
    const response = problem({
      status: 404,
      detail: 'No blog 7.',
      instance: '/blogs/7',
      headers: { 'x-a': '1' },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe(PROBLEM_JSON);
    expect(response.headers.get('x-a')).toBe('1');
    expect(await response.json()).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No blog 7.',
      instance: '/blogs/7',
    });
  });

  it('puts the reserved members first and keeps extension members', async () => {
    const response = problem({
      status: 403,
      type: 'https://example.com/probs/out-of-credit',
      title: 'You do not have enough credit.',
      extensions: { balance: 30, accounts: ['/account/12345'] },
    });
    expect(Object.keys(await response.json())).toEqual([
      'type',
      'title',
      'status',
      'balance',
      'accounts',
    ]);
  });

  it('ignores extension members named like reserved members (§3.2)', () => {
    const document = problemDocument({
      status: 400,
      extensions: { status: 200, type: 'x y', title: 1, detail: {}, instance: [], errors: 'kept' },
    });
    expect(document).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      errors: 'kept',
    });
  });

  it('lets the errors member win over an errors extension', () => {
    const document = problemDocument({
      status: 422,
      errors: [{ detail: 'x' }],
      extensions: { errors: 'lost' },
    });
    expect(document.errors).toEqual([{ detail: 'x' }]);
  });

  it.each([0, 200, 399, 600, 404.5])('rejects status %s', (status) => {
    expect(() => problem({ status })).toThrow(RangeError);
  });

  it.each([{ type: 'not a uri' }, { instance: 'a b' }, { type: 'http://[x' }])(
    'rejects a reserved uri member that is not a uri reference: %j',
    (members) => {
      expect(() => problem({ status: 400, ...members })).toThrow(TypeError);
    },
  );

  it('drops a content-length or content-encoding it was given', () => {
    const response = problem({
      status: 400,
      headers: { 'content-length': '3', 'content-encoding': 'gzip' },
    });
    expect(response.headers.get('content-length')).not.toBe('3');
    expect(response.headers.get('content-encoding')).toBeNull();
  });

  it(`cuts detail to ${MAX_DETAIL_LENGTH} characters ending in an ellipsis`, () => {
    const document = problemDocument({ status: 400, detail: 'x'.repeat(1_000_000) });
    expect(document.detail).toHaveLength(MAX_DETAIL_LENGTH);
    expect(document.detail!.endsWith('…')).toBe(true);
    expect(
      problemDocument({ status: 400, detail: 'y'.repeat(MAX_DETAIL_LENGTH) }).detail,
    ).toHaveLength(MAX_DETAIL_LENGTH);
  });

  it('never splits a surrogate pair when cutting', () => {
    const detail = `${'a'.repeat(MAX_DETAIL_LENGTH - 3)}😀😀😀`;
    const cut = problemDocument({ status: 400, detail }).detail!;
    expect(() => encodeURIComponent(cut)).not.toThrow();
    expect(cut.length).toBeLessThanOrEqual(MAX_DETAIL_LENGTH);
  });

  it('serialises hostile extension members safely', async () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const shared = { a: 1 };
    const hostile = {
      get boom(): never {
        throw new Error('getter');
      },
      fine: 1,
    };
    const response = problem({
      status: 500,
      extensions: {
        cyclic,
        big: 12345678901234567890n,
        missing: undefined,
        hostile,
        list: [undefined, () => 1, Symbol('s'), Number.NaN, shared, shared],
        date: new Date(0),
        fn: () => 1,
        throwingToJSON: {
          toJSON() {
            throw new Error('toJSON');
          },
        },
        ['__proto__']: { polluted: true },
      },
    });
    const body = await response.json();
    expect(body.cyclic).toEqual({ name: 'loop', self: '[Circular]' });
    expect(body.big).toBe('12345678901234567890');
    expect('missing' in body).toBe(false);
    expect(body.hostile).toEqual({ fine: 1 });
    expect(body.list).toEqual([null, null, null, null, { a: 1 }, { a: 1 }]);
    expect(body.date).toBe('1970-01-01T00:00:00.000Z');
    expect('fn' in body).toBe(false);
    expect(body.throwingToJSON).toBe('[Unserializable]');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('writes null for an array item whose getter throws', () => {
    const list = [1, 2];
    Object.defineProperty(list, 1, {
      get() {
        throw new Error('item');
      },
    });
    expect(problemDocument({ status: 400, extensions: { list } }).list).toEqual([1, null]);
  });

  it('cuts very deep extension members', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let index = 0; index < 1000; index++) {
      const next = {};
      deep.next = next;
      deep = next;
    }
    expect(() =>
      JSON.stringify(problemDocument({ status: 400, extensions: { root } })),
    ).not.toThrow();
    expect(JSON.stringify(problemDocument({ status: 400, extensions: { root } }))).toContain(
      '[Truncated]',
    );
  });

  it('ignores extensions that are not an object', () => {
    const document = problemDocument({
      status: 400,
      extensions: ['a'] as unknown as Record<string, unknown>,
    });
    expect(document).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400 });
  });

  it('survives a proxy whose traps throw', () => {
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    expect(problemDocument({ status: 400, extensions: { proxy } }).proxy).toBe('[Unserializable]');
  });
});

describe('problemFromError', () => {
  it('renders the error with its headers', async () => {
    const response = problemFromError(
      new HttpError(429, { headers: { 'Retry-After': '5' }, detail: 'slow down' }),
    );
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({
      type: 'about:blank',
      title: 'Too Many Requests',
      status: 429,
      detail: 'slow down',
    });
  });

  it('fills instance and extensions only where the error has none', async () => {
    const withOwn = new HttpError(404, { instance: '/own', extensions: { traceId: 'own' } });
    expect(
      await problemFromError(withOwn, {
        instance: '/req',
        extensions: { traceId: 't', more: 1 },
      }).json(),
    ).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      instance: '/own',
      traceId: 'own',
      more: 1,
    });
    expect((await problemFromError(new HttpError(404), { instance: '/req' }).json()).instance).toBe(
      '/req',
    );
  });

  it('keeps validation issues', async () => {
    const errors = [{ pointer: '/title', detail: 'must not be empty' }];
    expect((await problemFromError(new HttpError(422, { errors })).json()).errors).toEqual(errors);
  });

  it('uses the registered title for a registered type left at the status phrase', async () => {
    const registry = createProblemTypeRegistry([
      defineProblemType({ type: '/problems/locked', title: 'The blog is locked.', status: 423 }),
    ]);
    const plain = new HttpError(423, { type: '/problems/locked' });
    expect((await problemFromError(plain, { registry }).json()).title).toBe('The blog is locked.');
    const titled = new HttpError(423, { type: '/problems/locked', title: 'Own' });
    expect((await problemFromError(titled, { registry }).json()).title).toBe('Own');
    const other = new HttpError(423, { type: '/problems/other' });
    expect((await problemFromError(other, { registry }).json()).title).toBe('Locked');
  });

  it('labels the same json application/json when asked', async () => {
    const response = problemFromError(new HttpError(404), { mediaType: 'application/json' });
    expect(response.headers.get('content-type')).toBe('application/json');
    expect((await response.json()).status).toBe(404);
  });
});
