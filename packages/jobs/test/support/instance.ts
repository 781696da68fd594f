// One instance of an API with jobs, served over real HTTP by serve() of @fielding/node:
// POST /exports starts a job whose work the test controls; GET /jobs/… is the monitor.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compose, seeOther } from '@fielding/core';
import { serve } from '@fielding/node';
import { HttpError, problemDetails } from '@fielding/problem-errors';
import { createJobs, type JobContext, type Jobs, type JobsOptions } from '../../src/index.js';

/** A job the test finishes by hand: `finish()` resolves its work, `fail()` rejects it. */
export interface Gate {
  job: JobContext | undefined;
  finish(): void;
  fail(error: unknown): void;
}

export interface Instance {
  url: string;
  jobs: Jobs;
  /** Gates of the jobs started, in order. */
  gates: Gate[];
  /** What reached the error hooks: the work's own errors, and anything thrown to the server. */
  errors: unknown[];
  close(): Promise<void>;
}

function gate(): { gate: Gate; done: Promise<void> } {
  let finish = (): void => undefined;
  let fail = (_error: unknown): void => undefined;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { gate: { job: undefined, finish: () => finish(), fail: (error) => fail(error) }, done };
}

/**
 * `POST /exports?outcome=csv|json|elsewhere|http-error|crash|problem-response` starts a job:
 * it reports progress 0.5, waits for its gate (or not with `&instant`), then ends as asked.
 */
export async function startInstance(options: Omit<JobsOptions, 'onError'>): Promise<Instance> {
  const errors: unknown[] = [];
  const gates: Gate[] = [];
  const jobs = createJobs({ ...options, onError: (error) => errors.push(error) });
  const app = compose(problemDetails())(async (request: Request) => {
    const url = new URL(request.url);
    if (url.pathname === '/exports' && request.method === 'POST') {
      const outcome = url.searchParams.get('outcome') ?? 'csv';
      const instant = url.searchParams.has('instant');
      const { gate: g, done } = gate();
      gates.push(g);
      return jobs.start(request, async (job) => {
        g.job = job;
        job.progress(0.5);
        if (!instant) await done;
        switch (outcome) {
          case 'json':
            return { rows: 2, id: job.id };
          case 'elsewhere':
            return seeOther(request, 'https://cdn.test/exports/7.csv');
          case 'http-error':
            throw new HttpError(422, { detail: 'The blog has no articles to export.' });
          case 'crash':
            throw new Error('secret internal detail');
          case 'problem-response':
            return Response.json(
              { type: 'https://api.test/problems/quota', title: 'Quota exceeded', status: 429 },
              { status: 429, headers: { 'Content-Type': 'application/problem+json' } },
            );
          default:
            return new Response('id,title\n7,Hello\n', {
              headers: { 'Content-Type': 'text/csv; charset=utf-8' },
            });
        }
      });
    }
    return jobs.monitor(request);
  });
  const server: Server = serve(app, { port: 0, onError: (error) => errors.push(error) });
  await new Promise<void>((resolve, reject) => {
    if (server.listening) resolve();
    else server.once('listening', () => resolve()).once('error', reject);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    jobs,
    gates,
    errors,
    async close() {
      await jobs.close();
      await new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
    },
  };
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `url` (no redirects followed) until `until` holds or `ms` pass; returns the last answer. */
export async function poll(
  url: string,
  until: (response: Response) => boolean,
  ms = 5000,
): Promise<Response> {
  const deadline = Date.now() + ms;
  for (;;) {
    const response = await fetch(url, { redirect: 'manual' });
    if (until(response) || Date.now() > deadline) return response;
    await response.arrayBuffer();
    await sleep(25);
  }
}
