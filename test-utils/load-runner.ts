// The measuring half of the adapters' HTTP benches: send one fixed batch of requests from the
// load process (test-utils/bench-load.mjs) to a server and add up requests, wall time and this
// process's CPU (the servers run here, so CPU per request is the number that survives a busy
// machine better than req/s).
import type { ChildProcess } from 'node:child_process';

/** What all runs against one server added up to. */
export interface Tally {
  runs: number;
  requests: number;
  seconds: number;
  cpuMicros: number;
  /** CPU µs per request of each run, in order. */
  perRun: number[];
}

interface LoadResult {
  requests: number;
  seconds: number;
  non2xx: number;
  errors: number;
}

/** Creates `run(name, url)`, which measures one batch and adds it to `measured` under `name`. */
export function createLoadRunner(
  load: ChildProcess,
  batch: { amount: number; connections: number },
): { measured: Map<string, Tally>; run: (name: string, url: string) => Promise<void> } {
  const measured = new Map<string, Tally>();
  const run = (name: string, url: string): Promise<void> => {
    const cpu = process.cpuUsage();
    return new Promise((resolve, reject) => {
      load.once('message', (result: LoadResult) => {
        const used = process.cpuUsage(cpu);
        if (result.non2xx > 0 || result.errors > 0) {
          reject(new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`));
          return;
        }
        const total = measured.get(name) ?? {
          runs: 0,
          requests: 0,
          seconds: 0,
          cpuMicros: 0,
          perRun: [],
        };
        const micros = used.user + used.system;
        measured.set(name, {
          runs: total.runs + 1,
          requests: total.requests + result.requests,
          seconds: total.seconds + result.seconds,
          cpuMicros: total.cpuMicros + micros,
          perRun: [...total.perRun, micros / result.requests],
        });
        resolve();
      });
      load.send({ url, ...batch });
    });
  };
  return { measured, run };
}

/**
 * Runs every row once per round, the order reversed every other round, so that a busy machine's
 * drift hits all rows alike (vitest's own iterations run one row after the other).
 */
export async function interleave(
  names: readonly string[],
  rounds: number,
  run: (name: string) => Promise<void>,
): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [...names] : [...names].reverse();
    for (const name of order) await run(name);
  }
}

/**
 * The median over rounds of `peer`'s CPU per request divided by `ours`': a burst of load
 * elsewhere during one round cannot move it. Above 1: ours is cheaper.
 */
export function medianCpuRatio(ours: Tally, peer: Tally): number {
  const ratios = ours.perRun
    .map((micros, index) => (peer.perRun[index] ?? Number.NaN) / micros)
    .filter((ratio) => Number.isFinite(ratio))
    .sort((a, b) => a - b);
  if (ratios.length === 0) return Number.NaN;
  const middle = Math.floor(ratios.length / 2);
  return ratios.length % 2 === 1 ? ratios[middle]! : (ratios[middle - 1]! + ratios[middle]!) / 2;
}
