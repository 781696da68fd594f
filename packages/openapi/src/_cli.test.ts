import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli, USAGE } from './_cli.js';

const files: Record<string, string> = {
  'clean.json': JSON.stringify({ openapi: '3.1.0', paths: { '/blogs': {} } }),
  'warned.json': JSON.stringify({ openapi: '3.1.0', paths: { '/blog/{blogId}': {} } }),
  'bad.json': JSON.stringify({ openapi: '3.1.0', paths: { '/blogPosts': {}, '/blog/{id}': {} } }),
  'broken.json': '{"openapi": ',
  'array.json': '[]',
};
const read = async (file: string): Promise<string> => {
  const text = files[file];
  if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${file}'`);
  return text;
};
const run = (...args: string[]): ReturnType<typeof runCli> => runCli(args, read);

describe('fielding-openapi', () => {
  it.each<[string[], 0 | 1 | 2, RegExp]>([
    [['lint', 'clean.json'], 0, /^clean\.json: no problems\n$/],
    [['lint', 'warned.json'], 0, /warning +plural-collection +\/paths\/~1blog~1\{blogId\}/],
    [['lint', 'bad.json'], 1, /2 problems \(1 error, 1 warning\)/],
    [['lint', '--format', 'text', 'bad.json'], 1, /error +kebab-case/],
    [['lint', 'bad.json', '--format=json'], 1, /^\{\n {2}"file": "bad\.json"/],
    [['--help'], 0, /^Usage: fielding-openapi lint <file> \[--format text\|json\]/],
    [['lint', '-h'], 0, /^Usage:/],
  ])('%j exits %i', async (args, code, stdout) => {
    const result = await run(...args);
    expect(result.code).toBe(code);
    expect(result.stdout).toMatch(stdout);
    expect(result.stderr).toBe('');
  });

  it.each<[string[], RegExp]>([
    [[], /missing command/],
    [['check', 'a.json'], /unknown command "check"/],
    [['lint'], /exactly one file/],
    [['lint', 'a.json', 'b.json'], /exactly one file/],
    [['lint', 'bad.json', '--format', 'xml'], /--format takes "text" or "json", not "xml"/],
    [['lint', 'bad.json', '--format'], /--format takes "text" or "json", not ""/],
    [['lint', '--strict', 'bad.json'], /unknown option "--strict"/],
    [['lint', 'missing.json'], /cannot read missing\.json: ENOENT/],
    [['lint', 'broken.json'], /broken\.json is not valid JSON/],
    [['lint', 'array.json'], /array\.json is not an OpenAPI document: expected a JSON object/],
  ])('%j exits 2: %s', async (args, stderr) => {
    const result = await run(...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(stderr);
    expect(result.stderr).not.toMatch(/^ +at /m);
  });

  it('prints the findings as stable JSON with counts', async () => {
    const result = await run('lint', 'bad.json', '--format', 'json');
    expect(JSON.parse(result.stdout)).toEqual({
      file: 'bad.json',
      errors: 1,
      warnings: 1,
      findings: [
        {
          rule: 'kebab-case',
          severity: 'error',
          pointer: '/paths/~1blogPosts',
          message: 'Segment "blogPosts" should be kebab-case. Try "blog-posts".',
        },
        {
          rule: 'plural-collection',
          severity: 'warning',
          pointer: '/paths/~1blog~1{id}',
          message: 'Collection "blog" should be a plural noun. Try "blogs".',
        },
      ],
    });
  });

  it('lists the usage after a usage error', async () => {
    expect((await run('lint')).stderr).toContain(USAGE);
  });

  it('never throws on any arguments and any file content, and exits 0, 1 or 2', async () => {
    const arg = fc.oneof(
      fc.constantFrom('lint', '--format', 'json', 'text', '--format=json', '-h', 'doc.json', '-'),
      fc.string({ maxLength: 8 }),
    );
    const content = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(arg, { maxLength: 5 }), content, async (args, text) => {
        const result = await runCli(args, async () => text);
        expect([0, 1, 2]).toContain(result.code);
        expect(result.code === 2 ? result.stderr : result.stdout).not.toBe('');
      }),
      { numRuns: 300 },
    );
  });
});
