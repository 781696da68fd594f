import { readAtMost, requestInstance, type Middleware } from '@fielding/core';
import {
  HttpError,
  isHttpError,
  problemFromError,
  unsupportedMediaType,
} from '@fielding/problem-errors';
import { findJsonSyntaxError } from './_json-error.js';
import { matchesMediaType, parseMediaType, type MediaType } from './media-type.js';

/** The media type RFC 9110 §8.3 lets a recipient assume for content without `Content-Type`. */
export const DEFAULT_BODY_MEDIA_TYPE = 'application/octet-stream';

/**
 * The most bytes {@link readBody}, {@link readText} and {@link readJson} read unless told
 * otherwise: 1 MiB.
 *
 * @example
 * ```ts
 * import { DEFAULT_BODY_LIMIT, readJson } from '@fielding/content-negotiation';
 *
 * const read = (request: Request) => readJson(request, { limit: DEFAULT_BODY_LIMIT / 4 });
 * ```
 */
export const DEFAULT_BODY_LIMIT = 1_048_576;

/**
 * Tells whether a request carries content. `GET`/`HEAD` requests built with `fetch`'s
 * `Request` cannot have a body, and `Content-Length: 0` means none; a `Content-Type` alone
 * (which some HAL clients send on every request) does not make one (RFC 9110 §6.4).
 */
export function hasBody(request: Request): boolean {
  if (request.body === null) return false;
  const length = request.headers.get('content-length');
  return length === null || length.trim() !== '0';
}

/** Options of {@link requireContentType} and {@link contentTypeGuard}. */
export interface RequireContentTypeOptions {
  /**
   * Whether a request without a body passes. Default: `true` — there is nothing to check,
   * whatever its `Content-Type` says.
   */
  allowEmpty?: boolean;
}

/**
 * The one 415 check: compares the request body's media type with what the resource accepts,
 * ignoring parameters the patterns do not name. A body without `Content-Type` counts as
 * `application/octet-stream` (RFC 9110 §8.3). Throws a 415 `HttpError` naming the accepted
 * types in `detail`, in the `acceptedMediaTypes` extension and in `Accept-Post` (POST),
 * `Accept-Patch` (PATCH) or `Accept` (other methods); a suffix pattern is listed with its base
 * type (`+json` → `application/json, *\/*+json`).
 *
 * @param request - the request
 * @param types - accepted media types or patterns (`application/json`, `+json`, `text/*`)
 * @param options - whether a bodiless request passes
 * @returns the parsed media type (its `essence` tells which type came), or `undefined` for a
 *   request without a body
 * @throws HttpError 415
 *
 * @example
 * ```ts
 * import { requireContentType } from '@fielding/content-negotiation';
 *
 * const request = new Request('https://api.test/articles/7', {
 *   method: 'PATCH',
 *   headers: { 'Content-Type': 'application/merge-patch+json' },
 *   body: '{"title":"New"}',
 * });
 * requireContentType(request, ['application/merge-patch+json', 'application/json-patch+json']);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16
 */
export function requireContentType(
  request: Request,
  types: readonly string[],
  options: RequireContentTypeOptions = {},
): MediaType | undefined {
  if (!hasBody(request)) {
    if (options.allowEmpty ?? true) return undefined;
    throw unsupported(request, 'This request needs a body', { header: 'Content-Type', types });
  }
  const header = request.headers.get('content-type');
  const mediaType = parseMediaType(header ?? DEFAULT_BODY_MEDIA_TYPE);
  if (mediaType !== undefined && types.some((type) => matchesMediaType(mediaType, type))) {
    return mediaType;
  }
  throw unsupported(
    request,
    header === null
      ? 'The body has no Content-Type'
      : `Content-Type ${header} is not supported here`,
    { header: 'Content-Type', types },
  );
}

/**
 * The media types a list of patterns accepts, as `Accept-Post` / `Accept-Patch` / `Accept`
 * list them: a suffix pattern (`+json`, `*\/*+json`) is not a media type, and it also takes its
 * base type, so it is written as both (`application/json, *\/*+json`).
 */
