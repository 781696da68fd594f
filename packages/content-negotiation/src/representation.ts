const BRAND = Symbol.for('@fielding/content-negotiation.representation');
/** The value as JSON, kept so the representations middleware never serialises it again. */
const JSON_TEXT = Symbol('@fielding/content-negotiation.json');

/** Options of {@link representation}: a `ResponseInit` plus the value's language. */
export interface RepresentationInit extends ResponseInit {
  /**
   * The language the value is in, sent as `Content-Language`; the response then also varies
   * on `Accept-Language` (pick it with `negotiateLanguage`).
   */
  language?: string;
}

/**
 * A `Response` that still holds the value it represents, so the representations middleware
 * can serialize it in the format the client asked for. Without the middleware it is an
 * ordinary `application/json` response. Made by {@link representation}; recognised by
 * {@link isRepresentation}.
 */
export interface Representation<T = unknown> extends Response {
  /** The value the handler returned. */
  readonly value: T;
  /** Its language, for `Content-Language`, if given. */
  readonly language: string | undefined;
}

interface Marks {
  value: unknown;
  language: string | undefined;
  [BRAND]: boolean;
  [JSON_TEXT]: string | undefined;
}

const JSON_TYPE: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'application/json',
});

/**
 * The init's headers with `Content-Type: application/json` unless they name a type. A `Headers`
 * is always copied: a light Response stand-in may keep the object it is given (@hono/node-server
 * does), and the middleware changes the representation's headers in place.
 */
function jsonHeaders(headers: HeadersInit | undefined): HeadersInit {
  if (headers === undefined) return JSON_TYPE;
  if (headers instanceof Headers) {
    const copy = new Headers(headers);
    if (!copy.has('content-type')) copy.set('content-type', 'application/json');
    return copy;
  }
  if (Array.isArray(headers)) {
    for (const [name] of headers) if (name?.toLowerCase() === 'content-type') return headers;
    return [...headers, ['content-type', 'application/json']];
  }
  for (const name in headers) if (name.toLowerCase() === 'content-type') return headers;
  return { ...(headers as Record<string, string>), 'content-type': 'application/json' };
}

// A value JSON cannot hold (a cycle, a BigInt) may still be written as CSV or HTML by the
// middleware; as JSON it fails when read, as it did when the body was serialised lazily.
function failingBody(error: unknown): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      controller.error(error);
    },
  });
}

/**
 * Hands a value back through the `FetchHandler` contract: a `Response` that keeps `value`, which
 * the representations middleware serializes as JSON, HAL, CSV, HTML or any registered format by
 * the request's `Accept`. Without the middleware it is an `application/json` response. It is
 * built by the global `Response` when called (a server's light stand-in, if one is installed),
 * with the JSON as a string body; the middleware reuses that string for JSON and HAL.
 *
 * @param value - what the handler produced (a record, a list of records, a HAL resource, …)
 * @param init - status, headers, and the value's language
 * @returns the representation response
 *
 * @example
 * ```ts
 * import { representation } from '@fielding/content-negotiation';
 *
 * const handler = () => representation([{ id: 7, title: 'Hello' }], { headers: { 'Cache-Control': 'max-age=60' } });
 * ```
 */
export function representation<T>(value: T, init: RepresentationInit = {}): Representation<T> {
  // Statuses that cannot carry content (RFC 9110 §15.3.5, §15.4.5) get no body at all.
  const status = init.status;
  let text: string | undefined;
  let body: string | ReadableStream<Uint8Array> | null = null;
  if (status !== 204 && status !== 205 && status !== 304) {
    try {
      body = text = JSON.stringify(value) ?? 'null';
    } catch (error) {
      body = failingBody(error);
    }
  }
  const responseInit: ResponseInit = { headers: jsonHeaders(init.headers) };
  if (status !== undefined) responseInit.status = status;
  if (init.statusText !== undefined) responseInit.statusText = init.statusText;
  // The global Response of this moment: a server's light stand-in when one is installed.
  const response = new Response(body, responseInit) as unknown as Marks;
  response.value = value;
  response.language = init.language;
  response[JSON_TEXT] = text;
  // A brand that survives duplicate copies of this package (see isRepresentation).
  response[BRAND] = true;
  return response as unknown as Representation<T>;
}

/**
 * Tells whether a response is a {@link Representation} not yet written by a representations
 * middleware, also when it was made by another copy of this package.
 *
 * @param response - any response
 * @returns true for a representation
 *
 * @example
 * ```ts
 * import { isRepresentation, representation } from '@fielding/content-negotiation';
 *
 * isRepresentation(representation({ id: 7 })); // true
 * isRepresentation(Response.json({ id: 7 })); // false
 * ```
 */
export function isRepresentation(response: Response): response is Representation {
  return (response as unknown as Partial<Marks>)[BRAND] === true;
}

/**
 * The JSON string a representation was built with, and marks it written: the middleware then
 * sends the representation itself as the JSON (or HAL) answer. `undefined` when the value had
 * no JSON form. It reads no getter of the response but `headers` and `status`: a light stand-in
 * (@hono/node-server's) builds the real response from its init on `bodyUsed` or `statusText`,
 * losing the header changes the middleware made.
 */
export function takeJsonText(response: Representation): string | undefined {
  const marks = response as unknown as Marks;
  const text = marks[JSON_TEXT];
  if (text === undefined) return undefined;
  marks[BRAND] = false;
  marks[JSON_TEXT] = undefined;
  return text;
}

/** Marks a representation written, so layers outside see an ordinary response. */
export function markWritten(response: Representation): void {
  (response as unknown as Marks)[BRAND] = false;
}
