// What the safety of problem() costs next to the hand-written code most APIs use (no peer
// library is a dependency here: http-errors builds no Response). Every group pits library rows
// against one hand-written peer in the same process and prints each row's speed as a ratio of
// the peer's (≥ 1.00× means at least as fast), measured twice: from vitest's medians, and
// interleaved (row and peer in alternating batches, so a busy machine slows both alike).
// Run: pnpm vitest bench --run --project problem-errors:node
import { compose, type FetchHandler } from '@fielding/core';
import { bench, describe, type BenchFunction } from 'vitest';
import { problemJson } from '../src/_problem-json.js';
import { HttpError, notFound, problem, problemDetails, problemFromError } from '../src/index.js';

// Longer warm-up and run than vitest's defaults: on a busy machine the first task of a group
// otherwise pays for JIT warm-up and the previous group's garbage.
const options = { warmupTime: 500, time: 1500 };

/** A tinybench task as its hooks see it; `cycle` fires while the samples are kept. */
interface FinishedTask {
  addEventListener(type: 'cycle', listener: () => void): void;
  readonly result?: { readonly samples?: readonly number[] };
}

type Row = () => unknown;

const median = (values: number[]): number =>
  values.sort((a, b) => a - b)[values.length >> 1] ?? Number.NaN;

/** Runs `fn` `times` times (awaiting it when it answers a promise); the milliseconds taken. */
async function timed(fn: Row, times: number, isAsync: boolean): Promise<number> {
  const start = performance.now();
  if (isAsync) for (let index = 0; index < times; index++) await fn();
  else for (let index = 0; index < times; index++) fn();
  return performance.now() - start;
}

/** The median over 200 rounds of (peer's time / row's time) for the same number of calls. */
async function interleaved(row: Row, peer: Row): Promise<number> {
  const isAsync = row() instanceof Promise || peer() instanceof Promise;
  // Batches of about half a millisecond: long against the timer, short against load swings.
  const batch = Math.max(1, Math.round(0.5 / ((await timed(peer, 200, isAsync)) / 200)));
  const ratios: number[] = [];
  for (let round = 0; round < 200; round++) {
    // Alternate which goes first, so neither always meets the other's garbage.
    if (round % 2 === 0) {
      const rowTime = await timed(row, batch, isAsync);
      ratios.push((await timed(peer, batch, isAsync)) / rowTime);
    } else {
      const peerTime = await timed(peer, batch, isAsync);
      ratios.push(peerTime / (await timed(row, batch, isAsync)));
    }
  }
  return median(ratios);
}

/**
 * Benches `rows` and their hand-written `peer` in one group; when the group has run, prints
 * `row: 1.04× peer (interleaved 1.02×)` for each row: the peer's median time per call over the
 * row's (the median, not the mean, so one garbage collection does not decide it), then the
 * interleaved ratio.
 */
function compare(group: string, rows: Record<string, Row>, peer: { name: string; fn: Row }): void {
  const medians = new Map<string, number>();
  const alternating = new Map<string, number>();
  const names = [...Object.keys(rows), peer.name];
  const record = (name: string) => ({
    ...options,
    // Before the peer's measured run (awaited by tinybench, outside its timing): every row has
    // run by then, and the peer is warm.
    async setup(_task: FinishedTask, mode: 'warmup' | 'run') {
      if (name !== peer.name || mode !== 'run') return;
      for (const [row, fn] of Object.entries(rows)) {
        alternating.set(row, await interleaved(fn, peer.fn));
      }
    },
    teardown(task: FinishedTask, mode: 'warmup' | 'run') {
      if (mode !== 'run') return;
      task.addEventListener('cycle', () => {
        const samples = task.result?.samples ?? [];
        medians.set(name, samples[samples.length >> 1] ?? Number.NaN);
        if (medians.size < names.length) return;
        const base = medians.get(peer.name) ?? Number.NaN;
        const lines = Object.keys(rows).map((row) => {
          const ratio = base / (medians.get(row) ?? Number.NaN);
          const other = alternating.get(row) ?? Number.NaN;
          return `  ${row}: ${ratio.toFixed(2)}× ${peer.name} (interleaved ${other.toFixed(2)}×)`;
        });
        process.stdout.write(`\n[ratio] ${group} (Node ${process.version})\n${lines.join('\n')}\n`);
      });
    },
  });
  describe(group, () => {
    // The result is ignored but returned, so the engine cannot drop the work as dead code.
    for (const [name, fn] of Object.entries(rows)) bench(name, fn as BenchFunction, record(name));
    bench(peer.name, peer.fn as BenchFunction, record(peer.name));
  });
}

