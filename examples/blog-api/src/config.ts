// Everything the example reads from the environment, in one place.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
