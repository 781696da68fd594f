// Over real HTTP: serve() from @fielding/node in front of bearerAuth, and raw requests a fetch()
// client would not send (two Authorization fields, a tab, bytes outside ASCII, a huge token).
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { compose, createRouter } from '@fielding/core';
import { serve } from '@fielding/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET, hs256, now, unsecured } from '../src/_test-tokens.js';
import { bearerAuth, claimsOf } from '../src/index.js';

const router = createRouter().get('/blogs', (request) =>
  Response.json({ sub: claimsOf(request)?.sub ?? null }),
);
const server = serve(compose(bearerAuth({ secret: SECRET, realm: 'blog' }))(router.fetch), {
  port: 0,
});
let port = 0;

function raw(lines: readonly string[]): Promise<{ status: number; challenge: string | null }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      const challenge = /\r\nwww-authenticate: ([^\r]*)/i.exec(text)?.[1] ?? null;
      resolve({ status, challenge });
    });
    socket.end(Buffer.from(`${lines.join('\r\n')}\r\nConnection: close\r\n\r\n`, 'latin1'));
  });
}

describe('bearerAuth over HTTP (serve from @fielding/node)', () => {
  let valid = '';
  beforeAll(async () => {
    if (!server.listening) await new Promise<void>((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
    valid = await hs256({ sub: 'ada', exp: now() + 60 });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('passes the claims of a valid token to the handler', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/blogs`, {
      headers: { Authorization: `Bearer ${valid}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sub: 'ada' });
  });

  const invalidRequest = (description: string) =>
    `Bearer realm="blog", error="invalid_request", error_description="${description}"`;
  const table: [string, (token: string) => string[], number, string | null][] = [
    ['no token', () => [], 401, 'Bearer realm="blog"'],
    [
      'two Authorization fields',
      (token) => [`Authorization: Bearer ${token}`, `Authorization: Bearer ${token}`],
      400,
      invalidRequest('The request carries more than one set of credentials.'),
    ],
    [
      'a tab after the scheme',
      (token) => [`Authorization: Bearer\t${token}`],
      400,
      invalidRequest('The Authorization field does not start with a scheme.'),
    ],
    [
      'bytes outside ASCII in the token',
      (token) => [`Authorization: Bearer ${token}\u00e9\u00ff`],
      400,
      invalidRequest('The bearer token has characters outside the b64token syntax.'),
    ],
    [
      'a 12 KiB token',
      () => [`Authorization: Bearer ${'a'.repeat(12 * 1024)}`],
      400,
      invalidRequest('The bearer token is longer than 8192 characters.'),
    ],
    [
      'alg none',
      () => [`Authorization: Bearer ${unsecured({ sub: 'eve', exp: now() + 60 })}`],
      401,
      'Bearer realm="blog", error="invalid_token", error_description="The access token is signed with an algorithm this API refuses."',
    ],
    [
      'a 20 KiB header (refused by the server itself)',
      () => [`Authorization: Bearer ${'a'.repeat(20 * 1024)}`],
      431,
      null,
    ],
  ];
  it.each(
    table.map(([name, headers, status, challenge]) => [name, status, challenge, headers] as const),
  )('%s → %i', async (_name, status, challenge, headers) => {
    const answer = await raw(['GET /blogs HTTP/1.1', 'Host: 127.0.0.1', ...headers(valid)]);
    expect(answer).toEqual({ status, challenge });
  });

  it('refuses a token in the query', async () => {
    const answer = await raw([`GET /blogs?access_token=${valid} HTTP/1.1`, 'Host: 127.0.0.1']);
    expect(answer).toEqual({
      status: 400,
      challenge: invalidRequest(
        'Send the access token in the Authorization header, not in the URI.',
      ),
    });
  });

  it('is still up after the hostile requests', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/blogs`, {
      headers: { Authorization: `Bearer ${valid}` },
    });
    expect(response.status).toBe(200);
  });
});