// The RFC 9457 §3 example. Both sides build their objects as literals per call, as code does:
// on Node 20 an object made by spreading another (`{ ...members, extensions }`) is slow to read
// (about a microsecond per property), which would measure V8, not either side.
const status = 403;
const type = 'https://example.com/probs/out-of-credit';
const title = 'You do not have enough credit.';
const detail = 'Your current balance is 30, but that costs 50.';
const instance = '/account/12345/msgs/abc';
const extensions = { balance: 30, accounts: ['/account/12345', '/account/67890'] };
const handWrittenBody = (): string =>
  JSON.stringify({ type, title, status, detail, instance, ...extensions });
const handWrittenResponse = (): Response =>
  new Response(handWrittenBody(), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

// The body as problem() writes it (its private writer: problemDocument() parses this text).
compare(
  'problem+json body',
  {
    'problem() body writer': () =>
      problemJson(status, type, title, detail, instance, undefined, extensions, undefined),
  },
  { name: 'hand-written JSON.stringify', fn: handWrittenBody },
);

compare(
  'problem response',
  { 'problem()': () => problem({ status, type, title, detail, instance, extensions }) },
  { name: 'hand-written Response', fn: handWrittenResponse },
);

const error = new HttpError(status, { type, title, detail, extensions });
compare(
  'error to response',
  {
    'problemFromError(HttpError)': () => problemFromError(error, { instance }),
    // What a handler that throws pays: the error is made per request too.
    'problemFromError(new HttpError())': () =>
      problemFromError(new HttpError(status, { type, title, detail, extensions }), { instance }),
    'problem() of the same members': () =>
      problem({ status, type, title, detail, instance, extensions }),
  },
  {
    name: 'hand-written from error fields',
    fn: () =>
      new Response(
        JSON.stringify({
          type: error.type,
          title: error.title,
          status: error.status,
          detail: error.detail,
          instance,
          ...error.extensions,
        }),
        { status: error.status, headers: { 'content-type': 'application/problem+json' } },
      ),
  },
);

const request = new Request('https://api.test/blogs/7');
const ok: FetchHandler = () => new Response('ok');
const withProblems = compose(problemDetails())(ok);
compare(
  'middleware, no error',
  { 'problemDetails()': () => withProblems(request) },
  { name: 'bare handler', fn: () => ok(request) },
);

// The same error thrown below both (built once: what is measured is the catching and answering,
// not the stack capture of a new Error, which both would pay alike).
const missing = notFound({ detail: 'No blog 7.' });
const throwing: FetchHandler = () => {
  throw missing;
};
const answered = compose(problemDetails())(throwing);
compare(
  'middleware, thrown HttpError',
  { 'problemDetails()': () => answered(request) },
  {
    name: 'hand-written try/catch',
    fn: async () => {
      try {
        return await throwing(request);
      } catch (thrown) {
        const { status, type, title, detail } = thrown as HttpError;
        return new Response(
          JSON.stringify({ type, title, status, detail, instance: new URL(request.url).pathname }),
          { status, headers: { 'content-type': 'application/problem+json', vary: 'Accept' } },
        );
      }
    },
  },
);
