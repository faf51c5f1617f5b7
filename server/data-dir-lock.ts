/**
 * One console server per PGlite data folder: PGlite is PostgreSQL inside one process, and two
 * processes writing one folder would corrupt it. The first server takes a lock file with its
 * process id; another is refused with words (use `--database` for several servers); a lock
 * left by a server that no longer runs is taken over.
 */
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = '.console-server.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** Takes the folder's lock; answers how to give it back. Throws when another server holds it. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
        throw new Error(
          `another console server (process ${holder}) uses the data folder ${dataDir}. Stop it, choose another --data-dir, or run several servers on one PostgreSQL with --database`,
          { cause: error },
        );
      }
      // Left by a server that stopped without giving it back.
      rmSync(path, { force: true });
    }
  }
  throw new Error(`the data folder ${dataDir} could not be locked`);
}
