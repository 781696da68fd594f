// Starts test/support/child-server.ts in a child process (node --expose-gc, TypeScript through
// tsx, @fielding/* resolved to their sources as in vitest) and talks to it over IPC.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Framework } from '../../src/config.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const exampleRoot = fileURLToPath(new URL('../..', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../../../..', import.meta.url));

export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  /** Heap used in the child after a forced garbage collection, in bytes. */
  heapUsed(): Promise<number>;
  /** Everything the child wrote to stderr (its logs) so far. */
  stderr(): string;
  /** False once the child has exited (or crashed). */
  running(): boolean;
  stop(): Promise<void>;
}

/** Spawns a server child; `env` adds to (and overrides) the parent's environment. */
export function startServerProcess(
  framework: Framework,
  env: Readonly<Record<string, string>> = {},
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', `${here}child-server.ts`],
    {
      cwd: exampleRoot,
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: `${repositoryRoot}tsconfig.json`,
        FRAMEWORK: framework,
        NODE_ENV: '',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    },
  );
  let errors = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    errors += text;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const failed = (code: number | null) =>
      reject(new Error(`${framework} server exited (${code}) before it was ready:\n${errors}`));
    child.once('exit', failed);
    child.once('message', (message: { type: string; url: string }) => {
      child.off('exit', failed);
      const heapUsed = () =>
        new Promise<number>((answer) => {
          child.once('message', (reply: { heapUsed: number }) => answer(reply.heapUsed));
          child.send({ type: 'heap' });
        });
      resolve({
        url: message.url,
        port: Number(new URL(message.url).port),
        heapUsed,
        stderr: () => errors,
        running: () => child.exitCode === null && child.signalCode === null,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) {
            child.send({ type: 'stop' });
            const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
            await exited;
            clearTimeout(timer);
          }
        },
      });
    });
  });
}
