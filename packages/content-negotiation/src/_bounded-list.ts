// Bounds a hostile `Accept*` header before anything parses it. negotiator (and content-type,
// which it uses) builds one object per member, empty ones included, so a header of four million
// commas meant four million objects and time that grew faster than the input. This scan keeps
// the first MAX_LIST_MEMBERS members — as @fielding/core's list parsers do — drops empty ones,
// and allocates nothing per dropped member: one pass, linear in the header's length.
//
// Members are split exactly where negotiator 1.1.0 splits them (content-type 2.1.0 with
// `comma: true`): at every comma except inside a quoted parameter value (`;p="a,b"`); a quote
// anywhere else is an ordinary character. A member counts when the part before its first `;`
// is not blank — the members negotiator ranks at all. So negotiator ranks the bounded header
// exactly as it ranks the header itself, whenever the header has no more members than that.
import { MAX_LIST_MEMBERS } from '@fielding/core';

const TAB = 0x09;
const SPACE = 0x20;
const QUOTE = 0x22;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const EQUALS = 0x3d;
const BACKSLASH = 0x5c;

/**
 * Headers shorter than this cannot hold more than `MAX_LIST_MEMBERS` members (each needs a
 * character and a comma), so they are negotiated as they are.
 */
export const LONG_HEADER: number = 2 * MAX_LIST_MEMBERS;

/** The members of a header that negotiation considers. */
export interface FirstMembers {
  /** The kept members joined by `,`: a header negotiator reads as it reads the original. */
  value: string;
  /** How many members were kept, at most `MAX_LIST_MEMBERS`. */
  members: number;
}

function skipSpace(text: string, index: number, end: number): number {
  while (index < end) {
    const code = text.charCodeAt(index);
    if (code !== SPACE && code !== TAB) break;
    index++;
  }
  return index;
}

// To the next `;` or `,`.
function skipValue(text: string, index: number, end: number): number {
  while (index < end) {
    const code = text.charCodeAt(index);
    if (code === SEMICOLON || code === COMMA) break;
    index++;
  }
  return index;
}

// From the `;` or `,` after a member's value to the `,` that ends the member (or the end):
// content-type's parameter loop, reading nothing it does not read.
function skipParameters(text: string, index: number, end: number): number {
  parameter: while (index < end) {
    if (text.charCodeAt(index) === COMMA) return index;
    index = skipSpace(text, index + 1, end);
    while (index < end) {
      const code = text.charCodeAt(index);
      if (code === COMMA) return index;
      if (code === SEMICOLON) continue parameter;
      if (code === EQUALS) {
        index = skipSpace(text, index + 1, end);
        if (index < end && text.charCodeAt(index) === QUOTE) {
          index++;
          while (index < end) {
            const next = text.charCodeAt(index++);
            if (next === QUOTE) {
              index = skipValue(text, index, end);
              break;
            }
            if (next === BACKSLASH && index < end) index++;
          }
        } else {
          index = skipValue(text, index, end);
        }
        continue parameter;
      }
      index++;
    }
  }
  return index;
}

/**
 * The first `MAX_LIST_MEMBERS` non-empty members of an `Accept*` value, split as negotiator
 * splits them. One pass; stops reading once the bound is reached.
 */
export function firstMembers(header: string): FirstMembers {
  const kept: string[] = [];
  const end = header.length;
  let index = 0;
  while (index < end && kept.length < MAX_LIST_MEMBERS) {
    const start = skipSpace(header, index, end);
    const valueEnd = skipValue(header, start, end);
    index = skipParameters(header, valueEnd, end);
    // `start` is past the whitespace, so the value is blank exactly when it is empty.
    if (valueEnd > start) kept.push(header.slice(start, index));
    index++;
  }
  return { value: kept.join(','), members: kept.length };
}
