// Test-only entry point: one blog API server in a child process, started the way main.ts starts
// it (same app, same server entry points) on a fresh in-memory database. The parent talks to it
// over IPC: `ready` with the URL, and `heap` → the heap used after a forced GC. This file is not
// part of the app; nothing in src/ exposes the heap or `gc`.
import { createApp } from '../../src/app.js';
import { readConfig } from '../../src/config.js';
import { loadServer } from '../../src/servers/load-server.js';
import { createMetrics } from '../../src/metrics.js';
import { openStore } from '../../src/storage/store.js';

type Message = { type: 'heap' } | { type: 'stop' };

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc || !process.send) throw new Error('child-server needs --expose-gc and an IPC channel');

const config = readConfig();
const store = await openStore({ dataDir: 'memory://' });
const app = createApp({ store, metrics: createMetrics(), version: config.version });
const start = await loadServer(config.framework);
const server = await start(app, 0, '127.0.0.1');

process.on('message', async (message: Message) => {
  if (message.type === 'heap') {
    // Two passes: the first may only queue finalizers (WeakRefs, FinalizationRegistry).
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    process.send?.({ type: 'heap', heapUsed: process.memoryUsage().heapUsed });
  } else if (message.type === 'stop') {
    await server.close();
    await store.close();
    process.exit(0);
  }
});
process.send({ type: 'ready', url: server.url });
