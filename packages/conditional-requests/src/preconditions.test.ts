import { compose, parseEntityTagList } from '@fielding/core';
import { HttpError, problemDetails, problemDocument } from '@fielding/problem-errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { strongMatch } from './entity-tag.js';
import {
  UNSAFE_METHODS,
  evaluatePreconditions,
  preconditionResponse,
  respondToPreconditions,
  type PreconditionOptions,
} from './preconditions.js';

const url = 'https://api.test/articles/7';
const req = (method: string, headers: Record<string, string> = {}): Request =>
  new Request(url, { method, headers });
const LAST_MODIFIED = Date.UTC(2024, 0, 10, 12, 0, 0);
const NOW = Date.UTC(2024, 0, 20);

describe('evaluatePreconditions', () => {
  it('proceeds on an unconditional request and reports the validators', () => {
    expect(evaluatePreconditions(req('GET'), { etag: '"7"', lastModified: LAST_MODIFIED })).toEqual(
      {
        type: 'proceed',
        etag: '"7"',
        lastModified: 'Wed, 10 Jan 2024 12:00:00 GMT',
      },
    );
  });

  it('takes the etag as a parsed tag too', () => {
    const decision = evaluatePreconditions(req('GET', { 'If-None-Match': 'W/"7"' }), {
      etag: { weak: true, opaque: '7' },
    });
    expect(decision).toMatchObject({ type: 'not-modified', etag: 'W/"7"' });
  });

  it('throws on a server-side etag that is not an entity-tag', () => {
    expect(() => evaluatePreconditions(req('GET'), { etag: '7' })).toThrow(TypeError);
  });

  it('uses strong comparison for if-match: a weak current tag never passes', () => {
    const decision = evaluatePreconditions(req('PUT', { 'If-Match': 'W/"7"' }), { etag: 'W/"7"' });
    expect(decision).toMatchObject({ type: 'precondition-failed', condition: 'If-Match' });
  });

  it('finds a tag whose opaque part holds a comma', () => {
    const decision = evaluatePreconditions(req('PUT', { 'If-Match': '"a", "b,c"' }), {
      etag: '"b,c"',
    });
    expect(decision.type).toBe('proceed');
  });

  it('fails if-match without a known etag', () => {
    expect(evaluatePreconditions(req('PUT', { 'If-Match': '"7"' })).type).toBe(
      'precondition-failed',
    );
  });

  it('ignores if-unmodified-since when if-match is present', () => {
    const request = req('PUT', {
      'If-Match': '"7"',
      'If-Unmodified-Since': new Date(LAST_MODIFIED - 60_000).toUTCString(),
    });
    expect(evaluatePreconditions(request, { etag: '"7"', lastModified: LAST_MODIFIED }).type).toBe(
      'proceed',
    );
  });

  it('ignores date preconditions when the resource has no modification date', () => {
    const request = req('GET', { 'If-Modified-Since': new Date(NOW).toUTCString() });
    expect(evaluatePreconditions(request, { etag: '"7"' }).type).toBe('proceed');
    const put = req('PUT', { 'If-Unmodified-Since': new Date(0).toUTCString() });
    expect(evaluatePreconditions(put, { etag: '"7"' }).type).toBe('proceed');
  });

  it('ignores if-modified-since on methods other than get and head', () => {
    const request = req('POST', { 'If-Modified-Since': new Date(NOW).toUTCString() });
    expect(evaluatePreconditions(request, { lastModified: LAST_MODIFIED, now: NOW }).type).toBe(
      'proceed',
    );
  });

  it('compares dates in whole seconds', () => {
    const request = req('GET', { 'If-Modified-Since': new Date(LAST_MODIFIED).toUTCString() });
    const decision = evaluatePreconditions(request, {
      lastModified: LAST_MODIFIED + 999,
      now: NOW,
    });
    expect(decision.type).toBe('not-modified');
  });

  it('reads lastModified given as an http-date, and ignores an invalid one', () => {
    const request = req('GET', { 'If-Modified-Since': new Date(LAST_MODIFIED).toUTCString() });
    const text = new Date(LAST_MODIFIED).toUTCString();
    expect(evaluatePreconditions(request, { lastModified: text, now: NOW }).type).toBe(
      'not-modified',
    );
    expect(evaluatePreconditions(request, { lastModified: 'soon', now: NOW }).type).toBe('proceed');
    expect(
      evaluatePreconditions(request, { lastModified: new Date(Number.NaN), now: NOW }).type,
    ).toBe('proceed');
  });

  it('replaces a modification time in the future with now (§8.8.2.1)', () => {
    const decision = evaluatePreconditions(req('GET'), {
      lastModified: NOW + 86_400_000,
      now: new Date(NOW),
    });
    expect(decision.lastModified).toBe(new Date(NOW).toUTCString());
  });
});

