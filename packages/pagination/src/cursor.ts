import { HttpError, isHttpError, type ValidationIssue } from '@fielding/problem-errors';
import { decodeBase64Url, encodeBase64Url } from './_base64url.js';
import { badRequest, searchParams, singleValue, toUrl } from './_query.js';
import type { CursorPosition, KeysetValue } from './keyset.js';
import { readPageSize, type PageSizeOptions, type QueryParameterNames } from './page-query.js';

/** Options of {@link createCursorCodec}. */
export interface CursorCodecOptions {
  /**
   * HMAC-SHA-256 key that signs every cursor, so clients cannot forge one. A string is used as
   * its UTF-8 bytes; use 32 random bytes or more. Without it cursors are opaque but not signed.
   */
  secret?: string | Uint8Array | CryptoKey;
  /**
   * Longest token accepted or produced, in characters.
   * @defaultValue 1024
   */
  maxLength?: number;
}

/** Turns cursor positions into opaque tokens and back. */
export interface CursorCodec {
  /**
   * Encodes a position bound to a query.
   * @param position - where the cursor points
   * @param binding - the query it is valid for (see {@link CursorQuery.binding})
   * @returns the base64url token
   */
  encode(position: CursorPosition, binding: string): Promise<string>;
  /**
   * Decodes and verifies a token; 400 when it is malformed, forged, or made for another query.
   * @param token - the token from the client
   * @param binding - the query it arrived with
   * @returns the position
   */
  decode(token: string, binding: string): Promise<CursorPosition>;
}

/** Version written into every cursor; older or newer versions are refused with 400. */
export const CURSOR_VERSION = 1;

// At most this many sort values ride in one cursor.
const MAX_VALUES = 16;

const encoder = new TextEncoder();

function invalid(detail: string): never {
  throw badRequest([{ parameter: 'cursor', detail }]);
}

async function fingerprint(binding: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(binding));
  return encodeBase64Url(new Uint8Array(digest).slice(0, 12));
}

function isValue(value: unknown): value is KeysetValue {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function readPayload(bytes: Uint8Array): { position: CursorPosition; query: string } {
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return invalid('The cursor is not valid.');
  }
  if (typeof payload !== 'object' || payload === null) return invalid('The cursor is not valid.');
  const { v, d, k, q, i } = payload as Record<string, unknown>;
  if (v !== CURSOR_VERSION) return invalid('This cursor version is not supported.');
  if (
    (d !== 'n' && d !== 'p') ||
    typeof q !== 'string' ||
    !Array.isArray(k) ||
    k.length > MAX_VALUES ||
    !k.every(isValue) ||
    (i !== undefined && i !== 1)
  ) {
    return invalid('The cursor is not valid.');
  }
  const position: CursorPosition = { direction: d === 'n' ? 'next' : 'prev', values: k };
  if (i === 1) position.inclusive = true;
  return { position, query: q };
}

/**
 * Creates the codec for opaque, versioned, size-limited cursors bound to their query, signed
 * with HMAC-SHA-256 through Web Crypto when a secret is given. Works in every runtime.
 *
 * @param options - signing secret and size limit
 * @returns the codec; keep one per process (the key is imported once)
 *
 * @example
 * ```ts
 * import { createCursorCodec } from '@fielding/pagination';
 *
 * const cursors = createCursorCodec({ secret: 'a long random server secret, 32+ bytes' });
 * const token = await cursors.encode({ direction: 'next', values: [42] }, 'sort=id');
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc2104
 */
export function createCursorCodec(options: CursorCodecOptions = {}): CursorCodec {
  const maxLength = options.maxLength ?? 1024;
  const { secret } = options;
  let key: Promise<CryptoKey> | undefined;
  const hmacKey = (): Promise<CryptoKey> | undefined => {
    if (secret === undefined) return undefined;
    key ??=
      typeof secret === 'object' && !(secret instanceof Uint8Array)
        ? Promise.resolve(secret)
        : crypto.subtle.importKey(
            'raw',
            typeof secret === 'string' ? encoder.encode(secret) : Uint8Array.from(secret),
            { name: 'HMAC', hash: 'SHA-256' },
            false,
            ['sign', 'verify'],
          );
    return key;
  };

  return {
    async encode(position, binding) {
      if (position.values.length > MAX_VALUES || !position.values.every(isValue)) {
        throw new TypeError(
          `A cursor holds up to ${MAX_VALUES} strings, finite numbers, booleans or nulls.`,
        );
      }
      const payload: Record<string, unknown> = {
        v: CURSOR_VERSION,
        d: position.direction === 'next' ? 'n' : 'p',
        k: position.values,
        q: await fingerprint(binding),
      };
      if (position.inclusive === true) payload.i = 1;
      let token = encodeBase64Url(encoder.encode(JSON.stringify(payload)));
      const signing = hmacKey();
      if (signing !== undefined) {
        const signature = await crypto.subtle.sign('HMAC', await signing, encoder.encode(token));
        token += `.${encodeBase64Url(new Uint8Array(signature))}`;
      }
      if (token.length > maxLength) {
        throw new RangeError(`The cursor is ${token.length} characters, more than ${maxLength}.`);
      }
      return token;
    },

    async decode(token, binding) {
      if (token.length > maxLength) return invalid('The cursor is too long.');
      const dot = token.indexOf('.');
      const body = dot === -1 ? token : token.slice(0, dot);
      const signing = hmacKey();
      if (signing !== undefined) {
        const signature = dot === -1 ? undefined : decodeBase64Url(token.slice(dot + 1));
        if (
          signature === undefined ||
          !(await crypto.subtle.verify('HMAC', await signing, signature, encoder.encode(body)))
        ) {
          return invalid('The cursor is not valid.');
        }
      } else if (dot !== -1) {
        return invalid('The cursor is not valid.');
      }
      const bytes = decodeBase64Url(body);
      if (bytes === undefined) return invalid('The cursor is not valid.');
      const { position, query } = readPayload(bytes);
      if (query !== (await fingerprint(binding))) {
        return invalid('The cursor was made for a different filter, sort or page size.');
      }
      return position;
    },
  };
}

