import { runAdapterSuite, type ServerTraits } from './adapter-suite.js';
import { mountHono, mountHonoBehindMiddleware } from './_servers.js';

// Response writing is @hono/node-server's: it writes the standard reason phrase (never a custom
// statusText), aborts `signal` with a string reason, and frames an empty stream by timing.
const NODE_SERVER: ServerTraits = {
  reasonPhrase: 'standard',
  abortReason: 'any',
  emptyStream: 'either',
  bodylessRequest: 'empty-stream',
};

runAdapterSuite('hono 4 on @hono/node-server', mountHono, NODE_SERVER);
runAdapterSuite('hono 4 behind honoMiddleware', mountHonoBehindMiddleware, NODE_SERVER);
