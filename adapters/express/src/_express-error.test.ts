import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HttpError, INTERNAL_ERROR_DETAIL, PROBLEM_JSON } from '@fielding/problem-errors';
import { LEAKS } from '../../../test-utils/hostile-http.js';
import { isSafeMessage, problemForError } from './_express-error.js';

/** What `createError(status, message, props)` of http-errors makes. */
const httpErrors = (status: number, message: string, props: object = {}): Error =>
  Object.assign(new Error(message), { status, statusCode: status, expose: status < 500 }, props);

/** What Express's router passes on for `/blogs/%E0%A4` on `/blogs/:id`. */
const uriError = Object.assign(new URIError("Failed to decode param '%E0%A4'"), {
  status: 400,
  statusCode: 400,
});

const hostile = new Proxy(
  {},
  {
    get() {
      throw new Error('trap');
    },
    getPrototypeOf() {
      throw new Error('trap');
    },
  },
);

async function answer(error: unknown, instance?: string): Promise<Record<string, unknown>> {
  const response = problemForError(error, instance);
  expect(response.headers.get('content-type')).toBe(PROBLEM_JSON);
  const document = (await response.json()) as Record<string, unknown>;
  expect(document.status).toBe(response.status);
  return document;
}

describe('problemForError', () => {
  it.each([
    ['an HttpError', new HttpError(409, { detail: 'Changed.' }), 409, 'Changed.'],
    ['an exposed http-errors 404', httpErrors(404, 'No blog 7.'), 404, 'No blog 7.'],
    [
      'an http-errors 404 with its default message',
      httpErrors(404, 'Not Found'),
      404,
      'No resource matches the request.',
    ],
    [
      'a hidden 403',
      httpErrors(403, 'Blog 7 belongs to user 12.', { expose: false }),
      403,
      'The server refuses to carry out the request.',
    ],
    ["Express's URIError for a bad parameter", uriError, 400, 'The request is not valid.'],
    [
      'malformed JSON from body-parser',
      httpErrors(400, 'Unexpected end of JSON input', { type: 'entity.parse.failed', body: '{' }),
      400,
      'The request content could not be parsed: Unexpected end of JSON input.',
    ],
    [
      'a body-parser parse error with an unsafe message',
      httpErrors(400, 'Bad at /home/app/parse.js:3:1', { type: 'entity.parse.failed' }),
      400,
      'The request content could not be parsed.',
    ],
    [
      'a body over the limit',
      httpErrors(413, 'request entity too large', { type: 'entity.too.large', limit: 102400 }),
      413,
      'The request content is larger than the 102400 bytes this resource accepts.',
    ],
    [
      'a body over a limit it does not say',
      httpErrors(413, 'request entity too large', { type: 'entity.too.large' }),
      413,
      'The request content is larger than the server accepts.',
    ],
    [
      'an unsupported charset',
      httpErrors(415, 'unsupported charset "LATIN1"', { type: 'charset.unsupported' }),
      415,
      'The charset of the request content is not supported.',
    ],
    [
      'an unsupported content coding',
      httpErrors(415, 'unsupported content encoding "br"', { type: 'encoding.unsupported' }),
      415,
      'The Content-Encoding of the request content is not supported.',
    ],
    [
      'too many parameters',
      httpErrors(413, 'too many parameters', { type: 'parameters.too.many' }),
      413,
      'The request content has more parameters than the server accepts.',
    ],
    [
      'a wrapped zlib error',
      httpErrors(400, 'incorrect header check', { code: 'Z_DATA_ERROR', errno: -3 }),
      400,
      'The request is not valid.',
    ],
    ['an exposed 451', httpErrors(451, 'Blocked here.'), 451, 'Blocked here.'],
    [
      'an exposed 4xx without a phrase of its own',
      httpErrors(499, 'x'.repeat(201)),
      499,
      'The server cannot process the request as sent.',
    ],
    ['an http-errors 503', httpErrors(503, 'Database down.'), 500, INTERNAL_ERROR_DETAIL],
    ['a stream read twice', httpErrors(500, 'stream is not readable'), 500, INTERNAL_ERROR_DETAIL],
    [
      'a bare status (another server’s)',
      Object.assign(new Error('upstream'), { status: 404 }),
      500,
      INTERNAL_ERROR_DETAIL,
    ],
    [
      'a status that is not a number',
      Object.assign(new Error('x'), { status: '404', expose: true }),
      500,
      INTERNAL_ERROR_DETAIL,
    ],
    ['a 2xx status', httpErrors(200, 'OK'), 500, INTERNAL_ERROR_DETAIL],
    ['a plain Error', new Error('secret'), 500, INTERNAL_ERROR_DETAIL],
    ['a string', 'secret', 500, INTERNAL_ERROR_DETAIL],
    ['null', null, 500, INTERNAL_ERROR_DETAIL],
    ['undefined', undefined, 500, INTERNAL_ERROR_DETAIL],
    ['a Proxy whose traps throw', hostile, 500, INTERNAL_ERROR_DETAIL],
    [
      'an HttpError lookalike with a bad status',
      { name: 'HttpError', status: 99, message: 'x' },
      500,
      INTERNAL_ERROR_DETAIL,
    ],
  ] as const)('answers %s', async (_name, error, status, detail) => {
    expect(await answer(error)).toMatchObject({ status, detail });
  });

  it.each([
    ['a stack', 'Broken\n    at handler (/app/src/routes.ts:12:3)'],
    ['a source position', 'Failed in routes.js:12'],
    ['an absolute path', "ENOENT: no such file, open '/home/app/blogs.json'"],
    ['a Windows path', 'Cannot read C:\\app\\blogs.json'],
    ['node_modules', 'Failed in node_modules/pg'],
    ['an error code', 'Failed with ERR_HTTP_HEADERS_SENT'],
    ['an errno name', 'connect ECONNREFUSED'],
    ['SQL', 'Failed: SELECT * FROM users WHERE id = 1'],
    ['a PostgreSQL message', 'syntax error at or near "FROM"'],
    ['nothing', ''],
  ])('keeps a message with %s out of the detail', async (_name, message) => {
    expect(isSafeMessage(message)).toBe(false);
    const document = await answer(httpErrors(409, message));
    expect(document.detail).toBe('The request conflicts with the current state of the resource.');
  });

  it('keeps the valid headers an error asks for', () => {
    const response = problemForError(
      httpErrors(405, 'No.', {
        headers: { Allow: 'GET, HEAD', 'Retry-After': 7, 'Bad Name': 'x', 'X-Bad': 'a\nb', o: {} },
      }),
      undefined,
    );
    expect([...response.headers]).toEqual([
      ['allow', 'GET, HEAD'],
      ['content-type', PROBLEM_JSON],
      ['retry-after', '7'],
    ]);
  });

  it('fills in instance when it is a URI reference, and leaves it out otherwise', async () => {
    expect(await answer(new Error('x'), '/blogs/7')).toMatchObject({ instance: '/blogs/7' });
    expect(await answer(httpErrors(404, 'No.'), '/blogs/7')).toMatchObject({
      instance: '/blogs/7',
    });
    expect(await answer(new HttpError(404, { instance: '/own' }), '/blogs/7')).toMatchObject({
      instance: '/own',
    });
    expect(await answer(httpErrors(404, 'No.'), '/a b')).not.toHaveProperty('instance');
    expect(await answer(new HttpError(404), '/a b')).not.toHaveProperty('instance');
  });
});

