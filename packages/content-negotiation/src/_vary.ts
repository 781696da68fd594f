import { editableResponse, mergeVary } from '@fielding/core';

/**
 * Merges field names into a response's `Vary`, in place; a response whose headers cannot
 * change (one straight from `fetch()`) is copied first, body and status kept.
 */
export function withVary(response: Response, fields: readonly string[]): Response {
  if (fields.length === 0) return response;
  // One read and one write for the common case, not a probe, a read and a write (issue 22):
  // a write to headers that cannot change throws, and only then is the response copied.
  const current = response.headers.get('vary');
  const merged = mergedVary(current, fields);
  if (merged !== '' && merged !== current) {
    try {
      response.headers.set('Vary', merged);
      return response;
    } catch {
      // Immutable headers: copied below, as before.
    }
  }
  const editable = editableResponse(response);
  if (editable !== response && merged !== '' && merged !== current) {
    editable.headers.set('Vary', merged);
  }
  return editable;
}

/**
 * `mergeVary` of the current value and `fields` (the package's own lists of field names), with
 * the common case — no `Vary` yet, one name to add — answered without parsing anything.
 */
export function mergedVary(current: string | null, fields: readonly string[]): string {
  if (current === null && fields.length === 1) return fields[0] as string;
  return mergeVary(current, ...fields);
}
