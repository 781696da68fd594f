import { describe, expect, it } from 'vitest';
import * as web from './index.js';
import * as node from './index.node.js';
import { eventLoopSampler as nodeSampler } from './load-sampler.node.js';
import { shedLoad as nodeShedLoad } from './shed-load.node.js';

describe('entry points', () => {
  it('the node entry exports the same names as the web entry', () => {
    expect(Object.keys(node).sort()).toEqual(Object.keys(web).sort());
  });

  it('the node entry swaps in the monitorEventLoopDelay sampler, and only that', () => {
    expect(node.eventLoopSampler).toBe(nodeSampler);
    expect(node.shedLoad).toBe(nodeShedLoad);
    expect(node.shedLoad).not.toBe(web.shedLoad);
    expect(node.rateLimit).toBe(web.rateLimit);
    expect(node.timerDriftSampler).toBe(web.timerDriftSampler);
  });

  it('exports the documented runtime names', () => {
    expect(Object.keys(web).sort()).toEqual([
      'MAX_RATELIMIT_FIELD_LENGTH',
      'QUOTA_EXCEEDED_TYPE',
      'TEMPORARY_REDUCED_CAPACITY_TYPE',
      'clientAddress',
      'evaluateFixedWindow',
      'eventLoopSampler',
      'formatRateLimit',
      'formatRateLimitPolicy',
      'memoryStore',
      'parseRateLimit',
      'parseRateLimitPolicy',
      'postgresStore',
      'rateLimit',
      'rateLimitStoreContract',
      'rateLimitTableSql',
      'redisStore',
      'shedLoad',
      'timerDriftSampler',
    ]);
  });
});
