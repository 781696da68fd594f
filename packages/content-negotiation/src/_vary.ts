import { appendVary, editableResponse } from '@fielding/core';

/**
 * Merges field names into a response's `Vary`, in place; a response whose headers cannot
 * change (one straight from `fetch()`) is copied first, body and status kept.
 */
export function withVary(response: Response, fields: readonly string[]): Response {
  if (fields.length === 0) return response;
  const editable = editableResponse(response);
  appendVary(editable.headers, ...fields);
  return editable;
}
