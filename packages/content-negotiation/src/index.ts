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
