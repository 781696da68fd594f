function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    return raw;
  }
}

/**
 * The URL with the managed parameters replaced by `values`, every other parameter kept byte
 * for byte and in place. The new parameters go where the first managed one was, else last.
 */
export function hrefWith(
  url: URL,
  values: ReadonlyArray<readonly [string, string]>,
  managed: readonly string[],
  relative: boolean,
): string {
  const kept: string[] = [];
  let insertAt = -1;
  const raw = url.search.slice(1);
  for (const piece of raw === '' ? [] : raw.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const name = decodeName(eq === -1 ? piece : piece.slice(0, eq));
    if (managed.includes(name)) {
      if (insertAt === -1) insertAt = kept.length;
      continue;
    }
    kept.push(piece);
  }
  const added = values.map(
    ([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`,
  );
  kept.splice(insertAt === -1 ? kept.length : insertAt, 0, ...added);
  const search = kept.length === 0 ? '' : `?${kept.join('&')}`;
  return `${relative ? '' : url.origin}${url.pathname}${search}`;
}
