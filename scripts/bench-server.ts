/**
 * The device list of the large fleet over HTTP, from the console's own server, for
 * `npm run bench` to print beside the same figures with the fleet in the browser: first rows,
 * sorts right after the first rows and later, the list request's time at the server, and the
 * first rows of the statistics. Twice: with the built-in fleet behind the server
 * (`--backend fleet --scenario large`) and with hawkBit (`--backend hawkbit` in front of the
 * stand-in at `large`: 100,000 targets), each with its state in a fresh PGlite folder.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from '@playwright/test';
import { firstRow, flipSort, median, SORT_COLUMNS } from './bench-support';

const PORT = 4186;
const STANDIN_PORT = 8186;
const origin = `http://127.0.0.1:${PORT}`;

export type BenchBackend = 'fleet' | 'hawkbit';
const USERS: Record<BenchBackend, string> = { fleet: 'omar', hawkbit: 'operator' };

/** Starts a process and resolves once it has printed `ready`. */
async function started(args: string[], ready: string): Promise<() => void> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(ready)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
  });
  return () => child.kill();
}
const RUNS = 3;
const FIRST_ROWS_RUNS = 5;

async function startServer(dataDir: string, backend: BenchBackend): Promise<() => void> {
  const serve = ['scripts/serve.ts', '--port', String(PORT), '--data-dir', dataDir];
  if (backend === 'fleet') {
    return started([...serve, '--backend', 'fleet', '--scenario', 'large'], 'API:');
  }
  const standin = await started(
    ['mocks/hawkbit/server.ts', '--port', String(STANDIN_PORT), '--scenario', 'large'],
    'hawkBit stand-in',
  );
  const server = await started(
    [...serve, '--backend', 'hawkbit', '--hawkbit-url', `http://127.0.0.1:${STANDIN_PORT}`],
    'API:',
  ).catch((error: unknown) => {
    standin();
    throw error;
  });
  return () => {
    server();
    standin();
  };
}

/** A browser context signed in as an operator (the cookie in its jar). */
async function signedIn(browser: Browser, backend: BenchBackend): Promise<BrowserContext> {
  const context = await browser.newContext();
  const username = USERS[backend];
  const answer = await context.request.post(`${origin}/api/session`, {
    data: { username, password: username },
  });
  if (!answer.ok()) throw new Error(`Sign-in failed: ${answer.status()}`);
  return context;
}

const firstStatisticsRow = 'table[aria-label="Software versions by device type"] tbody tr';

async function firstRowsTime(
  context: BrowserContext,
  path = '/devices',
  row = firstRow,
): Promise<number> {
  const page = await context.newPage();
  await page.goto(`${origin}${path}`);
  await page.waitForSelector(row);
  const ms = await page.evaluate(
    () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))),
  );
  await page.close();
  return ms;
}

export async function benchServer(
  browser: Browser,
  backend: BenchBackend,
): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-console-'));
  const stop = await startServer(dataDir, backend);
  const results: Record<string, unknown> = {};
  const name = backend === 'fleet' ? 'server' : 'hawkbit';
  const over = backend === 'fleet' ? 'the built-in fleet' : 'hawkBit (the stand-in)';
  try {
    const context = await signedIn(browser, backend);
    // The first visit derives the large fleet in the server; it is timed apart.
    const cold = await firstRowsTime(context);
    const times: number[] = [];
    for (let run = 0; run < FIRST_ROWS_RUNS; run += 1) times.push(await firstRowsTime(context));
    results[`${name}_firstRows_large_cold_ms`] = Math.round(cold);
    results[`${name}_firstRows_large_ms`] = Math.round(median(times));
    console.log(
      `over HTTP from the console's server on ${over}, first rows, large: first visit ${cold.toFixed(0)} ms; then ${times.map((t) => t.toFixed(0)).join(', ')} ms → median ${median(times).toFixed(0)} ms`,
    );
    const statistics: number[] = [];
    for (let run = 0; run < FIRST_ROWS_RUNS; run += 1) {
      statistics.push(await firstRowsTime(context, '/firmware', firstStatisticsRow));
    }
    results[`${name}_statistics_large_ms`] = Math.round(median(statistics));
    console.log(
      `over HTTP on ${over}, first statistics rows, large: ${statistics.map((t) => t.toFixed(0)).join(', ')} ms → median ${median(statistics).toFixed(0)} ms`,
    );

    const early: Record<string, number> = {};
    for (const column of SORT_COLUMNS) {
      const runs: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        const page = await context.newPage();
        await page.goto(`${origin}/devices`);
        await page.waitForSelector(firstRow);
        runs.push((await flipSort(page, column)).total);
        await page.close();
      }
      early[column] = Math.round(median(runs));
    }
    results[`${name}_sortRightAfterFirstRows_ms`] = early;
    console.log(
      `over HTTP on ${over}, sort on large right after the first rows: ${Object.entries(early)
        .map(([column, ms]) => `${column} ${ms} ms`)
        .join(', ')}`,
    );

    const page = await context.newPage();
    await page.goto(`${origin}/devices`);
    await page.waitForSelector(firstRow);
    const sorts: Record<string, number> = {};
    const api: Record<string, number> = {};
    for (const column of [...SORT_COLUMNS, ...SORT_COLUMNS]) {
      const timing = await flipSort(page, column);
      sorts[column] = Math.round(timing.total);
      api[column] = Math.round(timing.api);
    }
    results[`${name}_sort_ms`] = sorts;
    results[`${name}_sort_api_ms`] = api;
    console.log(
      `over HTTP on ${over}, sort on large (click → sorted rows): ${Object.entries(sorts)
        .map(([column, ms]) => `${column} ${ms} ms (request ${api[column]} ms)`)
        .join(', ')}`,
    );
    await context.close();
  } finally {
    stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}
