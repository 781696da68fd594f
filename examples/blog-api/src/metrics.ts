// Prometheus metrics for every request: counts and latency histograms by route and status.
import type { Middleware } from '@fielding/core';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  readonly middleware: Middleware;
  /** The exposition text for GET /metrics. */
  render(): Promise<Response>;
}

// Ids become placeholders so the route label has a bounded number of values.
export function routeLabel(pathname: string, status: number): string {
  if (status === 404) return 'unmatched';
  return pathname.replace(/\/\d+(?=\/|$)/g, '/{id}') || '/';
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
      const labels = {
        method: request.method,
        route: routeLabel(new URL(request.url).pathname, status),
        status: String(status),
      };
      requests.inc(labels);
      duration.observe(labels, (performance.now() - started) / 1000);
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
