import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { PROBLEM_JSON } from '@fielding/problem-errors';
import { notFoundHandler, rejectMalformedTarget } from './index.js';

function guardedApp(): Hono {
  const app = new Hono();
  app.use(rejectMalformedTarget());
  app.get('/tags/:tag', (c) => c.json({ tag: c.req.param('tag') }));
  app.get('*', (c) => c.text('routed'));
  app.notFound(notFoundHandler());
  return app;
}

describe('rejectMalformedTarget', () => {
  it.each([
    ['a bad escape', '/tags/%ZZ'],
    ['a cut escape', '/tags/a%4'],
    ['an escape that is not UTF-8', '/tags/%E0%A4'],
    ['a lone surrogate escaped', '/tags/%ED%A0%80'],
    ['a bad escape outside any route', '/%ZZ/x'],
    // Hono decodes %0A, then matches neither `*` nor the middleware: notFoundHandler answers.
    ['a bad escape after a line break', '/%0A/%'],
  ])('answers %s in the path with a 400 problem', async (_name, path) => {
    const response = await guardedApp().request(path);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe(PROBLEM_JSON);
    expect(await response.json()).toMatchObject({
      status: 400,
      detail: 'The request path holds a malformed percent-encoding.',
    });
  });

  it.each([
    ['an escaped UTF-8 letter', '/tags/%C3%A9', { tag: 'é' }],
    ['an escaped slash', '/tags/a%2Fb', { tag: 'a/b' }],
    ['a bad escape in the query only', '/tags/a?q=%ZZ', { tag: 'a' }],
  ])('lets %s through', async (_name, path, body) => {
    const response = await guardedApp().request(path);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(body);
  });

  it.each([
    ['two Host fields, as the Web joins them', 'a.test, evil.test'],
    ['a space', 'a b'],
    ['a path', 'a/b'],
  ])('answers a Host with %s with a 400 problem', async (_name, host) => {
    const response = await guardedApp().request('/x', { headers: { Host: host } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      detail: 'The Host header field is not a valid host.',
    });
  });

  it.each(['api.example', 'api.example:8443', '127.0.0.1:3000', '[::1]:80'])(
    'lets the Host %s through',
    async (host) => {
      const response = await guardedApp().request('/x', { headers: { Host: host } });
      expect(await response.text()).toBe('routed');
    },
  );

  it('answers 400 exactly when the path does not percent-decode, for any path', async () => {
    const app = guardedApp();
    // Letters, whole and cut escapes, UTF-8 and broken UTF-8, mixed into segments.
    const piece = fc.oneof(
      fc.stringMatching(/^\w{1,3}$/),
      fc.constantFrom('%', '%4', '%41', '%ZZ', '%E0', '%A4', '%C3%A9', '%0A', '%ED%A0%80', '%2F'),
    );
    const segment = fc.array(piece, { maxLength: 4 }).map((pieces) => pieces.join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { maxLength: 4 }), async (segments) => {
        const path = `/${segments.join('/')}`;
        const response = await app.request(`http://a.test${path}`);
        let decodes = true;
        try {
          decodeURIComponent(new URL(`http://a.test${path}`).pathname);
        } catch {
          decodes = false;
        }
        // Hono's own routing decides the rest (`*` does not match a decoded line break).
        expect(response.status === 400).toBe(!decodes);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  });
});
