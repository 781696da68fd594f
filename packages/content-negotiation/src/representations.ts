import { appendVary, bodySource, requestInstance, type Middleware } from '@fielding/core';
import { isHttpError, problem } from '@fielding/problem-errors';
import type { Decision } from './decision.js';
import { negotiateMediaType } from './negotiate.js';
import { parseMediaType } from './media-type.js';
import {
  isRepresentation,
  markWritten,
  takeJsonText,
  type Representation,
} from './representation.js';
import { DEFAULT_SERIALIZERS, writesJsonText, type Serializer } from './serializers.js';
import { mergedVary, withVary } from './_vary.js';

/** Options of {@link createRepresentations}. */
export interface RepresentationsOptions {
  /** The serializers to start with, in preference order. Default: `DEFAULT_SERIALIZERS`. */
  serializers?: readonly Serializer[];
  /**
   * The media type to answer with when nothing is acceptable, instead of a 406 (RFC 9110
   * §12.5.1 allows either). Default: none — answer 406.
   */
  fallback?: string;
  /**
   * Let a URL extension pick the format (`/articles/7.csv`): the extension is removed before the
   * handler sees the URL, `Accept` is not consulted, and `Content-Location` names the variant.
   * Only registered format names count, so `/files/report.pdf` is left alone. Default: `false`.
   */
  extensions?: boolean;
  /** A query parameter that picks the format (`?format=csv`), or `false`. Default: `false`. */
  formatParameter?: string | false;
}

/** The outcome of {@link Representations.select} for one request and value. */
export interface RepresentationChoice {
  /** The serializer that will write the value, or `undefined` for a 406. */
  serializer: Serializer | undefined;
  /** The media types that could write this value, in preference order. */
  available: string[];
  /** The `Accept` decision, or `undefined` when a format override decided. */
  decision: Decision | undefined;
  /** The format name that overrode `Accept` (from the extension or query), if any. */
  format: string | undefined;
}

/** A set of serializers plus the middleware that applies them. */
export interface Representations {
  /** Adds a serializer (e.g. XML), after the existing ones in preference; returns the registry. */
  register: (serializer: Serializer) => Representations;
  /** The media types representations can be written in, in preference order. */
  readonly mediaTypes: readonly string[];
  /** Chooses the serializer for a request and value; `format` is an override from the URL. */
  select: (request: Request, value: unknown, format?: string) => RepresentationChoice;
  /**
   * The middleware: serializes every `Representation` a handler returns; 406 when it cannot.
   * Errors and 304s from below it, returned or thrown as `HttpError`, get `Vary: Accept` too.
   */
  middleware: Middleware;
}

/**
 * Creates a representation registry: handlers return `representation(value)` and its
 * middleware writes the value in the media type the request's `Accept` prefers (RFC 9110
 * §12.5.1), with `Content-Type` (charset for text), `Vary`, `Content-Language` and, for format
 * overrides, `Content-Location`. Nothing acceptable gives a 406 problem listing the available
 * types with a `Link: rel="alternate"` to each, or the configured fallback. Error responses
 * from below carry the same `Vary` (RFC 9110 §12.5.5), merged with theirs.
 *
 * @param options - serializers, fallback and opt-in format overrides
 * @returns the registry
 *
 * @example
 * ```ts
 * import { compose } from '@fielding/core';
 * import { createRepresentations, representation } from '@fielding/content-negotiation';
 *
 * const representations = createRepresentations({ extensions: true });
 * const handler = compose(representations.middleware)(() =>
 *   representation([{ id: 7, title: 'Hello' }]),
 * );
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-12
 */
