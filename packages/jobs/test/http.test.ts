// createJobs over real HTTP (serve() of @fielding/node and fetch): 202 → monitor → 303 →
// result, Prefer: respond-async and wait, failures, a dead instance, expiry, and hostile input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryStore } from '../src/index.js';
import { poll, sleep, startInstance, type Instance } from './support/instance.js';

let api: Instance;

beforeAll(async () => {
  api = await startInstance({ store: memoryStore(), maxWait: 1, retryAfter: 2 });
});
afterAll(async () => {
  await api.close();
});

const post = (query = '', prefer?: string): Promise<Response> =>
  fetch(`${api.url}/exports${query}`, {
    method: 'POST',
    ...(prefer === undefined ? {} : { headers: { Prefer: prefer } }),
  });

describe('a job over HTTP', () => {
  it('POST answers 202 with the monitor; the monitor runs, then 303s to the stored result', async () => {
    const started = await post();
    expect(started.status).toBe(202);
    const monitor = started.headers.get('Location') ?? '';
    expect(monitor).toMatch(new RegExp(`^${api.url}/jobs/[\\w-]+$`));
    expect(started.headers.get('Retry-After')).toBe('2');
    expect(started.headers.get('Content-Type')).toBe('application/hal+json');
    expect(started.headers.get('Preference-Applied')).toBeNull();
    expect(started.headers.get('Vary')).toBe('Prefer');
    const id = monitor.split('/').pop();
    expect(await started.json()).toEqual({
      id,
      state: 'running',
      progress: null,
      _links: { self: { href: monitor } },
    });

    const running = await poll(monitor, (response) => response.status === 200);
    expect(running.headers.get('Retry-After')).toBe('2');
    expect(running.headers.get('Cache-Control')).toBe('no-store');
    expect(await running.json()).toEqual({
      id,
      state: 'running',
      progress: 0.5,
      _links: { self: { href: monitor } },
    });
    const early = await fetch(`${monitor}/result`);
    expect(early.status).toBe(404);
    expect(early.headers.get('Content-Type')).toBe('application/problem+json');

    api.gates.at(-1)?.finish();
    const done = await poll(monitor, (response) => response.status === 303);
    expect(done.status).toBe(303);
    expect(done.headers.get('Location')).toBe(`${monitor}/result`);
    const result = await fetch(done.headers.get('Location') ?? '');
    expect(result.status).toBe(200);
    expect(result.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(await result.text()).toBe('id,title\n7,Hello\n');
    const head = await fetch(`${monitor}/result`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('a plain value becomes a JSON result; a redirect names a result kept elsewhere', async () => {
    const json = await post('?outcome=json&instant');
    const monitor = json.headers.get('Location') ?? '';
    await poll(monitor, (response) => response.status === 303);
    const result = await fetch(`${monitor}/result`);
    expect(result.headers.get('Content-Type')).toBe('application/json');
    expect(await result.json()).toEqual({ rows: 2, id: monitor.split('/').pop() });

    const elsewhere = await post('?outcome=elsewhere&instant');
    const done = await poll(elsewhere.headers.get('Location') ?? '', (r) => r.status === 303);
    expect(done.headers.get('Location')).toBe('https://cdn.test/exports/7.csv');
  });

  it.each([
    [
      'http-error',
      {
        type: 'about:blank',
        title: 'Unprocessable Content',
        status: 422,
        detail: 'The blog has no articles to export.',
      },
    ],
    [
      'crash',
      {
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        detail: 'The job failed.',
      },
    ],
    [
      'problem-response',
      { type: 'https://api.test/problems/quota', title: 'Quota exceeded', status: 429 },
    ],
  ])(
    'a job that fails (%s): the monitor answers 200 with state failed and the problem',
    async (outcome, problem) => {
      const errors = api.errors.length;
      const started = await post(`?outcome=${outcome}&instant`);
      const monitor = started.headers.get('Location') ?? '';
      const failed = await poll(
        monitor,
        (response) => response.headers.get('Retry-After') === null,
      );
      expect(failed.status).toBe(200);
      expect(failed.headers.get('Content-Type')).toBe('application/hal+json');
      const body = (await failed.json()) as Record<string, unknown>;
      expect(body).toEqual({
        id: monitor.split('/').pop(),
        state: 'failed',
        progress: 0.5,
        problem,
        _links: { self: { href: monitor } },
      });
      expect(JSON.stringify(body)).not.toContain('secret');
      // Only the crash reaches onError (the application's log), with the real error.
      expect(api.errors.length - errors).toBe(outcome === 'crash' ? 1 : 0);
      expect((await fetch(`${monitor}/result`)).status).toBe(404);
    },
  );
});

describe('Prefer (RFC 7240)', () => {
  it('wait=N: a job done in time answers its result directly', async () => {
    const response = await post('?instant', 'wait=1');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('id,title\n7,Hello\n');
    expect(response.headers.get('Content-Location')).toMatch(/\/jobs\/[\w-]+\/result$/);
    expect(response.headers.get('Preference-Applied')).toBeNull();
    expect(response.headers.get('Vary')).toBe('Prefer');
  });

  it('wait=N: a failure done in time answers its problem directly', async () => {
    const response = await post('?outcome=http-error&instant', 'wait=1');
    expect(response.status).toBe(422);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  });

  it('wait=N: a job not done in time answers 202 after about N seconds', async () => {
    const before = Date.now();
    const response = await post('', 'wait=1');
    expect(response.status).toBe(202);
    expect(Date.now() - before).toBeGreaterThanOrEqual(900);
    api.gates.at(-1)?.finish();
  });

  it('respond-async: 202 at once, with Preference-Applied', async () => {
    const response = await post('?instant', 'respond-async');
    expect(response.status).toBe(202);
    expect(response.headers.get('Preference-Applied')).toBe('respond-async');
  });

  it('respond-async, wait=N: waits, then 202 with Preference-Applied', async () => {
    const response = await post('', 'respond-async, wait=1');
    expect(response.status).toBe(202);
    expect(response.headers.get('Preference-Applied')).toBe('respond-async');
    api.gates.at(-1)?.finish();
  });
});

describe('hostile requests: the right 4xx, never a 500', () => {
  it.each([
    ['a huge wait is bounded by maxWait', 'wait=99999999999999999999999999999999', 202],
    ['a negative wait is ignored', 'wait=-5', 202],
    ['a fractional wait is ignored', 'wait=0.5', 202],
    ['an unknown preference is ignored', 'frobnicate=yes; x', 202],
    ['garbage is ignored', ';;;=,,,"unterminated', 202],
    ['a very long Prefer is ignored', `${'a=b;'.repeat(4000)}wait=1`, 202],
  ])('POST with Prefer: %s', async (_name, prefer, status) => {
    const before = Date.now();
    const response = await post('', prefer);
    expect(response.status).toBe(status);
    expect(Date.now() - before).toBeLessThan(3000);
    api.gates.at(-1)?.finish();
  });

  it.each([
    ['/jobs/00000000-0000-4000-8000-000000000000', 404],
    ['/jobs/..%2F..%2Fetc%2Fpasswd', 404],
    ['/jobs/%2e%2e', 404],
    ['/jobs/%00', 404],
    ['/jobs/a%20b', 404],
    ['/jobs/', 404],
    [`/jobs/${'x'.repeat(129)}`, 404],
    [`/jobs/${'x'.repeat(8000)}`, 404],
    ['/jobs/abc/result', 404],
    ['/jobs/abc/other', 404],
    ['/jobs/abc/result/extra', 404],
    ['/elsewhere', 404],
  ])('GET %s → %i problem', async (path, status) => {
    const response = await fetch(`${api.url}${path}`, { redirect: 'manual' });
    expect(response.status).toBe(status);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    const body = (await response.json()) as { status: number; detail?: string };
    expect(body.status).toBe(status);
    expect(body.detail ?? '').not.toContain('passwd');
  });

  it.each(['DELETE', 'PUT', 'POST', 'PATCH'])(
    '%s on a monitor → 405 with Allow',
    async (method) => {
      const response = await fetch(`${api.url}/jobs/abc`, { method });
      expect(response.status).toBe(405);
      expect(response.headers.get('Allow')).toBe('GET, HEAD');
    },
  );

  it('nothing above reached the server error hook', () => {
    // Only the job that crashed on purpose is in the application's error log.
    expect(api.errors.filter((error) => !String(error).includes('secret internal detail'))).toEqual(
      [],
    );
  });
});

describe('state shared by two instances', () => {
  it('a job whose instance died is reported failed after staleAfter, not running forever', async () => {
    const store = memoryStore();
    const a = await startInstance({ store, heartbeatInterval: 50, staleAfter: 300 });
    const b = await startInstance({ store, heartbeatInterval: 50, staleAfter: 300 });
    try {
      const onA = await fetch(`${a.url}/exports`, { method: 'POST' });
      const path = new URL(onA.headers.get('Location') ?? '').pathname;
      // Heartbeats keep the job running on B's monitor while A lives, past staleAfter.
      await sleep(500);
      const alive = await fetch(`${b.url}${path}`);
      expect(((await alive.json()) as { state: string }).state).toBe('running');
      await a.close();
      const dead = await poll(`${b.url}${path}`, (r) => r.headers.get('Retry-After') === null);
      const body = (await dead.json()) as {
        state: string;
        problem: { status: number; detail: string };
      };
      expect(body.state).toBe('failed');
      expect(body.problem.status).toBe(500);
      expect(body.problem.detail).toMatch(/no heartbeat/);
      // The work on A was told to stop; if it ends anyway, nothing changes.
      expect(a.gates[0]?.job?.signal.aborted).toBe(true);
      a.gates[0]?.finish();
      await sleep(50);
      expect(((await (await fetch(`${b.url}${path}`)).json()) as { state: string }).state).toBe(
        'failed',
      );
    } finally {
      await b.close();
    }
  });

  it('an expired job answers 410 while its tombstone is kept, then 404', async () => {
    const store = memoryStore();
    const c = await startInstance({ store, keepFor: 100, tombstoneFor: 300 });
    try {
      const started = await fetch(`${c.url}/exports?instant`, { method: 'POST' });
      const monitor = started.headers.get('Location') ?? '';
      await poll(monitor, (r) => r.status === 303);
      await sleep(150);
      const gone = await fetch(monitor);
      expect(gone.status).toBe(410);
      expect(gone.headers.get('Content-Type')).toBe('application/problem+json');
      expect((await fetch(`${monitor}/result`)).status).toBe(410);
      await sleep(300);
      expect((await fetch(monitor)).status).toBe(404);
    } finally {
      await c.close();
    }
  });
});
