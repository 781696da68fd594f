// Hono served by @fielding/node's serve() with `fastResponse: true`: this file relies on the
// light global Response the application asks for there (each test file runs in its own worker,
// so the swap stays here). fielding-node.test.ts runs the same suite on Node's own Response.
import { describe, expect, it } from 'vitest';
import { runAdapterSuite } from './adapter-suite.js';
import { mountOnFieldingNode } from './_servers.js';

const nodeResponse = globalThis.Response;
const FAST = { fastResponse: true } as const;

runAdapterSuite('hono 4 on @fielding/node, fastResponse', mountOnFieldingNode(FAST, false));
runAdapterSuite(
  'hono 4 behind honoMiddleware on @fielding/node, fastResponse',
  mountOnFieldingNode(FAST, true),
);

describe('serve({ fastResponse: true })', () => {
  it('replaced the global Response, as asked', () => {
    expect(globalThis.Response).not.toBe(nodeResponse);
  });
});
