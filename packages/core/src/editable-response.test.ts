import { describe, expect, it } from 'vitest';
import { editableResponse } from './editable-response.js';

describe('editableResponse', () => {
  it('gives back a response whose headers can change, untouched', () => {
    const response = new Response('x', { headers: { ETag: '"1"' } });
    expect(editableResponse(response)).toBe(response);
    expect([...response.headers]).toEqual([
      ['content-type', 'text/plain;charset=UTF-8'],
      ['etag', '"1"'],
    ]);
  });

  it('copies a response with immutable headers: same status, headers and body', async () => {
    const redirect = Response.redirect('https://api.test/blogs/7', 308);
    expect(() => redirect.headers.set('x', 'y')).toThrow(TypeError);
    const copy = editableResponse(redirect);
    expect(copy).not.toBe(redirect);
    copy.headers.set('Cache-Control', 'max-age=60');
    expect(copy.status).toBe(308);
    expect(copy.headers.get('Location')).toBe('https://api.test/blogs/7');
    expect(await copy.text()).toBe('');
  });
});