// Every fetch() (browsers, undici, Deno, Bun) that carries a conditional header adds
// `Cache-Control: no-cache` and `Pragma: no-cache` (Fetch standard, HTTP-network-or-cache fetch).
// RFC 9111 §5.2.1.4: request no-cache asks for validation at the origin, and a 304 from the origin
// is that validation — so the preconditions are evaluated whatever the request's caching says.
describe('rfc 9111 §5.2.1.4 request cache directives do not disable preconditions', () => {
  const FETCH = { 'Cache-Control': 'no-cache', Pragma: 'no-cache' };
  const SINCE = new Date(NOW).toUTCString();
  // [caching headers, outcome by default, outcome with fullResponseOnNoCache, the headers]
  const rows: Array<[string, string, string, Record<string, string>]> = [
    ['what fetch() adds', 'not-modified', 'proceed', FETCH],
    ['cache-control: no-cache', 'not-modified', 'proceed', { 'Cache-Control': 'no-cache' }],
    ['pragma: no-cache', 'not-modified', 'not-modified', { Pragma: 'no-cache' }],
    ['cache-control: max-age=0', 'not-modified', 'not-modified', { 'Cache-Control': 'max-age=0' }],
    [
      'cache-control: no-store, no-cache',
      'not-modified',
      'proceed',
      { 'Cache-Control': 'no-store, no-cache' },
    ],
    [
      'cache-control: max-age=0, no-cache',
      'not-modified',
      'proceed',
      { 'Cache-Control': 'max-age=0, no-cache' },
    ],
    [
      'cache-control: NO-CACHE , foo',
      'not-modified',
      'proceed',
      { 'Cache-Control': 'NO-CACHE , foo' },
    ],
    [
      'cache-control: x-no-cache,<tab>no-cache<tab>',
      'not-modified',
      'proceed',
      { 'Cache-Control': 'x-no-cache,\tno-cache\t' },
    ],
    [
      'cache-control: no-cache-please',
      'not-modified',
      'not-modified',
      { 'Cache-Control': 'no-cache-please' },
    ],
    [
      'cache-control: x-no-cache',
      'not-modified',
      'not-modified',
      { 'Cache-Control': 'x-no-cache' },
    ],
    [
      'cache-control: no-cacheno-cache',
      'not-modified',
      'not-modified',
      { 'Cache-Control': 'no-cacheno-cache' },
    ],
    [
      'cache-control: foo="no-cache"',
      'not-modified',
      'not-modified',
      { 'Cache-Control': 'foo="no-cache"' },
    ],
    ['no caching headers', 'not-modified', 'not-modified', {}],
  ];

  it.each(rows)('if-none-match with %s → %s (opt-in: %s)', (_name, byDefault, optIn, caching) => {
    const request = (): Request => req('GET', { 'If-None-Match': '"7"', ...caching });
    expect(evaluatePreconditions(request(), { etag: '"7"' }).type).toBe(byDefault);
    expect(
      evaluatePreconditions(request(), { etag: '"7"', fullResponseOnNoCache: true }).type,
    ).toBe(optIn);
    expect(
      evaluatePreconditions(request(), { etag: '"7"', fullResponseOnNoCache: false }).type,
    ).toBe(byDefault);
  });

  it.each(rows)(
    'if-modified-since with %s → %s (opt-in: %s)',
    (_name, byDefault, optIn, caching) => {
      const request = (): Request => req('HEAD', { 'If-Modified-Since': SINCE, ...caching });
      const options = { lastModified: LAST_MODIFIED, now: NOW };
      expect(evaluatePreconditions(request(), options).type).toBe(byDefault);
      expect(
        evaluatePreconditions(request(), { ...options, fullResponseOnNoCache: true }).type,
      ).toBe(optIn);
    },
  );

  it('answers the request fetch() sends with a 304 through respondToPreconditions', async () => {
    const request = req('GET', { 'If-None-Match': '"7"', ...FETCH });
    const response = respondToPreconditions(
      request,
      { etag: '"7"' },
      { headers: { Vary: 'Accept' } },
    );
    expect(response?.status).toBe(304);
    expect(response?.headers.get('etag')).toBe('"7"');
    expect(await response?.text()).toBe('');
    const reload = respondToPreconditions(req('GET', { 'If-None-Match': '"7"', ...FETCH }), {
      etag: '"7"',
      fullResponseOnNoCache: true,
    });
    expect(reload).toBeUndefined();
  });

  it.each(['PUT', 'PATCH', 'DELETE'])(
    'evaluates if-match on a %s whatever its caching headers say',
    (method) => {
      const stale = req(method, { 'If-Match': '"6"', ...FETCH });
      const current = req(method, { 'If-Match': '"7"', ...FETCH });
      for (const fullResponseOnNoCache of [false, true]) {
        expect(evaluatePreconditions(stale, { etag: '"7"', fullResponseOnNoCache }).type).toBe(
          'precondition-failed',
        );
        expect(evaluatePreconditions(current, { etag: '"7"', fullResponseOnNoCache }).type).toBe(
          'proceed',
        );
      }
    },
  );

  it('still fails if-none-match: * on a put with no-cache, opted in or not', () => {
    const request = req('PUT', { 'If-None-Match': '*', ...FETCH });
    expect(evaluatePreconditions(request).type).toBe('precondition-failed');
    expect(evaluatePreconditions(request, { fullResponseOnNoCache: true }).type).toBe(
      'precondition-failed',
    );
  });
});