describe('problemForError properties', () => {
  const LEAKY = [
    '\n    at handler (/app/src/x.ts:1:2)',
    '/home/app/src/x.js',
    '/work/app/node_modules/pg/lib/client.js:12',
    'ERR_HTTP_HEADERS_SENT',
    'HPE_INVALID_METHOD',
    'FST_ERR_BAD_URL',
    'SELECT id FROM users',
    'relation "users" does not exist',
  ];
  const errorLike = fc.record(
    {
      status: fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.anything()),
      statusCode: fc.oneof(fc.integer({ min: 100, max: 999 }), fc.anything()),
      expose: fc.oneof(fc.boolean(), fc.anything()),
      message: fc.oneof(
        fc.string(),
        fc
          .tuple(fc.string(), fc.constantFrom(...LEAKY), fc.string())
          .map((parts) => parts.join('')),
      ),
      type: fc.oneof(
        fc.constantFrom(
          'entity.parse.failed',
          'entity.too.large',
          'charset.unsupported',
          'encoding.unsupported',
          'request.aborted',
        ),
        fc.string(),
      ),
      limit: fc.anything(),
      code: fc.anything(),
      headers: fc.oneof(
        fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())),
        fc.anything(),
      ),
    },
    { requiredKeys: [] },
  );

  it('answers anything with a problem of a client status it carries or a bare 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), errorLike), async (error) => {
        const response = problemForError(error, '/x');
        expect(response.headers.get('content-type')).toBe(PROBLEM_JSON);
        const text = await response.text();
        const document = JSON.parse(text) as { status: number; detail: string };
        expect(document.status).toBe(response.status);
        expect(response.status === 500 || (response.status >= 400 && response.status < 500)).toBe(
          true,
        );
        if (response.status === 500) expect(document.detail).toBe(INTERNAL_ERROR_DETAIL);
        for (const leak of LEAKS) expect(text).not.toMatch(leak);
      }),
      { numRuns: 500 },
    );
  });

  it('never calls a message that holds internals safe', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...LEAKY), fc.string(), (before, leak, after) => {
        expect(isSafeMessage(`${before}${leak}${after}`)).toBe(false);
      }),
    );
  });
});
