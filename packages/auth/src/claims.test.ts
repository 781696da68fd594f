import { compose, type Middleware } from '@fielding/core';
import { describe, expect, it } from 'vitest';
import { SECRET, hs256, now } from './_test-tokens.js';
import { bearerAuth } from './bearer-auth.js';
import { claimsOf, forwardClaims, grantedScopes } from './claims.js';

const auth = bearerAuth({ secret: SECRET });
const replace: Middleware = (request, next) => next(new Request(request.url, request));
const carry: Middleware = (request, next) =>
  next(forwardClaims(request, new Request(request.url, request)));
const subject = (request: Request) => Response.json({ sub: claimsOf(request)?.sub ?? null });

describe('claimsOf and forwardClaims', () => {
  it.each([
    ['the same Request', [auth], 'ada'],
    ['a replaced Request', [auth, replace], null],
    ['a replaced Request with forwardClaims', [auth, carry], 'ada'],
  ])('reach the handler through %s', async (_name, middleware, expected) => {
    const token = await hs256({ sub: 'ada', exp: now() + 60 });
    const response = await compose(...middleware)(subject)(
      new Request('https://api.test/', { headers: { Authorization: `Bearer ${token}` } }),
    );
    expect(await response.json()).toEqual({ sub: expected });
  });

  it('cannot attach claims that were never verified', () => {
    const to = forwardClaims(new Request('https://api.test/a'), new Request('https://api.test/b'));
    expect(claimsOf(to)).toBeUndefined();
  });
});

describe('grantedScopes', () => {
  it.each([
    [{ scope: 'read write' }, ['read', 'write']],
    [{ scope: ' read  read write ' }, ['read', 'write']],
    [{ scp: ['read', 'write'] }, ['read', 'write']],
    [{ scp: 'read write' }, ['read', 'write']],
    [{ scp: ['read', 7, null] as unknown as string[] }, ['read']],
    [{ scope: 42 as unknown as string }, []],
    [{}, []],
    [undefined, []],
  ])('reads %j as %j', (claims, scopes) => {
    expect(grantedScopes(claims)).toEqual(scopes);
  });
});
