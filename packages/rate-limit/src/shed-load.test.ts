import { compose, type FetchHandler } from '@fielding/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventLoopSampler as nodeSampler } from './load-sampler.node.js';
import { eventLoopSampler, timerDriftSampler, type LoadSampler } from './load-sampler.js';
import { TEMPORARY_REDUCED_CAPACITY_TYPE } from './problem-types.js';
import { shedLoad as nodeShedLoad } from './shed-load.node.js';
import { shedLoad } from './shed-load.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** Keeps the event loop busy, as a CPU-bound handler or a flood of requests does. */
function block(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy
  }
}

const started: LoadSampler[] = [];
afterEach(() => {
  for (const sampler of started.splice(0)) sampler.stop();
});

const samplers: Array<[string, () => LoadSampler]> = [
  ['timer drift (portable)', () => timerDriftSampler({ resolution: 10, period: 200 })],
  ['monitorEventLoopDelay (node)', () => nodeSampler({ resolution: 10, period: 200 })],
];

describe.each(samplers)('%s sampler', (_, make) => {
  it('reads an idle loop as on time, a blocked one as late by about the block', async () => {
    const sampler = make();
    started.push(sampler);
    expect(sampler.delay()).toBe(0); // starts now
    await sleep(100);
    expect(sampler.delay()).toBeLessThan(50);
    block(250);
    await sleep(30);
    const late = sampler.delay();
    expect(late).toBeGreaterThan(150);
    expect(late).toBeLessThan(1000);
  });

  it('forgets a block once a period has passed without one', async () => {
    const sampler = make();
    started.push(sampler);
    sampler.delay();
    await sleep(50);
    block(200);
    await sleep(30);
    expect(sampler.delay()).toBeGreaterThan(100);
    await sleep(600);
    expect(sampler.delay()).toBeLessThan(100);
  });

  it('stops, and starts again on the next delay()', async () => {
    const sampler = make();
    started.push(sampler);
    sampler.delay();
    await sleep(30);
    sampler.stop();
    expect(sampler.delay()).toBe(0);
  });

  it('refuses a resolution or period that is not a positive number', () => {
    expect(() => timerDriftSampler({ resolution: 0 })).toThrow(RangeError);
    expect(() => nodeSampler({ period: -1 })).toThrow(RangeError);
  });
});

describe.each([
  ['web build', shedLoad, timerDriftSampler],
  ['node build', nodeShedLoad, nodeSampler],
] as const)('shedLoad, %s', (_, shed, makeSampler) => {
  it('answers 503 problem+json with Retry-After while the loop runs late, then serves again', async () => {
    const sampler = makeSampler({ resolution: 10, period: 200 });
    started.push(sampler);
    const handler = vi.fn<FetchHandler>(() => Response.json({ ok: true }));
    const guarded = compose(shed({ maxEventLoopDelayMs: 100, retryAfter: 3, sampler }))(handler);
    expect((await guarded(new Request('https://api.test/'))).status).toBe(200);
    await sleep(50);
    block(300);
    await sleep(20);
    const shed503 = await guarded(new Request('https://api.test/'));
    expect(shed503.status).toBe(503);
    expect(shed503.headers.get('retry-after')).toBe('3');
    expect(shed503.headers.get('content-type')).toBe('application/problem+json');
    expect(await shed503.json()).toEqual({
      type: TEMPORARY_REDUCED_CAPACITY_TYPE,
      title: 'Temporary Reduced Capacity',
      status: 503,
      detail: 'The server is overloaded; try again shortly.',
    });
    expect(handler).toHaveBeenCalledTimes(1);
    await sleep(600);
    expect((await guarded(new Request('https://api.test/'))).status).toBe(200);
  });

  it('measures with the build’s own sampler when none is given, and asks for 1 s by default', async () => {
    const guarded = compose(shed({ maxEventLoopDelayMs: 100 }))(() => new Response('ok'));
    expect((await guarded(new Request('https://api.test/'))).status).toBe(200);
    await sleep(50);
    block(300);
    await sleep(20);
    const response = await guarded(new Request('https://api.test/'));
    expect([response.status, response.headers.get('retry-after')]).toEqual([503, '1']);
  });

  it.each([0, -5, Number.NaN, Infinity])(
    'refuses maxEventLoopDelayMs %s',
    (maxEventLoopDelayMs) => {
      expect(() => shed({ maxEventLoopDelayMs })).toThrow(RangeError);
    },
  );
});

it('the web eventLoopSampler is the timer-drift one', async () => {
  const sampler = eventLoopSampler({ resolution: 10, period: 200 });
  started.push(sampler);
  sampler.delay();
  await sleep(30);
  block(200);
  expect(sampler.delay()).toBeGreaterThan(150); // overdue while still blocked: timer drift
});
