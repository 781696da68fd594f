// The load generator, in its own process so it does not share the server's event loop (the
// machine has few cores; a client in-process would halve what it measures). It waits for
// { url, amount, connections } over IPC and answers with autocannon's result. Shared by the
// adapters' benches; autocannon is resolved from the folder of the bench that forked it (its
// first argument), since pnpm installs it there and not at the root.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const autocannon = createRequire(join(process.argv[2] ?? process.cwd(), 'package.json'))(
  'autocannon',
);

process.on('message', async (job) => {
  const started = performance.now();
  const result = await autocannon({
    url: job.url,
    amount: job.amount,
    connections: job.connections,
    // autocannon notices that `amount` is done only on its sample tick (1 s by default).
    sampleInt: 5,
  });
  process.send({
    requests: result.requests.total,
    seconds: (performance.now() - started) / 1000,
    non2xx: result.non2xx,
    errors: result.errors,
    latencyP99: result.latency.p99,
  });
});
process.send({ ready: true });
