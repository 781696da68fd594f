// GET /openapi.json and GET /docs/api (issue 18): the generated OpenAPI document, and Scalar's
// API reference rendering it — its standalone bundle served from node_modules, never a CDN, under
// a Content-Security-Policy that allows this origin only.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Router } from '@fielding/core';
import { blogApiDocument } from '../openapi.js';

const SCALAR_BUNDLE = fileURLToPath(
  new URL('../../node_modules/@scalar/api-reference/dist/browser/standalone.js', import.meta.url),
);

/**
 * Scripts, styles, fonts and data from this origin only. Scalar sets styles on elements, hence
 * 'unsafe-inline' for styles (never for scripts); images may be data: URIs (its icons).
 */
export const REFERENCE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Fielding blog API reference</title>
    <link rel="icon" href="data:," />
  </head>
  <body>
    <div id="app"></div>
    <script src="/docs/api/standalone.js"></script>
    <script src="/docs/api/reference.js"></script>
  </body>
</html>
`;

// A separate file, not an inline script: the CSP allows scripts from this origin only.
const INIT = `Scalar.createApiReference('#app', {
  url: '/openapi.json',
  withDefaultFonts: false,
  hideClientButton: true,
  telemetry: false,
  showDeveloperTools: 'never',
});
`;

export function addDocumentationRoutes(router: Router, version: string, auth: boolean): void {
  const document = JSON.stringify(blogApiDocument(version, { auth }));
  let bundle: Promise<ArrayBuffer> | undefined;

  router.get(
    '/openapi.json',
    () =>
      new Response(document, {
        headers: { 'Content-Type': 'application/json', 'Cache-Control': 'max-age=300' },
      }),
  );
  router.get(
    '/docs/api',
    () =>
      new Response(PAGE, {
        headers: {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': REFERENCE_CSP,
          'Cache-Control': 'max-age=300',
        },
      }),
  );
  router.get(
    '/docs/api/reference.js',
    () =>
      new Response(INIT, {
        headers: {
          'Content-Type': 'text/javascript; charset=utf-8',
          'Cache-Control': 'max-age=300',
        },
      }),
  );
  router.get('/docs/api/standalone.js', async () => {
    // Read once, on first use (4.7 MB): an instance nobody asks for docs never holds it.
    bundle ??= readFile(SCALAR_BUNDLE).then((bytes) =>
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
    return new Response(await bundle, {
      headers: {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cache-Control': 'public, max-age=86400',
      },
    });
  });
}
