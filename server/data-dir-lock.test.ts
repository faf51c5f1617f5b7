// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, lockDataDir } from './data-dir-lock';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const made = mkdtempSync(join(tmpdir(), 'data-dir-lock-'));
  folders.push(made);
  return made;
}

/** A process id that is no longer running. */
function endedPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('one console server per PGlite data folder', () => {
  it('refuses a second server on the folder, with the way to run several', () => {
    const dir = folder();
    const unlock = lockDataDir(dir);
    // The same process again stands for a second server here: a live holder refuses it.
    writeFileSync(join(dir, LOCK_FILE), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(/another console server .* --database/);
    unlock();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('takes over a lock left by a server that no longer runs', () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), String(endedPid()));
    const unlock = lockDataDir(dir);
    unlock();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });
});
