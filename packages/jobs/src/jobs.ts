import {
  readAtMost,
  accepted,
  appendVary,
  formatRetryAfter,
  seeOther,
  type FetchHandler,
} from '@fielding/core';
import {
  PROBLEM_JSON,
  isHttpError,
  problem,
  problemDocument,
  type ProblemDocument,
} from '@fielding/problem-errors';
import { JOB_ID, pathTemplate } from './_path.js';
import { asyncPreferences } from './prefer.js';
import type { JobOutcome, JobSnapshot, JobStore, Retention, StoredResult } from './store.js';

/**
 * What the work of a job is given: its id, a signal that aborts when the job is abandoned (its
 * heartbeat was found stale) or the instance closes, and a way to report progress.
 *
 * @example
 * ```ts
 * import type { JobContext } from '@fielding/jobs';
 *
 * async function work(job: JobContext): Promise<string[]> {
 *   const rows: string[] = [];
 *   for (let page = 0; page < 10 && !job.signal.aborted; page += 1) {
 *     rows.push(`page ${page}`);
 *     job.progress((page + 1) / 10);
 *   }
 *   return rows;
 * }
 * ```
 */
export interface JobContext {
  /** The job id, as in the monitor URL. */
  readonly id: string;
  /** Aborts when the job should stop: it was reported failed, or `close()` was called. */
  readonly signal: AbortSignal;
  /** Reports progress, a fraction from 0 to 1 (clamped; a non-finite number is ignored). */
  progress(fraction: number): void;
}

/**
 * The work of a job. What it returns becomes the job's result: a `Response` is kept and served
 * at the result URL — or, when it is a redirect (`seeOther(…)`), its `Location` is the result
 * URL; a response of 400 or more fails the job with it as the problem; `undefined` becomes
 * `204`; anything else is sent as JSON. A thrown `HttpError` fails the job with its problem;
 * anything else thrown fails it with a 500 problem that reveals nothing.
 *
 * @example
 * ```ts
 * import type { JobWork } from '@fielding/jobs';
 *
 * const work: JobWork = async (job) => {
 *   job.progress(0.5);
 *   return new Response('id,title\n7,Hello\n', { headers: { 'Content-Type': 'text/csv' } });
 * };
 * ```
 */
export type JobWork = (job: JobContext) => unknown;

/**
 * Options of {@link createJobs}.
 *
 * @example
 * ```ts
 * import { createJobs, memoryStore, type JobsOptions } from '@fielding/jobs';
 *
 * const options: JobsOptions = { store: memoryStore(), retryAfter: 2, maxWait: 5 };
 * const jobs = createJobs(options);
 * ```
 */
export interface JobsOptions {
  /** Where job state lives: `memoryStore()` for one instance, `postgresStore()` for several. */
  store: JobStore;
  /** The status monitor's path, with one `{id}`. Default: `'/jobs/{id}'`. */
  monitorPath?: string;
  /** The stored result's path, with one `{id}`. Default: the monitor path + `'/result'`. */
  resultPath?: string;
  /** Seconds a client is told to wait before polling (`Retry-After`). Default: `1`. */
  retryAfter?: number;
  /** The most seconds `Prefer: wait=N` holds a request. Default: `10`. */
  maxWait?: number;
  /** Seconds to wait when the request has no `Prefer: wait`. Default: `0` (answer 202 at once). */
  defaultWait?: number;
  /** Milliseconds between heartbeats of a running job. Default: `5000`. */
  heartbeatInterval?: number;
  /** Milliseconds without a heartbeat after which a job is reported failed. Default: 3 heartbeats. */
  staleAfter?: number;
  /** Milliseconds a finished job's outcome is kept. Default: one hour. */
  keepFor?: number;
  /** Milliseconds after that its id answers `410 Gone`. Default: one day. */
  tombstoneFor?: number;
  /** The largest result body kept, in bytes; a larger one fails the job. Default: 16 MiB. */
  maxResultBytes?: number;
  /** Called with what a job's work threw (not an `HttpError`) or a store error of a heartbeat. */
  onError?: (error: unknown, id: string) => void;
  /** New job ids, matching `[A-Za-z0-9_-]{1,128}`. Default: `crypto.randomUUID()`. */
  generateId?: () => string;
}

