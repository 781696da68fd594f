import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { send } from '../test/adapter-suite.js';
import { listen } from '../test/_servers.js';
import { writeResponse } from './write-response.js';

describe('writeResponse', () => {
  it.each([undefined, null, 42, { status: 200, body: 'x' }])(
    'rejects %o with a TypeError and writes nothing',
    async (value) => {
      const written: string[] = [];
      const res = {
        headersSent: false,
        writeHead: () => written.push('head'),
        end: () => written.push('end'),
      } as unknown as ServerResponse;
      const req = { method: 'GET' } as IncomingMessage;
      await expect(writeResponse(value as unknown as Response, req, res)).rejects.toThrow(
        /Expected a Response to write/,
      );
      expect(written).toEqual([]);
    },
  );
});

describe('writeResponse of a response without a body', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  it.each([
    ['GET', 200, '0'],
    ['GET', 404, '0'],
    ['GET', 204, undefined],
    ['GET', 304, undefined],
    ['HEAD', 200, undefined],
  ] as const)('answers %s with %i and Content-Length %s', async (method, status, length) => {
    const { origin, close } = await listen((req, res) => {
      void writeResponse(new Response(null, { status }), req, res);
    });
    closers.push(close);
    const reply = await send(`${origin}/x`, { method });
    expect(reply.status).toBe(status);
    expect(reply.headers['content-length']).toBe(length);
    expect(reply.headers['transfer-encoding']).toBeUndefined();
  });
});
