// Which scopes a request needs. A table reads like the routes it guards ('POST /blogs',
// 'DELETE /blogs/:blogId', '* /admin/*'); every entry that matches adds its scopes, so a more
// general entry can never lower what a specific one asks for. Paths compare the way the
// core router matches by default: letter case ignored, a trailing slash ignored.

/** Scopes per route and method: a table keyed `'METHOD /path'`, or a function of the request. */
export type ScopeRules =
  | Readonly<Record<string, readonly string[]>>
  | ((request: Request) => readonly string[] | undefined);

// scope-token = 1*( %x21 / %x23-5B / %x5D-7E ) (RFC 6749 §3.3), so it needs no escaping in a
// quoted-string.
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const KEY = /^(\*|[A-Z]+) (\/\S*)$/;
const NONE: readonly string[] = [];

export function checkScopes(scopes: readonly string[], where: string): readonly string[] {
  for (const scope of scopes) {
    if (typeof scope !== 'string' || !SCOPE_TOKEN.test(scope)) {
      throw new TypeError(`bearerAuth: ${JSON.stringify(scope)} in ${where} is not a scope token.`);
    }
  }
  return scopes;
}

interface Rule {
  readonly method: string;
  readonly segments: readonly string[];
  readonly rest: boolean;
  readonly scopes: readonly string[];
}

const segmentsOf = (path: string): string[] =>
  path
    .toLowerCase()
    .split('/')
    .filter((segment, index, all) => index !== 0 && !(segment === '' && index === all.length - 1));

function compile(key: string, scopes: readonly string[]): Rule {
  const match = KEY.exec(key);
  if (match === null || /[(){}?]/.test(key)) {
    throw new TypeError(
      `bearerAuth: the scope rule ${JSON.stringify(key)} is not 'METHOD /path' (':name' for a segment, a last '*' for the rest).`,
    );
  }
  const segments = segmentsOf(match[2] ?? '/');
  const rest = segments.at(-1)?.startsWith('*') ?? false;
  return {
    method: match[1] ?? '*',
    segments: rest ? segments.slice(0, -1) : segments,
    rest,
    scopes: checkScopes(scopes, key),
  };
}

function matches(rule: Rule, method: string, path: readonly string[]): boolean {
  if (
    rule.method !== '*' &&
    rule.method !== method &&
    !(method === 'HEAD' && rule.method === 'GET')
  )
    return false;
  if (rule.rest ? path.length < rule.segments.length : path.length !== rule.segments.length)
    return false;
  return rule.segments.every(
    (segment, index) => segment === path[index] || (segment.startsWith(':') && path[index] !== ''),
  );
}

export function scopeResolver(
  rules: ScopeRules | undefined,
): (request: Request) => readonly string[] {
  if (rules === undefined) return () => NONE;
  if (typeof rules === 'function') {
    return (request) => checkScopes(rules(request) ?? NONE, 'the scopes function result');
  }
  const compiled = Object.entries(rules).map(([key, scopes]) => compile(key, scopes));
  return (request) => {
    const path = segmentsOf(new URL(request.url).pathname);
    const needed = new Set<string>();
    for (const rule of compiled) {
      if (matches(rule, request.method, path)) for (const scope of rule.scopes) needed.add(scope);
    }
    return needed.size === 0 ? NONE : [...needed];
  };
}
