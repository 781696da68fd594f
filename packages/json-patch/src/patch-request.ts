import {
  DEFAULT_BODY_LIMIT,
  readJson,
  requireContentType,
  type MediaType,
} from '@fielding/content-negotiation';
import type { FetchHandler, Middleware } from '@fielding/core';
import {
  HttpError,
  isHttpError,
  problemFromError,
  validationError,
  type ValidationIssue,
} from '@fielding/problem-errors';
import { schemaValidators, validateData } from './_ajv.js';
import { hasAtMostValues } from './_json.js';
import { applyPatch, type ApplyPatchOptions } from './apply-patch.js';
import { applyMergePatch } from './merge-patch.js';
import type { Patch } from './operation.js';
import { DEFAULT_PATCH_LIMITS } from './patch-document.js';
import { enforceMergePatchPolicy } from './patch-policy.js';

/**
 * Largest patched document (in values: members and elements at any depth) that is validated with
 * Ajv's `allErrors` when it fails its schema; a larger one is answered with its first problem. A
 * 1 MB body can hold 120,000 members, each an error: listing them took seconds.
 */
const ALL_ERRORS_MAX_VALUES = 2_000;

/** The RFC 6902 media type. */
export const JSON_PATCH = 'application/json-patch+json';
/** The RFC 7396 media type. */
export const MERGE_PATCH = 'application/merge-patch+json';
/** The `Accept-Patch` value for both patch formats (RFC 5789 §3.1). */
export const ACCEPT_PATCH: string = `${JSON_PATCH}, ${MERGE_PATCH}`;

/** The patch formats a resource accepts. */
export type PatchMediaType = typeof JSON_PATCH | typeof MERGE_PATCH;

/** How {@link applyPatchRequest} reads, applies and checks a `PATCH` body. */
export interface PatchRequestOptions extends Omit<ApplyPatchOptions, 'mutate'> {
  /**
   * The patch formats accepted; any other `Content-Type` is a 415 with `Accept-Patch`.
   *
   * Default: `[JSON_PATCH, MERGE_PATCH]`.
   */
  mediaTypes?: readonly PatchMediaType[];
  /**
   * JSON Schema the patched resource must satisfy; failures are a 422 whose `errors` point into
   * the resource. Create it once at setup, not per request: it is compiled with Ajv once per
   * schema content (a fresh but equal object costs a serialisation to find the compiled one, and
   * only the last 64 distinct schemas stay compiled).
   *
   * Default: none.
   */
  schema?: Readonly<Record<string, unknown>> | boolean;
  /**
   * Extra check of the patched resource; issues returned make a 422.
   *
   * Default: none.
   */
  validate?: (document: unknown) => readonly ValidationIssue[] | undefined;
  /**
   * Largest body read, in bytes; larger is a 413 (before reading when `Content-Length` says so,
   * else as soon as the stream passes it).
   *
   * Default: `DEFAULT_BODY_LIMIT` of content-negotiation (`1048576`).
   */
  maxBodySize?: number;
}

/**
 * Reads a `PATCH` request and applies its body to a resource, answering per RFC 5789 §2.2 with
 * `HttpError`s: 415 (with `Accept-Patch`) for another `Content-Type` or a `Content-Encoding`,
 * 400 for a missing or malformed body or patch, 403 for a policy violation, 409 for a failing
 * `test` or a missing target, 413 over the limits, 422 when the result fails the resource's
 * schema. The body is read by `requireContentType` and `readJson` of content-negotiation.
 * Combine it with If-Match (412) from conditional-requests: evaluate preconditions first.
 *
 * @param request - the `PATCH` request
 * @param document - the current representation of the resource (never mutated)
 * @param options - formats, policy, limits, schema
 * @returns the patched document, validated
 * @throws HttpError 400, 403, 409, 413, 415 or 422
 *
 * @example
 * ```ts
 * import { applyPatchRequest } from '@fielding/json-patch';
 *
 * const request = new Request('https://api.test/blogs/7', {
 *   method: 'PATCH',
 *   headers: { 'Content-Type': 'application/merge-patch+json' },
 *   body: JSON.stringify({ title: 'Hello' }),
 * });
 * const next = await applyPatchRequest(request, { id: 7, title: 'Draft' }, { policy: { readOnly: ['/id'] } });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5789#section-2.2
 */
