import type { BearerClaims } from './jwt-verifier.js';

// Keyed by the Request object the middleware passes on: nothing a client sends can reach it,
// and a Request that is garbage collected takes its claims with it.
export const verifiedClaims: WeakMap<Request, BearerClaims> = new WeakMap();
