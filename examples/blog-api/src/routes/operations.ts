// Operational endpoints outside the versioned API: health, version, metrics, relation docs.
import type { Router } from '@fielding/core';
import { escapeHtml } from '@fielding/content-negotiation';
import { HttpError } from '@fielding/problem-errors';
import type { Metrics } from '../metrics.js';
import type { Store } from '../storage/store.js';

/** Seconds a client is asked to wait while the database is away (503 Retry-After). */
export const RETRY_AFTER_SECONDS = 5;

export interface OperationsOptions {
  store: Store;
  metrics: Metrics | undefined;
  version: string;
  commit: string | undefined;
}

/**
 * What each `doc:` relation means; served at /docs/rels/{rel} for the curie. A Map, since the
 * key comes from the URL: a plain object would also "have" constructor, toString, __proto__.
 */
export const RELATION_DOCS: ReadonlyMap<string, string> = new Map([
  [
    'blogs',
    'The paged collection of blogs. GET to list (pageIndex, pageSize, sort, fields), POST to create.',
  ],
  ['blog', 'One blog by id: a URI template with the variable blogId.'],
  ['articles', 'The paged collection of articles of a blog. GET to list, POST to create.'],
  ['comments', 'The paged collection of comments on an article. GET to list, POST to create.'],
  ['find', 'One item of this collection by id: a URI template.'],
]);

export function addOperationRoutes(router: Router, options: OperationsOptions): void {
  const noStore = { 'Cache-Control': 'no-store' };

  router.get('/health', async () => {
    if (await options.store.healthy()) {
      return Response.json({ status: 'ok', database: options.store.db.kind }, { headers: noStore });
    }
    throw new HttpError(503, {
      detail: 'The database does not answer.',
      headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
    });
  });

  router.get('/version', () =>
    Response.json(
      { version: options.version, commit: options.commit ?? null },
      { headers: noStore },
    ),
  );

  router.get('/metrics', () => {
    if (!options.metrics) throw new HttpError(404, { detail: 'Metrics are off in this instance.' });
    return options.metrics.render();
  });

  router.get('/docs/rels/:rel', (_request, { params }) => {
    const rel = String(params.rel);
    const text = RELATION_DOCS.get(rel);
    if (text === undefined)
      throw new HttpError(404, { detail: `There is no documentation for doc:${rel}.` });
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>doc:${escapeHtml(rel)}</title></head><body><h1>doc:${escapeHtml(rel)}</h1><p>${escapeHtml(text)}</p></body></html>`;
    return new Response(html, {
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'max-age=86400' },
    });
  });
}
