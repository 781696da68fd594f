// Reading what a reverse proxy appended to a list-valued header (`Forwarded`, RFC 7239 §4, and
// the X-Forwarded-* lists). Every proxy appends, so the trusted value is `hops` from the END:
// everything before it was written by the client. These readers walk backwards and stop at the
// member wanted, so nothing a client put in front — thousands of values, an unclosed quote —
// is ever parsed or can push the proxy's value out of reach.

/** The member `hops` from the end of a comma list (the first when there are fewer), trimmed. */
export function listMemberFromEnd(list: string, hops: number): string {
  let end = list.length;
  for (let member = 1; ; member += 1) {
    const comma = list.lastIndexOf(',', end - 1);
    if (member >= hops || comma === -1) return list.slice(comma + 1, end).trim();
    end = comma;
  }
}

/**
 * The text of the `Forwarded` element `hops` from the end (the first when there are fewer):
 * commas inside quoted strings do not split.
 */
function forwardedElementTextFromEnd(value: string, hops: number): string {
  let end = value.length;
  let member = 1;
  let quoted = false;
  for (let index = value.length - 1; index >= 0; index -= 1) {
    const char = value[index];
    if (char === '"') {
      let backslashes = 0;
      while (value[index - 1 - backslashes] === '\\') backslashes += 1;
      if (backslashes % 2 === 0) quoted = !quoted;
    } else if (char === ',' && !quoted) {
      if (member >= hops) return value.slice(index + 1, end);
      member += 1;
      end = index;
    }
  }
  return value.slice(0, end);
}

/**
 * The forwarded-pairs of the `Forwarded` element `hops` from the end: names lower-cased, values
 * unquoted, in a null-prototype record (pair names come from the client).
 */
export function forwardedElementFromEnd(value: string, hops: number): Record<string, string> {
  const element = Object.create(null) as Record<string, string>;
  let pair = '';
  let quoted = false;
  let escaped = false;
  const endPair = (): void => {
    const eq = pair.indexOf('=');
    if (eq > 0) element[pair.slice(0, eq).trim().toLowerCase()] = pair.slice(eq + 1).trim();
    pair = '';
  };
  for (const char of forwardedElementTextFromEnd(value, hops)) {
    if (escaped) {
      pair += char;
      escaped = false;
    } else if (quoted) {
      if (char === '\\') escaped = true;
      else if (char === '"') quoted = false;
      else pair += char;
    } else if (char === '"') {
      quoted = true;
    } else if (char === ';') {
      endPair();
    } else {
      pair += char;
    }
  }
  endPair();
  return element;
}
