/**
 * The device list of the large fleet over HTTP, from the console's own server
 * (`npm run serve -- --backend fleet --scenario large`, state in a fresh PGlite folder), for
 * `npm run bench` to print beside the same figures with the fleet in the browser: first rows,
 * sorts right after the first rows and later, and the list request's time at the server.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from '@playwright/test';
import { firstRow, flipSort, median, SORT_COLUMNS } from './bench-support';

const PORT = 4186;
const origin = `http://127.0.0.1:${PORT}`;
const RUNS = 3;
const FIRST_ROWS_RUNS = 5;

async function startServer(dataDir: string): Promise<() => void> {
  const child = spawn(
    process.execPath,
    [
      ...['--import', 'tsx', 'scripts/serve.ts', '--backend', 'fleet', '--scenario', 'large'],
      ...['--port', String(PORT), '--data-dir', dataDir],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('API:')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the console's server exited with ${code}`)));
  });
  return () => child.kill();
}

/** A browser context signed in as `omar` (the cookie in its jar). */
async function signedIn(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  const answer = await context.request.post(`${origin}/api/session`, {
    data: { username: 'omar', password: 'omar' },
  });
  if (!answer.ok()) throw new Error(`Sign-in failed: ${answer.status()}`);
  return context;
}

async function firstRowsTime(context: BrowserContext): Promise<number> {
  const page = await context.newPage();
  await page.goto(`${origin}/devices`);
  await page.waitForSelector(firstRow);
  const ms = await page.evaluate(
    () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))),
  );
  await page.close();
  return ms;
}

export async function benchServer(browser: Browser): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-console-'));
  const stop = await startServer(dataDir);
  const results: Record<string, unknown> = {};
  try {
    const context = await signedIn(browser);
    // The first visit derives the large fleet in the server; it is timed apart.
    const cold = await firstRowsTime(context);
    const times: number[] = [];
    for (let run = 0; run < FIRST_ROWS_RUNS; run += 1) times.push(await firstRowsTime(context));
    results.server_firstRows_large_cold_ms = Math.round(cold);
    results.server_firstRows_large_ms = Math.round(median(times));
    console.log(
      `over HTTP from the console's server, first rows, large: first visit ${cold.toFixed(0)} ms; then ${times.map((t) => t.toFixed(0)).join(', ')} ms → median ${median(times).toFixed(0)} ms`,
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
    results.server_sortRightAfterFirstRows_ms = early;
    console.log(
      `over HTTP, sort on large right after the first rows: ${Object.entries(early)
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
    results.server_sort_ms = sorts;
    results.server_sort_api_ms = api;
    console.log(
      `over HTTP, sort on large (click → sorted rows): ${Object.entries(sorts)
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
