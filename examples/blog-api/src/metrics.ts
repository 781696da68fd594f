// Prometheus metrics for every request: counts and latency histograms by route and status.
import type { Middleware } from '@fielding/core';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import {
  CLIENT_CLOSED_STATUS,
  UNMATCHED_ROUTE,
  clientClosed,
  methodLabel,
  routeTemplate,
} from './request-labels.js';

export interface Metrics {
  readonly registry: Registry;
  readonly middleware: Middleware;
  /** The exposition text for GET /metrics. */
  render(): Promise<Response>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route and status.',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to produce the response head, by method, route and status.',
    labelNames,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });

  const middleware: Middleware = async function recordMetrics(request, next) {
    const started = performance.now();
    let status = 500;
    try {
      const response = await next(request);
      status = response.status;
      return response;
    } finally {
      // Reads nothing a client can make unparsable (no URL), and a metric that cannot be
      // recorded never costs the request its answer.
      try {
        const labels = {
          method: methodLabel(request.method),
          route: routeTemplate(request) ?? UNMATCHED_ROUTE,
          // Only faults ask: a client that left during its upload shows up as one (its body
          // stream broke), and asking is not free (on @hono/node-server it builds the whole
          // Request, body stream included, which then closes a keep-alive connection).
          status: status >= 500 && clientClosed(request) ? CLIENT_CLOSED_STATUS : String(status),
        };
        requests.inc(labels);
        duration.observe(labels, (performance.now() - started) / 1000);
      } catch {
        // Nothing to do: the response is more important than its sample.
      }
    }
  };

  return {
    registry,
    middleware,
    async render() {
      return new Response(await registry.metrics(), {
        headers: { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' },
      });
    },
  };
}
