/**
 * A bounded memo of recent results: two generations of `Map`s. Lookups hit the young
 * generation first; an old-generation hit is promoted. When the young generation is full it
 * becomes the old one and the previous old one is dropped — so the cache never holds more than
 * `2 × generationSize` entries, a hit costs one or two `Map.get`s, and no per-hit bookkeeping
 * (unlike a strict LRU's delete-and-reinsert) slows the common case down.
 */
export class BoundedCache<V> {
  #young = new Map<string, V>();
  #old = new Map<string, V>();
  readonly #generationSize: number;

  constructor(generationSize: number) {
    this.#generationSize = Math.max(1, generationSize);
  }

  get(key: string): V | undefined {
    const young = this.#young.get(key);
    if (young !== undefined) return young;
    const old = this.#old.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: string, value: V): void {
    if (this.#young.size >= this.#generationSize) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(key, value);
  }
}
