/**
 * RFC 9110 content negotiation for fetch handlers: pick the representation a client asked for
 * (`Accept`, `Accept-Language`, `Accept-Encoding`, `Accept-Charset`) and write it (JSON, HAL,
 * CSV, HTML, and problem details as XML), answer 406 as problem details, set `Vary`, and
 * compress responses. It also holds the toolkit's one bounded request-body reader
 * (`readBody`, `readText`, `readJson`: 413, 415, 400) and its one 415 check
 * (`requireContentType`, and `contentTypeGuard` as a middleware).
 *
 * @module @fielding/content-negotiation
 */
export type { Decision } from './decision.js';
export {
  negotiate,
  negotiateCharset,
  negotiateEncoding,
  negotiateLanguage,
  negotiateMediaType,
  type NegotiateOptions,
  type Negotiation,
} from './negotiate.js';
export { matchesMediaType, parseMediaType, type MediaType } from './media-type.js';
export {
  DEFAULT_BODY_LIMIT,
  contentTypeGuard,
  readBody,
  readJson,
  readText,
  requireContentType,
  type ReadBodyOptions,
  type RequireContentTypeOptions,
} from './request-body.js';
export {
  isRepresentation,
  representation,
  type Representation,
  type RepresentationInit,
} from './representation.js';
export {
  DEFAULT_SERIALIZERS,
  csvSerializer,
  halSerializer,
  htmlSerializer,
  jsonSerializer,
  type SerializeContext,
  type Serializer,
} from './serializers.js';
export { problemXmlSerializer } from './problem-xml.js';
export {
  createRepresentations,
  type RepresentationChoice,
  type Representations,
  type RepresentationsOptions,
} from './representations.js';
export { toCsv, type CsvOptions } from './csv.js';
export { escapeHtml, toHtml, type HtmlOptions } from './html.js';
export {
  DEFAULT_ENCODINGS,
  compression,
  isCompressible,
  supportedEncodings,
  type CompressionOptions,
} from './compression.js';
