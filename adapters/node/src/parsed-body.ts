import type { ParsedBody } from './web-request.js';

/**
 * Turns what a framework's body parser left (`req.body`) back into a body for a Web `Request`,
 * for when the parser has consumed the stream: bytes and strings as they are; an object from a
 * form parser (`Content-Type: application/x-www-form-urlencoded`) as a form, repeated fields
 * for arrays and nested values as JSON; anything else as JSON; `null` for no body. Hand it to
 * `toWebRequest` as `parsedBody`.
 *
 * @param body - what the body parser produced
 * @param contentType - the request's `Content-Type`, which tells a form from JSON
 * @returns the body to hand the handler
 *
 * @example
 * ```ts
 * import { serialiseParsedBody } from '@fielding/node';
 *
 * serialiseParsedBody({ a: '1', b: ['2', '3'] }, 'application/x-www-form-urlencoded');
 * // 'a=1&b=2&b=3'
 * serialiseParsedBody({ id: 7 }, 'application/json'); // '{"id":7}'
 * ```
 */
export function serialiseParsedBody(body: unknown, contentType: string | undefined): ParsedBody {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (
    typeof body === 'object' &&
    (contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')
  ) {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
      if (Array.isArray(value)) for (const item of value) form.append(name, String(item));
      else form.append(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
    }
    return form.toString();
  }
  return JSON.stringify(body);
}
