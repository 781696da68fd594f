// Test helper: mints tokens with jose for the tables (not exported from the package).
import { SignJWT, type JWTPayload } from 'jose';

export const SECRET = 'a test secret that is at least 32 bytes long';
export const now = (): number => Math.floor(Date.now() / 1000);

export function hs256(
  claims: JWTPayload,
  options: { secret?: string; alg?: string; typ?: string } = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: options.alg ?? 'HS256', typ: options.typ ?? 'JWT' })
    .sign(new TextEncoder().encode(options.secret ?? SECRET));
}

const base64url = (text: string): string =>
  btoa(text).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');

/** An unsecured JWT (`alg: none`, RFC 7519 §6): header.payload. with an empty signature. */
export const unsecured = (claims: JWTPayload): string =>
  `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}.`;