export function createRepresentations(options: RepresentationsOptions = {}): Representations {
  const serializers: Serializer[] = [...(options.serializers ?? DEFAULT_SERIALIZERS)];
  const extensions = options.extensions ?? false;
  const formatParameter = options.formatParameter ?? false;
  // Whether the URL can choose the format: only then is it parsed per request.
  const overrides = extensions || formatParameter !== false;

  // Everything below is per registry, rebuilt only when a serializer is added: per request the
  // middleware reads the same arrays (which the negotiation memo finds by identity), the same
  // header values and one `canSerialize` per serializer.
  const formats = new Map<string, Serializer>();
  let representing: Serializer[] = [];
  let mediaTypes: readonly string[] = [];
  let contentTypes = new Map<Serializer, string>();
  // Offers by the set of serializers able to write a value (a bit per serializer).
  const offers = new Map<number | string, Offer>();
  // Problem serializers write problem responses; `application/problem+json` is the default.
  let problemTypes: string[] = [];
  const problemWriters = new Map<string, Serializer>();
  const refresh = (): void => {
    formats.clear();
    for (const serializer of serializers) {
      for (const format of serializer.formats ?? []) {
        const name = format.toLowerCase();
        if (!formats.has(name)) formats.set(name, serializer);
      }
    }
    representing = serializers.filter((serializer) => !isProblemType(serializer.mediaType));
    mediaTypes = Object.freeze(representing.map((serializer) => serializer.mediaType));
    contentTypes = new Map(
      representing.map((serializer) => {
        const text = serializer.charset ?? serializer.mediaType.toLowerCase().startsWith('text/');
        return [serializer, text ? `${serializer.mediaType}; charset=utf-8` : serializer.mediaType];
      }),
    );
    offers.clear();
    problemWriters.clear();
    const bases = new Map<string, Serializer>();
    for (const serializer of serializers) {
      if (!isProblemType(serializer.mediaType)) continue;
      const type = serializer.mediaType.toLowerCase();
      if (!problemWriters.has(type)) problemWriters.set(type, serializer);
      // A client that knows only `application/xml` still gets the XML form, labelled so.
      const base = `application/${type.slice(PROBLEM_PREFIX.length)}`;
      if (!bases.has(base)) bases.set(base, serializer);
    }
    for (const [base, serializer] of bases) {
      if (!problemWriters.has(base)) problemWriters.set(base, serializer);
    }
    problemWriters.delete(PROBLEM_JSON);
    problemWriters.delete('application/json');
    problemTypes = problemWriters.size === 0 ? [] : [PROBLEM_JSON, ...problemWriters.keys()];
  };
  refresh();

  const offerFor = (value: unknown): Offer => {
    // One pass, no allocation once the offer is known: a bit per able serializer.
    const count = representing.length;
    let bits = 0;
    let beyond = '';
    for (let index = 0; index < count; index++) {
      const can = (representing[index] as Serializer).canSerialize;
      if (can === undefined || can(value)) {
        if (index < 31) bits |= 1 << index;
        else beyond += `,${index}`;
      }
    }
    const key = beyond === '' ? bits : `${bits}${beyond}`;
    let offer = offers.get(key);
    if (offer === undefined) {
      const able = representing.filter(
        (serializer) => serializer.canSerialize === undefined || serializer.canSerialize(value),
      );
      offer = { serializers: able, types: able.map((serializer) => serializer.mediaType) };
      offers.set(key, offer);
    }
    return offer;
  };

  const select = (request: Request, value: unknown, format?: string): RepresentationChoice => {
    const offer = offerFor(value);
    if (format !== undefined) {
      const serializer = formats.get(format.toLowerCase());
      return {
        serializer:
          serializer !== undefined && offer.serializers.includes(serializer)
            ? serializer
            : undefined,
        available: offer.types,
        decision: undefined,
        format,
      };
    }
    const decision = negotiateMediaType(request, offer.types);
    let serializer =
      decision.choice === undefined
        ? undefined
        : offer.serializers[offer.types.indexOf(decision.choice)];
    if (serializer === undefined && options.fallback !== undefined) {
      serializer = offer.serializers.find((candidate) => candidate.mediaType === options.fallback);
    }
    return { serializer, available: offer.types, decision, format: undefined };
  };

  const registry: Representations = {
    register(serializer) {
      serializers.push(serializer);
      refresh();
      return registry;
    },
    get mediaTypes() {
      return mediaTypes;
    },
    select,
    // Not an async function: a handler's response that is already there is written without a
    // promise and a microtask per request (issue 22); an awaited one is written the same way.
    middleware: function representations(request, next) {
      let url: URL | undefined;
      let format: string | undefined;
      let forwarded = request;
      if (overrides) {
        url = new URL(request.url);
        if (extensions) {
          const slash = url.pathname.lastIndexOf('/');
          const dot = url.pathname.lastIndexOf('.');
          const name = dot > slash + 1 ? url.pathname.slice(dot + 1).toLowerCase() : '';
          if (formats.has(name)) {
            format = name;
            const inner = new URL(url);
            inner.pathname = url.pathname.slice(0, dot);
            forwarded = new Request(inner, request);
          }
        }
        if (format === undefined && formatParameter !== false) {
          format = url.searchParams.get(formatParameter) ?? undefined;
        }
      }
      // What the choice reads: `Accept`, unless the URL named the format.
      const vary = format === undefined ? ACCEPT : NOTHING;
      let result: Response | Promise<Response>;
      try {
        result = next(forwarded);
      } catch (error) {
        throw varyError(error, vary);
      }
      if (!isThenable(result)) return answer(result, request, forwarded, url, format, vary);
      return Promise.resolve(result).then(
        (response) => answer(response, request, forwarded, url, format, vary),
        (error: unknown) => {
          throw varyError(error, vary);
        },
      );
    },
  };

  // What the middleware sends for the response from below.
  const answer = (
    response: Response,
    request: Request,
    forwarded: Request,
    url: URL | undefined,
    format: string | undefined,
    vary: readonly string[],
  ): Response | Promise<Response> => {
    if (!isRepresentation(response)) {
      // An error (or a 304, RFC 9110 §15.4.5) for a negotiated resource varies as its 200
      // would; other plain responses chose their own representation.
      if (response.status < 400 && response.status !== 304) return response;
      const varied = withVary(response, vary);
      return format === undefined ? writeProblem(forwarded, varied) : varied;
    }
    const choice = select(forwarded, response.value, format);
    if (choice.serializer === undefined) {
      const refusal = notAcceptable(url ?? new URL(request.url), choice, format);
      return format === undefined ? writeProblem(forwarded, refusal) : refusal;
    }
    return write(response, choice.serializer, forwarded, url, choice);
  };

  const variantUrl = (url: URL, serializer: Serializer): string | undefined => {
    const name = serializer.formats?.[0];
    if (name === undefined) return undefined;
    if (extensions && !url.pathname.endsWith('/')) return `${url.pathname}.${name}${url.search}`;
    if (formatParameter !== false) {
      const target = new URL(url);
      target.searchParams.set(formatParameter, name);
      return `${target.pathname}${target.search}`;
    }
    return undefined;
  };

  const notAcceptable = (
    url: URL,
    choice: RepresentationChoice,
    format: string | undefined,
  ): Response => {
    const base = basePath(url, format, extensions);
    const links = choice.available.map((type) => {
      const serializer = representing.find(
        (candidate) => candidate.mediaType === type,
      ) as Serializer;
      const target = variantUrl(base, serializer) ?? `${base.pathname}${base.search}`;
      return `<${target}>; rel="alternate"; type="${type}"`;
    });
    const detail =
      format === undefined
        ? `No available representation is acceptable; available: ${choice.available.join(', ')}.`
        : `Format ${format} is not available here; available: ${choice.available.join(', ')}.`;
    const instance = requestInstance(url);
    const response = problem({
      status: 406,
      detail,
      ...(instance !== undefined && { instance }),
      extensions: { availableMediaTypes: choice.available },
      headers: links.length > 0 ? { Link: links.join(', ') } : {},
    });
    if (format === undefined) appendVary(response.headers, 'Accept');
    return response;
  };

  // A problem response in the problem media type the client prefers, when a problem serializer
  // is registered and it is not problem+json (RFC 9457 §3, Appendix B).
  const writeProblem = (request: Request, response: Response): Response | Promise<Response> => {
    if (problemTypes.length === 0 || response.status < 400) return response;
    return writeProblemAs(request, response);
  };

  const writeProblemAs = async (request: Request, response: Response): Promise<Response> => {
    if (parseMediaType(response.headers.get('content-type'))?.essence !== PROBLEM_JSON) {
      return response;
    }
    const type = negotiateMediaType(request, problemTypes).choice;
    const serializer = type === undefined ? undefined : problemWriters.get(type);
    if (type === undefined || serializer === undefined) return response;
    // Headers first: a light stand-in may rebuild itself from its init on `statusText`.
    const headers = new Headers(response.headers);
    const init = { status: response.status, statusText: response.statusText };
    const relabel = (): Headers => {
      headers.set('Content-Type', type);
      headers.delete('Content-Length');
      return headers;
    };
    if (response.body === null) return new Response(null, { ...init, headers: relabel() });
    const source = bodySource(response) ?? (await response.text());
    const text = typeof source === 'string' ? source : new TextDecoder().decode(source);
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      document = undefined;
    }
    if (document === undefined || serializer.canSerialize?.(document) === false) {
      // Not a problem document after all: sent as it came (its body may have been read).
      return response.bodyUsed ? new Response(text, { ...init, headers }) : response;
    }
    const body = serializer.serialize(document, { request, mediaType: type, language: undefined });
    return new Response(body, { ...init, headers: relabel() });
  };

  const write = (
    response: Representation,
    serializer: Serializer,
    request: Request,
    url: URL | undefined,
    choice: RepresentationChoice,
  ): Response => {
    // The representation's headers are its own (it was just built): changed in place, and
    // copied at most once, by the Response that carries another body. Only `headers` and
    // `status` are read before the answer is chosen (see takeJsonText).
    const headers = response.headers;
    const contentType = contentTypes.get(serializer) as string;
    // JSON written as JSON keeps the type it was built with: a read instead of a write.
    if (headers.get('content-type') !== contentType) headers.set('Content-Type', contentType);
    headers.delete('Content-Length');
    const language = response.language;
    if (choice.decision !== undefined) {
      const vary = language === undefined ? ACCEPT : ACCEPT_AND_LANGUAGE;
      if (headers.has('vary')) appendVary(headers, ...vary);
      else headers.set('Vary', language === undefined ? 'Accept' : 'Accept, Accept-Language');
    } else if (language !== undefined) {
      appendVary(headers, 'Accept-Language');
    }
    if (language !== undefined) headers.set('Content-Language', language);
    if (extensions && url !== undefined && !headers.has('content-location')) {
      const location =
        choice.format !== undefined && url.pathname.toLowerCase().endsWith(`.${choice.format}`)
          ? `${url.pathname}${url.search}`
          : variantUrl(url, serializer);
      if (location !== undefined) headers.set('Content-Location', location);
    }
    const status = response.status;
    if (request.method === 'HEAD') {
      markWritten(response);
      return new Response(null, { status, statusText: response.statusText, headers });
    }
    // JSON and HAL are the JSON the representation was built with (and a 204, 205 or 304 has
    // no body): the representation itself is the answer.
    if (status === 204 || status === 205 || status === 304) {
      markWritten(response);
      return response;
    }
    if (writesJsonText(serializer) && takeJsonText(response) !== undefined) return response;
    markWritten(response);
    const body = serializer.serialize(response.value, {
      request,
      mediaType: serializer.mediaType,
      language,
    });
    return new Response(body, { status, statusText: response.statusText, headers });
  };

  return registry;
}