describe('exists: create-only puts and missing resources', () => {
  it('lets if-none-match: * create a missing resource', () => {
    const request = req('PUT', { 'If-None-Match': '*' });
    expect(evaluatePreconditions(request, { exists: false }).type).toBe('proceed');
  });

  it('refuses if-none-match: * when the resource exists', () => {
    const request = req('PUT', { 'If-None-Match': '*' });
    expect(evaluatePreconditions(request, { etag: '"7"' })).toMatchObject({
      type: 'precondition-failed',
      condition: 'If-None-Match',
    });
  });

  it('fails if-match: * on a missing resource', () => {
    const request = req('DELETE', { 'If-Match': '*' });
    expect(evaluatePreconditions(request, { exists: false }).type).toBe('precondition-failed');
    expect(evaluatePreconditions(request, { exists: true }).type).toBe('proceed');
  });

  it('reports no validators for a missing resource', () => {
    const decision = evaluatePreconditions(req('GET'), {
      exists: false,
      etag: '"7"',
      lastModified: LAST_MODIFIED,
    });
    expect(decision).toEqual({ type: 'proceed', etag: undefined, lastModified: undefined });
  });
});

describe('rfc 6585 §3 require preconditions', () => {
  it.each(['PUT', 'PATCH', 'DELETE'])('answers 428 to an unconditional %s', (method) => {
    expect(evaluatePreconditions(req(method), { etag: '"7"', require: true })).toMatchObject({
      type: 'precondition-required',
      status: 428,
      method,
    });
  });

  it.each(['GET', 'HEAD', 'POST'])('does not require preconditions on %s', (method) => {
    expect(evaluatePreconditions(req(method), { require: true }).type).toBe('proceed');
  });

  it('takes a list of methods', () => {
    expect(evaluatePreconditions(req('POST'), { require: ['POST'] }).type).toBe(
      'precondition-required',
    );
    expect(evaluatePreconditions(req('PUT'), { require: ['POST'] }).type).toBe('proceed');
    expect(evaluatePreconditions(req('PUT'), { require: false }).type).toBe('proceed');
  });

  it.each([
    ['If-Match', '"7"'],
    ['If-Unmodified-Since', 'Wed, 10 Jan 2024 12:00:00 GMT'],
    ['If-None-Match', '*'],
  ])('accepts %s as the precondition', (name, value) => {
    const decision = evaluatePreconditions(req('PUT', { [name]: value }), {
      etag: '"7"',
      lastModified: LAST_MODIFIED,
      exists: name !== 'If-None-Match',
      require: true,
    });
    expect(decision.type).toBe('proceed');
  });

  it('does not accept an invalid if-unmodified-since or if-none-match with tags', () => {
    for (const [name, value] of [
      ['If-Unmodified-Since', 'last week'],
      ['If-None-Match', '"6"'],
    ] as const) {
      const decision = evaluatePreconditions(req('PATCH', { [name]: value }), {
        etag: '"7"',
        require: true,
      });
      expect(decision.type).toBe('precondition-required');
    }
  });
});

