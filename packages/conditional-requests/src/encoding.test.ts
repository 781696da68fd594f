import { describe, expect, it } from 'vitest';
import { encodedEntityTag, weakenEntityTag } from './encoding.js';
import { evaluatePreconditions } from './preconditions.js';

describe('weakenEntityTag', () => {
  it('weakens a strong etag in place', () => {
    const headers = new Headers({ ETag: '"7"' });
    expect(weakenEntityTag(headers)).toBe('W/"7"');
    expect(headers.get('etag')).toBe('W/"7"');
  });

  it('leaves weak, invalid and absent tags alone', () => {
    expect(weakenEntityTag(new Headers({ ETag: 'W/"7"' }))).toBe('W/"7"');
    expect(weakenEntityTag(new Headers({ ETag: '7' }))).toBe('7');
    expect(weakenEntityTag(new Headers())).toBeNull();
  });

  it('keeps 304s working and stops if-match on the compressed body', () => {
    const headers = new Headers({ ETag: '"7"' });
    const etag = weakenEntityTag(headers) ?? '';
    const revalidate = new Request('https://x.test/', { headers: { 'If-None-Match': '"7"' } });
    expect(evaluatePreconditions(revalidate, { etag }).type).toBe('not-modified');
    const update = new Request('https://x.test/', { method: 'PUT', headers: { 'If-Match': etag } });
    expect(evaluatePreconditions(update, { etag }).type).toBe('precondition-failed');
  });
});

describe('encodedEntityTag', () => {
  it.each([
    ['"7"', 'gzip', '"7-gzip"'],
    ['W/"7"', 'BR', 'W/"7-br"'],
    ['"7"', 'identity', '"7"'],
    ['"7"', 'a b', '"7"'],
    ['7', 'gzip', '7'],
  ])('%s with %s → %s', (etag, coding, expected) => {
    expect(encodedEntityTag(etag, coding)).toBe(expected);
  });
});
