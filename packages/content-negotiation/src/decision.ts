/** Which request header a {@link Decision} was made from. */
export type NegotiationField = 'Accept' | 'Accept-Language' | 'Accept-Encoding' | 'Accept-Charset';

/** Why one available variant won or lost a negotiation. */
export type VariantOutcome =
  /** It is the choice. */
  | 'chosen'
  /** The client accepts it, but another variant ranked higher (q, then specificity, then order). */
  | 'outranked'
  /** The most specific range matching it has `q=0`: the client refuses it. */
  | 'excluded'
  /** No range in the header matches it. */
  | 'unmatched';

/** How one available variant fared against the client's header. */
export interface VariantVerdict {
  /** The available value, as the server listed it (e.g. `text/csv`). */
  readonly value: string;
  /** The weight the client gave it, 0 to 1; 0 when excluded or unmatched. */
  readonly q: number;
  /**
   * The header member that decided its weight (e.g. `text/*`); `undefined` when nothing
   * matched, or when the header was absent and everything is implicitly acceptable.
   */
  readonly range: string | undefined;
  /** Why it won or lost. */
  readonly outcome: VariantOutcome;
}

/**
 * The inspectable result of negotiating one dimension: what was chosen, in what order the
 * acceptable variants ranked, and — computed on first access — why each variant won or lost.
 */
export interface Decision {
  /** The request header this decision read. */
  readonly field: NegotiationField;
  /** The header's value, or `null` when the request did not send it. */
  readonly header: string | null;
  /** The best acceptable variant, or `undefined` when none is acceptable. */
  readonly choice: string | undefined;
  /** Every acceptable variant, best first. */
  readonly ranked: readonly string[];
  /** The client's weight for the choice; 0 when there is none. */
  readonly q: number;
  /** One verdict per available variant, in the order the server listed them. */
  readonly verdicts: readonly VariantVerdict[];
}
