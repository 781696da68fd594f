import { describe, expect, it } from 'vitest';
import { compose } from './compose.js';
import type { Middleware } from './handler.js';

const tag =
  (name: string, log: string[]): Middleware =>
  async (request, next) => {
    log.push(`${name}:in`);
    const response = await next(request);
    log.push(`${name}:out`);
    return response;
  };

describe('compose', () => {
  it('runs layers outermost first and unwinds in reverse', async () => {
    const log: string[] = [];
    const handler = compose(
      tag('a', log),
      tag('b', log),
    )(() => {
      log.push('handler');
      return new Response('ok');
    });
    const response = await handler(new Request('http://x/'));
    expect(await response.text()).toBe('ok');
    expect(log).toEqual(['a:in', 'b:in', 'handler', 'b:out', 'a:out']);
  });

  it('lets a layer short-circuit without calling next', async () => {
    const handler = compose(() => new Response('stopped', { status: 403 }))(() => {
      throw new Error('must not run');
    });
    expect((await handler(new Request('http://x/'))).status).toBe(403);
  });

  it('lets a layer rewrite the request', async () => {
    const rewrite: Middleware = (request, next) => next(new Request(new URL('/b', request.url)));
    const handler = compose(rewrite)((request) => new Response(new URL(request.url).pathname));
    expect(await (await handler(new Request('http://x/a'))).text()).toBe('/b');
  });

  it('propagates errors to the caller', async () => {
    const handler = compose(tag('a', []))(() => Promise.reject(new Error('boom')));
    await expect(handler(new Request('http://x/'))).rejects.toThrow('boom');
  });

  it('returns the handler unchanged in behaviour with no middleware', async () => {
    const handler = compose()(() => new Response('plain'));
    expect(await (await handler(new Request('http://x/'))).text()).toBe('plain');
  });
});
