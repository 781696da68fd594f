import Negotiator from 'negotiator';
import { BoundedCache } from './_cache.js';
import { MAX_CACHED_HEADER_LENGTH, NEGOTIATION_CACHE_LIMIT } from './limits.js';
import type { Decision, NegotiationField } from './decision.js';
import { LazyDecision, type Explainer } from './_lazy-decision.js';
import {
  explainCharsets,
  explainEncodings,
  explainLanguages,
  explainMediaTypes,
  rankLanguages,
} from './_explain.js';

const cache = new BoundedCache<Decision>(NEGOTIATION_CACHE_LIMIT / 2);

// `extra` is the server's preference order for encodings, `[fallback]` for languages.
type Rank = (header: string | undefined, available: string[], extra?: string[]) => string[];

// negotiator reads a Node-style request; one reusable holder per field avoids building a
// headers object per call. Calls are synchronous, so sharing it is safe.
const headers: Record<string, string | undefined> = {};
const negotiator = new Negotiator({ headers });

const rankers: Record<NegotiationField, Rank> = {
  Accept: (header, available) => {
    headers['accept'] = header;
    return negotiator.mediaTypes(available);
  },
  'Accept-Encoding': (header, available, preferred) => {
    headers['accept-encoding'] = header;
    // negotiator's typings predate its `preferred` option.
    return (
      negotiator.encodings as (available: string[], options?: { preferred?: string[] }) => string[]
    )(available, preferred === undefined ? undefined : { preferred });
  },
  'Accept-Charset': (header, available) => {
    headers['accept-charset'] = header;
    return negotiator.charsets(available);
  },
  'Accept-Language': (header, available, fallback) =>
    rankLanguages(header ?? null, available, fallback?.[0]),
};

const explainers: Record<NegotiationField, Explainer> = {
  'Accept-Language': explainLanguages,
  Accept: explainMediaTypes,
  'Accept-Encoding': explainEncodings,
  'Accept-Charset': explainCharsets,
};

/**
 * Negotiates one field (with negotiator; languages by RFC 4647 lookup), memoised: the same header against the same list of
 * variants returns the same (immutable) decision without parsing again.
 */
export function decide(
  field: NegotiationField,
  header: string | null,
  available: readonly string[],
  preferred?: readonly string[],
): Decision {
  const cacheable = header === null || header.length <= MAX_CACHED_HEADER_LENGTH;
  let key: string | undefined;
  if (cacheable) {
    key = `${field}\n${available.join('\u0000')}\n${preferred === undefined ? '' : preferred.join('\u0000')}\n${header ?? '\u0000'}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
  }
  const ranked = Object.freeze(
    rankers[field](header ?? undefined, available as string[], preferred as string[] | undefined),
  );
  const decision = new LazyDecision(field, header, ranked, available.slice(), explainers[field]);
  if (key !== undefined) cache.set(key, decision);
  return decision;
}
