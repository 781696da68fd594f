import { describe, expect, it } from 'vitest';
import { HttpError, type HttpErrorInit } from './http-error.js';
import { problemFromError } from './problem.js';
import {
  badRequest,
  conflict,
  contentTooLarge,
  failedDependency,
  forbidden,
  gone,
  insufficientStorage,
  internalServerError,
  locked,
  methodNotAllowed,
  notAcceptable,
  notFound,
  notImplemented,
  preconditionFailed,
  preconditionRequired,
  serviceUnavailable,
  tooManyRequests,
  unauthorized,
  unprocessableContent,
  unsupportedMediaType,
} from './status-errors.js';

const date = new Date(Date.UTC(2026, 10, 23, 6, 0, 0));

// [name, make, status, title, required headers]
const rows: [string, () => HttpError, number, string, Record<string, string>][] = [
  ['badRequest', () => badRequest(), 400, 'Bad Request', {}],
  [
    'unauthorized',
    () => unauthorized('Basic realm="api"'),
    401,
    'Unauthorized',
    { 'www-authenticate': 'Basic realm="api"' },
  ],
  ['forbidden', () => forbidden(), 403, 'Forbidden', {}],
  ['notFound', () => notFound(), 404, 'Not Found', {}],
  [
    'methodNotAllowed',
    () => methodNotAllowed(['GET', 'HEAD']),
    405,
    'Method Not Allowed',
    { allow: 'GET, HEAD' },
  ],
  ['notAcceptable', () => notAcceptable(), 406, 'Not Acceptable', {}],
  ['conflict', () => conflict(), 409, 'Conflict', {}],
  ['gone', () => gone(), 410, 'Gone', {}],
  ['preconditionFailed', () => preconditionFailed(), 412, 'Precondition Failed', {}],
  [
    'contentTooLarge',
    () => contentTooLarge({ retryAfter: 30 }),
    413,
    'Content Too Large',
    { 'retry-after': '30' },
  ],
  [
    'unsupportedMediaType',
    () =>
      unsupportedMediaType({
        acceptPatch: ['application/json-patch+json', 'application/merge-patch+json'],
      }),
    415,
    'Unsupported Media Type',
    { 'accept-patch': 'application/json-patch+json, application/merge-patch+json' },
  ],
  ['unprocessableContent', () => unprocessableContent(), 422, 'Unprocessable Content', {}],
  ['locked', () => locked(), 423, 'Locked', {}],
  ['failedDependency', () => failedDependency(), 424, 'Failed Dependency', {}],
  ['preconditionRequired', () => preconditionRequired(), 428, 'Precondition Required', {}],
  [
    'tooManyRequests',
    () => tooManyRequests({ retryAfter: 60 }),
    429,
    'Too Many Requests',
    { 'retry-after': '60' },
  ],
  ['internalServerError', () => internalServerError(), 500, 'Internal Server Error', {}],
  ['notImplemented', () => notImplemented(), 501, 'Not Implemented', {}],
  [
    'serviceUnavailable',
    () => serviceUnavailable({ retryAfter: date }),
    503,
    'Service Unavailable',
    { 'retry-after': 'Mon, 23 Nov 2026 06:00:00 GMT' },
  ],
  ['insufficientStorage', () => insufficientStorage(), 507, 'Insufficient Storage', {}],
];

describe('status helpers', () => {
  it.each(rows)(
    '%s → %i %s with its required headers',
    async (_name, make, status, title, headers) => {
      const error = make();
      expect(error).toBeInstanceOf(HttpError);
      expect(error.status).toBe(status);
      expect(error.title).toBe(title);
      expect(error.type).toBe('about:blank');
      for (const [name, value] of Object.entries(headers))
        expect(error.headers.get(name)).toBe(value);

      const response = problemFromError(error);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      for (const [name, value] of Object.entries(headers))
        expect(response.headers.get(name)).toBe(value);
      expect(await response.json()).toEqual({ type: 'about:blank', title, status });
    },
  );

  it('covers every status the issue names', () => {
    expect(rows.map((row) => row[2])).toEqual([
      400, 401, 403, 404, 405, 406, 409, 410, 412, 413, 415, 422, 423, 424, 428, 429, 500, 501, 503,
      507,
    ]);
  });
});

describe('helpers with options', () => {
  const init: HttpErrorInit = {
    detail: 'why',
    type: '/problems/x',
    instance: '/blogs/7',
    headers: { 'x-extra': '1' },
    extensions: { hint: true },
    cause: new Error('inner'),
  };

  it.each([
    ['badRequest', badRequest(init)],
    ['unauthorized', unauthorized('Bearer', init)],
    ['methodNotAllowed', methodNotAllowed(['GET'], init)],
    ['contentTooLarge', contentTooLarge(init)],
    ['unsupportedMediaType', unsupportedMediaType(init)],
    ['tooManyRequests', tooManyRequests(init)],
    ['serviceUnavailable', serviceUnavailable(init)],
    ['notFound', notFound(init)],
  ])('%s passes detail, type, instance, headers, extensions and cause through', (_name, error) => {
    expect(error.detail).toBe('why');
    expect(error.type).toBe('/problems/x');
    expect(error.instance).toBe('/blogs/7');
    expect(error.headers.get('x-extra')).toBe('1');
    expect(error.extensions).toEqual({ hint: true });
    expect(error.cause).toBe(init.cause);
  });

  it('does not carry helper options into extensions', () => {
    const error = unsupportedMediaType({
      acceptPost: ['application/json'],
      accept: ['text/csv'],
      acceptEncoding: ['gzip'],
    });
    expect(error.extensions).toEqual({});
    expect(error.headers.get('accept-post')).toBe('application/json');
    expect(error.headers.get('accept')).toBe('text/csv');
    expect(error.headers.get('accept-encoding')).toBe('gzip');
    expect(tooManyRequests({ retryAfter: 1 }).extensions).toEqual({});
  });

  it('omits retry-after and accept hints that are not given', () => {
    expect(tooManyRequests().headers.get('retry-after')).toBeNull();
    expect(serviceUnavailable().headers.get('retry-after')).toBeNull();
    expect([...unsupportedMediaType().headers]).toEqual([]);
  });

  it('sends an empty allow for a resource that allows no method and dedupes methods', () => {
    expect(methodNotAllowed([]).headers.get('allow')).toBe('');
    expect(methodNotAllowed(['GET', 'GET', 'PUT']).headers.get('allow')).toBe('GET, PUT');
  });

  it('formats structured www-authenticate challenges', () => {
    const error = unauthorized([
      {
        scheme: 'Bearer',
        parameters: {
          realm: 'blog "main"',
          error: 'invalid_token',
          error_description: 'expired token',
        },
      },
      { scheme: 'Basic', parameters: { realm: 'blog' } },
      { scheme: 'Negotiate' },
      { scheme: 'Custom', token68: 'abc==' },
    ]);
    expect(error.headers.get('www-authenticate')).toBe(
      'Bearer realm="blog \\"main\\"", error=invalid_token, error_description="expired token", Basic realm="blog", Negotiate, Custom abc==',
    );
  });

  it('refuses a 401 without any challenge', () => {
    expect(() => unauthorized([])).toThrow(TypeError);
  });
});
