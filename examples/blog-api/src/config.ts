// Everything the example reads from the environment, in one place.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_RATE_LIMIT, DEFAULT_RATE_LIMIT_WINDOW } from './edge.js';
import { DEFAULT_TIMEOUTS, type ServerTimeouts } from './servers/types.js';

export const FRAMEWORKS = ['node', 'express', 'fastify', 'hono'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export interface Config {
  framework: Framework;
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** PostgreSQL: how long a request waits for a connection, in ms. */
  databaseConnectTimeoutMs: number;
  /** How long the server waits for clients (headers, whole request, idle keep-alive). */
  timeouts: ServerTimeouts;
  /** PostgreSQL: how long a statement may run, in ms (the server cancels it; see storage). */
  databaseQueryTimeoutMs: number;
  dataDir: string;
  /** Public origin for absolute links when running behind a proxy. */
  publicBaseUrl: string | undefined;
  version: string;
  commit: string | undefined;
  /** The edge (src/edge.ts); see the README's "Authentication, limits and CORS". */
  edge: EdgeConfig;
}

/** What src/start.ts builds the edge from. */
export interface EdgeConfig {
  /** AUTH_SECRET: HS256 secret (32+ bytes); writes then need a token with scope `write`. */
  authSecret: string | undefined;
  /** AUTH_JWKS_URL: a JSON Web Key Set instead of a secret. */
  authJwksUrl: string | undefined;
  /** AUTH_ISSUER, AUTH_AUDIENCE: checked when set. */
  authIssuer: string | undefined;
  authAudience: string | undefined;
  /** RATE_LIMIT requests per RATE_LIMIT_WINDOW seconds per client. */
  rateLimit: number;
  rateLimitWindow: number;
  /** TRUST_PROXY=x-forwarded|forwarded: the proxy header that names the client. */
  trustProxy: 'x-forwarded' | 'forwarded' | undefined;
  /** CORS_ORIGINS: comma-separated origins a browser client may call from. */
  corsOrigins: string[];
  /** REDIS_URL: rate-limit counters (and, with IDEMPOTENCY_STORE=redis, idempotency keys). */
  redisUrl: string | undefined;
  /** IDEMPOTENCY_STORE=database|redis. Default: database (PGlite or DATABASE_URL). */
  idempotencyStore: 'database' | 'redis';
}

const packageRoot = fileURLToPath(new URL('..', import.meta.url));

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const framework = (env.FRAMEWORK ?? 'node') as Framework;
  if (!FRAMEWORKS.includes(framework)) {
    throw new Error(`FRAMEWORK must be one of ${FRAMEWORKS.join(', ')}; got "${env.FRAMEWORK}"`);
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT is not a port: "${env.PORT}"`);
  const milliseconds = (name: string, fallback: number): number => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`${name} must be a positive number of milliseconds; got "${env[name]}"`);
    return value;
  };
  return {
    framework,
    port,
    host: env.HOST ?? '127.0.0.1',
    timeouts: serverTimeouts(milliseconds),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseConnectTimeoutMs: milliseconds('DATABASE_CONNECT_TIMEOUT_MS', 2_000),
    databaseQueryTimeoutMs: milliseconds('DATABASE_QUERY_TIMEOUT_MS', 5_000),
    dataDir: env.DATA_DIR ?? `${packageRoot}data/pglite`,
    publicBaseUrl: env.PUBLIC_BASE_URL || undefined,
    version: (JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8')) as { version: string })
      .version,
    commit: env.GIT_COMMIT || gitCommit(),
    edge: edgeConfig(env),
  };
}

function edgeConfig(env: NodeJS.ProcessEnv): EdgeConfig {
  const count = (name: string, fallback: number): number => {
    const value = Number(env[name] || fallback);
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`${name} must be a positive whole number; got "${env[name]}"`);
    return value;
  };
  const trustProxy = env.TRUST_PROXY || undefined;
  if (trustProxy !== undefined && trustProxy !== 'x-forwarded' && trustProxy !== 'forwarded')
    throw new Error(`TRUST_PROXY must be x-forwarded or forwarded; got "${trustProxy}"`);
  const idempotencyStore = env.IDEMPOTENCY_STORE || 'database';
  if (idempotencyStore !== 'database' && idempotencyStore !== 'redis')
    throw new Error(`IDEMPOTENCY_STORE must be database or redis; got "${idempotencyStore}"`);
  if (idempotencyStore === 'redis' && !env.REDIS_URL)
    throw new Error('IDEMPOTENCY_STORE=redis needs REDIS_URL');
  if (env.AUTH_SECRET && env.AUTH_JWKS_URL)
    throw new Error('Set AUTH_SECRET or AUTH_JWKS_URL, not both');
  return {
    authSecret: env.AUTH_SECRET || undefined,
    authJwksUrl: env.AUTH_JWKS_URL || undefined,
    authIssuer: env.AUTH_ISSUER || undefined,
    authAudience: env.AUTH_AUDIENCE || undefined,
    rateLimit: count('RATE_LIMIT', DEFAULT_RATE_LIMIT),
    rateLimitWindow: count('RATE_LIMIT_WINDOW', DEFAULT_RATE_LIMIT_WINDOW),
    trustProxy,
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    redisUrl: env.REDIS_URL || undefined,
    idempotencyStore,
  };
}

function serverTimeouts(milliseconds: (name: string, fallback: number) => number): ServerTimeouts {
  const timeouts = {
    headersMs: milliseconds('HEADERS_TIMEOUT_MS', DEFAULT_TIMEOUTS.headersMs),
    requestMs: milliseconds('REQUEST_TIMEOUT_MS', DEFAULT_TIMEOUTS.requestMs),
    keepAliveMs: milliseconds('KEEP_ALIVE_TIMEOUT_MS', DEFAULT_TIMEOUTS.keepAliveMs),
  };
  // Node refuses a header timeout longer than the request timeout (ERR_OUT_OF_RANGE).
  if (timeouts.headersMs > timeouts.requestMs)
    throw new Error('HEADERS_TIMEOUT_MS must not be longer than REQUEST_TIMEOUT_MS');
  return timeouts;
}

function gitCommit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: packageRoot,
      encoding: 'utf8',
      stdio: 'pipe',
    }).trim();
  } catch {
    return undefined;
  }
}