// `require: true` accepts If-Unmodified-Since and `If-Match: *`, neither of which pins the version
// the client read: a date has one-second granularity, `*` only says "some version exists".
describe("require: 'entity-tag' — only an if-match naming an entity-tag pins the version", () => {
  const PAST = new Date(LAST_MODIFIED - 60_000).toUTCString();
  const EXACT = new Date(LAST_MODIFIED).toUTCString();
  const FAR = 'Fri, 31 Dec 9999 23:59:59 GMT';
  // [request, headers, outcome when the method must be conditional, outcome when it need not be]
  const rows: Array<[string, string, string, Record<string, string>]> = [
    ['if-match with the current tag', 'proceed', 'proceed', { 'If-Match': '"7"' }],
    ['if-match listing the current tag', 'proceed', 'proceed', { 'If-Match': '"6", "7"' }],
    [
      'if-match with a stale tag',
      'precondition-failed',
      'precondition-failed',
      { 'If-Match': '"6"' },
    ],
    [
      'if-match with a weak tag',
      'precondition-failed',
      'precondition-failed',
      { 'If-Match': 'W/"7"' },
    ],
    ['if-match: *', 'precondition-required', 'proceed', { 'If-Match': '*' }],
    [
      'if-match without a valid tag',
      'precondition-required',
      'precondition-failed',
      { 'If-Match': '7' },
    ],
    [
      'if-unmodified-since in the past',
      'precondition-required',
      'precondition-failed',
      { 'If-Unmodified-Since': PAST },
    ],
    [
      'if-unmodified-since = last-modified',
      'precondition-required',
      'proceed',
      { 'If-Unmodified-Since': EXACT },
    ],
    [
      'if-unmodified-since in 9999',
      'precondition-required',
      'proceed',
      { 'If-Unmodified-Since': FAR },
    ],
    [
      'both, the tag current',
      'proceed',
      'proceed',
      { 'If-Match': '"7"', 'If-Unmodified-Since': PAST },
    ],
    [
      'both, the tag stale',
      'precondition-failed',
      'precondition-failed',
      { 'If-Match': '"6"', 'If-Unmodified-Since': FAR },
    ],
    [
      'both, if-match: *',
      'precondition-required',
      'proceed',
      { 'If-Match': '*', 'If-Unmodified-Since': FAR },
    ],
    ['if-none-match with a tag', 'precondition-required', 'proceed', { 'If-None-Match': '"6"' }],
    ['no precondition', 'precondition-required', 'proceed', {}],
  ];
  const options = { etag: '"7"', lastModified: LAST_MODIFIED, now: NOW };
  const decide = (
    method: string,
    headers: Record<string, string>,
    require: NonNullable<PreconditionOptions['require']>,
  ): string => evaluatePreconditions(req(method, headers), { ...options, require }).type;

  describe.each(['PUT', 'PATCH', 'DELETE'])('%s', (method) => {
    it.each(rows)('%s → %s', (_name, required, _unrequired, headers) => {
      expect(decide(method, headers, 'entity-tag')).toBe(required);
      expect(decide(method, headers, { validator: 'entity-tag' })).toBe(required);
      expect(decide(method, headers, { methods: [method], validator: 'entity-tag' })).toBe(
        required,
      );
    });
  });

  describe('POST', () => {
    it.each(rows)('%s → %s when listed, %s when not', (_name, required, unrequired, headers) => {
      expect(decide('POST', headers, { methods: ['POST'], validator: 'entity-tag' })).toBe(
        required,
      );
      expect(decide('POST', headers, 'entity-tag')).toBe(unrequired);
      expect(decide('POST', headers, { methods: ['PUT'], validator: 'entity-tag' })).toBe(
        unrequired,
      );
    });
  });

  it('reports what was required in the decision', () => {
    expect(decide('PUT', { 'If-Match': '*' }, 'entity-tag')).toBe('precondition-required');
    expect(
      evaluatePreconditions(req('PUT', { 'If-Match': '*' }), { ...options, require: 'entity-tag' }),
    ).toMatchObject({ type: 'precondition-required', method: 'PUT', validator: 'entity-tag' });
    expect(evaluatePreconditions(req('PUT'), { ...options, require: true })).toMatchObject({
      type: 'precondition-required',
      validator: 'any',
    });
  });

  it('keeps the object form without validator as require: true', () => {
    const headers = { 'If-Unmodified-Since': EXACT };
    expect(decide('PUT', headers, {})).toBe('proceed');
    expect(decide('PUT', {}, {})).toBe('precondition-required');
    expect(decide('POST', {}, { methods: ['POST'] })).toBe('precondition-required');
    expect(decide('PUT', {}, { methods: ['POST'] })).toBe('proceed');
  });

  it("still lets if-none-match: * create a missing resource (it pins 'no version')", () => {
    const create = req('PUT', { 'If-None-Match': '*' });
    expect(evaluatePreconditions(create, { exists: false, require: 'entity-tag' }).type).toBe(
      'proceed',
    );
    expect(evaluatePreconditions(create, { ...options, require: 'entity-tag' }).type).toBe(
      'precondition-failed',
    );
  });

  it('stops the lost update that if-unmodified-since lets through', () => {
    // B reads version "7"; within the same second C writes "8" with If-Match: the Last-Modified
    // B read still equals the current one, so B's If-Unmodified-Since write would pass.
    const current = { etag: '"8"', lastModified: LAST_MODIFIED + 400, now: LAST_MODIFIED + 900 };
    const writeOfB = (): Request => req('PUT', { 'If-Unmodified-Since': EXACT });
    expect(evaluatePreconditions(writeOfB(), { ...current, require: true }).type).toBe('proceed');
    expect(evaluatePreconditions(writeOfB(), { ...current, require: 'entity-tag' }).type).toBe(
      'precondition-required',
    );
    const retry = req('PUT', { 'If-Match': '"7"' });
    expect(evaluatePreconditions(retry, { ...current, require: 'entity-tag' }).type).toBe(
      'precondition-failed',
    );
  });

  it('answers 428 as problem+json asking for if-match with the current entity-tag', async () => {
    const response = respondToPreconditions(req('PATCH', { 'If-Unmodified-Since': EXACT }), {
      ...options,
      require: 'entity-tag',
    });
    expect(response?.status).toBe(428);
    expect(response?.headers.get('content-type')).toBe('application/problem+json');
    expect(response?.headers.get('etag')).toBe('"7"');
    const body = (await response?.json()) as { detail: string; errors: unknown };
    expect(body.detail).toMatch(/If-Match with the current entity-tag/);
    expect(body.detail).toMatch(/If-Unmodified-Since/);
    expect(body.errors).toEqual([
      { header: 'If-Match', detail: 'If-Match with an entity-tag is required for PATCH.' },
    ]);
  });

  it('tells a client of a missing resource it may create it with if-none-match: *', async () => {
    const response = respondToPreconditions(req('PUT'), { exists: false, require: 'entity-tag' });
    expect(response?.status).toBe(428);
    expect(response?.headers.has('etag')).toBe(false);
    expect(((await response?.json()) as { detail: string }).detail).toMatch(/If-None-Match: \*/);
  });
});

