/**
 * A throwaway PostgreSQL cluster for the tests: made in a temporary folder, listening on
 * loopback at a free port, removed when stopped. Uses Debian's PostgreSQL (installing it with
 * apt-get when running as root on a machine without it, as the browser is), and runs its tools
 * as the `postgres` user when this process is root, since `initdb` refuses root. Where none can
 * be had, `startThrowawayPostgres` answers why, and the tests run on PGlite only.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** The folder of PostgreSQL's server programs (initdb, pg_ctl), newest version first. */
function serverBin(): string | undefined {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((version) => existsSync(join(debian, version, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(debian, versions[0], 'bin');
  }
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  return onPath.status === 0 ? join(onPath.stdout.trim(), '..') : undefined;
}

function install(): void {
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) return;
  console.log('No PostgreSQL found: installing Debian’s postgresql package with apt-get …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { stdio: 'inherit', env });
  } catch {
    // Said below: the tests go on with PGlite.
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface ThrowawayPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  stop(): void;
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres | { missing: string }> {
  let bin = serverBin();
  if (!bin) {
    install();
    bin = serverBin();
  }
  if (!bin) {
    return {
      missing:
        'PostgreSQL is not installed (Debian: apt-get install -y postgresql), so the store’s tests run on PGlite only.',
    };
  }
  const folder = mkdtempSync(join(tmpdir(), 'fleet-postgres-'));
  const data = join(folder, 'data');
  const asOwner = (program: string, args: string[]) => {
    const command = isRoot ? 'runuser' : join(bin, program);
    const commandArgs = isRoot ? ['-u', 'postgres', '--', join(bin, program), ...args] : args;
    execFileSync(command, commandArgs, { stdio: 'ignore' });
  };
  if (isRoot) {
    chownSync(folder, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), 0);
    chmodSync(folder, 0o700);
  }
  const port = await freePort();
  try {
    asOwner('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
    asOwner('pg_ctl', [
      '-D',
      data,
      '-w',
      '-l',
      join(folder, 'log'),
      '-o',
      `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    return {
      missing: `PostgreSQL did not start (${error instanceof Error ? error.message : String(error)}), so the store’s tests run on PGlite only.`,
    };
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        asOwner('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}
