import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
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
