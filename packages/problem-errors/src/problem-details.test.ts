import { compose, type FetchHandler } from '@fielding/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HttpError } from './http-error.js';
import {
  INTERNAL_ERROR_DETAIL,
  problemDetails,
  type ProblemDetailsOptions,
  type ProblemErrorContext,
} from './problem-details.js';
import { createProblemTypeRegistry, defineProblemType } from './problem-types.js';
import { methodNotAllowed, notFound } from './status-errors.js';

const url = 'https://api.test/blogs/7?draft=1';
const throwing =
  (thrown: unknown): FetchHandler =>
  () => {
    throw thrown;
  };
const app = (handler: FetchHandler, options?: ProblemDetailsOptions): FetchHandler =>
  compose(problemDetails(options))(handler);

describe('problemDetails middleware', () => {
  it('passes responses through untouched', async () => {
    const ok = new Response('hi');
    expect(await app(() => ok)(new Request(url))).toBe(ok);
  });

  it('sends an HttpError as given, with its headers, instance defaulting to the request path', async () => {
    const response = await app(
      throwing(methodNotAllowed(['GET', 'HEAD'], { detail: 'Read only.' })),
    )(new Request(url, { method: 'DELETE' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(response.headers.get('vary')).toBe('Accept');
    expect(await response.json()).toEqual({
      type: 'about:blank',
      title: 'Method Not Allowed',
      status: 405,
      detail: 'Read only.',
      instance: '/blogs/7',
    });
  });

  it('handles rejections as well as throws', async () => {
    const response = await app(() => Promise.reject(notFound()))(new Request(url));
    expect(response.status).toBe(404);
  });

  it('keeps the instance of the error and supports a custom or no instance', async () => {
    const own = await app(throwing(notFound({ instance: '/own' })))(new Request(url));
    expect((await own.json()).instance).toBe('/own');
    const custom = await app(throwing(notFound()), {
      instance: (request) => new URL(request.url).href,
    })(new Request(url));
    expect((await custom.json()).instance).toBe(url);
    const none = await app(throwing(notFound()), { instance: false })(new Request(url));
    expect('instance' in (await none.json())).toBe(false);
  });

  it('turns an unknown error into a generic 500 without its message or stack', async () => {
    const error = new Error('connect ECONNREFUSED /var/run/postgres.sock');
    const response = await app(throwing(error))(new Request(url));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('ECONNREFUSED');
    expect(text).not.toContain('postgres');
    expect(text).not.toContain('at ');
    expect(JSON.parse(text)).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: INTERNAL_ERROR_DETAIL,
      instance: '/blogs/7',
    });
  });

  it('includes the exception with causes in development mode only', async () => {
    const cause: Error & { cause?: unknown } = new Error('inner');
    const outer = new Error('outer', { cause });
    cause.cause = outer; // a cycle
    const response = await app(throwing(outer), { development: true, internalDetail: 'Oops.' })(
      new Request(url),
    );
    const body = await response.json();
    expect(body.detail).toBe('Oops.');
    expect(body.exception.name).toBe('Error');
    expect(body.exception.message).toBe('outer');
    expect(body.exception.stack).toContain('outer');
    expect(body.exception.cause.message).toBe('inner');
    expect(body.exception.cause.cause).toBe('[Circular]');
    const thrownString = await app(throwing('plain'), { development: true })(new Request(url));
    expect((await thrownString.json()).exception).toEqual({ value: 'plain' });
  });

  it('describes hostile thrown values in development mode without failing', async () => {
    const hostile = Object.defineProperties(Object.create(null) as object, {
      name: {
        get() {
          throw new Error('name');
        },
      },
      message: { value: { toString: () => 'converted' } },
      stack: { value: 42 },
    });
    const response = await app(throwing(hostile), { development: true })(new Request(url));
    expect(response.status).toBe(500);
    expect((await response.json()).exception).toEqual({ message: 'converted' });
    const unprintable = await app(throwing(Object.create(null)), { development: true })(
      new Request(url),
    );
    expect((await unprintable.json()).exception).toEqual({});
    const noString = { toString: null, valueOf: null };
    const thrownObject = await app(throwing({ message: noString }), { development: true })(
      new Request(url),
    );
    expect((await thrownObject.json()).exception).toEqual({});
  });

  it('reports every error to onError with its status and swallows reporter failures', async () => {
    const seen: [unknown, ProblemErrorContext][] = [];
    const bug = new TypeError('bug');
    const onError = (error: unknown, context: ProblemErrorContext): void => {
      seen.push([error, context]);
      throw new Error('logger down');
    };
    const request = new Request(url);
    expect((await app(throwing(bug), { onError })(request)).status).toBe(500);
    const gone = new HttpError(410);
    expect((await app(throwing(gone), { onError })(request)).status).toBe(410);
    expect(seen).toEqual([
      [bug, { request, status: 500, expected: false }],
      [gone, { request, status: 410, expected: true }],
    ]);
    const rejecting = app(throwing(bug), {
      onError: () => Promise.reject(new Error('async logger down')),
    });
    expect((await rejecting(request)).status).toBe(500);
  });

  it('adds a trace id from traceparent or x-request-id as an extension member', async () => {
    const traced = await app(throwing(notFound()))(
      new Request(url, {
        headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
      }),
    );
    expect((await traced.json()).traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    const requestId = await app(throwing(new Error('x')), { traceMember: 'requestId' })(
      new Request(url, { headers: { 'x-request-id': 'req-1' } }),
    );
    expect((await requestId.json()).requestId).toBe('req-1');
    const off = await app(throwing(notFound()), { traceHeaders: [] })(
      new Request(url, { headers: { 'x-request-id': 'req-1' } }),
    );
    expect('traceId' in (await off.json())).toBe(false);
  });

  it('negotiates the body: problem+json or plain json, never xml', async () => {
    const json = await app(throwing(notFound()))(
      new Request(url, { headers: { accept: 'application/json' } }),
    );
    expect(json.headers.get('content-type')).toBe('application/json');
    expect((await json.json()).status).toBe(404);
    const html = await app(throwing(notFound()))(
      new Request(url, { headers: { accept: 'text/html' } }),
    );
    expect(html.headers.get('content-type')).toBe('application/problem+json');
    const xml = await app(throwing(notFound()))(
      new Request(url, { headers: { accept: 'application/problem+xml' } }),
    );
    expect(xml.headers.get('content-type')).toBe('application/problem+json');
    expect((await xml.json()).instance).toBe('/blogs/7');
  });

  it.each([
    ['an error without headers', () => notFound(), undefined, 404, 'application/problem+json'],
    [
      'an error with headers',
      () => methodNotAllowed(['GET']),
      undefined,
      405,
      'application/problem+json',
    ],
    ['an unknown error', () => new TypeError('bug'), undefined, 500, 'application/problem+json'],
    ['a json-only client', () => notFound(), 'application/json', 404, 'application/json'],
  ])(
    'answers %s with its status, media type and vary: accept',
    async (_case, make, accept, status, type) => {
      const request = new Request(url, accept === undefined ? {} : { headers: { accept } });
      const response = await app(throwing(make()))(request);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe(type);
      expect(response.headers.get('vary')).toBe('Accept');
      expect((await response.json()).status).toBe(status);
    },
  );

  it('merges vary: accept into the vary the error carries', async () => {
    const response = await app(throwing(notFound({ headers: { Vary: 'Origin' } })))(
      new Request(url),
    );
    expect(response.headers.get('vary')).toBe('Origin, Accept');
  });

  it('sends no body to head', async () => {
    const response = await app(throwing(notFound()))(new Request(url, { method: 'HEAD' }));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toBeNull();
  });

  it('uses the registered title of a problem type', async () => {
    const locked = defineProblemType({
      type: '/problems/blog-locked',
      title: 'The blog is locked.',
      status: 423,
    });
    const registry = createProblemTypeRegistry([locked]);
    const response = await app(throwing(new HttpError(423, { type: '/problems/blog-locked' })), {
      registry,
    })(new Request(url));
    expect((await response.json()).title).toBe('The blog is locked.');
  });

  it('answers a malformed foreign HttpError look-alike as an unknown error', async () => {
    const fake = { name: 'HttpError', status: 999, message: 'secret' };
    const response = await app(throwing(fake))(new Request(url));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('secret');
  });

  it('keeps a minimal answer when the instance option itself throws', async () => {
    const response = await app(throwing(new Error('secret')), {
      instance: () => {
        throw new Error('broken option');
      },
    })(new Request(url));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: INTERNAL_ERROR_DETAIL,
    });
  });
});

