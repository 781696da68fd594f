// The load generator, in its own process so it does not share the server's event loop (the
// machine has few cores; a client in-process would halve what it measures). It waits for
// { url, amount, connections } over IPC and answers with autocannon's result.
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

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
