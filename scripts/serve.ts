/**
 * `npm run serve`: the production build served the way a deployment should be (see
 * console-server.ts for what it guarantees). Every option is checked before it listens: a
 * wrong one stops it with a message that names the option and what it takes (exit code 2).
 *
 *   tsx scripts/serve.ts --port 4173 --base / --frame-ancestors "'self' https://portal.example"
 *   tsx scripts/serve.ts --api http://127.0.0.1:8787 --api-timeout 30000
 *   tsx scripts/serve.ts --backend fleet --scenario demo --data-dir .console-data
 *   tsx scripts/serve.ts --backend fleet --database postgres://fleet@db.internal/fleet
 *
 * `--backend fleet` serves `/api` from the console's own server: the contract layer (sign-in,
 * sessions, CSRF, permissions, idempotency keys) in front of the built-in fleet, its state in
 * PGlite in `--data-dir` or in the PostgreSQL of `--database` (see server/start.ts).
 */
import { parseArgs } from 'node:util';
import { isScenarioName, openConsoleApi } from '../server/start';
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
        backend: { type: 'string' },
        scenario: { type: 'string', default: 'demo' },
        'data-dir': { type: 'string', default: '.console-data' },
        database: { type: 'string' },
        'secure-cookies': { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    fail(
      `${error instanceof Error ? error.message : String(error)} Options: see README, "Deploying".`,
    );
  }
}

/** The console's own API, when `--backend` names one. */
async function localApi(values: ReturnType<typeof options>) {
  if (values.backend === undefined) return undefined;
  if (values.backend !== 'fleet') {
    throw new OptionError(`--backend: unknown backend "${values.backend}". Use fleet.`);
  }
  if (values.api) throw new OptionError('--backend and --api exclude each other: choose one.');
  if (!isScenarioName(values.scenario)) {
    throw new OptionError(
      `--scenario: unknown scenario "${values.scenario}". Use demo, large or empty.`,
    );
  }
  if (values.database !== undefined && !/^postgres(ql)?:\/\//.test(values.database)) {
    throw new OptionError(
      '--database takes a PostgreSQL URL, e.g. postgres://user:password@host:5432/fleet.',
    );
  }
  try {
    return await openConsoleApi({
      backend: 'fleet',
      scenario: values.scenario,
      dataDir: values['data-dir'],
      ...(values.database ? { database: values.database } : {}),
      secureCookies: values['secure-cookies'],
    });
  } catch (error) {
    const why = (error as { code?: string }).code ?? (error instanceof Error ? error.message : '');
    if (values.database) {
      // Named by host, port and database only: the URL's password never reaches a log.
      const url = new URL(values.database);
      throw new OptionError(
        `--database: PostgreSQL at ${url.hostname}:${url.port || '5432'}${url.pathname} could not be opened (${why}). Check that it runs, and the URL's user, password and database.`,
      );
    }
    throw new OptionError(
      /^another console server/.test(why)
        ? `--data-dir: ${why}.`
        : `--data-dir: the database in ${values['data-dir']} could not be opened (${why}). Check that the folder is writable and that no other server uses it.`,
    );
  }
}

try {
  const values = options();
  const api = await localApi(values);
  const config = values.config ? checkConfigOverride('--config', values.config) : undefined;
  const server = await startConsoleServer({
    dir: values.dir,
    port: values.port,
    host: values.host,
    base: values.base,
    frameAncestors: values['frame-ancestors'],
    // With its own API, the console calls it rather than starting the fleet in the browser.
    configOverride: api ? { mockApi: false, apiBaseUrl: '/api', ...config } : config,
    api: values.api,
    apiTimeoutMs: checkPositiveInteger('--api-timeout', values['api-timeout'], 'milliseconds'),
    sourceMaps: values['source-maps'],
    ...(api ? { localApi: api } : {}),
  });
  console.log(`Fleet Update Console at ${server.origin}${server.base}`);
  if (api) console.log(`API: ${api.describe}`);
  const stop = () => {
    void server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
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
