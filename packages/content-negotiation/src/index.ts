/**
 * RFC 9110 content negotiation for fetch handlers: pick the representation a client asked for
 * (`Accept`, `Accept-Language`, `Accept-Encoding`, `Accept-Charset`), answer 406/415 as problem
 * details, check and read request bodies, set `Vary`, and compress responses.
 *
 * @module @fielding/content-negotiation
 */
export type { Decision, NegotiationField, VariantOutcome, VariantVerdict } from './decision.js';
export {
  negotiate,
  negotiateCharset,
  negotiateEncoding,
  negotiateLanguage,
  negotiateMediaType,
  type NegotiateOptions,
  type Negotiation,
} from './negotiate.js';
export {
  MAX_CACHED_HEADER_LENGTH,
  MAX_CACHED_VARIANT_LISTS,
  NEGOTIATION_CACHE_LIMIT,
} from './limits.js';
export { isJsonMediaType, matchesMediaType, parseMediaType, type MediaType } from './media-type.js';
export {
  DEFAULT_BODY_LIMIT,
  DEFAULT_BODY_MEDIA_TYPE,
  contentTypeGuard,
  hasBody,
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
export { isFlatRecordList, toCsv, type CsvCell, type CsvOptions } from './csv.js';
export { MAX_HTML_DEPTH, escapeHtml, toHtml, type HtmlOptions } from './html.js';
export {
  DEFAULT_COMPRESSION_THRESHOLD,
  DEFAULT_ENCODINGS,
  compression,
  isCompressible,
  supportedEncodings,
  type CompressionOptions,
} from './compression.js';
