// A 304 keeps a few fields of the 200 it stands for. Reading them straight from the init the
// handler passed (a record, pairs or a Headers) costs far less than building a `Headers` to
// read them from: the Response the pairs go to validates and combines them anyway (issue 22).

/**
 * Calls `visit` with each field of a `HeadersInit`, the name lower-cased. A `Headers` (or any
 * iterable of pairs) is iterated; a record gives its own enumerable string keys, as the Fetch
 * standard reads it. A pair that is not a name and a value throws the `TypeError` `Headers` would.
 */
export function forEachHeader(
  init: HeadersInit | undefined,
  visit: (name: string, value: string) => void,
): void {
  if (init === undefined || init === null) return;
  if (typeof (init as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function') {
    for (const pair of init as Iterable<readonly string[]>) {
      if (pair.length !== 2) {
        throw new TypeError('Headers init: each header must be a [name, value] pair.');
      }
      visit(String(pair[0]).toLowerCase(), String(pair[1]));
    }
    return;
  }
  const record = init as Record<string, string>;
  for (const name of Object.keys(record)) visit(name.toLowerCase(), String(record[name]));
}