/** Options of {@link parseCursorQuery}. */
export interface CursorQueryOptions extends PageSizeOptions {
  /** The codec that made the cursors. */
  codec: CursorCodec;
  /**
   * Name of the cursor parameter.
   * @defaultValue 'cursor'
   */
  cursorParameter?: string;
  /**
   * Name of the page size parameter.
   * @defaultValue 'limit'
   */
  limitParameter?: string;
  /**
   * Parameters that do not change which items a page holds, so a cursor stays valid when they
   * change.
   * @defaultValue UNBOUND_PARAMETERS
   */
  unboundParameters?: readonly string[];
}

/** Parameters a cursor is not bound to by default: the sparse fieldset only shapes items. */
export const UNBOUND_PARAMETERS: readonly string[] = ['fields'];

/** A validated `?cursor=…&limit=…` query. */
export interface CursorQuery {
  /** The paging style. */
  style: 'cursor';
  /** The decoded cursor, or `undefined` for the first page. */
  cursor: CursorPosition | undefined;
  /** Page size, 1 to `maxPageSize`. */
  limit: number;
  /**
   * The query the cursor is bound to: the path and every parameter except the cursor and
   * unbound ones, in a canonical order. Filters, sort and page size are all in it.
   */
  binding: string;
  /** Parameter names for the links. */
  parameters: QueryParameterNames;
}

/**
 * Validates a cursor query: the page size like the other styles, and the cursor decoded,
 * verified and checked against the query it was made for (400 on tamper or replay).
 *
 * @param url - the request, its URL, or a URL string
 * @param options - the codec, page size limits and parameter names
 * @returns the cursor position (absent on the first page), the limit and the binding
 * @throws HttpError 400 whose `errors` name the bad parameter
 *
 * @example
 * ```ts
 * import { createCursorCodec, parseCursorQuery } from '@fielding/pagination';
 *
 * const codec = createCursorCodec({ secret: 'a long random server secret, 32+ bytes' });
 * const query = await parseCursorQuery('https://api.test/articles?limit=10', { codec });
 * ```
 */
export async function parseCursorQuery(
  url: URL | string | Request,
  options: CursorQueryOptions,
): Promise<CursorQuery> {
  const target = toUrl(url);
  const params = searchParams(target);
  const cursorName = options.cursorParameter ?? 'cursor';
  const limitName = options.limitParameter ?? 'limit';
  const issues: ValidationIssue[] = [];
  const rawCursor = singleValue(params, [cursorName], issues);
  const limit = readPageSize(params, [limitName], options, issues);
  if (limit === undefined || issues.length > 0) throw badRequest(issues);
  const unbound = options.unboundParameters ?? UNBOUND_PARAMETERS;
  const bound = [...params]
    .filter(([name]) => name !== cursorName && name !== limitName && !unbound.includes(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  bound.push([limitName, String(limit)]);
  // The path is part of it too: a cursor of /articles means nothing to /comments.
  const binding = `${target.pathname}?${new URLSearchParams(bound).toString()}`;
  let cursor: CursorPosition | undefined;
  if (rawCursor !== undefined && rawCursor.value !== '') {
    try {
      cursor = await options.codec.decode(rawCursor.value, binding);
    } catch (error) {
      // Whatever a codec or Web Crypto throws on a hostile token is the client's 400.
      const detail = isHttpError(error) ? error.detail : undefined;
      throw new HttpError(400, {
        detail: detail ?? 'The cursor is not valid.',
        errors: [{ parameter: cursorName, detail: detail ?? 'The cursor is not valid.' }],
        cause: error,
      });
    }
  }
  return {
    style: 'cursor',
    cursor,
    limit,
    binding,
    parameters: { position: cursorName, size: limitName, managed: [cursorName, limitName] },
  };
}
