import { compose, type FetchHandler } from '@fielding/core';
import { isHttpError } from '@fielding/problem-errors';
import { describe, expect, it } from 'vitest';
import { compression } from './compression.js';
import { toCsv } from './csv.js';
import { toHtml } from './html.js';
import { matchesMediaType, parseMediaType, type MediaType } from './media-type.js';
import {
  negotiateCharset,
  negotiateEncoding,
  negotiateLanguage,
  negotiateMediaType,
} from './negotiate.js';
import { representation } from './representation.js';
import { createRepresentations } from './representations.js';
import { readJson, requireContentType } from './request-body.js';

// Issue: every table read with a client-supplied key must look at own properties only, so a
// header, query or path naming `constructor`, `toString` or `__proto__` never reaches
// Object.prototype (a match that is not there, a crash on a function, or pollution).
const KEYS = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'prototype'];

describe.each(KEYS)('the key %s', (key) => {
  it.each([
    [`${key}/${key}`],
    [key],
    [`text/${key}`],
    [`text/html;${key}=x`],
    [`text/html;${key}="x"`],
  ])('as a media range (accept: %s) matches nothing', (accept) => {
    const decision = negotiateMediaType(new Headers({ Accept: accept }), [
      'text/html;level=1',
      'application/json',
    ]);
    expect(decision.choice).toBeUndefined();
    expect(decision.verdicts.map((verdict) => verdict.outcome)).toEqual(['unmatched', 'unmatched']);
  });

  it('as a media range parameter the variant has not, excludes only by its own value', () => {
    const decision = negotiateMediaType(new Headers({ Accept: `text/html;${key}=*` }), [
      'text/html',
    ]);
    // `*` as a parameter value matches whatever the variant has (negotiator's rule).
    expect(decision.choice).toBe('text/html');
  });

  it.each([
    ['Accept-Charset', (h: Headers) => negotiateCharset(h, ['utf-8'])],
    ['Accept-Encoding', (h: Headers) => negotiateEncoding(h, ['gzip'])],
    ['Accept-Language', (h: Headers) => negotiateLanguage(h, ['en'], null)],
  ])('as a member of %s matches nothing', (field, negotiate) => {
    for (const value of [key, `${key};q=1`, `${key}-GB`, `${key};${key}=1`]) {
      const decision = negotiate(new Headers({ [field]: value }));
      expect(decision.choice).toBeUndefined();
      expect(decision.verdicts[0]?.outcome).toBe('unmatched');
    }
  });

  it('as a content coding leaves the response uncompressed', async () => {
    const handler = compose(compression({ threshold: 0 }))(() => Response.json({ a: 1 }));
    const response = await handler(
      new Request('https://api.test/', { headers: { 'Accept-Encoding': key } }),
    );
    expect(response.headers.get('Content-Encoding')).toBeNull();
    expect(await response.json()).toEqual({ a: 1 });
  });

  describe('as a format name', () => {
    const app: FetchHandler = (request) => representation({ path: new URL(request.url).pathname });
    const handler = compose(
      createRepresentations({ extensions: true, formatParameter: 'format' }).middleware,
    )(app);

    it('in ?format= is not available (406)', async () => {
      const response = await handler(new Request(`https://api.test/articles/7?format=${key}`));
      expect(response.status).toBe(406);
      expect(((await response.json()) as { detail: string }).detail).toBe(
        `Format ${key} is not available here; available: application/json, application/hal+json, text/html.`,
      );
    });

    it('as a url extension stays in the path', async () => {
      const response = await handler(new Request(`https://api.test/articles/7.${key}`));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ path: `/articles/7.${key}` });
    });
  });

  it.each([[`${key}/${key}`], [`application/${key}`], [`text/plain;${key}=x`]])(
    'in content-type %s is not json (415)',
    async (type) => {
      const request = new Request('https://api.test/', {
        method: 'POST',
        headers: { 'Content-Type': type },
        body: '{}',
      });
      const error: unknown = await readJson(request).catch((thrown: unknown) => thrown);
      expect(isHttpError(error) && error.status).toBe(415);
    },
  );

  it('as a content-type parameter is an own, plain parameter', () => {
    const parsed = parseMediaType(`application/json;${key}=x`);
    expect(parsed?.essence).toBe('application/json');
    expect(Object.getPrototypeOf(parsed?.parameters)).toBeNull();
    // Parameter names are case-insensitive, so they are kept lower-cased.
    expect(Object.keys(parsed?.parameters ?? {})).toEqual([key.toLowerCase()]);
    expect(parsed?.parameters[key.toLowerCase()]).toBe('x');
    // A pattern that names the parameter is matched by its value only.
    expect(
      matchesMediaType(parseMediaType('application/json') ?? '', `application/json;${key}=x`),
    ).toBe(false);
    // A MediaType built by hand has an ordinary parameters object.
    const handMade = { ...parseMediaType('application/json'), parameters: {} } as MediaType;
    expect(matchesMediaType(handMade, `application/json;${key}=x`)).toBe(false);
    const request = new Request('https://api.test/', {
      method: 'POST',
      headers: { 'Content-Type': `application/json;${key}=x` },
      body: '{}',
    });
    expect(requireContentType(request, ['application/json'])?.essence).toBe('application/json');
  });
});

// Column names come from the records, which may hold a client's property names (a stored
// body): a record without that column has an empty cell, never a property of Object.prototype.
describe.each(KEYS)('a column named %s', (key) => {
  const records = JSON.parse(`[{"id":1,"${key}":"own"},{"id":2}]`) as Record<string, string>[];

  it('is empty in csv where the record lacks it', () => {
    expect(toCsv(records)).toBe(`id,${key}\r\n1,own\r\n2,\r\n`);
  });

  it('is empty in an html table where the record lacks it', () => {
    const html = toHtml(records);
    expect(html).toContain('<td><code>1</code></td><td>own</td>');
    // As for any column a record lacks.
    expect(html).toContain('<td><code>2</code></td><td><code>null</code></td>');
    expect(html).not.toContain('native code');
  });
});

it('a prototype-named json member is data, not a prototype', async () => {
  const request = new Request('https://api.test/', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
  });
  const value = (await readJson(request)) as Record<string, unknown>;
  expect(Object.hasOwn(value, '__proto__')).toBe(true);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
});
