import type { Decision, NegotiationField, VariantOutcome, VariantVerdict } from './decision.js';

/** Computes verdicts for a decision: `(header, available) → q and range per variant`. */
export type Explainer = (
  header: string | null,
  available: readonly string[],
) => readonly { q: number; range: string | undefined }[];

/**
 * A decision whose verdicts are worked out only when someone reads them: the negotiation
 * itself never pays for the explanation. Instances are shared through the memo cache, so they
 * are never mutated after the verdicts are memoised.
 */
export class LazyDecision implements Decision {
  readonly field: NegotiationField;
  readonly header: string | null;
  readonly choice: string | undefined;
  readonly ranked: readonly string[];
  readonly #available: readonly string[];
  readonly #explain: Explainer;
  readonly #negotiated: string | null;
  #verdicts: readonly VariantVerdict[] | undefined;

  constructor(
    field: NegotiationField,
    header: string | null,
    ranked: readonly string[],
    available: readonly string[],
    explain: Explainer,
    // The header as the rankers read it (bounded to MAX_LIST_MEMBERS members): the
    // explanation must read the same members.
    negotiated: string | null,
  ) {
    this.field = field;
    this.header = header;
    this.ranked = ranked;
    this.choice = ranked[0];
    this.#available = available;
    this.#explain = explain;
    this.#negotiated = negotiated;
  }

  get q(): number {
    if (this.choice === undefined) return 0;
    return this.verdicts.find((verdict) => verdict.outcome === 'chosen')?.q ?? 0;
  }

  get verdicts(): readonly VariantVerdict[] {
    if (this.#verdicts === undefined) {
      const weights = this.#explain(this.#negotiated, this.#available);
      const acceptable = new Set(this.ranked);
      let chosenSeen = false;
      this.#verdicts = Object.freeze(
        this.#available.map((value, index): VariantVerdict => {
          const { q, range } = weights[index] ?? { q: 0, range: undefined };
          let outcome: VariantOutcome;
          if (value === this.choice && !chosenSeen) {
            chosenSeen = true;
            outcome = 'chosen';
          } else if (acceptable.has(value)) outcome = 'outranked';
          else outcome = range === undefined ? 'unmatched' : 'excluded';
          return Object.freeze({
            value,
            q: outcome === 'excluded' || outcome === 'unmatched' ? 0 : q,
            range,
            outcome,
          });
        }),
      );
    }
    return this.#verdicts;
  }

  /** A plain snapshot, so `JSON.stringify(decision)` and test snapshots show the verdicts. */
  toJSON(): Decision {
    return {
      field: this.field,
      header: this.header,
      choice: this.choice,
      ranked: this.ranked,
      q: this.q,
      verdicts: this.verdicts,
    };
  }
}
