/**
 * `npm run serve`: the production build served the way a deployment should be (see
 * console-server.ts for what it guarantees).
 *
 *   tsx scripts/serve.ts --port 4173 --base / --frame-ancestors "'self' https://portal.example"
 *   tsx scripts/serve.ts --api http://127.0.0.1:8787 --api-timeout 30000
 */
import { parseArgs } from 'node:util';
import { DEFAULT_API_TIMEOUT_MS, startConsoleServer } from './console-server';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'dist' },
    port: { type: 'string', default: process.env.PORT ?? '4173' },
    host: { type: 'string', default: '127.0.0.1' },
    base: { type: 'string', default: '/' },
    'frame-ancestors': { type: 'string', default: "'self'" },
    config: { type: 'string', description: 'JSON merged over config.json, e.g. {"mockApi":false}' },
    api: { type: 'string', description: 'Backend origin that /api/… is passed to' },
    'api-timeout': { type: 'string', default: String(DEFAULT_API_TIMEOUT_MS) },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

let configOverride: object | undefined;
if (values.config) {
  try {
    configOverride = JSON.parse(values.config) as object;
  } catch {
    fail(`--config is not valid JSON: ${values.config}`);
  }
}
const apiTimeoutMs = Number(values['api-timeout']);
if (!Number.isInteger(apiTimeoutMs) || apiTimeoutMs <= 0) {
  fail('--api-timeout takes a whole number of milliseconds above 0.');
}
if (values.api && !/^https?:\/\//.test(values.api)) {
  fail('--api takes the backend origin, e.g. http://127.0.0.1:8787.');
}
if (values.api?.startsWith('https:')) {
  fail('--api passes calls over plain HTTP: give an http:// origin, or put a TLS proxy in front.');
}

try {
  const server = await startConsoleServer({
    dir: values.dir,
    port: Number(values.port),
    host: values.host,
    base: values.base,
    frameAncestors: values['frame-ancestors'],
    configOverride,
    api: values.api,
    apiTimeoutMs,
  });
  console.log(`Fleet Update Console at ${server.origin}${server.base}`);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
