// The whole blog API as one FetchHandler: every server entry point mounts exactly this.
import { createRouter, type FetchHandler, type Middleware } from '@fielding/core';
import { representation } from '@fielding/content-negotiation';
import {
  HttpError,
  INTERNAL_ERROR_DETAIL,
  problem,
  problemDetails,
} from '@fielding/problem-errors';
import { rootDocument } from './documents.js';
import { innerEdge, outerEdge, type EdgeOptions } from './edge.js';
import type { Metrics } from './metrics.js';
import { RESOURCE_KINDS, API_ROOT } from './resources.js';
import { SILENT_LOGGER, describeError, type Logger } from './log.js';
import {
  UNMATCHED_ROUTE,
  clientClosed,
  methodLabel,
  recordingTemplates,
  routeTemplate,
} from './request-labels.js';
import { addDocumentationRoutes } from './routes/documentation.js';
import { RETRY_AFTER_SECONDS, addOperationRoutes } from './routes/operations.js';
import { ACCEPT_PATCH, MAX_BODY_BYTES, addResourceRoutes } from './routes/resource-routes.js';
import { DatabaseUnavailableError } from './storage/database.js';
import type { Store } from './storage/store.js';
import { createApiRepresentations } from './variants.js';

export interface AppOptions {
  store: Store;
  /** Prometheus metrics; omitted in tests that do not need them. */
  metrics?: Metrics;
  version?: string;
  commit?: string | undefined;
  /**
   * Where server faults (500s: errors that are not HttpErrors) are logged, as `request_failed`
   * with the method, the route template and the error's name, code and stack frames — never
   * the URL, headers or body. Default: not logged.
   */
  logger?: Logger;
  /**
   * Authentication, idempotency, rate limits and CORS (src/edge.ts). Default: writes open,
   * Idempotency-Key records in `store`, 1,000 requests a minute in memory, no CORS.
   */
  edge?: EdgeOptions;
}

/** The database being away is a 503 the client may retry, not a server fault (500). */
const databaseAvailability: Middleware = async function databaseAvailability(request, next) {
  try {
    return await next(request);
  } catch (error) {
    if (!(error instanceof DatabaseUnavailableError)) throw error;
    throw new HttpError(503, {
      detail: 'The database is not available at the moment; retry later.',
      headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
    });
  }
};

/** A declared Content-Length over the limit is refused before any byte is read. */
const bodyLimit: Middleware = function bodyLimit(request, next) {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_BODY_BYTES) {
    throw new HttpError(413, { detail: `Request bodies are limited to ${MAX_BODY_BYTES} bytes.` });
  }
  return next(request);
};

/** OPTIONS answers also say which bodies POST and PATCH take (RFC 5789 §3.1, Accept-Post). */
const acceptHints: Middleware = async function acceptHints(request, next) {
  const response = await next(request);
  const allow = response.headers.get('allow');
  if (request.method === 'OPTIONS' && allow) {
    const methods = allow.split(',').map((method) => method.trim());
    if (methods.includes('PATCH')) response.headers.set('Accept-Patch', ACCEPT_PATCH);
    if (methods.includes('POST')) response.headers.set('Accept-Post', 'application/json');
  }
  return response;
};

export function createApp(options: AppOptions): FetchHandler {
  const logger = options.logger ?? SILENT_LOGGER;
  const fault = (error: unknown, request: Request) =>
    logger.error('request_failed', {
      method: methodLabel(request.method),
      route: routeTemplate(request) ?? UNMATCHED_ROUTE,
      status: 500,
      ...describeError(error),
    });
  const representations = createApiRepresentations();
  const edge = options.edge ?? {};
  // The metrics layer is outermost, so it sees every answer as sent (problems included); the
  // router's onError turns anything that escapes even it into a 500 problem, never a throw.
  // Handlers record their route pattern: the label of metrics and logs (never the raw path).
  const router = recordingTemplates(
    createRouter({
      middleware: [
        ...(options.metrics ? [options.metrics.middleware] : []),
        ...outerEdge(edge),
        problemDetails({
          onError: (error, context) => {
            // HttpErrors (a 503 while the database is away) are answers, not faults; nor is a
            // body stream broken by a client that went away mid-upload (counted as 499).
            if (!context.expected && !clientClosed(context.request)) fault(error, context.request);
          },
        }),
        databaseAvailability,
        bodyLimit,
        ...innerEdge(edge, options.store.db),
        acceptHints,
        representations.middleware,
      ],
      onError: (error, request) => {
        fault(error, request);
        return problem({ status: 500, detail: INTERNAL_ERROR_DETAIL });
      },
    }),
  );

  router.get('/', () => new Response(null, { status: 308, headers: { Location: API_ROOT } }));
  router.get(API_ROOT, () =>
    representation(rootDocument(), { headers: { 'Cache-Control': 'max-age=60' } }),
  );
  for (const kind of RESOURCE_KINDS) {
    addResourceRoutes(router, kind, { store: options.store, representations });
  }
  addOperationRoutes(router, {
    store: options.store,
    metrics: options.metrics,
    version: options.version ?? '0.0.0',
    commit: options.commit,
  });
  addDocumentationRoutes(router, options.version ?? '0.0.0', edge.auth !== undefined);

  return router.fetch;
}