/** The serializers able to write some value, and their media types (the negotiated list). */
interface Offer {
  serializers: Serializer[];
  types: string[];
}

const ACCEPT: readonly string[] = ['Accept'];
const ACCEPT_AND_LANGUAGE: readonly string[] = ['Accept', 'Accept-Language'];
const NOTHING: readonly string[] = [];
const PROBLEM_JSON = 'application/problem+json';
const PROBLEM_PREFIX = 'application/problem+';

/** Whether a serializer writes problem documents (`application/problem+…`), not representations. */
function isProblemType(mediaType: string): boolean {
  return mediaType.toLowerCase().startsWith(PROBLEM_PREFIX);
}

// Whoever renders a thrown HttpError sends its headers (problemDetails, a router's onError
// with problemFromError): it answers a negotiated request, so it varies too.
function varyError(error: unknown, fields: readonly string[]): unknown {
  if (!isHttpError(error)) return error;
  try {
    const headers = error.headers;
    const current = headers.get('vary');
    const merged = mergedVary(current, fields);
    if (merged !== '' && merged !== current) headers.set('Vary', merged);
  } catch {
    // A foreign HttpError whose headers cannot change: it is sent as its thrower built it.
  }
  return error;
}

function isThenable(value: unknown): value is PromiseLike<Response> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

// The resource's own URL: without the format extension (so alternates are built from it).
function basePath(url: URL, format: string | undefined, extensions: boolean): URL {
  const base = new URL(url);
  if (format !== undefined && extensions && base.pathname.toLowerCase().endsWith(`.${format}`)) {
    base.pathname = base.pathname.slice(0, -(format.length + 1));
  }
  return base;
}