function acceptedMediaTypes(types: readonly string[]): string[] {
  const listed = new Map<string, string>();
  const add = (type: string): void => {
    const key = type.toLowerCase();
    if (!listed.has(key)) listed.set(key, type);
  };
  for (const type of types) {
    const suffix = type.startsWith('+')
      ? type.slice(1)
      : type.startsWith('*/*+')
        ? type.slice(4)
        : '';
    if (suffix === '') add(type);
    else {
      add(`application/${suffix}`);
      add(`*/*+${suffix}`);
    }
  }
  return [...listed.values()];
}

/** What a 415 is about: the media type (and which are accepted) or the content coding. */
type Unsupported =
  | { header: 'Content-Type'; types: readonly string[] }
  | { header: 'Content-Encoding'; codings: readonly string[] };

/**
 * Every 415 of this package: what is wrong with the request content, the header at fault, and
 * what would be accepted — media types in `Accept-Post` (POST, W3C LDP), `Accept-Patch` (PATCH,
 * RFC 5789 §3.1) or `Accept` (other methods, RFC 9110 §12.5.1), or codings in `Accept-Encoding`
 * (RFC 9110 §15.5.16).
 */
function unsupported(request: Request, problem: string, what: Unsupported): HttpError {
  if (what.header === 'Content-Encoding') {
    const detail = `${problem}; send the body uncompressed.`;
    return unsupportedMediaType({
      detail,
      errors: [{ detail, header: what.header }],
      acceptEncoding: what.codings,
    });
  }
  const accepted = acceptedMediaTypes(what.types);
  // No accepted type: no (empty, invalid) hint header, and nothing to suggest.
  const detail =
    accepted.length === 0
      ? `${problem}; this resource accepts no request content.`
      : `${problem}; send one of ${accepted.join(', ')}.`;
  const hint =
    accepted.length === 0
      ? {}
      : request.method === 'POST'
        ? { acceptPost: accepted }
        : request.method === 'PATCH'
          ? { acceptPatch: accepted }
          : { accept: accepted };
  return unsupportedMediaType({
    detail,
    errors: [{ detail, header: what.header }],
    extensions: { acceptedMediaTypes: accepted },
    ...hint,
  });
}

/**
 * A middleware that answers 415 as problem+json for any request whose body is not one of
 * `types`, before the handler runs. Requests without a body pass.
 *
 * @param types - accepted media types or patterns, as for {@link requireContentType}
 * @param options - as for {@link requireContentType}
 * @returns the middleware
 *
 * @example
 * ```ts
 * import { compose } from '@fielding/core';
 * import { contentTypeGuard } from '@fielding/content-negotiation';
 *
 * const handler = compose(contentTypeGuard(['+json']))(async (request) =>
 *   Response.json(await request.json(), { status: 201 }),
 * );
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16
 */
export function contentTypeGuard(
  types: readonly string[],
  options: RequireContentTypeOptions = {},
): Middleware {
  return function contentTypeGuard(request, next) {
    try {
      requireContentType(request, types, options);
    } catch (error) {
      /* c8 ignore next */
      if (!isHttpError(error)) throw error;
      const instance = requestInstance(request);
      return problemFromError(error, instance === undefined ? {} : { instance });
    }
    return next(request);
  };
}

/** Options of {@link readBody}, {@link readText} and {@link readJson}. */
export interface ReadBodyOptions {
  /** The most bytes to read; more is a 413. Default: {@link DEFAULT_BODY_LIMIT} (1 MiB). */
  limit?: number;
  /**
   * Accepted media types, checked first with {@link requireContentType} (415). Default: any
   * type for `readBody` and `readText`; any JSON media type (`+json`) for `readJson`. `null`:
   * no check.
   */
  types?: readonly string[] | null;
}

/**
 * Reads a request body with a size limit — the one bounded reader of Fielding. In order: the
 * `Content-Type` is checked against `types` when given (415); a `Content-Encoding` other than
 * `identity` is a 415 with `Accept-Encoding: identity`; a declared `Content-Length` over the
 * limit is a 413 before a byte is read; a streamed body is read chunk by chunk and the upload
 * cancelled with a 413 at the chunk that passes the limit, so no more than the limit plus one
 * chunk is ever held. A request without a body gives no bytes.
 *
 * @param request - the request; its body is consumed
 * @param options - size limit and accepted types
 * @returns the body's bytes
 * @throws HttpError 413 (`detail` "The body is larger than N bytes.", extension `limit`) or 415
 *
 * @example
 * ```ts
 * import { readBody } from '@fielding/content-negotiation';
 *
 * const request = new Request('https://api.test/images', { method: 'POST', body: new Uint8Array([1, 2]) });
 * const bytes = await readBody(request, { limit: 10 * 1024 * 1024, types: ['image/*', 'application/octet-stream'] });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14
 */