/**
 * The jobs of one instance, made by {@link createJobs}.
 *
 * @example
 * ```ts
 * import { createJobs, memoryStore, type Jobs } from '@fielding/jobs';
 *
 * const jobs: Jobs = createJobs({ store: memoryStore() });
 * const monitor = await jobs.monitor(new Request('https://api.test/jobs/unknown'));
 * monitor.status; // 404
 * await jobs.close();
 * ```
 */
export interface Jobs {
  /**
   * Starts a job and answers the request that asked for it: `202 Accepted` with the monitor's
   * `Location` and `Retry-After`, or, under `Prefer: wait=N`, the result itself when it is
   * ready within N seconds (bounded by `maxWait`).
   */
  start(request: Request, work: JobWork): Promise<Response>;
  /** Answers `GET`/`HEAD` on the monitor and result paths; `404` elsewhere. */
  readonly monitor: FetchHandler;
  /** Stops this instance's heartbeats and aborts its running jobs without recording an end. */
  close(): Promise<void>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const HAL_JSON = 'application/hal+json';
const encoder = new TextEncoder();

class ResultTooLarge extends Error {
  override name = 'ResultTooLarge' as const;
}

async function readBounded(response: Response, limit: number): Promise<Uint8Array | null> {
  if (response.body === null) return null;
  const bytes = await readAtMost(response.body, limit);
  if (bytes === null) throw new ResultTooLarge(`The result is larger than ${limit} bytes.`);
  return bytes;
}

function isProblem(value: unknown): value is ProblemDocument {
  if (typeof value !== 'object' || value === null) return false;
  const { status, title, type } = value as Record<string, unknown>;
  return typeof status === 'number' && typeof title === 'string' && typeof type === 'string';
}

function stored(result: StoredResult, extra: HeadersInit = {}): Response {
  const headers = new Headers(result.headers);
  for (const [name, value] of new Headers(extra)) headers.set(name, value);
  // Bytes from a store or a Response are plain ArrayBuffer-backed.
  const body = result.body as Uint8Array<ArrayBuffer> | null;
  return new Response(body, { status: result.status, headers });
}

function problemResponse(document: ProblemDocument, headers?: HeadersInit): Response {
  const response = new Response(JSON.stringify(document), {
    status: document.status,
    ...(headers === undefined ? {} : { headers }),
  });
  response.headers.set('Content-Type', PROBLEM_JSON);
  return response;
}

const clamp = (fraction: number): number => Math.min(1, Math.max(0, fraction));

/**
 * Asynchronous jobs over HTTP (the status-monitor pattern): {@link Jobs.start} runs work in this
 * process and answers `202 Accepted` with `Location` of a status monitor; the monitor answers
 * `200` (HAL: `state`, `progress`, `_links.self`) with `Retry-After` while the job runs, `303
 * See Other` to the result when it succeeded, and `200` with the `problem` when it failed.
 * `Prefer: respond-async` and `Prefer: wait=N` are honoured (RFC 7240). Running jobs heartbeat
 * into the store; one whose heartbeat is older than `staleAfter` (its process died) is failed.
 *
 * @param options - the store, the paths and the timings
 * @returns `start`, the `monitor` handler and `close`
 * @throws TypeError when a path template has no single `{id}`
 *
 * @example
 * ```ts
 * import { createJobs, memoryStore } from '@fielding/jobs';
 *
 * const jobs = createJobs({ store: memoryStore(), monitorPath: '/jobs/{id}' });
 * const response = await jobs.start(
 *   new Request('https://api.test/exports', { method: 'POST' }),
 *   async (job) => ({ id: job.id, rows: 3 }),
 * );
 * response.status; // 202
 * response.headers.get('Location'); // 'https://api.test/jobs/…'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.3.3
 * @see https://www.rfc-editor.org/rfc/rfc7240#section-4.1
 */
export function createJobs(options: JobsOptions): Jobs {
  const { store, onError } = options;
  const monitorPath = options.monitorPath ?? '/jobs/{id}';
  const monitorTemplate = pathTemplate(monitorPath, 'monitorPath');
  const resultTemplate = pathTemplate(options.resultPath ?? `${monitorPath}/result`, 'resultPath');
  const retryAfter = options.retryAfter ?? 1;
  const maxWait = Math.max(0, options.maxWait ?? 10);
  const defaultWait = Math.max(0, options.defaultWait ?? 0);
  const heartbeatInterval = Math.max(1, options.heartbeatInterval ?? 5000);
  const staleAfter = Math.max(heartbeatInterval, options.staleAfter ?? 3 * heartbeatInterval);
  const retention: Retention = {
    keepFor: options.keepFor ?? 3_600_000,
    tombstoneFor: options.tombstoneFor ?? 86_400_000,
  };
  const maxResultBytes = options.maxResultBytes ?? 16 * 1024 * 1024;
  const generateId = options.generateId ?? ((): string => crypto.randomUUID());
  const running = new Map<string, AbortController>();
  let closed = false;

  const failure = (error: unknown, id: string): JobOutcome => {
    if (isHttpError(error)) {
      return {
        state: 'failed',
        problem: problemDocument({
          status: error.status,
          type: error.type,
          title: error.title,
          ...(error.detail === undefined ? {} : { detail: error.detail }),
          ...(error.errors === undefined ? {} : { errors: error.errors }),
          extensions: error.extensions,
        }),
      };
    }
    if (error instanceof ResultTooLarge) {
      return { state: 'failed', problem: problemDocument({ status: 500, detail: error.message }) };
    }
    onError?.(error, id);
    return {
      state: 'failed',
      problem: problemDocument({ status: 500, detail: 'The job failed.' }),
    };
  };

  const outcomeOf = async (value: unknown, base: string): Promise<JobOutcome> => {
    if (value instanceof Response) {
      const location = value.headers.get('Location');
      if (REDIRECTS.has(value.status) && location !== null && URL.canParse(location, base)) {
        await value.body?.cancel();
        return { state: 'succeeded', result: null, location: new URL(location, base).href };
      }
      const body = await readBounded(value, maxResultBytes);
      if (value.status >= 400) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(new TextDecoder().decode(body ?? new Uint8Array()));
        } catch {
          parsed = undefined;
        }
        const document = isProblem(parsed) ? parsed : problemDocument({ status: value.status });
        return { state: 'failed', problem: document };
      }
      const result = { status: value.status, headers: [...value.headers], body };
      return { state: 'succeeded', result, location: null };
    }
    if (value === undefined) {
      return {
        state: 'succeeded',
        result: { status: 204, headers: [], body: null },
        location: null,
      };
    }
    const body = encoder.encode(JSON.stringify(value));
    if (body.byteLength > maxResultBytes) {
      throw new ResultTooLarge(`The result is larger than ${maxResultBytes} bytes.`);
    }
    const headers: [string, string][] = [['content-type', 'application/json']];
    return { state: 'succeeded', result: { status: 200, headers, body }, location: null };
  };

  const run = async (id: string, work: JobWork, base: string): Promise<JobOutcome | undefined> => {
    const controller = new AbortController();
    running.set(id, controller);
    let progress: number | undefined;
    let writing = false;
    let again = false;
    // One heartbeat write at a time; progress reported meanwhile goes out with the next one.
    const beat = async (): Promise<void> => {
      if (controller.signal.aborted) return;
      if (writing) {
        again = true;
        return;
      }
      writing = true;
      try {
        do {
          again = false;
          if (!(await store.heartbeat(id, progress))) controller.abort(new Error('abandoned'));
        } while (again && !controller.signal.aborted);
      } catch (error) {
        onError?.(error, id);
      } finally {
        writing = false;
      }
    };
    const timer = setInterval(() => void beat(), heartbeatInterval);
    if (typeof timer === 'object' && 'unref' in timer) timer.unref();
    // Abandoned or closed: no more heartbeats, even if the work ignores its signal.
    controller.signal.addEventListener('abort', () => clearInterval(timer), { once: true });
    let outcome: JobOutcome;
    try {
      const context: JobContext = {
        id,
        signal: controller.signal,
        progress(fraction) {
          if (!Number.isFinite(fraction)) return;
          progress = clamp(fraction);
          void beat();
        },
      };
      outcome = await outcomeOf(await work(context), base);
    } catch (error) {
      outcome = failure(error, id);
    } finally {
      clearInterval(timer);
      running.delete(id);
    }
    // Closed (as a crashed process would be) or abandoned: the store keeps what others decided.
    if (closed || controller.signal.aborted) return undefined;
    try {
      await store.finish(id, outcome, retention);
    } catch (error) {
      onError?.(error, id);
      return undefined;
    }
    return outcome;
  };

  const representation = (
    request: Request,
    id: string,
    snapshot: { state: string; progress: number | null; problem?: ProblemDocument },
  ): string =>
    JSON.stringify({
      id,
      state: snapshot.state,
      progress: snapshot.progress,
      ...(snapshot.problem === undefined ? {} : { problem: snapshot.problem }),
      _links: { self: { href: new URL(monitorTemplate.build(id), request.url).href } },
    });

  const answer = (outcome: JobOutcome, request: Request, id: string): Response => {
    if (outcome.state === 'failed') return problemResponse(outcome.problem);
    if (outcome.result === null) return seeOther(request, outcome.location ?? '/');
    return stored(outcome.result, {
      'Content-Location': new URL(resultTemplate.build(id), request.url).href,
    });
  };

  const staleProblem = (): JobOutcome & { state: 'failed' } => ({
    state: 'failed',
    problem: problemDocument({
      status: 500,
      detail: `The instance running this job stopped: no heartbeat for ${Math.round(staleAfter / 1000)} s.`,
    }),
  });

  const current = async (id: string): Promise<JobSnapshot | undefined> => {
    const snapshot = await store.read(id);
    if (snapshot?.state !== 'running' || snapshot.heartbeatAge < staleAfter) return snapshot;
    await store.abandon(id, staleAfter, staleProblem(), retention);
    // Abandoned now, or it heartbeat or ended in between: either way the store says which.
    return store.read(id);
  };

  const notFound = (detail: string): Response => problem({ status: 404, detail });

  return {
    async start(request, work) {
      const preferences = asyncPreferences(request);
      const wait = Math.min(preferences.wait ?? defaultWait, maxWait);
      const id = generateId();
      if (!JOB_ID.test(id)) throw new TypeError(`generateId returned a bad job id: ${id}`);
      await store.create(id);
      const finished = run(id, work, request.url);
      let response: Response | undefined;
      if (wait > 0) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeout = new Promise<undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), wait * 1000);
        });
        const outcome = await Promise.race([finished, timeout]);
        clearTimeout(timer);
        if (outcome !== undefined) response = answer(outcome, request, id);
      }
      if (response === undefined) {
        const headers = new Headers({ 'Content-Type': HAL_JSON, 'Cache-Control': 'no-store' });
        if (preferences.respondAsync) headers.set('Preference-Applied', 'respond-async');
        const body = representation(request, id, { state: 'running', progress: null });
        response = accepted(request, monitorTemplate.build(id), { body, headers, retryAfter });
      }
      appendVary(response.headers, 'Prefer');
      return response;
    },

    monitor: async function jobMonitor(request) {
      const { pathname } = new URL(request.url);
      const monitorId = monitorTemplate.match(pathname);
      const resultId = monitorId === undefined ? resultTemplate.match(pathname) : undefined;
      const id = monitorId ?? resultId;
      if (id === undefined) return notFound('There is nothing here.');
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return problem({ status: 405, headers: { Allow: 'GET, HEAD' } });
      }
      if (id === null) return notFound('There is no job with this id.');
      const snapshot = await current(id);
      if (snapshot === undefined) return notFound('There is no job with this id.');
      if (snapshot.state === 'expired') {
        return problem({
          status: 410,
          detail: 'This job ended and its outcome is no longer kept.',
        });
      }
      let response: Response;
      if (resultId !== undefined) {
        if (snapshot.state !== 'succeeded') {
          response = notFound(
            snapshot.state === 'running' ? 'The job has not finished yet.' : 'The job failed.',
          );
          response.headers.set('Link', `<${monitorTemplate.build(id)}>; rel="monitor"`);
        } else if (snapshot.result === null) {
          response = seeOther(request, snapshot.location ?? '/');
        } else response = stored(snapshot.result);
      } else if (snapshot.state === 'succeeded') {
        response = seeOther(request, snapshot.location ?? resultTemplate.build(id));
      } else {
        const headers = new Headers({ 'Content-Type': HAL_JSON, 'Cache-Control': 'no-store' });
        if (snapshot.state === 'running') headers.set('Retry-After', formatRetryAfter(retryAfter));
        response = new Response(representation(request, id, snapshot), { headers });
      }
      if (request.method === 'HEAD') {
        await response.body?.cancel();
        return new Response(null, { status: response.status, headers: response.headers });
      }
      return response;
    },

    close() {
      closed = true;
      for (const controller of running.values()) controller.abort(new Error('closed'));
      running.clear();
      return Promise.resolve();
    },
  };
}
