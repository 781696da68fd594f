// The trace id the problem middleware puts into error bodies (its `traceHeaders` option).

/** The longest request id kept; a longer value is ignored rather than echoed. */
export const MAX_REQUEST_ID_LENGTH = 128;

function isLowerHex(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (!((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66))) return false;
  }
  return true;
}

/** The trace-id of a `traceparent` value (`version-traceid-parentid-flags`), if valid. */
function traceIdOf(value: string): string | undefined {
  const parts = value.trim().split('-', 5);
  const [version, traceId, parentId, flags] = parts;
  if (
    version === undefined ||
    traceId === undefined ||
    parentId === undefined ||
    flags === undefined
  )
    return undefined;
  if (version.length !== 2 || !isLowerHex(version) || version === 'ff') return undefined;
  if (traceId.length !== 32 || !isLowerHex(traceId) || /^0+$/.test(traceId)) return undefined;
  if (parentId.length !== 16 || !isLowerHex(parentId) || flags.length !== 2 || !isLowerHex(flags))
    return undefined;
  // Version 00 has exactly four fields; later versions may append more.
  if (version === '00' && parts.length !== 4) return undefined;
  return traceId;
}

function isPrintable(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code <= 0x20 || code >= 0x7f) return false;
  }
  return value.length > 0;
}

/**
 * The trace or correlation id of a request: the trace-id of a valid W3C `traceparent`
 * (https://www.w3.org/TR/trace-context/#traceparent-header), else the first request id header
 * holding 1–128 visible ASCII characters. Invalid values are ignored, so a client cannot put
 * arbitrary text into error bodies.
 */
export function traceId(request: Request, headers: readonly string[]): string | undefined {
  for (const name of headers) {
    const value = request.headers.get(name);
    if (value === null) continue;
    if (name.toLowerCase() === 'traceparent') {
      const id = traceIdOf(value);
      if (id !== undefined) return id;
      continue;
    }
    const id = value.trim();
    if (id.length <= MAX_REQUEST_ID_LENGTH && isPrintable(id)) return id;
  }
  return undefined;
}
