/** Where a JSON text first breaks the grammar, and what was expected there. */
export interface JsonSyntaxError {
  offset: number;
  line: number;
  column: number;
  expected: string;
}

const enum Mode {
  Value,
  AfterValue,
}

/**
 * Finds the first RFC 8259 syntax error in `text` with one linear pass and an explicit stack
 * (no recursion, so deep nesting cannot overflow). Runs only after `JSON.parse` failed, because
 * engines word (and on Node 20 omit) the position differently.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const stack: number[] = []; // 0x7b '{' or 0x5b '['
  const length = text.length;
  let index = skipWhitespace(text, 0);
  let mode = Mode.Value;
  const fail = (offset: number, expected: string): JsonSyntaxError => {
    let line = 1;
    let lineStart = 0;
    for (let cursor = 0; cursor < offset; cursor++) {
      if (text.charCodeAt(cursor) === 0x0a) {
        line++;
        lineStart = cursor + 1;
      }
    }
    return { offset, line, column: offset - lineStart + 1, expected };
  };

  for (;;) {
    if (mode === Mode.Value) {
      const code = text.charCodeAt(index);
      if (code === 0x7b) {
        index = skipWhitespace(text, index + 1);
        if (text.charCodeAt(index) === 0x7d) {
          index++;
          mode = Mode.AfterValue;
          continue;
        }
        stack.push(0x7b);
        const next = memberName(text, index);
        if (typeof next !== 'number') return fail(next.offset, next.expected);
        index = next;
        continue;
      }
      if (code === 0x5b) {
        index = skipWhitespace(text, index + 1);
        if (text.charCodeAt(index) === 0x5d) {
          index++;
          mode = Mode.AfterValue;
          continue;
        }
        stack.push(0x5b);
        continue;
      }
      const end =
        code === 0x22
          ? scanString(text, index)
          : code === 0x2d || (code >= 0x30 && code <= 0x39)
            ? scanNumber(text, index)
            : scanLiteral(text, index);
      if (typeof end !== 'number') return fail(end.offset, end.expected);
      index = end;
      mode = Mode.AfterValue;
      continue;
    }
    index = skipWhitespace(text, index);
    const top = stack[stack.length - 1];
    if (top === undefined) {
      return index < length ? fail(index, 'end of input') : undefined;
    }
    const code = text.charCodeAt(index);
    const close = top === 0x7b ? 0x7d : 0x5d;
    if (code === close) {
      stack.pop();
      index++;
      continue;
    }
    if (code !== 0x2c) return fail(index, top === 0x7b ? "',' or '}'" : "',' or ']'");
    index = skipWhitespace(text, index + 1);
    if (top === 0x7b) {
      const next = memberName(text, index);
      if (typeof next !== 'number') return fail(next.offset, next.expected);
      index = next;
    }
    mode = Mode.Value;
  }
}

interface Failure {
  offset: number;
  expected: string;
}

// A member name, the colon and the whitespace up to the value.
function memberName(text: string, index: number): number | Failure {
  if (text.charCodeAt(index) !== 0x22) return { offset: index, expected: 'a member name string' };
  const end = scanString(text, index);
  if (typeof end !== 'number') return end;
  const colon = skipWhitespace(text, end);
  if (text.charCodeAt(colon) !== 0x3a) return { offset: colon, expected: "':'" };
  return skipWhitespace(text, colon + 1);
}

function skipWhitespace(text: string, index: number): number {
  let cursor = index;
  for (;;) {
    const code = text.charCodeAt(cursor);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return cursor;
    cursor++;
  }
}

function isHex(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x46) ||
    (code >= 0x61 && code <= 0x66)
  );
}

function scanString(text: string, start: number): number | Failure {
  let index = start + 1;
  for (;;) {
    if (index >= text.length) return { offset: index, expected: "a closing '\"'" };
    const code = text.charCodeAt(index);
    if (code === 0x22) return index + 1;
    if (code < 0x20) return { offset: index, expected: 'an escaped control character' };
    if (code === 0x5c) {
      const escape = text.charCodeAt(index + 1);
      if (escape === 0x75) {
        for (let digit = 2; digit < 6; digit++) {
          if (!isHex(text.charCodeAt(index + digit))) {
            return { offset: index + digit, expected: 'a hexadecimal digit' };
          }
        }
        index += 6;
        continue;
      }
      if (!'"\\/bfnrt'.includes(text.charAt(index + 1)) || index + 1 >= text.length) {
        return { offset: index + 1, expected: 'an escape character' };
      }
      index += 2;
      continue;
    }
    index++;
  }
}

function digitsFrom(text: string, index: number): number {
  let cursor = index;
  for (;;) {
    const code = text.charCodeAt(cursor);
    // NaN past the end fails this test too, ending the loop.
    if (!(code >= 0x30 && code <= 0x39)) return cursor;
    cursor++;
  }
}

function scanNumber(text: string, start: number): number | Failure {
  let index = start;
  if (text.charCodeAt(index) === 0x2d) index++;
  if (text.charCodeAt(index) === 0x30) index++;
  else {
    const end = digitsFrom(text, index);
    if (end === index) return { offset: index, expected: 'a digit' };
    index = end;
  }
  if (text.charCodeAt(index) === 0x2e) {
    const end = digitsFrom(text, index + 1);
    if (end === index + 1) return { offset: end, expected: 'a digit' };
    index = end;
  }
  const exponent = text.charCodeAt(index);
  if (exponent === 0x65 || exponent === 0x45) {
    index++;
    const sign = text.charCodeAt(index);
    if (sign === 0x2b || sign === 0x2d) index++;
    const end = digitsFrom(text, index);
    if (end === index) return { offset: end, expected: 'a digit' };
    index = end;
  }
  return index;
}

function scanLiteral(text: string, start: number): number | Failure {
  for (const literal of ['true', 'false', 'null']) {
    if (text.charCodeAt(start) !== literal.charCodeAt(0)) continue;
    for (let offset = 1; offset < literal.length; offset++) {
      if (text.charCodeAt(start + offset) !== literal.charCodeAt(offset)) {
        return { offset: start + offset, expected: `'${literal}'` };
      }
    }
    return start + literal.length;
  }
  return { offset: start, expected: start >= text.length ? 'a value, not the end' : 'a value' };
}
