import { describe, expect, it } from 'vitest';
import { createJobs } from './jobs.js';
import { memoryStore } from './memory-store.js';
import type { JobStore } from './store.js';

const post = (prefer?: string): Request =>
  new Request('https://api.test/exports', {
    method: 'POST',
    ...(prefer === undefined ? {} : { headers: { Prefer: prefer } }),
  });

describe('createJobs', () => {
  it.each(['/jobs', '/jobs/{id}/{id}', 'jobs/{id}'])('refuses the monitor path %j', (path) => {
    expect(() => createJobs({ store: memoryStore(), monitorPath: path })).toThrow(TypeError);
  });

  it('uses custom monitor and result paths', async () => {
    const jobs = createJobs({
      store: memoryStore(),
      monitorPath: '/tasks/{id}.status',
      resultPath: '/exports/{id}.csv',
      generateId: () => 'fixed-id',
    });
    const started = await jobs.start(post(), () => 'done');
    expect(started.headers.get('Location')).toBe('https://api.test/tasks/fixed-id.status');
    await new Promise((resolve) => setTimeout(resolve, 10));
    const done = await jobs.monitor(new Request('https://api.test/tasks/fixed-id.status'));
    expect(done.status).toBe(303);
    expect(done.headers.get('Location')).toBe('https://api.test/exports/fixed-id.csv');
    const result = await jobs.monitor(new Request('https://api.test/exports/fixed-id.csv'));
    expect(await result.json()).toBe('done');
  });

  it('refuses an id from generateId that could leave its path segment', async () => {
    const jobs = createJobs({ store: memoryStore(), generateId: () => '../x' });
    await expect(jobs.start(post(), () => 1)).rejects.toThrow(TypeError);
  });

  it('clamps progress to 0..1 and ignores non-finite values', async () => {
    const jobs = createJobs({ store: memoryStore(), generateId: () => 'p' });
    let release = (): void => undefined;
    await jobs.start(post(), async (job) => {
      job.progress(7);
      job.progress(Number.NaN);
      await new Promise<void>((resolve) => (release = resolve));
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const running = await jobs.monitor(new Request('https://api.test/jobs/p'));
    expect(((await running.json()) as { progress: number }).progress).toBe(1);
    const head = await jobs.monitor(new Request('https://api.test/jobs/p', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    release();
  });

  it('a result over maxResultBytes fails the job with a 500 problem', async () => {
    const jobs = createJobs({ store: memoryStore(), maxResultBytes: 10 });
    const streamed = await jobs.start(post('wait=1'), () => new Response('x'.repeat(11)));
    expect(streamed.status).toBe(500);
    expect(await streamed.json()).toMatchObject({ detail: 'The result is larger than 10 bytes.' });
    const json = await jobs.start(post('wait=1'), () => ({ text: 'x'.repeat(20) }));
    expect(json.status).toBe(500);
  });

  it('undefined becomes 204, and a wait answers it directly', async () => {
    const jobs = createJobs({ store: memoryStore() });
    const response = await jobs.start(post('wait=1'), () => undefined);
    expect(response.status).toBe(204);
  });

  it('a finished job whose result is elsewhere: wait answers 303 to it', async () => {
    const jobs = createJobs({ store: memoryStore() });
    const response = await jobs.start(post('wait=1'), () =>
      Response.redirect('https://cdn.test/e.csv', 303),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('https://cdn.test/e.csv');
  });

  it('store errors of heartbeats and of the end go to onError, never to the client', async () => {
    const errors: unknown[] = [];
    const inner = memoryStore();
    const broken: JobStore = {
      ...inner,
      heartbeat: () => Promise.reject(new Error('heartbeat down')),
      finish: () => Promise.reject(new Error('finish down')),
    };
    const jobs = createJobs({ store: broken, onError: (error) => errors.push(error) });
    const response = await jobs.start(post('wait=1'), (job) => {
      job.progress(0.1);
      return 'x';
    });
    expect(response.status).toBe(202);
    expect(errors.map(String)).toEqual(['Error: heartbeat down', 'Error: finish down']);
  });
});
