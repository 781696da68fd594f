// Mints a development token for the blog API: an HS256 JWT signed with AUTH_SECRET, with the
// `write` scope, valid for two hours. `pnpm --filter @fielding/example-blog-api token`, or
// `AUTH_SECRET=… node scripts/token.mjs --scope "read write" --sub alice --ttl 2h`.
import { TextEncoder, parseArgs } from 'node:util';
import { SignJWT } from 'jose';

const { values } = parseArgs({
  options: {
    scope: { type: 'string', default: 'write' },
    sub: { type: 'string', default: 'dev' },
    ttl: { type: 'string', default: '2h' },
    issuer: { type: 'string' },
  },
});
const secret = process.env.AUTH_SECRET;
if (!secret) {
  console.error('Set AUTH_SECRET to the secret the server uses (32 bytes at least).');
  process.exit(1);
}
const issuer = values.issuer ?? process.env.AUTH_ISSUER;
let token = new SignJWT({ scope: values.scope })
  .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
  .setSubject(values.sub)
  .setIssuedAt()
  .setExpirationTime(values.ttl);
if (issuer) token = token.setIssuer(issuer);
console.log(await token.sign(new TextEncoder().encode(secret)));
