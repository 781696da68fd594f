import type {
  FastifyError,
  FastifyInstance,
  FastifyPluginCallback,
  FastifyReply,
  FastifyRequest,
  preParsingHookHandler,
} from 'fastify';
import type { FetchHandler, Middleware, ProxyTrustOptions } from '@fielding/core';
import { nodeToWebStream } from '@fielding/node';
import { Readable } from 'node:stream';
import { toWebRequest } from './_web-request.js';
import { REPLAY, type Replay, type SourceRequest } from './_web-request.js';
import { applyHead, isBodiless, responsePayload, sendPayload } from './_write-response.js';

/**
 * Options of {@link fastifyMiddleware}: where the routes' errors go, and which proxy to believe
 * for the scheme and host of the middleware's `request.url` (`trustProxy`, `proxyHops` of
 * `@fielding/core`; Fastify's own `trustProxy` is not read).
 */
export interface FastifyMiddlewareOptions extends ProxyTrustOptions {
  /**
   * Where errors of the wrapped routes go. `'middleware'` (default): they reject `next`, so a
   * problem middleware renders them; what the middleware rethrows goes on to the error handler
   * the scope had before. `'fastify'`: Fastify's error handler answers them, and `next`
   * resolves with that answer.
   */
  errors?: 'middleware' | 'fastify';
}

/** One request's trip through the middleware. */
interface Exchange {
  /** `middleware`: before `next`; `route`: Fastify is running the route; `done`: answered. */
  phase: 'middleware' | 'route' | 'done';
  result: Promise<Response>;
  settle(response: Response): void;
  fail(error: unknown): void;
  /** Whether errors of the route reject `next` (`errors: 'middleware'`). */
  readonly catches: boolean;
}

/** The scopes that already have the shared error handler. */
const handled = new WeakSet<object>();

type Payload = unknown;

/** Every Fielding middleware exchange of one request, outermost first. */
const STACK = Symbol('fielding.fastify.exchanges');

const SKIP_OVERRIDE = Symbol.for('skip-override');
const DISPLAY_NAME = Symbol.for('fastify.display-name');

function isNodeStream(value: unknown): value is NodeJS.ReadableStream {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { pipe?: unknown }).pipe === 'function'
  );
}

/** The reply as a Web `Response`: status, reason, every header, and the serialised payload. */
function capturedResponse(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: Payload,
): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, String(item));
    else if (value !== undefined) headers.append(name, String(value));
  }
  let status = reply.statusCode;
  let body: BodyInit | null = null;
  if (payload instanceof Response) {
    // Fastify 5 sends a Response as its status, headers and body.
    status = payload.status;
    for (const [name, value] of payload.headers) headers.set(name, value);
    body = payload.body;
  } else if (typeof payload === 'string' || payload instanceof Uint8Array) {
    body = payload as BodyInit;
  } else if (isNodeStream(payload)) {
    body = nodeToWebStream(payload);
  } else if (payload instanceof ReadableStream) {
    body = payload as ReadableStream<Uint8Array>;
  }
  if (isBodiless(request.method, status) && request.method !== 'HEAD') body = null;
  return new Response(body, { status, statusText: reply.raw.statusMessage ?? '', headers });
}

/** Carries headers of a request the middleware rebuilt over to the Fastify request. */
function applyRequest(inner: Request, request: FastifyRequest): void {
  const headers: Record<string, string> = {};
  const raw: string[] = [];
  for (const [name, value] of inner.headers) {
    headers[name] = value;
    raw.push(name, value);
  }
  request.raw.headers = headers;
  request.raw.rawHeaders = raw;
}

/**
 * A Fastify plugin that runs a Fielding `Middleware` around the routes of the scope it is
 * registered in — an existing app's ordinary `reply.send(...)` routes included. The middleware
 * starts in an `onRequest` hook; its `next` lets Fastify route the request and resolves, in an
 * `onSend` hook, with the route's reply as a `Response` (status, reason, headers, the
 * serialised payload); what the middleware returns is what Fastify sends. A middleware that
 * answers without calling `next` ends the request before routing.
 *
 * It deliberately breaks encapsulation (`Symbol.for('skip-override')`, the convention
 * `fastify-plugin` uses), so its hooks apply to the scope that registers it: register it on
 * the root for the whole app, or inside one of your plugins for that plugin's routes only.
 *
 * @param middleware - the Fielding middleware, e.g. a shallow-ETag or problem middleware
 * @param options - where the routes' errors go, and whether the global `Response` becomes the
 *   light one
 * @returns a plugin for `app.register()`
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import type { Middleware } from '@fielding/core';
 * import { fastifyMiddleware } from '@fielding/fastify';
 *
 * const poweredBy: Middleware = async (request, next) => {
 *   const response = await next(request);
 *   response.headers.set('X-Powered-By', 'Fielding');
 *   return response;
 * };
 * const app = Fastify();
 * await app.register(fastifyMiddleware(poweredBy));
 * app.get('/hello', async () => ({ hello: 'world' }));
 * ```
 */
