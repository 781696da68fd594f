// Where the public conformance suites live. They are third-party data (JSON Patch, URI Template,
// merge patch, problem details), kept outside the repository and never copied into it: one
// setting finds them, `FIELDING_CONFORMANCE_DIR`, whose default is `../shared/conformance`
// beside the repository root. A test that cannot find a suite fails with a message that says
// which setting, which suite and where the data comes from.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/** The setting, as an environment variable. */
export const CONFORMANCE_SETTING = 'FIELDING_CONFORMANCE_DIR';

/** The folder the suites are read from. */
export const CONFORMANCE_DIR: string = resolve(
  repositoryRoot,
  process.env[CONFORMANCE_SETTING] ?? '../shared/conformance',
);

/** Each suite folder and where its data comes from, for the error message. */
export const CONFORMANCE_SOURCES: Readonly<Record<string, string>> = {
  'json-patch-tests': 'github.com/json-patch/json-patch-tests (Apache-2.0)',
  'uritemplate-test': 'github.com/uri-templates/uritemplate-test (Apache-2.0)',
  'leadpony-jsonp-test-suite': 'github.com/leadpony/jsonp-test-suite (Apache-2.0)',
  'rfc7396-merge-patch': 'the examples of RFC 7396, transcribed',
  'problem-details':
    'the Appendix A schema of RFC 9457, transcribed, and cases written for Fielding',
};

/**
 * The absolute path of one file of a suite, e.g. `conformancePath('json-patch-tests',
 * 'tests.json')`. Throws, naming the setting, the suite and its source, when it is not there.
 */
export function conformancePath(suite: string, file: string): string {
  const path = resolve(CONFORMANCE_DIR, suite, file);
  if (!existsSync(path)) {
    const source = Object.hasOwn(CONFORMANCE_SOURCES, suite)
      ? CONFORMANCE_SOURCES[suite]
      : 'an unknown source';
    throw new Error(
      `Conformance data not found: ${path}.\n` +
        `The public suite "${suite}" (from ${source}) is read from ${CONFORMANCE_SETTING} ` +
        `(now ${CONFORMANCE_DIR}; default: ../shared/conformance beside the repository). ` +
        `Check out the conformance data there, or set ${CONFORMANCE_SETTING} to its folder.`,
    );
  }
  return path;
}

/** One JSON file of a suite, parsed. */
export function readConformance<T = unknown>(suite: string, file: string): T {
  return JSON.parse(readFileSync(conformancePath(suite, file), 'utf8')) as T;
}
