import type { Serializer } from './serializers.js';

/** The XML namespace of problem details (RFC 9457 Appendix B). */
const PROBLEM_XML_NAMESPACE = 'urn:ietf:rfc:7807';

function isXmlName(name: string): boolean {
  // ASCII NCName subset: a member whose name cannot be an element name is left out.
  if (name.length === 0 || name.length > 256 || name.slice(0, 3).toLowerCase() === 'xml')
    return false;
  for (let index = 0; index < name.length; index++) {
    const code = name.charCodeAt(index);
    const letter =
      (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
    if (letter) continue;
    if (index > 0 && ((code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x2e)) continue;
    return false;
  }
  return true;
}

function escapeText(value: string): string {
  let out = '';
  let from = 0;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    let replacement: string | undefined;
    if (code === 0x26) replacement = '&amp;';
    else if (code === 0x3c) replacement = '&lt;';
    else if (code === 0x3e) replacement = '&gt;';
    else if (
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
      code === 0xfffe ||
      code === 0xffff
    ) {
      replacement = ''; // not allowed anywhere in XML 1.0
    } else if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        index++;
        continue;
      }
      replacement = '\ufffd';
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      replacement = '\ufffd';
    } else {
      continue;
    }
    out += value.slice(from, index) + replacement;
    from = index + 1;
  }
  return from === 0 ? value : out + value.slice(from);
}

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    return `<${name}>${value.map((item) => element('i', item)).join('')}</${name}>`;
  }
  if (typeof value === 'object') return `<${name}>${members(value)}</${name}>`;
  return `<${name}>${escapeText(String(value))}</${name}>`;
}

function members(value: object): string {
  let children = '';
  for (const [key, member] of Object.entries(value)) {
    if (isXmlName(key)) children += element(key, member);
  }
  return children;
}

const isProblemDocument = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `application/problem+xml` (RFC 9457 Appendix B): a problem details object as one element per
 * member in the `urn:ietf:rfc:7807` namespace, an array as child elements named `i`, an object
 * as child elements. Members whose names are not XML names are left out; characters XML 1.0
 * forbids are dropped. Register it in a representations registry placed outside
 * `problemDetails()`: problem responses then come as XML to clients that prefer it (or
 * `application/xml`); it is never offered for a representation.
 *
 * @example
 * ```ts
 * import { createRouter } from '@fielding/core';
 * import { createRepresentations, problemXmlSerializer } from '@fielding/content-negotiation';
 * import { problemDetails } from '@fielding/problem-errors';
 *
 * const representations = createRepresentations().register(problemXmlSerializer);
 * const router = createRouter({ middleware: [representations.middleware, problemDetails()] });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9457#appendix-B
 */
export const problemXmlSerializer: Serializer = {
  mediaType: 'application/problem+xml',
  canSerialize: isProblemDocument,
  serialize: (value) =>
    `<?xml version="1.0" encoding="UTF-8"?><problem xmlns="${PROBLEM_XML_NAMESPACE}">${members(
      value as object,
    )}</problem>`,
};
