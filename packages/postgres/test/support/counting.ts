// A client that records every statement it runs, to count queries per request.
import type { PostgresClient } from '../../src/index.js';

export interface Counting extends PostgresClient {
  /** The statements run since the last `reset()`. */
  texts: string[];
  values: unknown[][];
  reset(): void;
}

export function counting(client: PostgresClient): Counting {
  const texts: string[] = [];
  const values: unknown[][] = [];
  return {
    texts,
    values,
    reset() {
      texts.length = 0;
      values.length = 0;
    },
    query(text, bound = []) {
      texts.push(text);
      values.push(bound);
      return client.query(text, bound);
    },
  };
}
