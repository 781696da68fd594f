import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialiseDirectory, temporaryPrefix } from '../src/storage/data-directory.js';

describe('initialiseDirectory', () => {
  let folder: string;
  let target: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'fielding-data-directory-'));
    target = join(folder, 'pglite');
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const build = (seen: string[]) => async (temporary: string) => {
    seen.push(temporary);
    expect(existsSync(target)).toBe(false);
    writeFileSync(join(temporary, 'PG_VERSION'), '15');
  };

  it('builds in a temporary directory beside the target, then renames it into place', async () => {
    const seen: string[] = [];
    expect(await initialiseDirectory(target, build(seen))).toBe(true);
    expect(seen[0]?.startsWith(join(folder, temporaryPrefix(target)))).toBe(true);
    expect(readdirSync(folder)).toEqual(['pglite']);
    expect(readdirSync(target)).toEqual(['PG_VERSION']);
  });

  it('leaves a directory with files alone', async () => {
    mkdirSync(target);
    writeFileSync(join(target, 'PG_VERSION'), '15');
    const seen: string[] = [];
    expect(await initialiseDirectory(target, build(seen))).toBe(false);
    expect(seen).toEqual([]);
  });

  it('builds over an empty directory', async () => {
    mkdirSync(target);
    expect(await initialiseDirectory(target, build([]))).toBe(true);
    expect(readdirSync(target)).toEqual(['PG_VERSION']);
  });

  it('removes what a killed start left, and never exposes a half-built directory', async () => {
    const failing = async (temporary: string) => {
      writeFileSync(join(temporary, 'half'), '');
      throw new Error('killed');
    };
    await expect(initialiseDirectory(target, failing)).rejects.toThrow('killed');
    expect(existsSync(target)).toBe(false);
    mkdirSync(join(folder, `${temporaryPrefix(target)}12345`));
    await initialiseDirectory(target, build([]));
    expect(readdirSync(folder)).toEqual(['pglite']);
  });
});
