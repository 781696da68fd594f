// Test-only entry point: the blog API in a child process, started as `pnpm start` starts it
// (src/start.ts), by default on a fresh in-memory database. The parent talks to it over IPC:
// `ready` with the URL, and `heap` → the heap used after a forced GC. This file is not part of
// the app; nothing in src/ exposes the heap or `gc`.
import { readConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startApi } from '../../src/start.js';

type Message = { type: 'heap' } | { type: 'stop' };

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc || !process.send) throw new Error('child-server needs --expose-gc and an IPC channel');

const config = readConfig({
  ...process.env,
  DATA_DIR: process.env.DATA_DIR ?? 'memory://',
  PORT: '0',
  GIT_COMMIT: 'test',
});
const api = await startApi(config, createLogger());

process.on('message', async (message: Message) => {
  if (message.type === 'heap') {
    // Two passes: the first may only queue finalizers (WeakRefs, FinalizationRegistry).
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    process.send?.({ type: 'heap', heapUsed: process.memoryUsage().heapUsed });
  } else if (message.type === 'stop') {
    await api.close();
    process.exit(0);
  }
});
process.send({ type: 'ready', url: api.server.url });
