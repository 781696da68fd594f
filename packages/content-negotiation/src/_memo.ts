import Negotiator from 'negotiator';
import { BoundedCache } from './_cache.js';
import {
  MAX_CACHED_HEADER_LENGTH,
  MAX_CACHED_VARIANT_LISTS,
  NEGOTIATION_CACHE_LIMIT,
} from './limits.js';
import type { Decision, NegotiationField } from './decision.js';
import { LazyDecision, type Explainer } from './_lazy-decision.js';
import {
  explainCharsets,
  explainEncodings,
  explainLanguages,
  explainMediaTypes,
  rankLanguages,
} from './_explain.js';
import { prepareMediaTypes, rankMediaTypes, type PreparedMediaTypes } from './_media-ranges.js';
import { LONG_HEADER, firstMembers } from './_bounded-list.js';

// `extra` is the server's preference order for encodings, `[fallback]` for languages.
type Rank = (header: string | undefined, available: string[], extra?: string[]) => string[];

// negotiator reads a Node-style request; one reusable holder per field avoids building a
// headers object per call. Calls are synchronous, so sharing it is safe.
const headers: Record<string, string | undefined> = {};
const negotiator = new Negotiator({ headers });

const rankers: Record<NegotiationField, Rank> = {
  // Only for what the single-pass ranker leaves to negotiator (quotes, non-ASCII).
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

interface ListMemo {
  /** The variants when this memo was made: a mutated array must not reuse it. */
  snapshot: readonly string[];
  caches: Partial<Record<NegotiationField, BoundedCache<Decision>>>;
  /** The snapshot parsed as media types, on first use for `Accept`. */
  mediaTypes?: PreparedMediaTypes;
}

// Two ways to find the memo of a list of variants: by array identity (no work at all, the
// common case of a list defined once), else by content (one join, for inline literals).
const byIdentity = new WeakMap<readonly string[], ListMemo>();
const byContent = new Map<string, ListMemo>();

function memoOf(available: readonly string[]): ListMemo {
  const known = byIdentity.get(available);
  if (known !== undefined && sameList(known.snapshot, available)) return known;
  const joined = available.join('\u0000');
  let memo = byContent.get(joined);
  // The join is ambiguous ([] and [''] both give ''): the snapshot decides.
  if (memo === undefined || !sameList(memo.snapshot, available)) {
    if (byContent.size >= MAX_CACHED_VARIANT_LISTS) byContent.clear();
    memo = { snapshot: available.slice(), caches: {} };
    byContent.set(joined, memo);
  }
  byIdentity.set(available, memo);
  return memo;
}

function sameList(snapshot: readonly string[], available: readonly string[]): boolean {
  if (snapshot.length !== available.length) return false;
  for (let index = 0; index < snapshot.length; index++) {
    if (snapshot[index] !== available[index]) return false;
  }
  return true;
}

/**
 * Negotiates one field (with negotiator; languages by RFC 4647 lookup), memoised per list of
 * variants: the same header against the same variants returns the same (immutable) decision
 * without parsing again. The memo key is the header itself, so a hit costs one string hash.
 */
export function decide(
  field: NegotiationField,
  header: string | null,
  available: readonly string[],
  extra?: readonly string[],
): Decision {
  const memo = memoOf(available);
  // The memo's snapshot is a private copy of the variants: decisions keep it, never `available`.
  const variants = memo.snapshot;
  let cache: BoundedCache<Decision> | undefined;
  let key: string | undefined;
  if (header === null || header.length <= MAX_CACHED_HEADER_LENGTH) {
    cache = memo.caches[field] ??= new BoundedCache(NEGOTIATION_CACHE_LIMIT / 2);
    // The server's preference (encodings) or fallback (languages) is part of the question.
    key =
      extra === undefined || extra === available
        ? (header ?? '\u0000')
        : `${extra.join('\u0000')}\n${header ?? '\u0000'}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
  }
  // Rankers and explainers see at most MAX_LIST_MEMBERS members, whatever the header's size.
  const negotiated =
    header !== null && header.length >= LONG_HEADER ? firstMembers(header).value : header;
  const ranked =
    (field === 'Accept'
      ? rankMediaTypes(
          negotiated ?? undefined,
          variants,
          (memo.mediaTypes ??= prepareMediaTypes(variants)),
        )
      : undefined) ??
    rankers[field](negotiated ?? undefined, variants as string[], extra as string[] | undefined);
  const decision = new LazyDecision(field, header, ranked, variants, explainers[field], negotiated);
  if (cache !== undefined && key !== undefined) cache.set(key, decision);
  return decision;
}
