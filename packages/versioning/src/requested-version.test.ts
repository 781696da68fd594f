import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acceptWithoutVendor,
  requestedVersion,
  type VersionStrategy,
} from './requested-version.js';

const path: VersionStrategy = { in: 'path', prefix: '/api' };
const query: VersionStrategy = { in: 'query' };
const header: VersionStrategy = { in: 'header', name: 'Api-Version' };
const media: VersionStrategy = { in: 'media-type', vendor: 'blog' };

const request = (url: string, headers: Record<string, string> = {}): Request =>
  new Request(`https://api.test${url}`, { headers });

describe('requestedVersion', () => {
  it.each([
    [path, '/api/2/blogs', {}, { kind: 'named', versions: ['2'] }],
    [path, '/api/2.0/blogs', {}, { kind: 'named', versions: ['2'] }],
    [path, '/api/v2/blogs', {}, { kind: 'named', versions: ['2'] }],
    [path, '/api/v2', {}, { kind: 'named', versions: ['2'] }],
    [path, '/api/blogs', {}, { kind: 'none' }],
    [path, '/other/v2/blogs', {}, { kind: 'none' }],
    [path, '/api/v2x/blogs', {}, { kind: 'invalid', text: 'v2x' }],
    [{ in: 'path' }, '/v3/blogs', {}, { kind: 'named', versions: ['3'] }],
    [query, '/blogs?v=2', {}, { kind: 'named', versions: ['2'] }],
    [query, '/blogs?v=v2.0', {}, { kind: 'named', versions: ['2'] }],
    [query, '/blogs', {}, { kind: 'none' }],
    [query, '/blogs?v=x', {}, { kind: 'invalid', text: 'x' }],
    [query, '/blogs?v=1&v=2', {}, { kind: 'invalid', text: '1,2' }],
    [
      { in: 'query', name: 'api-version' },
      '/b?api-version=2.1',
      {},
      { kind: 'named', versions: ['2.1'] },
    ],
    [header, '/blogs', { 'Api-Version': '2' }, { kind: 'named', versions: ['2'] }],
    [header, '/blogs', {}, { kind: 'none' }],
    [header, '/blogs', { 'Api-Version': '1, 2' }, { kind: 'invalid', text: '1, 2' }],
    [header, '/blogs', { 'Api-Version': 'latest' }, { kind: 'invalid', text: 'latest' }],
    [
      media,
      '/blogs',
      { Accept: 'application/vnd.blog.v2+json' },
      { kind: 'named', versions: ['2'] },
    ],
    [
      media,
      '/blogs',
      { Accept: 'application/vnd.blog+json; version=2' },
      { kind: 'named', versions: ['2'] },
    ],
    [
      media,
      '/blogs',
      { Accept: 'application/VND.Blog.V2+JSON' },
      { kind: 'named', versions: ['2'] },
    ],
    [
      media,
      '/blogs',
      { Accept: 'application/vnd.blog.v1+json;q=0.5, application/vnd.blog.v2+json' },
      { kind: 'named', versions: ['2', '1'] },
    ],
    [media, '/blogs', { Accept: 'application/vnd.blog.v2+json;q=0' }, { kind: 'none' }],
    [media, '/blogs', { Accept: 'application/json' }, { kind: 'none' }],
    [media, '/blogs', { Accept: 'application/vnd.blogger.v2+json' }, { kind: 'none' }],
    [media, '/blogs', { Accept: 'application/vnd.blog+json' }, { kind: 'none' }],
    [media, '/blogs', {}, { kind: 'none' }],
    [
      media,
      '/blogs',
      { Accept: 'application/vnd.blog.vX+json' },
      { kind: 'invalid', text: 'application/vnd.blog.vX+json' },
    ],
  ] as const)('%o %s %o → %o', (strategy, url, headers, expected) => {
    expect(requestedVersion(request(url, headers), strategy)).toEqual(expected);
  });

  it('never throws and never echoes more than 32 characters of what it refuses', () => {
    const strategies = [path, query, header, media];
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.nat(3), (text, pick) => {
        const headers = new Headers();
        try {
          headers.set('Api-Version', text);
          headers.set('Accept', `application/vnd.blog.${text}+json`);
        } catch {
          return; // not a valid header value: a client cannot send it
        }
        const url = `https://api.test/api/${encodeURIComponent(text)}/x?v=${encodeURIComponent(text)}`;
        const result = requestedVersion(
          new Request(url, { headers }),
          strategies[pick] as VersionStrategy,
        );
        if (result.kind === 'invalid') expect(result.text.length).toBeLessThanOrEqual(32);
      }),
    );
  });
});

describe('acceptWithoutVendor', () => {
  it.each([
    ['application/vnd.blog.v2+json', 'application/json'],
    ['application/vnd.blog.v2+json;q=0.5, text/csv', 'application/json;q=0.5, text/csv'],
    ['application/vnd.blog+json; version=1, */*;q=0.1', 'application/json, */*;q=0.1'],
    ['text/html, application/vnd.other.v2+json', 'text/html, application/vnd.other.v2+json'],
  ])('%s → %s', (accept, expected) => {
    expect(acceptWithoutVendor(accept, 'blog', 'application/json')).toBe(expected);
  });
});
