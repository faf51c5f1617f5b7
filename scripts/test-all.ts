/**
 * `npm test`: every check, in the order that fails fastest — type-check, lint (ESLint and
 * Prettier), unit and component tests, production build, the first page's gzipped JavaScript
 * against its budget (`npm run size`), then the Playwright suite in
 * Chromium (which sets up its browser first). Stops at the first failure.
 */
import { spawnSync } from 'node:child_process';

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
for (const [title, args] of steps) {
  const stepStart = Date.now();
  console.log(`\n=== ${title} (npm ${args.join(' ')}) ===`);
  const result = spawnSync('npm', args, { stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - stepStart) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✗ ${title} failed after ${seconds} s.`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${title} (${seconds} s)`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