const hostileProxy = (): object =>
  new Proxy(
    {},
    {
      get() {
        throw new Error(secret);
      },
      has() {
        throw new Error(secret);
      },
      getPrototypeOf() {
        throw new Error(secret);
      },
    },
  );

// Values a handler might throw: primitives, hostile objects, errors with cyclic causes.
const secret = 'S3CR3T-message';
const hostileThrown = fc.oneof(
  fc.string().map((text) => `${secret}${text}`),
  fc.double(),
  fc.integer(),
  fc.bigInt(),
  fc.constantFrom(null, undefined, true, Symbol('s')),
  fc.string().map((text) => new Error(`${secret}${text}`)),
  fc.string().map((text) => {
    const error: Error & { cause?: unknown } = new Error(`${secret}${text}`);
    error.cause = { error, also: new Error(`${secret}-cause`) };
    return error;
  }),
  fc.constant(
    Object.defineProperties(
      {},
      {
        message: {
          enumerable: true,
          get() {
            throw new Error(secret);
          },
        },
        name: {
          get() {
            throw new Error(secret);
          },
        },
        status: { value: 500 },
      },
    ),
  ),
  // Built inside the property: fast-check itself would trip over the proxy's traps.
  fc.constant('proxy' as const),
  fc.dictionary(fc.string(), fc.anything()).map((object) => ({ ...object, message: secret })),
  fc.constant({ name: 'HttpError', status: 'x', message: secret }),
);

