/**
 * `npm run bench:export`: the memory of the built-in fleet's HTTP server (`npm run
 * mock-server`, scenario `large`, 100,000 devices) while 20 clients export every device as
 * CSV at once. Prints the server's resident memory before, its peak during the exports, and
 * each export's size and time. An export streams its rows, so the peak should stay near the
 * memory of the fleet itself whatever the number of devices or clients.
 *
 *   npm run bench:export -- --clients 20 --rounds 2
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkPositiveInteger } from './server-options';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '2' },
    port: { type: 'string', default: '4199' },
  },
});
const clients = checkPositiveInteger('--clients', values.clients, 'clients');
const rounds = checkPositiveInteger('--rounds', values.rounds, 'rounds');
const origin = `http://127.0.0.1:${values.port}`;

/** Resident memory of a process now and at its peak, in MB (Linux). */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

const server = spawn(
  process.execPath,
  ['--import', 'tsx', 'mocks/server.ts', '--scenario', 'large', '--port', values.port],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const pid = server.pid ?? 0;
await new Promise<void>((resolve, reject) => {
  server.stdout.on('data', (chunk: Buffer) => {
    if (chunk.toString().includes('answering at')) resolve();
  });
  server.on('exit', (code) => reject(new Error(`The fleet server stopped (${code}).`)));
});

async function exportAll(): Promise<{ bytes: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${origin}/api/devices/export?sort=ip`);
  if (!response.ok || !response.body) throw new Error(`Export answered ${response.status}.`);
  let bytes = 0;
  for await (const chunk of response.body) bytes += (chunk as Uint8Array).length;
  return { bytes, ms: performance.now() - started };
}

try {
  // The first export builds the fleet's device index: memory the fleet keeps anyway.
  const warm = await exportAll();
  const before = memory(pid);
  console.log(
    `Fleet server, large (100,000 devices): ${before.rss.toFixed(0)} MB resident after one export of ${(warm.bytes / 1e6).toFixed(1)} MB (${warm.ms.toFixed(0)} ms).`,
  );
  for (let round = 1; round <= rounds; round += 1) {
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: clients }, () => exportAll()));
    const after = memory(pid);
    const times = results.map((result) => result.ms).sort((a, b) => a - b);
    console.log(
      `Round ${round}: ${clients} parallel exports of ${(results[0]?.bytes ?? 0) / 1e6} MB each in ${((performance.now() - started) / 1000).toFixed(1)} s (each ${times[0]?.toFixed(0)}–${times.at(-1)?.toFixed(0)} ms); resident ${after.rss.toFixed(0)} MB, peak so far ${after.peak.toFixed(0)} MB (+${(after.peak - before.rss).toFixed(0)} MB over the fleet).`,
    );
  }
} finally {
  server.kill('SIGTERM');
}
