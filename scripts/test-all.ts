/**
 * `npm test`: every check, in the order that fails fastest — type-check, lint (ESLint and
 * Prettier), unit and component tests (with a throwaway PostgreSQL cluster for the store's
 * tests where one can be had; PGlite always), production build, the first page's gzipped
 * JavaScript against its budget (`npm run size`), then the Playwright suite in Chromium (which
 * sets up its browser first). Stops at the first failure.
 */
import { spawnSync } from 'node:child_process';
import { TEST_DATABASE_ENV } from '../server/adapters/sql-store/test-databases';
import { startThrowawayPostgres, type ThrowawayPostgres } from './throwaway-postgres';

const steps: [string, string[]][] = [
  ['Type-check', ['run', 'typecheck']],
  ['Lint', ['run', 'lint']],
  ['Unit and component tests', ['run', 'test:unit']],
  ['Unit tests in another time zone', ['run', 'test:tz']],
  ['Production build', ['run', 'build']],
  ['First-load size budget', ['run', 'size', '--', '--check']],
  ['End-to-end tests', ['run', 'test:e2e']],
];

const started = Date.now();
const env = { ...process.env };
let postgres: ThrowawayPostgres | undefined;
const database = await startThrowawayPostgres();
if ('missing' in database) {
  console.log(`\nNote: ${database.missing}`);
} else {
  postgres = database;
  env[TEST_DATABASE_ENV] = database.url;
  // Stopped with the run, also when it is interrupted.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      database.stop();
      process.exit(130);
    });
  }
  console.log(`\nA throwaway PostgreSQL for the store's tests: ${database.url}`);
}

let failed: number | undefined;
for (const [title, args] of steps) {
  const stepStart = Date.now();
  console.log(`\n=== ${title} (npm ${args.join(' ')}) ===`);
  const result = spawnSync('npm', args, { stdio: 'inherit', env });
  const seconds = ((Date.now() - stepStart) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✗ ${title} failed after ${seconds} s.`);
    failed = result.status ?? 1;
    break;
  }
  console.log(`✓ ${title} (${seconds} s)`);
}
postgres?.stop();
if (failed !== undefined) process.exit(failed);
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