describe('preconditionResponse', () => {
  it('returns nothing when the request proceeds', () => {
    expect(
      preconditionResponse(evaluatePreconditions(req('GET'), { etag: '"7"' })),
    ).toBeUndefined();
    const range = req('GET', { Range: 'bytes=0-1', 'If-Range': '"6"' });
    expect(preconditionResponse(evaluatePreconditions(range, { etag: '"7"' }))).toBeUndefined();
  });

  it('builds a bodiless 304 with the headers §15.4.5 requires', async () => {
    const decision = evaluatePreconditions(req('GET', { 'If-None-Match': '"7"' }), {
      etag: '"7"',
      lastModified: LAST_MODIFIED,
    });
    const response = preconditionResponse(decision, {
      headers: {
        'Cache-Control': 'max-age=60',
        'Content-Location': '/articles/7.json',
        Date: 'Sat, 20 Jan 2024 00:00:00 GMT',
        Expires: 'Sat, 20 Jan 2024 00:01:00 GMT',
        Vary: 'Accept',
        'Content-Type': 'application/json',
        'Content-Length': '123',
        'Access-Control-Allow-Origin': '*',
        'Set-Cookie': 'a=b',
      },
    });
    expect(response?.status).toBe(304);
    expect(await response?.text()).toBe('');
    expect(Object.fromEntries(response?.headers ?? [])).toEqual({
      'access-control-allow-origin': '*',
      'cache-control': 'max-age=60',
      'content-location': '/articles/7.json',
      date: 'Sat, 20 Jan 2024 00:00:00 GMT',
      etag: '"7"',
      expires: 'Sat, 20 Jan 2024 00:01:00 GMT',
      vary: 'Accept',
    });
  });

  it('keeps last-modified on a 304 only when there is no etag', () => {
    const request = req('GET', { 'If-Modified-Since': new Date(NOW).toUTCString() });
    const response = preconditionResponse(
      evaluatePreconditions(request, { lastModified: LAST_MODIFIED, now: NOW }),
    );
    expect(response?.headers.get('last-modified')).toBe('Wed, 10 Jan 2024 12:00:00 GMT');
  });

  it.each([
    ['a record', (fields: Record<string, string>): HeadersInit => fields],
    ['pairs', (fields: Record<string, string>): HeadersInit => Object.entries(fields)],
    ['a Headers', (fields: Record<string, string>): HeadersInit => new Headers(fields)],
  ])('puts the current validators on a 304 over those of %s', (_, init) => {
    const decision = evaluatePreconditions(req('GET', { 'If-None-Match': '"7"' }), {
      etag: '"7"',
      lastModified: LAST_MODIFIED,
    });
    const headers = init({
      ETag: '"6"',
      'Last-Modified': 'Mon, 01 Jan 2024 00:00:00 GMT',
      Vary: 'Accept',
    });
    const response = preconditionResponse(decision, { headers });
    expect(Object.fromEntries(response?.headers ?? [])).toEqual({ etag: '"7"', vary: 'Accept' });
    const dated = preconditionResponse(decision, { headers, keep: ['last-modified'] });
    expect(Object.fromEntries(dated?.headers ?? [])).toEqual({
      'last-modified': 'Wed, 10 Jan 2024 12:00:00 GMT',
    });
  });

  it('takes a custom list of headers to keep', () => {
    const decision = evaluatePreconditions(req('GET', { 'If-None-Match': '"7"' }), { etag: '"7"' });
    const response = preconditionResponse(decision, {
      headers: { 'X-Request-Id': 'abc', Vary: 'Accept' },
      keep: ['etag', 'X-Request-Id'],
    });
    expect(response?.headers.get('x-request-id')).toBe('abc');
    expect(response?.headers.has('vary')).toBe(false);
  });

  it('answers 412 as problem+json carrying the current etag', async () => {
    const request = req('PUT', { 'If-Match': '"6"' });
    const response = respondToPreconditions(request, { etag: '"7"', lastModified: LAST_MODIFIED });
    expect(response?.status).toBe(412);
    expect(response?.headers.get('content-type')).toBe('application/problem+json');
    expect(response?.headers.get('etag')).toBe('"7"');
    expect(response?.headers.get('last-modified')).toBe('Wed, 10 Jan 2024 12:00:00 GMT');
    expect(await response?.json()).toMatchObject({
      type: 'about:blank',
      title: 'Precondition Failed',
      status: 412,
      detail: expect.stringContaining('If-Match'),
    });
  });

  it.each([
    ['If-Unmodified-Since', { 'If-Unmodified-Since': new Date(0).toUTCString() }],
    ['If-None-Match', { 'If-None-Match': '*' }],
  ])('explains a 412 caused by %s', async (name, headers) => {
    const response = respondToPreconditions(req('DELETE', headers), {
      etag: '"7"',
      lastModified: LAST_MODIFIED,
    });
    expect(response?.status).toBe(412);
    expect(((await response?.json()) as { detail: string }).detail).toContain(name);
  });

  it('answers 428 as problem+json naming the header to send', async () => {
    const withTag = respondToPreconditions(req('PATCH'), { etag: '"7"', require: true });
    expect(withTag?.status).toBe(428);
    expect(await withTag?.json()).toMatchObject({
      status: 428,
      title: 'Precondition Required',
      errors: [{ header: 'If-Match', detail: 'If-Match is required for PATCH.' }],
    });
    const withDate = respondToPreconditions(req('DELETE'), {
      lastModified: LAST_MODIFIED,
      require: true,
    });
    expect(await withDate?.json()).toMatchObject({
      errors: [{ header: 'If-Unmodified-Since' }],
    });
  });
});

