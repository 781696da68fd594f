import { isFlatRecordList, toCsv } from './csv.js';
import { toHtml } from './html.js';

/** What a serializer knows about the request it writes for. */
export interface SerializeContext {
  /** The request being answered (after any format extension was removed from its URL). */
  request: Request;
  /** The media type chosen, as the serializer lists it. */
  mediaType: string;
  /** The representation's language, if the handler gave one. */
  language: string | undefined;
}

/** Writes values in one media type. Register more with `registry.register(serializer)`. */
export interface Serializer {
  /** The media type produced, e.g. `text/csv`, without parameters. */
  mediaType: string;
  /** Format names for `/articles/7.csv` and `?format=csv`; the first also names Content-Location. */
  formats?: readonly string[];
  /** Whether `Content-Type` gets `; charset=utf-8`. Default: true for `text/*`, else false. */
  charset?: boolean;
  /** Whether this serializer can write the value; when false it is not offered. Default: always. */
  canSerialize?: (value: unknown) => boolean;
  /** Writes the value; UTF-8 text, bytes or a stream. */
  serialize: (value: unknown, context: SerializeContext) => BodyInit;
}

const isObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `application/json` (RFC 8259), format name `json`. JSON has no charset parameter: it is
 * always UTF-8.
 *
 * @example
 * ```ts
 * import { jsonSerializer } from '@fielding/content-negotiation';
 *
 * jsonSerializer.mediaType; // 'application/json'
 * ```
 */
export const jsonSerializer: Serializer = {
  mediaType: 'application/json',
  formats: ['json'],
  serialize: (value) => JSON.stringify(value) ?? 'null',
};

/**
 * `application/hal+json`, format name `hal`, offered for objects. It writes the object as JSON
 * as is: build the HAL shape (`_links`, `_embedded`) with `@fielding/hal-links`.
 *
 * @example
 * ```ts
 * import { halSerializer } from '@fielding/content-negotiation';
 *
 * halSerializer.mediaType; // 'application/hal+json'
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-kelly-json-hal
 */
export const halSerializer: Serializer = {
  mediaType: 'application/hal+json',
  formats: ['hal'],
  canSerialize: isObject,
  serialize: (value) => JSON.stringify(value),
};

/**
 * `text/csv` (RFC 4180, with `header=present` semantics), format name `csv`, offered for
 * arrays of flat records — see `toCsv`, which also defuses spreadsheet formulas.
 *
 * @example
 * ```ts
 * import { csvSerializer } from '@fielding/content-negotiation';
 *
 * csvSerializer.canSerialize?.([{ id: 1 }]); // true
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4180
 */
export const csvSerializer: Serializer = {
  mediaType: 'text/csv',
  formats: ['csv'],
  canSerialize: isFlatRecordList,
  serialize: (value) => toCsv(value as Parameters<typeof toCsv>[0]),
};

/**
 * `text/html`, format name `html`: a readable, escaped page for people browsing the API,
 * titled with the request path — see `toHtml`.
 *
 * @example
 * ```ts
 * import { htmlSerializer } from '@fielding/content-negotiation';
 *
 * htmlSerializer.mediaType; // 'text/html'
 * ```
 */
export const htmlSerializer: Serializer = {
  mediaType: 'text/html',
  formats: ['html'],
  serialize: (value, { request }) => toHtml(value, { title: new URL(request.url).pathname }),
};

// The serializers whose output is exactly the JSON a representation is built with.
const JSON_TEXT_WRITERS: ReadonlySet<Serializer> = new Set([jsonSerializer, halSerializer]);

/** Whether a serializer writes `JSON.stringify(value)`, the body `representation()` already has. */
export function writesJsonText(serializer: Serializer): boolean {
  return JSON_TEXT_WRITERS.has(serializer);
}

/**
 * The serializers a registry starts with, in server preference order (the first wins ties,
 * so `*\/*` gets JSON): JSON, HAL, CSV, HTML.
 *
 * @example
 * ```ts
 * import { DEFAULT_SERIALIZERS, createRepresentations } from '@fielding/content-negotiation';
 *
 * const registry = createRepresentations({ serializers: DEFAULT_SERIALIZERS.slice(0, 2) });
 * ```
 */
export const DEFAULT_SERIALIZERS: readonly Serializer[] = Object.freeze([
  jsonSerializer,
  halSerializer,
  csvSerializer,
  htmlSerializer,
]);
