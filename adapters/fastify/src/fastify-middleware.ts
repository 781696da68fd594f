import type { FastifyInstance, FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import type { FetchHandler, Middleware, ProxyTrustOptions } from '@fielding/core';
import { captureResponse, type ResponseCapture } from '@fielding/node';
import { toWebRequest } from './_web-request.js';
import { sendResponse } from './_write-response.js';
import { answerError } from './_errors.js';

// One mechanism: `captureResponse` of `@fielding/node`. The middleware starts in an `onRequest`
// hook; its `next` puts the capture on `reply.raw` and lets Fastify go on. Whatever Fastify
// then writes — a route's `reply.send`, its error handler's or not-found handler's answer, an
// inner Fielding middleware's early answer, a hijacked route's own bytes — becomes the
// `Response` that `next` resolves with, after every `onSend` hook ran. Errors stay Fastify's:
// its error handler answers them, and `next` resolves with that answer. The capture is shared
// by every Fielding middleware of the request, so several nest as an onion without touching
// Fastify's hook order: the innermost one waiting gets what Fastify wrote, and each one's
// result becomes the `next` result of the one outside it; the outermost one's is written.

/** One Fielding middleware's trip through one request. */
interface Exchange {
  /** `middleware`: before `next`; `waiting`: Fastify runs what is inside; `done`: settled. */
  state: 'middleware' | 'waiting' | 'done';
  /** Settles the promise `next` returned. */
  settle(outcome: Outcome): void;
}

/** What a `next` (or a middleware) ends with. */
type Outcome = { readonly response: Response } | { readonly error: unknown };

/** What the Fielding middleware of one request share. */
interface Chain {
  /** Put on `reply.raw` by the first `next`. */
  capture: ResponseCapture | undefined;
  /** The exchanges that called `next`, outermost first. */
  readonly entered: Exchange[];
}

const CHAIN = Symbol('fielding.fastify.chain');
type ChainedRequest = FastifyRequest & { [CHAIN]?: Chain };

const SKIP_OVERRIDE = Symbol.for('skip-override');
const DISPLAY_NAME = Symbol.for('fastify.display-name');

const CALLED_TWICE = 'fastifyMiddleware: next() was called twice.';
const REBUILT_REQUEST =
  'fastifyMiddleware: next() was given another Request than the one the middleware received. ' +
  'Fastify has routed the request already and its routes read request/reply, which a rebuilt ' +
  'Request cannot change: call next(request).';
const BODY_READ =
  'fastifyMiddleware: the request body was read before next(). Fastify parses it from the ' +
  'socket for the route, and nothing is kept: read it after next(), or answer without next().';

function noop(): void {}

/**
 * Settles `next` of the innermost middleware still waiting below `below` (an index into
 * `entered`).
 *
 * @returns `false` when none waits
 */
function deliver(chain: Chain, outcome: Outcome, below: number): boolean {
  for (let i = below - 1; i >= 0; i--) {
    const exchange = chain.entered[i]!;
    if (exchange.state !== 'waiting') continue;
    exchange.state = 'done';
    exchange.settle(outcome);
    return true;
  }
  return false;
}

/**
 * Writes what the outermost middleware ended with. A `Response` goes out through the capture;
 * an error (or a write that failed before the head) gives `reply.raw` back and goes to
 * Fastify's error handler, as a route's error would.
 */
function finish(capture: ResponseCapture, outcome: Outcome, reply: FastifyReply): void {
  const fail = (error: unknown): void => {
    if (!capture.restore()) {
      // A route still streaming into the captured body: nothing else can be answered now.
      reply.raw.destroy();
      return;
    }
    if (reply.raw.destroyed || reply.raw.writableEnded) return;
    reply.send(
      error instanceof Error
        ? error
        : new Error('A Fielding middleware rejected with a non-error value.', { cause: error }),
    );
  };
  if ('error' in outcome) fail(outcome.error);
  else capture.respond(outcome.response)?.catch(fail);
}

/**
 * A Fastify plugin that runs a Fielding `Middleware` around the routes of the scope it is
 * registered in — an app's ordinary `reply.send(...)` routes included. The middleware starts in
 * an `onRequest` hook with the request as a lazy Web `Request`; its `next` captures
 * `reply.raw` (`captureResponse` of `@fielding/node`) and lets Fastify route: what Fastify
 * writes — its error handler's answer to a route's error included — becomes the `Response`
 * that `next` resolves with, and what the middleware returns is written. An answer given without
 * `next` goes out through `reply.send`; an error the middleware throws, to Fastify's error
 * handler. Fastify's `request` is never written to: `next` takes only the `Request` it got.
 *
 * It breaks encapsulation on purpose (`Symbol.for('skip-override')`, as `fastify-plugin`
 * does): register it on the root for the whole app, or inside a plugin for its routes only.
 *
 * @param middleware - the Fielding middleware, e.g. a shallow-ETag or problem middleware
 * @param options - which proxy to believe for the scheme and host of `request.url`
 *   (`requestOrigin` of `@fielding/core`; Fastify's own `trustProxy` is not read)
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
  options: ProxyTrustOptions = {},
): FastifyPluginCallback {
  const proxy: ProxyTrustOptions = {
    trustProxy: options.trustProxy ?? false,
    ...(options.proxyHops !== undefined && { proxyHops: options.proxyHops }),
  };

  async function fieldingMiddleware(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> {
    // `OPTIONS *` asks about the server and has no URL: it is not a middleware's to answer.
    if (request.url === '*') return undefined;
    let bodyRead = false;
    let web: Request;
    try {
      web = toWebRequest(request, reply, proxy, () => (bodyRead = true));
    } catch (error) {
      // A request no `Request` can carry (a Host that makes no URL, TRACE): 400 or 501.
      return answerError(error, reply);
    }
    const chain = ((request as ChainedRequest)[CHAIN] ??= { capture: undefined, entered: [] });
    let settle!: (outcome: Outcome) => void;
    const inside = new Promise<Response>((resolve, reject) => {
      settle = (outcome) =>
        'error' in outcome ? reject(outcome.error) : resolve(outcome.response);
    });
    // A middleware that answered without waiting for `next` may never look at its result.
    inside.catch(noop);
    const exchange: Exchange = { state: 'middleware', settle };
    let entered!: () => void;
    const routing = new Promise<void>((resolve) => (entered = resolve));

    const next: FetchHandler = (inner) => {
      if (exchange.state !== 'middleware') return Promise.reject(new TypeError(CALLED_TWICE));
      if (inner !== web) return Promise.reject(new TypeError(REBUILT_REQUEST));
      if (bodyRead) return Promise.reject(new TypeError(BODY_READ));
      exchange.state = 'waiting';
      chain.entered.push(exchange);
      if (chain.capture === undefined) {
        const capture = captureResponse(request.raw, reply.raw);
        chain.capture = capture;
        capture.response.then(
          (response) => {
            // Nobody waits when the outermost middleware answered without waiting for it.
            if (!deliver(chain, { response }, chain.entered.length)) {
              response.body?.cancel().catch(noop);
            }
          },
          (error: unknown) => deliver(chain, { error }, chain.entered.length),
        );
      }
      entered();
      return inside;
    };

    let result: Promise<Response>;
    try {
      result = Promise.resolve(middleware(web, next));
    } catch (error) {
      result = Promise.reject(error);
    }
    await Promise.race([routing, result.then(noop, noop)]);
    if (exchange.state === 'middleware') {
      // Answered without `next` (a 401, a 304 of a deep ETag): through `reply.send`, so
      // Fastify routes nothing. A rejection goes to Fastify's error handler.
      exchange.state = 'done';
      return sendResponse(reply, await result);
    }
    const pass = (outcome: Outcome): void => {
      const index = chain.entered.indexOf(exchange);
      exchange.state = 'done';
      if (!deliver(chain, outcome, index)) finish(chain.capture!, outcome, reply);
    };
    result.then(
      (response) => pass({ response }),
      (error: unknown) => pass({ error }),
    );
    return undefined;
  }

  const plugin = function fieldingMiddlewarePlugin(
    instance: FastifyInstance,
    _opts: unknown,
    done: (error?: Error) => void,
  ): void {
    instance.addHook('onRequest', fieldingMiddleware);
    done();
  };
  Object.assign(plugin, { [SKIP_OVERRIDE]: true, [DISPLAY_NAME]: 'fielding-middleware' });
  return plugin;
}