// RFC 9457 §3.1.5: the problem middleware of @fielding/problem-errors gives thrown errors the
// request path as `instance`; the problems built here carry the same.
describe('rfc 9457 §3.1.5 instance of the 412 and 428 problems', () => {
  const thrown = async (path: string, error: HttpError): Promise<Response> =>
    compose(problemDetails())(() => {
      throw error;
    })(new Request(`https://api.test${path}`));

  it.each([
    ['412 (if-match)', 'PUT', { 'If-Match': '"6"' }, {}, 412],
    [
      '412 (if-unmodified-since)',
      'DELETE',
      { 'If-Unmodified-Since': new Date(0).toUTCString() },
      {},
      412,
    ],
    ['412 (if-none-match)', 'PUT', { 'If-None-Match': '*' }, {}, 412],
    ['428 (require: true)', 'PATCH', {}, { require: true }, 428],
    ['428 (require: entity-tag)', 'PATCH', { 'If-Match': '*' }, { require: 'entity-tag' }, 428],
  ] as const)(
    'gives the %s the request path, as the problem middleware does',
    async (_name, method, headers, extra, status) => {
      const request = new Request('https://api.test/articles/7?fields=title#top', {
        method,
        headers,
      });
      const decision = evaluatePreconditions(request, {
        etag: '"7"',
        lastModified: LAST_MODIFIED,
        ...extra,
      });
      expect(decision).toMatchObject({ status, instance: '/articles/7' });
      const response = preconditionResponse(decision);
      expect(response?.status).toBe(status);
      const body = (await response?.json()) as { instance?: string };
      expect(body.instance).toBe('/articles/7');
      const reference = await (await thrown('/articles/7', new HttpError(status))).json();
      expect(body.instance).toBe((reference as { instance?: string }).instance);
    },
  );

  it.each([
    ['/articles/a|b', '/articles/a%7Cb'],
    ['/articles/a^b', '/articles/a%5Eb'],
    ['/articles/[7]', '/articles/%5B7%5D'],
    ['/articles/100%', '/articles/100%25'],
    ['/articles/%zz', '/articles/%25zz'],
    ['/articles/caf%C3%A9', '/articles/caf%C3%A9'],
    ['/articles/café', '/articles/caf%C3%A9'],
    ['//evil.test/x', '/.//evil.test/x'],
    ["/a/b;c=d/e:f@g!$&'()*+,~_-.", "/a/b;c=d/e:f@g!$&'()*+,~_-."],
  ])('escapes the path %s into the uri reference %s', async (path, instance) => {
    const request = new Request(`https://api.test${path}`, {
      method: 'PUT',
      headers: { 'If-Match': '"6"' },
    });
    const response = respondToPreconditions(request, { etag: '"7"' });
    expect(response?.status).toBe(412);
    expect(await response?.json()).toMatchObject({ status: 412, instance });
  });

  it('leaves instance out where the url has no path that stands alone (urn:a:b)', async () => {
    const request = new Request('urn:a:b', { method: 'PUT', headers: { 'If-Match': '"6"' } });
    const decision = evaluatePreconditions(request, { etag: '"7"' });
    expect(decision.type).toBe('precondition-failed');
    expect(decision).not.toHaveProperty('instance');
    const body = await preconditionResponse(decision)?.json();
    expect(body).toMatchObject({ status: 412 });
    expect(body).not.toHaveProperty('instance');
  });

  it('leaves instance out of a decision that proceeds', () => {
    expect(evaluatePreconditions(req('GET'), { etag: '"7"' })).not.toHaveProperty('instance');
  });

  it('always builds the problem, with a uri-reference instance, whatever the path', () => {
    // Every ASCII character (the ones a URL keeps raw are the risk) and a few beyond.
    const char = fc.oneof(
      fc.integer({ min: 0, max: 0x7f }).map((code) => String.fromCharCode(code)),
      fc.constantFrom('é', '\u{1F600}', '\uD800', '%'),
    );
    const segment = fc.string({ unit: char, maxLength: 30 });
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 4 }), (segments) => {
        const request = new Request(`https://api.test/${segments.join('/')}`, {
          method: 'PATCH',
        });
        const response = respondToPreconditions(request, { etag: '"7"', require: 'entity-tag' });
        expect(response?.status).toBe(428);
        const decision = evaluatePreconditions(request, { require: 'entity-tag' });
        const instance = 'instance' in decision ? (decision.instance ?? '') : '';
        expect(instance).toMatch(/^\/(?!\/)/);
        expect(() => problemDocument({ status: 428, instance })).not.toThrow();
      }),
    );
  });
});