describe('problemDetails with arbitrary thrown values (property)', () => {
  it.each([
    ['application/problem+json', undefined],
    ['application/json', 'application/json'],
  ])(
    'always answers a valid %s 500 that never contains the thrown message',
    async (contentType, accept) => {
      await fc.assert(
        fc.asyncProperty(hostileThrown, fc.boolean(), async (generated, rejects) => {
          const thrown = generated === 'proxy' ? hostileProxy() : generated;
          const handler = app(rejects ? () => Promise.reject(thrown) : throwing(thrown));
          const response = await handler(
            new Request(url, accept === undefined ? {} : { headers: { accept } }),
          );
          expect(response.status).toBe(500);
          expect(response.headers.get('content-type')).toBe(contentType);
          const text = await response.text();
          expect(text).not.toContain(secret);
          const body = JSON.parse(text);
          expect(body).toEqual({
            type: 'about:blank',
            title: 'Internal Server Error',
            status: 500,
            detail: INTERNAL_ERROR_DETAIL,
            instance: '/blogs/7',
          });
        }),
        { numRuns: 300 },
      );
    },
  );

  it('sends any HttpError with hostile extensions as a valid problem of its status', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 400, max: 599 }),
        fc.string(),
        fc.dictionary(
          fc.string(),
          fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true }),
        ),
        async (status, detail, extensions) => {
          const cyclic: Record<string, unknown> = { ...extensions };
          cyclic.self = cyclic;
          const response = await app(
            throwing(new HttpError(status, { detail, extensions: cyclic })),
          )(new Request(url));
          expect(response.status).toBe(status);
          const body = await response.json();
          expect(body.status).toBe(status);
          expect(body.type).toBe('about:blank');
          expect(typeof body.title).toBe('string');
          expect(body.detail).toBe(detail.length > 4096 ? expect.any(String) : detail);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('problemDetails: what a 500 promises', () => {
  it('does not claim the error was reported (nothing is logged without onError)', async () => {
    const handler = compose(problemDetails())(() => {
      throw new Error('boom');
    });
    const body = (await (await handler(new Request('http://api.test/x'))).json()) as {
      detail: string;
    };
    expect(body.detail).toBe('The server could not complete the request.');
    expect(body.detail).not.toMatch(/report/i);
  });
});

describe('problemDetails: instance of a hostile path', () => {
  it.each([
    ['/a|b', '/a%7Cb'],
    ['/x^y', '/x%5Ey'],
    ['/%zz', '/%25zz'],
  ])('answers a thrown 404 at %s with instance %s, not a 500', async (path, instance) => {
    const handler = compose(problemDetails())(() => {
      throw new HttpError(404);
    });
    const response = await handler(new Request(`http://api.test${path}`));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: 404, instance });
  });
});

// Issue 22: the middleware is not an async function; a ready response passes through as it is,
// and what a handler throws or rejects with is answered alike.
describe('problemDetails with ready and awaited handlers', () => {
  const middleware = problemDetails();
  const request = (): Request => new Request('https://api.test/blogs/7');

  it('passes a ready response through without a promise', () => {
    const response = new Response('ok');
    expect(middleware(request(), () => response)).toBe(response);
  });

  it('answers a throw and a rejection with the same problem', async () => {
    const thrown = middleware(request(), () => {
      throw notFound({ detail: 'No blog 7.' });
    });
    const rejected = middleware(request(), () =>
      Promise.reject(notFound({ detail: 'No blog 7.' })),
    );
    const [a, b] = [await thrown, await rejected];
    expect([a.status, b.status]).toEqual([404, 404]);
    expect(await a.json()).toEqual(await b.json());
    expect([...a.headers]).toEqual([...b.headers]);
  });
});
