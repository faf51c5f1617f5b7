/**
 * `npm run serve`: the production build served the way a deployment should be (see
 * console-server.ts for what it guarantees). Every option is checked before it listens: a
 * wrong one stops it with a message that names the option and what it takes (exit code 2).
 *
 *   tsx scripts/serve.ts --port 4173 --base / --frame-ancestors "'self' https://portal.example"
 *   tsx scripts/serve.ts --api http://127.0.0.1:8787 --api-timeout 30000
 */
import { parseArgs } from 'node:util';
import { DEFAULT_API_TIMEOUT_MS, startConsoleServer } from './console-server';
import { checkConfigOverride, checkPositiveInteger, OptionError } from './server-options';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function options() {
  try {
    return parseArgs({
      options: {
        dir: { type: 'string', default: 'dist' },
        port: { type: 'string', default: process.env.PORT ?? '4173' },
        host: { type: 'string', default: '127.0.0.1' },
        base: { type: 'string', default: '/' },
        'frame-ancestors': { type: 'string', default: "'self'" },
        config: { type: 'string' },
        api: { type: 'string' },
        'api-timeout': { type: 'string', default: String(DEFAULT_API_TIMEOUT_MS) },
        'source-maps': { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    fail(
      `${error instanceof Error ? error.message : String(error)} Options: see README, "Deploying".`,
    );
  }
}

try {
  const values = options();
  const server = await startConsoleServer({
    dir: values.dir,
    port: values.port,
    host: values.host,
    base: values.base,
    frameAncestors: values['frame-ancestors'],
    configOverride: values.config ? checkConfigOverride('--config', values.config) : undefined,
    api: values.api,
    apiTimeoutMs: checkPositiveInteger('--api-timeout', values['api-timeout'], 'milliseconds'),
    sourceMaps: values['source-maps'],
  });
  console.log(`Fleet Update Console at ${server.origin}${server.base}`);
} catch (error) {
  if (error instanceof OptionError) fail(error.message);
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE')
    fail('--port: that port is in use. Choose another, or stop what uses it.');
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    fail('--host: this machine has no such address. Use 127.0.0.1, 0.0.0.0 or one of its own.');
  }
  fail(error instanceof Error ? error.message : String(error));
}
