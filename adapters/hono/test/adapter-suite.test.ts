import { runAdapterSuite } from './adapter-suite.js';
import { mountHono } from './_servers.js';

// Response writing is @hono/node-server's: it writes the standard reason phrase (never a custom
// statusText), aborts `signal` with a string reason, and sends an empty stream chunked.
runAdapterSuite('hono 4 on @hono/node-server', mountHono, {
  reasonPhrase: 'standard',
  abortReason: 'any',
  emptyStream: 'chunked',
});
