// Cross-site request forgery protection for APIs used with cookie sessions (a browser sends
// the cookie whatever page starts the request). Two independent checks, as OWASP recommends:
// where the request comes from (Sec-Fetch-Site, then Origin), and a signed double-submit
// token that only a page of this site can have read. Requests without a cookie are left
// alone: a bearer token is not sent by the browser on its own, so it cannot be forged.
import { type Middleware } from '@fielding/core';
import { problem } from '@fielding/problem-errors';

/** The options of {@link csrfGuard} and {@link createCsrfToken}. */
export interface CsrfOptions {
  /** The secret that signs tokens (at least 32 characters; share it between instances). */
  readonly secret: string;
  /** Other origins whose pages may send unsafe requests (the API's own origin always may). */
  readonly origins?: readonly string[];
  /** The cookie that carries the token. Default: `'__Host-csrf'`. */
  readonly cookie?: string;
  /** The request header a script sends the token in. Default: `'X-CSRF-Token'`. */
  readonly header?: string;
  /** The form field an HTML form sends the token in. Default: `'csrf'`. */
  readonly field?: string;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);
const MAX_TOKEN = 256;
const MAX_FORM_BYTES = 64 * 1024;
const encoder = new TextEncoder();

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '');

const keys = new Map<string, Promise<CryptoKey>>();
function signingKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (key === undefined) {
    key = crypto.subtle.importKey(
      'raw',
      encoder.encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    keys.set(secret, key);
  }
  return key;
}

async function sign(secret: string, nonce: string): Promise<string> {
  const signature = await crypto.subtle.sign(
    'HMAC',
    await signingKey(secret),
    encoder.encode(nonce),
  );
  return base64url(new Uint8Array(signature));
}

function assertSecret(secret: string): void {
  if (secret.length < 32) throw new TypeError('csrf: the secret needs at least 32 characters.');
}

/**
 * A new CSRF token: a random nonce and its HMAC-SHA-256 under `secret`. Send it to the page
 * in the cookie ({@link csrfCookie}) and in the form or script that will send it back.
 *
 * @example
 * ```ts
 * import { createCsrfToken, csrfCookie } from '@fielding/security';
 *
 * const secret = 'a secret of at least thirty-two characters';
 * const token = await createCsrfToken({ secret });
 * const setCookie = csrfCookie(token); // '__Host-csrf=…; Path=/; Secure; SameSite=Strict'
 * ```
 */
export async function createCsrfToken(options: Pick<CsrfOptions, 'secret'>): Promise<string> {
  assertSecret(options.secret);
  const nonce = base64url(crypto.getRandomValues(new Uint8Array(24)));
  return `${nonce}.${await sign(options.secret, nonce)}`;
}

/**
 * The `Set-Cookie` value that hands a token to the browser: `__Host-` prefixed (no subdomain
 * can set or overwrite it), `Secure`, `Path=/`, `SameSite=Strict`; readable by the page's
 * scripts so they can copy it into the header.
 *
 * @example
 * ```ts
 * import { csrfCookie } from '@fielding/security';
 *
 * csrfCookie('abc.def'); // '__Host-csrf=abc.def; Path=/; Secure; SameSite=Strict'
 * ```
 */
export function csrfCookie(token: string, name = '__Host-csrf'): string {
  return `${name}=${token}; Path=/; Secure; SameSite=Strict`;
}

async function verify(secret: string, token: string): Promise<boolean> {
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > MAX_TOKEN) return false;
  const nonce = token.slice(0, dot);
  const expected = await sign(secret, nonce);
  // Both sides are base64url of the same length when valid; compare without an early exit.
  const given = token.slice(dot + 1);
  if (given.length !== expected.length) return false;
  let difference = 0;
  for (let index = 0; index < given.length; index++) {
    difference |= given.charCodeAt(index) ^ expected.charCodeAt(index);
  }
  return difference === 0;
}

function cookieValue(cookieHeader: string | null, name: string): string | undefined {
  if (cookieHeader === null) return undefined;
  for (const pair of cookieHeader.split(';')) {
    const equals = pair.indexOf('=');
    if (equals !== -1 && pair.slice(0, equals).trim() === name)
      return pair.slice(equals + 1).trim();
  }
  return undefined;
}

async function formToken(request: Request, field: string): Promise<string | undefined> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return undefined;
  const length = Number(request.headers.get('content-length') ?? Number.NaN);
  if (!(length <= MAX_FORM_BYTES)) return undefined;
  // A copy: the handler reads the form itself.
  const text = await request.clone().text();
  if (text.length > MAX_FORM_BYTES) return undefined;
  return new URLSearchParams(text).get(field) ?? undefined;
}

function sourceAllowed(request: Request, origins: ReadonlySet<string>): boolean | undefined {
  const site = request.headers.get('sec-fetch-site');
  const origin = request.headers.get('origin');
  // `none`: the user started it (typed the URL, a bookmark); `same-origin`: a page of the API.
  if (site === 'same-origin' || site === 'none') return true;
  const own = new URL(request.url).origin;
  if (origin !== null) return origin === own || origins.has(origin);
  if (site === 'cross-site' || site === 'same-site') return false;
  return undefined; // an old browser that sends neither: the token decides alone
}

const refuse = (detail: string): Response => problem({ status: 403, detail });

/**
 * A CSRF guard for unsafe requests that carry cookies. It refuses (`403` problem) a request
 * whose `Sec-Fetch-Site` or `Origin` shows it came from another site (unless that origin is
 * listed), and one that does not send back — in the `X-CSRF-Token` header or the form field
 * `csrf` — the signed token of its `__Host-csrf` cookie. Safe methods and requests without a
 * `Cookie` header pass untouched.
 *
 * @param options - the signing secret, extra origins, and the cookie/header/field names
 * @returns the middleware
 * @throws TypeError when the secret is shorter than 32 characters
 *
 * @example
 * ```ts
 * import { compose } from '@fielding/core';
 * import { csrfGuard } from '@fielding/security';
 *
 * const guard = csrfGuard({ secret: process.env.CSRF_SECRET ?? 'a development secret, 32+ chars' });
 * const fetch = compose(guard)(() => new Response(null, { status: 204 }));
 * const forged = await fetch(
 *   new Request('https://api.test/blogs/7', {
 *     method: 'DELETE',
 *     headers: { Cookie: 'session=1', Origin: 'https://evil.test' },
 *   }),
 * );
 * forged.status; // 403
 * ```
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html
 */
export function csrfGuard(options: CsrfOptions): Middleware {
  assertSecret(options.secret);
  const origins = new Set(options.origins ?? []);
  const cookie = options.cookie ?? '__Host-csrf';
  const header = options.header ?? 'X-CSRF-Token';
  const field = options.field ?? 'csrf';
  return async (request, next) => {
    if (SAFE.has(request.method) || !request.headers.has('cookie')) return next(request);
    if (sourceAllowed(request, origins) === false) {
      return refuse('This request comes from a page of another site.');
    }
    const expected = cookieValue(request.headers.get('cookie'), cookie);
    const given = request.headers.get(header) ?? (await formToken(request, field));
    if (expected === undefined || given === undefined || given !== expected) {
      return refuse('The request does not carry the CSRF token of this session.');
    }
    if (!(await verify(options.secret, given))) {
      return refuse('The CSRF token of this session is not valid.');
    }
    return next(request);
  };
}
