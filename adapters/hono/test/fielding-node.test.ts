// Hono served by @fielding/node's serve() with its defaults: Node's own Response stays the
// global one (fielding-node-fast.test.ts runs the same suite with `fastResponse: true`).
import { describe, expect, it } from 'vitest';
import { runAdapterSuite } from './adapter-suite.js';
import { mountOnFieldingNode } from './_servers.js';

const nodeResponse = globalThis.Response;

runAdapterSuite('hono 4 on @fielding/node', mountOnFieldingNode({}, false));
runAdapterSuite('hono 4 behind honoMiddleware on @fielding/node', mountOnFieldingNode({}, true));

describe('serve() with its defaults', () => {
  it('left the global Response alone', () => {
    expect(globalThis.Response).toBe(nodeResponse);
  });
});