describe('evaluatePreconditions properties', () => {
  const printable = fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
    maxLength: 80,
  });
  const field = fc.option(
    fc.oneof(printable, fc.constantFrom('*', '"7"', 'W/"7"', 'Wed, 10 Jan 2024 12:00:00 GMT')),
    { nil: undefined },
  );

  it('never throws on any request header values, and always decides', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'POST'),
        fc.record({
          'if-match': field,
          'if-none-match': field,
          'if-modified-since': field,
          'if-unmodified-since': field,
          'if-range': field,
          range: field,
          'cache-control': field,
        }),
        fc.boolean(),
        fc.constantFrom(true, 'entity-tag' as const),
        (method, fields, exists, require) => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(fields)) {
            if (value !== undefined) headers.set(name, value);
          }
          const request = new Request(url, { method, headers });
          const decision = evaluatePreconditions(request, {
            etag: '"7"',
            lastModified: LAST_MODIFIED,
            exists,
            require,
            now: NOW,
          });
          expect([
            'proceed',
            'ignore-range',
            'not-modified',
            'precondition-failed',
            'precondition-required',
          ]).toContain(decision.type);
          if (decision.type === 'not-modified') expect(['GET', 'HEAD']).toContain(method);
          // No lost update: an unsafe write proceeds only on the current tag or as a create.
          if (
            require === 'entity-tag' &&
            decision.type === 'proceed' &&
            UNSAFE_METHODS.includes(method)
          ) {
            const tags = parseEntityTagList(headers.get('if-match'));
            const named = tags !== '*' && tags.some((tag) => strongMatch(tag, '"7"'));
            const create = !exists && headers.get('if-none-match')?.trim() === '*';
            expect(named || create).toBe(true);
          }
        },
      ),
    );
  });

  it('decides the same whatever the request cache-control and pragma say', () => {
    const caching = fc.oneof(printable, fc.constantFrom('no-cache', 'no-store', 'max-age=0'));
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'HEAD', 'PUT', 'DELETE'),
        fc.record({ 'if-none-match': field, 'if-modified-since': field, 'if-match': field }),
        caching,
        caching,
        (method, fields, cacheControl, pragma) => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(fields)) {
            if (value !== undefined) headers.set(name, value);
          }
          const options = { etag: '"7"', lastModified: LAST_MODIFIED, now: NOW };
          const plain = evaluatePreconditions(new Request(url, { method, headers }), options);
          headers.set('cache-control', cacheControl);
          headers.set('pragma', pragma);
          const cached = evaluatePreconditions(new Request(url, { method, headers }), options);
          expect(cached).toEqual(plain);
        },
      ),
    );
  });
});
