import { describe, expect, it } from 'vitest';
import { NOT_MODIFIED_HEADERS, notModified } from './not-modified.js';

describe('notModified (rfc 9110 §15.4.5)', () => {
  it('keeps the required fields and drops representation metadata', async () => {
    const response = notModified({
      ETag: '"7"',
      'Last-Modified': 'Wed, 10 Jan 2024 12:00:00 GMT',
      'Content-Type': 'application/json',
      'Content-Length': '10',
      Vary: 'Accept, Origin',
    });
    expect(response.status).toBe(304);
    expect(await response.text()).toBe('');
    expect(Object.fromEntries(response.headers)).toEqual({ etag: '"7"', vary: 'Accept, Origin' });
  });

  it('keeps last-modified when there is no etag', () => {
    const response = notModified(new Headers({ 'Last-Modified': 'Wed, 10 Jan 2024 12:00:00 GMT' }));
    expect(response.headers.get('last-modified')).toBe('Wed, 10 Jan 2024 12:00:00 GMT');
  });

  it('can be extended', () => {
    const response = notModified({ 'X-Request-Id': '1', ETag: '"7"' }, [
      ...NOT_MODIFIED_HEADERS,
      'X-Request-Id',
    ]);
    expect(response.headers.get('x-request-id')).toBe('1');
  });
});
