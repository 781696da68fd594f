// What the safety of problem() costs next to the hand-written code most APIs use (no peer
// library is a dependency here: http-errors builds no Response). Every group pits library rows
// against one hand-written peer, run in the same process, and prints each row's speed as a
// ratio of the peer's (≥ 1.00× means at least as fast).
// Run: pnpm vitest bench --run --project problem-errors:node
import { compose, type FetchHandler } from '@fielding/core';
import { bench, describe, type BenchFunction } from 'vitest';
import {
  HttpError,
  notFound,
  problem,
  problemDetails,
  problemDocument,
  problemFromError,
} from '../src/index.js';

// Longer warm-up and run than vitest's defaults: on a busy machine the first task of a group
// otherwise pays for JIT warm-up and the previous group's garbage.
const options = { warmupTime: 500, time: 1500 };

/** A tinybench task as its teardown hook sees it; `cycle` fires while the samples are kept. */
interface FinishedTask {
  addEventListener(type: 'cycle', listener: () => void): void;
  readonly result?: { readonly samples?: readonly number[] };
}

/**
 * Benches `rows` and their hand-written `peer` in one group; when the group has run, prints
 * `row: 1.04× peer` for each row: the peer's median time per call over the row's (the median,
 * not the mean, so one garbage collection on a busy machine does not decide the ratio).
 */
function compare(
  group: string,
  rows: Record<string, () => unknown>,
  peer: { name: string; fn: () => unknown },
): void {
  const medians = new Map<string, number>();
  const names = [...Object.keys(rows), peer.name];
  const record = (name: string) => ({
    ...options,
    teardown(task: FinishedTask, mode: 'warmup' | 'run') {
      if (mode !== 'run') return;
      task.addEventListener('cycle', () => {
        const samples = task.result?.samples ?? [];
        medians.set(name, samples[samples.length >> 1] ?? Number.NaN);
        if (medians.size < names.length) return;
        const base = medians.get(peer.name) ?? Number.NaN;
        const lines = Object.keys(rows).map((row) => {
          const ratio = base / (medians.get(row) ?? Number.NaN);
          return `  ${row}: ${ratio.toFixed(2)}× ${peer.name}`;
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

const members = {
  status: 403,
  type: 'https://example.com/probs/out-of-credit',
  title: 'You do not have enough credit.',
  detail: 'Your current balance is 30, but that costs 50.',
  instance: '/account/12345/msgs/abc',
};
const extensions = { balance: 30, accounts: ['/account/12345', '/account/67890'] };
const handWrittenBody = (): string => JSON.stringify({ ...members, ...extensions });
const handWrittenResponse = (): Response =>
  new Response(handWrittenBody(), {
    status: members.status,
    headers: { 'content-type': 'application/problem+json' },
  });

compare(
  'problem+json body',
  {
    'JSON.stringify(problemDocument())': () =>
      JSON.stringify(problemDocument({ ...members, extensions })),
  },
  { name: 'hand-written JSON.stringify', fn: handWrittenBody },
);

compare(
  'problem response',
  { 'problem()': () => problem({ ...members, extensions }) },
  { name: 'hand-written Response', fn: handWrittenResponse },
);

const { instance, ...errorMembers } = members;
const error = new HttpError(403, { ...errorMembers, extensions });
compare(
  'error to response',
  {
    'problemFromError(HttpError)': () => problemFromError(error, { instance }),
    'problem() of the same members': () => problem({ ...members, extensions }),
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
