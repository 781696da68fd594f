#!/usr/bin/env node
// `fielding-openapi lint <file> [--format json]`: the package's bin (dist/cli.js). Node only.
import { readFile } from 'node:fs/promises';
import { runCli } from './_cli.js';

void runCli(process.argv.slice(2), (file) => readFile(file, 'utf8')).then((result) => {
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
});