export function fastifyMiddleware(
  middleware: Middleware,
  options: FastifyMiddlewareOptions = {},
): FastifyPluginCallback {
  const proxy: ProxyTrustOptions = {
    trustProxy: options.trustProxy ?? false,
    ...(options.proxyHops !== undefined && { proxyHops: options.proxyHops }),
  };
  type Tracked = FastifyRequest & { [STACK]?: Exchange[] };

  async function onRequest(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> {
    // Shared by stacked middleware: what an outer one read before its `next` stays recorded.
    const replay: Replay = ((request as SourceRequest)[REPLAY] ??= {
      active: true,
      chunks: [],
      used: false,
    });
    replay.active = true;
    const web = toWebRequest(request, reply, proxy);
    let settle!: (response: Response) => void;
    let fail!: (error: unknown) => void;
    const captured = new Promise<Response>((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    // A middleware that answered early may never look at `next`'s result.
    captured.catch(() => undefined);
    let entered!: () => void;
    const routing = new Promise<void>((resolve) => (entered = resolve));
    const exchange: Exchange = {
      phase: 'middleware',
      result: captured,
      settle,
      fail,
      catches: (options.errors ?? 'middleware') === 'middleware',
    };
    const next: FetchHandler = (inner) => {
      if (exchange.phase !== 'middleware') {
        return Promise.reject(new TypeError('next() was called twice or after answering.'));
      }
      exchange.phase = 'route';
      replay.active = false;
      if (inner !== web) applyRequest(inner, request);
      entered();
      return captured;
    };
    let result: Promise<Response>;
    try {
      result = Promise.resolve(middleware(web, next));
    } catch (error) {
      result = Promise.reject(error);
    }
    exchange.result = result;
    ((request as Tracked)[STACK] ??= []).push(exchange);
    reply.raw.once('close', () => {
      if (exchange.phase !== 'route') return;
      // The route hijacked the reply, or the client left: no onSend will ever come.
      exchange.phase = 'done';
      fail(new Error('The response ended without passing through reply.send().'));
    });
    await Promise.race([routing, result.then(noop, noop)]);
    if (exchange.phase === 'route') return undefined;
    // The middleware answered without `next` (a 304 or 412 before any work): no routing.
    exchange.phase = 'done';
    const response = await result;
    const payload = await responsePayload(request.method, response);
    applyHead(reply, response, false);
    sendPayload(reply, payload);
    return reply;
  }

  const plugin = function fieldingMiddlewarePlugin(
    instance: FastifyInstance,
    _opts: unknown,
    done: (error?: Error) => void,
  ): void {
    instance.addHook('onRequest', onRequest);
    instance.addHook('onSend', onSend);
    instance.addHook('preParsing', replayBody);
    // One error handler per scope serves every Fielding middleware in it (a second
    // setErrorHandler in a scope makes Fastify 5 warn, and the first would be lost).
    if ((options.errors ?? 'middleware') === 'middleware' && !handled.has(instance)) {
      handled.add(instance);
      const previous = instance.errorHandler;
      instance.setErrorHandler(function fieldingMiddlewareErrors(
        this: FastifyInstance,
        error: FastifyError,
        request: FastifyRequest,
        reply: FastifyReply,
      ): unknown {
        const fallback = (last: unknown): unknown =>
          previous.call(this, last as FastifyError, request, reply);
        if (!waiting(request)) return fallback(error);
        // Answered here, not through a returned promise: Fastify would send what that promise
        // resolves with a second time while the first answer is still in its onSend hooks.
        rejectNext(error, request, reply, fallback).catch((failure: unknown) => {
          if (!reply.sent) reply.send(failure);
        });
        return undefined;
      });
    }
    done();
  };
  Object.assign(plugin, { [SKIP_OVERRIDE]: true, [DISPLAY_NAME]: 'fielding-middleware' });
  return plugin;
}

function noop(): void {}

/**
 * Hands a route's error to the waiting middleware, innermost first: each one that catches
 * errors sees `next` reject; the first that answers has its `Response` sent (the outer ones
 * then get it through `onSend`); what they all rethrow, or an error meeting a middleware with
 * `errors: 'fastify'`, goes to the scope's previous error handler.
 */
async function rejectNext(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  fallback: (error: unknown) => unknown,
): Promise<unknown> {
  const stack = (request as { [STACK]?: Exchange[] })[STACK] ?? [];
  let current = error;
  for (let i = stack.length - 1; i >= 0; i--) {
    const exchange = stack[i]!;
    if (exchange.phase !== 'route') continue;
    if (!exchange.catches) break;
    exchange.phase = 'done';
    exchange.fail(current);
    try {
      const response = await exchange.result;
      const payload = await responsePayload(request.method, response);
      applyHead(reply, response, true);
      sendPayload(reply, payload);
      return undefined;
    } catch (rethrown) {
      current = rethrown;
    }
  }
  // What the previous handler returns is its answer, as Fastify treats an error handler's
  // return value; `reply` itself means it answered already.
  const answer = await fallback(current);
  if (answer !== undefined && answer !== reply && !reply.sent) reply.send(answer);
  return undefined;
}

/** Whether some Fielding middleware of this request waits for the route's outcome. */
function waiting(request: FastifyRequest): boolean {
  const stack = (request as { [STACK]?: Exchange[] })[STACK];
  return stack?.some((exchange) => exchange.phase === 'route') ?? false;
}

/**
 * Gives Fastify's parsers the body again when a middleware read it before routing (to check a
 * signature, say): the bytes it read, then whatever it left on the socket. Those bytes are
 * what the middleware buffered anyway.
 */
const replayBody: preParsingHookHandler = function replayBody(
  request,
  _reply,
  payload,
  done,
): void {
  const replay = (request as SourceRequest)[REPLAY];
  if (replay?.used !== true) {
    done(null, payload);
    return;
  }
  // Only once, even with several Fielding middleware in the scope.
  replay.used = false;
  const source = payload as Readable;
  const chunks = replay.chunks;
  replay.chunks = [];
  done(
    null,
    Readable.from(
      (async function* bytes(): AsyncGenerator<Uint8Array> {
        yield* chunks;
        if (!source.readableEnded) for await (const chunk of source) yield chunk as Uint8Array;
      })(),
      { objectMode: false },
    ),
  );
};

/**
 * Fastify runs `onSend` hooks in the order they were added, but the way out of an onion runs
 * the other way: the first `onSend` of any Fielding middleware settles every exchange of the
 * request, innermost (last registered) first, each one's result the next one's capture.
 */
async function onSend(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: Payload,
): Promise<Payload> {
  const stack = (request as { [STACK]?: Exchange[] })[STACK];
  if (stack === undefined) return payload;
  let current = payload;
  for (let i = stack.length - 1; i >= 0; i--) {
    const exchange = stack[i]!;
    if (exchange.phase !== 'route') continue;
    exchange.phase = 'done';
    current = await passThrough(exchange, request, reply, current);
  }
  return current;
}

/** Hands the reply to one middleware as its `next` result, and puts its answer on the reply. */
async function passThrough(
  exchange: Exchange,
  request: FastifyRequest,
  reply: FastifyReply,
  payload: Payload,
): Promise<Payload> {
  const response = capturedResponse(request, reply, payload);
  const body = response.body;
  exchange.settle(response);
  const final = await exchange.result;
  applyHead(reply, final, true);
  if (final.body === body && body !== null && !final.bodyUsed && !body.locked) {
    // The middleware left the body alone (it only changed headers): send what the route
    // sent, as Fastify would have — a stream stays the route's stream.
    return payload;
  }
  const out = await responsePayload(request.method, final);
  // Fastify's HEAD route for a GET measures the payload for Content-Length (and cannot take
  // `null`): give it the route's own, the length a 304 may also carry (RFC 9110 §8.6).
  return out === null && request.method === 'HEAD' ? payload : out;
}