export async function readBody(
  request: Request,
  options: ReadBodyOptions = {},
): Promise<Uint8Array> {
  const limit = options.limit ?? DEFAULT_BODY_LIMIT;
  if (options.types !== undefined && options.types !== null) {
    requireContentType(request, options.types);
  }
  const coding = request.headers.get('content-encoding');
  if (coding !== null && coding.trim().toLowerCase() !== 'identity') {
    throw unsupported(request, `Content-Encoding ${coding} is not supported`, {
      header: 'Content-Encoding',
      codings: ['identity'],
    });
  }
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (!hasBody(request)) return new Uint8Array(0);
  const bytes = await readAtMost(request.body as ReadableStream<Uint8Array>, limit);
  // Past the limit the upload is cancelled: nothing more is read or kept.
  if (bytes === null) throw tooLarge(limit);
  return bytes;
}

/**
 * Reads a request body as UTF-8 text, with {@link readBody}'s checks and limit (413, 415); a
 * body that is not valid UTF-8 is a 400. A byte order mark is dropped.
 *
 * @param request - the request; its body is consumed
 * @param options - size limit and accepted types
 * @returns the text; `''` for a request without a body
 * @throws HttpError 400 (`detail` "The body is not valid UTF-8."), 413 or 415
 *
 * @example
 * ```ts
 * import { readText } from '@fielding/content-negotiation';
 *
 * const request = new Request('https://api.test/notes', { method: 'POST', body: 'Hello', headers: { 'Content-Type': 'text/plain' } });
 * await readText(request, { limit: 64 * 1024, types: ['text/plain'] }); // 'Hello'
 * ```
 */
export async function readText(request: Request, options: ReadBodyOptions = {}): Promise<string> {
  const bytes = await readBody(request, options);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw malformed('The body is not valid UTF-8.');
  }
}

/**
 * Reads a JSON request body with {@link readText}'s checks — `Content-Type` (415, by default any
 * JSON media type), `Content-Encoding` (415), size (413, before or while reading), UTF-8 (400) —
 * and answers a missing body or malformed JSON with a 400 whose detail and `position` extension
 * point at the offending line, column and offset.
 *
 * @param request - the request; its body is consumed
 * @param options - size limit and accepted types (default `['+json']`)
 * @returns the parsed JSON value
 * @throws HttpError 400, 413 or 415
 *
 * @example
 * ```ts
 * import { readJson } from '@fielding/content-negotiation';
 *
 * const request = new Request('https://api.test/articles', {
 *   method: 'POST',
 *   headers: { 'Content-Type': 'application/json' },
 *   body: '{"title":"Hello"}',
 * });
 * const article = await readJson(request, { limit: 64 * 1024 });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14
 */
export async function readJson(request: Request, options: ReadBodyOptions = {}): Promise<unknown> {
  if (!hasBody(request)) throw malformed('The request has no body; send a JSON document.');
  const text = await readText(request, {
    ...options,
    types: options.types === undefined ? ['+json'] : options.types,
  });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const error = findJsonSyntaxError(text);
    const { offset, line, column, expected } = error ?? {
      offset: 0,
      line: 1,
      column: 1,
      expected: 'a JSON document',
    };
    throw malformed(
      `Malformed JSON at line ${line}, column ${column} (offset ${offset}): expected ${expected}.`,
      { offset, line, column },
    );
  }
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, {
    detail: `The body is larger than ${limit} bytes.`,
    extensions: { limit },
  });
}

function malformed(
  detail: string,
  position?: { offset: number; line: number; column: number },
): HttpError {
  return new HttpError(400, {
    detail,
    errors: [{ detail, pointer: '' }],
    ...(position !== undefined && { extensions: { position } }),
  });
}