export async function applyPatchRequest<T>(
  request: Request,
  document: T,
  options: PatchRequestOptions = {},
): Promise<T> {
  const accepted = options.mediaTypes ?? [JSON_PATCH, MERGE_PATCH];
  let mediaType: MediaType | undefined;
  try {
    mediaType = requireContentType(request, accepted);
  } catch (error) {
    // RFC 5789 §2.2: a 415 for a patch names the patch formats, whatever the method.
    if (isHttpError(error) && !error.headers.has('Accept-Patch')) {
      error.headers.set('Accept-Patch', accepted.join(', '));
    }
    throw error;
  }
  // A request without a body passed the type check (there is nothing to check); readJson
  // answers it with a 400.
  const body = await readJson(request, {
    limit: options.maxBodySize ?? DEFAULT_BODY_LIMIT,
    types: null,
  });
  let result: T;
  if (mediaType?.essence === JSON_PATCH) {
    result = applyPatch(document, body as Patch, options);
  } else {
    const maxDepth = options.limits?.maxDepth ?? DEFAULT_PATCH_LIMITS.maxDepth;
    if (options.policy) enforceMergePatchPolicy(options.policy, document, body, maxDepth);
    result = applyMergePatch(document, body, { maxDepth });
  }
  let issues: readonly ValidationIssue[] = [];
  let complete = true;
  if (options.schema !== undefined) {
    ({ issues, complete } = validateData(schemaValidators(options.schema), result, () =>
      hasAtMostValues(result, ALL_ERRORS_MAX_VALUES),
    ));
  }
  if (options.validate) issues = [...issues, ...(options.validate(result) ?? [])];
  if (issues.length > 0) {
    throw validationError(issues, {
      detail: complete
        ? 'The patched resource would not be valid.'
        : 'The patched resource would not be valid; it is too large to look for every problem, so the first one found is listed.',
    });
  }
  return result;
}

/** What {@link patchResource} needs to know about the resource. */
export interface PatchResourceOptions<T> extends PatchRequestOptions {
  /** Loads the current representation; `undefined` answers 404. */
  load: (request: Request) => T | undefined | Promise<T | undefined>;
  /**
   * Stores the patched representation and builds the response; when it returns nothing the
   * response is `200` with the new representation as JSON.
   */
  save: (document: T, request: Request, previous: T) => Response | void | Promise<Response | void>;
}

/**
 * A `FetchHandler` for `PATCH` on one resource: load, {@link applyPatchRequest}, save. Every error
 * becomes an `application/problem+json` response. Mount it for `PATCH` behind a precondition
 * check (If-Match → 412, missing → 428) to refuse lost updates.
 *
 * @param options - load/save hooks plus the {@link PatchRequestOptions}
 * @returns the handler
 *
 * @example
 * ```ts
 * import { patchResource } from '@fielding/json-patch';
 *
 * const store = new Map([['7', { id: 7, title: 'Draft' }]]);
 * const handler = patchResource({
 *   load: () => store.get('7'),
 *   save: (document) => void store.set('7', document),
 *   policy: { readOnly: ['/id'] },
 * });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5789
 */
export function patchResource<T>(options: PatchResourceOptions<T>): FetchHandler {
  return async function patchResourceHandler(request: Request): Promise<Response> {
    try {
      const previous = await options.load(request);
      if (previous === undefined) throw new HttpError(404);
      const next = await applyPatchRequest(request, previous, options);
      const response = await options.save(next, request, previous);
      return (
        response ??
        new Response(JSON.stringify(next), {
          status: 200,
          headers: { 'Content-Type': 'application/json', 'Accept-Patch': ACCEPT_PATCH },
        })
      );
    } catch (error) {
      if (isHttpError(error)) return problemFromError(error);
      throw error;
    }
  };
}

/** How {@link acceptPatch} advertises patch formats. */
export interface AcceptPatchOptions {
  /**
   * The formats to list.
   *
   * Default: `[JSON_PATCH, MERGE_PATCH]`.
   */
  mediaTypes?: readonly PatchMediaType[];
}

/**
 * Middleware that adds `Accept-Patch` to successful `GET`, `HEAD` and `OPTIONS` responses that
 * do not carry one, so clients discover which patch formats the resource takes.
 *
 * @param options - the formats to advertise
 * @returns the middleware
 *
 * @example
 * ```ts
 * import { acceptPatch } from '@fielding/json-patch';
 *
 * const middleware = acceptPatch();
 * const response = await middleware(new Request('https://api.test/blogs/7'), () => Response.json({}));
 * response.headers.get('Accept-Patch'); // 'application/json-patch+json, application/merge-patch+json'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5789#section-3.1
 */
export function acceptPatch(options: AcceptPatchOptions = {}): Middleware {
  const value = (options.mediaTypes ?? [JSON_PATCH, MERGE_PATCH]).join(', ');
  return async function acceptPatchMiddleware(request, next) {
    const response = await next(request);
    const method = request.method;
    if (
      (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') &&
      response.status >= 200 &&
      response.status < 300 &&
      !response.headers.has('Accept-Patch')
    ) {
      try {
        response.headers.set('Accept-Patch', value);
      } catch {
        // Immutable headers (a Response from fetch()): answer with a copy.
        const headers = new Headers(response.headers);
        headers.set('Accept-Patch', value);
        return new Response(response.body, {
          status: response.status,
          statusText: response.statusText,
          headers,
        });
      }
    }
    return response;
  };
}
