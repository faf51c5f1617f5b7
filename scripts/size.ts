/**
 * `npm run size`: the gzipped JavaScript the first page loads with `mockApi: false` (the
 * entry chunk, its static imports, and the Devices route with its static imports), from the
 * build's manifest. Prints each chunk and the total against the budget; `--check` exits 1
 * above it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGET_KB = 220;

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const dist = 'dist';
const manifestPath = join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error('No build manifest: run `npm run build` first.');
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;

/** The chunk and everything it imports statically (loaded with it). */
function withStaticImports(key: string, into: Set<string>): void {
  if (into.has(key)) return;
  into.add(key);
  for (const imported of manifest[key]?.imports ?? []) withStaticImports(imported, into);
}

const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
const devicesRoute = Object.keys(manifest).find((key) => key.endsWith('DevicesPage.tsx'));
if (!entry || !devicesRoute) {
  console.error('The manifest has no entry or no Devices route chunk.');
  process.exit(1);
}
const firstLoad = new Set<string>();
withStaticImports(entry, firstLoad);
withStaticImports(devicesRoute, firstLoad);

let total = 0;
const rows = [...firstLoad]
  .map((key) => {
    const file = (manifest[key] as ManifestChunk).file;
    const bytes = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
    total += bytes;
    return { file, kb: bytes / 1024 };
  })
  .sort((a, b) => b.kb - a.kb);
for (const row of rows) console.log(`${row.kb.toFixed(1).padStart(7)} KB  ${row.file}`);
const totalKb = total / 1024;
const within = totalKb <= BUDGET_KB;
console.log(
  `First load (mockApi: false, /devices): ${totalKb.toFixed(1)} KB gzipped JavaScript; budget ${BUDGET_KB} KB: ${within ? 'within' : 'OVER'}.`,
);
if (process.argv.includes('--check') && !within) process.exit(1);
