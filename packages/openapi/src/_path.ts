// Turns a router pattern into OpenAPI path templates. Reads path-to-regexp 8 (`:id`, `*rest`,
// `:"quoted"`, `{…}` optional groups, `\` escapes) and the OpenAPI / RFC 6570 spelling (`{id}`)
// alike, as lintRoutes does. An optional group has no OpenAPI spelling, so a pattern with one
// becomes two paths: without the group and with it.

/** One OpenAPI path and the names of its parameters, in order. */
export interface OpenApiPath {
  path: string;
  parameters: string[];
}

// More variants than this means a pattern of many optional groups; the rest are dropped.
const MAX_VARIANTS = 16;
const BARE_NAME = /^[a-z_$][\w$-]*$/i;
const NAME_CHAR = /[\w$]/;

/** The index of the `}` that closes the `{` at `start`, or -1. */
function closingBrace(pattern: string, start: number): number {
  let depth = 0;
  for (let index = start; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') index++;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return index;
  }
  return -1;
}

/** The pattern with every optional group either dropped or kept (braces removed). */
function expandGroups(pattern: string): string[] {
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') {
      index++;
      continue;
    }
    if (char !== '{') continue;
    const end = closingBrace(pattern, index);
    if (end === -1) return [pattern];
    const inner = pattern.slice(index + 1, end);
    if (BARE_NAME.test(inner)) {
      index = end;
      continue;
    }
    const head = pattern.slice(0, index);
    const tails = expandGroups(pattern.slice(end + 1));
    const variants: string[] = [];
    for (const middle of ['', ...expandGroups(inner)]) {
      for (const tail of tails) variants.push(`${head}${middle}${tail}`);
    }
    return variants.slice(0, MAX_VARIANTS);
  }
  return [pattern];
}

/** One group-free pattern in OpenAPI spelling. */
function toTemplate(pattern: string): OpenApiPath {
  let path = '';
  const parameters: string[] = [];
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === '\\') {
      path += pattern[++index] ?? '';
    } else if (char === '{') {
      // Groups are gone, so a brace here is `{name}`, or a stray one kept as text.
      const end = pattern.indexOf('}', index);
      const name = pattern.slice(index + 1, end);
      if (end === -1 || !BARE_NAME.test(name)) {
        path += char;
        continue;
      }
      parameters.push(name);
      path += `{${name}}`;
      index = end;
    } else if (char === ':' || char === '*') {
      let end = index + 1;
      let name: string;
      if (pattern[end] === '"') {
        const close = pattern.indexOf('"', end + 1);
        end = close === -1 ? pattern.length : close;
        name = pattern.slice(index + 2, end);
      } else {
        while (end < pattern.length && NAME_CHAR.test(pattern[end]!)) end++;
        name = pattern.slice(index + 1, end);
        end--;
      }
      parameters.push(name);
      path += `{${name}}`;
      index = end;
    } else {
      path += char;
    }
  }
  return { path: path === '' ? '/' : path, parameters };
}

/** The OpenAPI paths a router pattern answers, one per optional-group variant. */
export function openApiPaths(pattern: string): OpenApiPath[] {
  return expandGroups(pattern).map(toTemplate);
}
