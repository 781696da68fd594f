// The `fielding-openapi` command as a function of its arguments and a file reader, so it runs
// (and is tested) without a process; cli.node.ts wires it to Node's argv, fs and exit code.
import { lintOpenApi, type OpenApiFinding } from './openapi-lint.js';

export interface CliResult {
  /** 0: no errors (warnings allowed); 1: errors found; 2: usage error or unreadable input. */
  code: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

export const USAGE = `Usage: fielding-openapi lint <file> [--format text|json]

Lints an OpenAPI 3.x document (JSON) against Fielding's REST design rules.

Options:
  --format text|json  text for people (default), json for machines
  -h, --help          show this help

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error or unreadable file.
`;

const usageError = (message: string): CliResult => ({
  code: 2,
  stdout: '',
  stderr: `fielding-openapi: ${message}\n\n${USAGE}`,
});
const failure = (message: string): CliResult => ({
  code: 2,
  stdout: '',
  stderr: `fielding-openapi: ${message}\n`,
});
const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

function textReport(file: string, findings: readonly OpenApiFinding[]): string {
  if (findings.length === 0) return `${file}: no problems\n`;
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const lines = findings.map(
    (finding) =>
      `  ${finding.severity.padEnd(7)} ${finding.rule.padEnd(17)} ${finding.pointer}\n` +
      `          ${finding.message}`,
  );
  const summary = `${plural(findings.length, 'problem')} (${plural(errors, 'error')}, ${plural(findings.length - errors, 'warning')})`;
  return `${file}\n${lines.join('\n')}\n\n${summary}\n`;
}

/** Runs `fielding-openapi <args>`; never throws. */
export async function runCli(
  args: readonly string[],
  readText: (file: string) => Promise<string>,
): Promise<CliResult> {
  if (args.includes('--help') || args.includes('-h')) {
    return { code: 0, stdout: USAGE, stderr: '' };
  }
  const [command, ...rest] = args;
  if (command === undefined) return usageError('missing command.');
  if (command !== 'lint') return usageError(`unknown command "${command}".`);
  let format = 'text';
  const files: string[] = [];
  for (let index = 0; index < rest.length; index++) {
    const arg = rest[index]!;
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? rest[++index] : arg.slice('--format='.length);
      if (value !== 'text' && value !== 'json') {
        return usageError(`--format takes "text" or "json", not ${JSON.stringify(value ?? '')}.`);
      }
      format = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      return usageError(`unknown option "${arg}".`);
    } else {
      files.push(arg);
    }
  }
  if (files.length !== 1) return usageError('lint takes exactly one file.');
  const file = files[0]!;
  let text: string;
  try {
    text = await readText(file);
  } catch (error) {
    return failure(`cannot read ${file}: ${reason(error)}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return failure(`${file} is not valid JSON: ${reason(error)}`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return failure(`${file} is not an OpenAPI document: expected a JSON object.`);
  }
  let findings: OpenApiFinding[];
  try {
    findings = lintOpenApi(document);
  } catch (error) {
    return failure(`cannot lint ${file}: ${reason(error)}`);
  }
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const stdout =
    format === 'json'
      ? `${JSON.stringify({ file, errors, warnings: findings.length - errors, findings }, null, 2)}\n`
      : textReport(file, findings);
  return { code: errors > 0 ? 1 : 0, stdout, stderr: '' };
}
