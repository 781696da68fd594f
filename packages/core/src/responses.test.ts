import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accepted,
  created,
  formatRetryAfter,
  movedPermanently,
  movedPermanentlyKeepingMethod,
  movedTemporarily,
  movedTemporarilyKeepingMethod,
  noContent,
  seeOther,
} from './responses.js';

const request = new Request('https://api.test/blogs/7/articles?page=2', { method: 'POST' });

describe('responses with a target (rfc 9110 §15.3, §15.4)', () => {
  it.each([
    [created, 201],
    [accepted, 202],
    [movedPermanently, 301],
    [movedTemporarily, 302],
    [seeOther, 303],
    [movedTemporarilyKeepingMethod, 307],
    [movedPermanentlyKeepingMethod, 308],
  ] as const)('%o answers %i with Location resolved against the request', (helper, status) => {
    const response = helper(request, '3');
    expect(response.status).toBe(status);
    expect(response.headers.get('Location')).toBe('https://api.test/blogs/7/3');
    expect(response.body).toBeNull();
  });

  it.each([
    ['/blogs/9', 'https://api.test/blogs/9'],
    ['../x', 'https://api.test/blogs/x'],
    ['https://other.test/a b', 'https://other.test/a%20b'],
    ['?page=3', 'https://api.test/blogs/7/articles?page=3'],
    [new URL('https://api.test/u'), 'https://api.test/u'],
  ])('resolves %s to %s', (target, location) => {
    expect(created(request, target).headers.get('Location')).toBe(location);
    expect(created(new URL(request.url), target).headers.get('Location')).toBe(location);
  });

  it('refuses a target that is no URL reference', () => {
    expect(() => created(request, 'http://[::1')).toThrow(TypeError);
  });

  it('keeps the body and headers it is given, and its own Location wins', () => {
    const response = created(request, '/blogs/7/articles/3', {
      body: '{"id":3}',
      headers: { 'Content-Type': 'application/json', ETag: '"1"', Location: '/elsewhere' },
    });
    expect(response.headers.get('ETag')).toBe('"1"');
    expect(response.headers.get('Location')).toBe('https://api.test/blogs/7/articles/3');
    return expect(response.text()).resolves.toBe('{"id":3}');
  });

  it('accepted sets Retry-After from seconds or a date', () => {
    expect(accepted(request, '/jobs/1', { retryAfter: 0 }).headers.get('Retry-After')).toBe('0');
    const date = new Date(Date.UTC(2026, 11, 7, 12, 0, 0));
    expect(accepted(request, '/jobs/1', { retryAfter: date }).headers.get('Retry-After')).toBe(
      'Mon, 07 Dec 2026 12:00:00 GMT',
    );
    expect(accepted(request, '/jobs/1').headers.has('Retry-After')).toBe(false);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses Retry-After %s', (value) => {
    expect(() => formatRetryAfter(value)).toThrow(RangeError);
  });

  it('rounds a fraction of a second down', () => {
    expect(formatRetryAfter(1.9)).toBe('1');
  });

  it('refuses an invalid Retry-After date', () => {
    expect(() => formatRetryAfter(new Date('nope'))).toThrow(RangeError);
  });

  it('formats every non-negative integer as delay-seconds', () => {
    fc.assert(
      fc.property(fc.nat(), (seconds) => {
        expect(formatRetryAfter(seconds)).toMatch(/^\d+$/);
      }),
    );
  });

  it('noContent answers 204 with the headers given and no body', () => {
    const response = noContent({ ETag: '"4"' });
    expect(response.status).toBe(204);
    expect(response.headers.get('ETag')).toBe('"4"');
    expect(response.body).toBeNull();
  });
});
