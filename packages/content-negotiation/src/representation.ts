const BRAND = Symbol.for('@fielding/content-negotiation.representation');
const encoder = new TextEncoder();

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
 * ordinary `application/json` response: its body is the value as JSON, produced only if
 * someone reads it.
 *
 * @example
 * ```ts
 * import { Representation } from '@fielding/content-negotiation';
 *
 * const response = new Representation({ id: 7 }, { status: 200 });
 * response.value; // { id: 7 }
 * ```
 */
export class Representation<T = unknown> extends Response {
  /** The value the handler returned. */
  readonly value: T;
  /** Its language, for `Content-Language`, if given. */
  readonly language: string | undefined;

  constructor(value: T, init: RepresentationInit = {}) {
    const { language, ...responseInit } = init;
    const headers = new Headers(responseInit.headers);
    if (!headers.has('content-type')) headers.set('Content-Type', 'application/json');
    // Statuses that cannot carry content (RFC 9110 §15.3.5, §15.4.5) get no body at all.
    const status = responseInit.status ?? 200;
    const empty = status === 204 || status === 205 || status === 304;
    super(empty ? null : lazyJson(value), { ...responseInit, headers });
    this.value = value;
    this.language = language;
    // A brand that survives duplicate copies of this package (see isRepresentation).
    Object.defineProperty(this, BRAND, { value: true });
  }
}

// Serialise only on first read: when the middleware picks another format this never runs.
function lazyJson(value: unknown): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      controller.enqueue(encoder.encode(JSON.stringify(value) ?? 'null'));
      controller.close();
    },
  });
}

/**
 * Hands a value back through the `FetchHandler` contract: returns a {@link Representation}
 * (a `Response`) that the representations middleware serializes as JSON, HAL, CSV, HTML or
 * any registered format, by the request's `Accept`.
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
export function representation<T>(value: T, init?: RepresentationInit): Representation<T> {
  return new Representation(value, init);
}

/**
 * Tells whether a response is a {@link Representation}, also when it was made by another copy
 * of this package (where `instanceof` fails).
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
  return (
    response instanceof Representation ||
    (response as Partial<Record<typeof BRAND, unknown>>)[BRAND] === true
  );
}
