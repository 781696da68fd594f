import { createRouter, type Middleware, type Router } from '@fielding/core';
import {
  isHttpError,
  preconditionFailed,
  problem,
  problemDetails,
  problemFromError,
  validationError,
} from '@fielding/problem-errors';
import { describe, expect, it } from 'vitest';
import { representation } from './representation.js';
import { createRepresentations } from './representations.js';

// Issue: error responses to negotiated requests carried no Vary, so a shared cache could serve
// one client's 404 or 406 to a client that sent another Accept. Whether the error is thrown or
// returned below the representations middleware, it must vary on what the negotiation reads.

const routes = (router: Router): Router =>
  router
    .get('/articles/:id', (_request, { url }) =>
      url.pathname === '/articles/7' ? representation({ id: 7 }) : representation([]),
    )
    .put('/articles/:id', () => {
      throw preconditionFailed({ detail: 'The article changed.' });
    })
    .post('/articles', () => {
      throw validationError([{ detail: 'is required', pointer: '/title' }], {
        headers: { Vary: 'Origin' },
      });
    })
    .get('/broken', () => {
      throw new Error('database down');
    })
    .get('/gone', () => problem({ status: 410, headers: { Vary: 'Origin' } }))
    .get('/unchanged', () => new Response(null, { status: 304, headers: { ETag: '"7"' } }))
    .get('/plain', () => new Response('ok'));

const registry = createRepresentations();
const fromError = (error: unknown): Response => {
  if (isHttpError(error)) return problemFromError(error);
  return problem({ status: 500 });
};
// [name, router, whether a thrown non-HttpError gets Vary]: an Error carries no headers, so
// only an error handler that negotiates (problemDetails does) can add Vary to its 500.
const layouts: [string, Router, boolean][] = [
  [
    'problemDetails outside',
    routes(createRouter({ middleware: [problemDetails(), registry.middleware] })),
    true,
  ],
  [
    'problemDetails inside',
    routes(createRouter({ middleware: [registry.middleware, problemDetails()] })),
    true,
  ],
  [
    'the router onError',
    routes(createRouter({ middleware: [registry.middleware], onError: fromError })),
    false,
  ],
];

const cases: [method: string, path: string, accept: string, status: number, vary: string][] = [
  ['GET', '/articles/7', 'text/csv', 406, 'Accept'],
  ['GET', '/nowhere', 'application/json', 404, 'Accept'],
  ['DELETE', '/articles/7', 'application/json', 405, 'Accept'],
  ['PUT', '/articles/7', 'application/json', 412, 'Accept'],
  ['POST', '/articles', 'application/json', 422, 'Origin, Accept'],
  ['GET', '/broken', 'application/json', 500, 'Accept'],
  ['GET', '/gone', 'application/json', 410, 'Origin, Accept'],
  // RFC 9110 §15.4.5: a 304 carries the Vary a 200 would have.
  ['GET', '/unchanged', 'application/json', 304, 'Accept'],
];

describe.each(layouts)('error responses with %s', (_layout, router, plainErrors) => {
  const rows = cases.filter(([, path]) => plainErrors || path !== '/broken');
  it.each(rows)(
    '%s %s (accept: %s) → %i with vary: %s',
    async (method, path, accept, status, vary) => {
      const response = await router.fetch(
        new Request(`https://api.test${path}`, { method, headers: { Accept: accept } }),
      );
      expect(response.status).toBe(status);
      expect(response.headers.get('Vary')).toBe(vary);
    },
  );

  it('leaves a successful plain response alone', async () => {
    const response = await router.fetch(new Request('https://api.test/plain'));
    expect(response.headers.get('Vary')).toBeNull();
  });
});

describe('error responses under a format override', () => {
  const overridden = createRepresentations({ extensions: true, formatParameter: 'format' });
  const router = routes(createRouter({ middleware: [overridden.middleware], onError: fromError }));

  it('do not vary on accept when the url chose the format', async () => {
    const response = await router.fetch(
      new Request('https://api.test/articles/8.csv', { method: 'PUT' }),
    );
    expect(response.status).toBe(412);
    expect(response.headers.get('Vary')).toBeNull();
    const query = await router.fetch(new Request('https://api.test/nowhere?format=json'));
    expect(query.status).toBe(404);
    expect(query.headers.get('Vary')).toBeNull();
  });
});

describe('error responses with immutable headers', () => {
  it('are copied to carry vary', async () => {
    const frozen = Response.redirect('https://api.test/elsewhere', 302);
    const failing = new Response('upstream failed', { status: 502 });
    // A response whose headers throw on change, as fetch() returns them.
    Object.defineProperty(failing, 'headers', { value: frozen.headers });
    const passthrough: Middleware = () => failing;
    const handler = createRouter({ middleware: [registry.middleware, passthrough] }).fetch;
    const response = await handler(new Request('https://api.test/anything'));
    expect(response.status).toBe(502);
    expect(response.headers.get('Vary')).toBe('Accept');
    expect(await response.text()).toBe('upstream failed');
  });
});

// Issue 22: the middleware is not an async function, so a response that is already there is
// written without a promise; a handler that throws or rejects must be answered alike.
describe('the middleware with ready and awaited handlers', () => {
  const registry = createRepresentations();
  const request = (): Request =>
    new Request('https://api.test/a', { headers: { Accept: 'application/json' } });

  it('writes a ready representation without a promise, as it writes an awaited one', async () => {
    const ready = registry.middleware(request(), () => representation({ id: 7 }));
    expect(ready).toBeInstanceOf(Response);
    const awaited = registry.middleware(request(), async () => representation({ id: 7 }));
    expect(awaited).toBeInstanceOf(Promise);
    for (const response of [await ready, await awaited]) {
      expect(response.headers.get('Vary')).toBe('Accept');
      expect(await response.json()).toEqual({ id: 7 });
    }
  });

  it.each([
    [
      'throws',
      (): never => {
        throw preconditionFailed();
      },
    ],
    ['rejects', (): Promise<never> => Promise.reject(preconditionFailed())],
  ])('adds vary to an HttpError a handler %s', async (_, handler) => {
    let thrown: unknown;
    try {
      await registry.middleware(request(), handler);
    } catch (error) {
      thrown = error;
    }
    expect(isHttpError(thrown) && thrown.headers.get('Vary')).toBe('Accept');
  });
});
