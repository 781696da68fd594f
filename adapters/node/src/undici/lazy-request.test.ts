import { describe, expect, it } from 'vitest';
import { FastHeaders } from './fast-headers.js';
import { lazyRequests, REQUEST_SLOTS } from './lazy-request.js';
import { NativeRequest } from './native.js';

const major = Number(process.versions.node.split('.')[0]);

interface State {
  method: string;
  url: string;
  headers: Headers;
  body: string | null;
  built: number;
}

const lazy = lazyRequests<State>({
  method: (state) => state.method,
  url: (state) => state.url,
  headers: (state) => state.headers,
  signal: () => new AbortController().signal,
  bodiless: (state) => state.body === null,
  init: (state) => {
    state.built++;
    return { method: state.method, headers: state.headers, body: state.body };
  },
});

function state(method: string, body: string | null): State {
  const headers = new FastHeaders([['x-a', '1']]) as unknown as Headers;
  return { method, url: 'http://h/p', headers, body, built: 0 };
}

describe('lazy requests', () => {
  it("keeps undici's state in slots it can forward on Node 20 and 22 only", () => {
    expect(REQUEST_SLOTS.length > 0).toBe(major < 24);
  });

  it('builds undici’s Request once, and only when more than the request line is asked', async () => {
    const source = state('POST', 'payload');
    const request = lazy(source);
    expect([request.method, request.url, request.headers.get('x-a'), request.bodyUsed]).toEqual([
      'POST',
      'http://h/p',
      '1',
      false,
    ]);
    expect(source.built).toBe(0);
    expect(request.cache).toBe('default');
    expect(await request.text()).toBe('payload');
    expect(source.built).toBe(1);
  });

  it('answers body null for a request without content, without building', () => {
    const source = state('GET', null);
    expect(lazy(source).body).toBeNull();
    expect(source.built).toBe(0);
  });

  it('forwards every method and field of the runtime Request', () => {
    const own = Object.getOwnPropertyNames(NativeRequest.prototype).filter(
      (name) => name !== 'constructor',
    );
    const request = lazy(state('GET', null)) as unknown as Record<string, unknown>;
    for (const name of own) expect(name in request, name).toBe(true);
    expect(Object.getPrototypeOf(Object.getPrototypeOf(request))).toBe(NativeRequest.prototype);
  });
});
