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
import { parseRoleGrant } from '../src/api/customers';
import type { OidcSettings } from '../server/adapters/oidc/oidc';
import { isScenarioName, openConsoleApi } from '../server/start';
import { DEFAULT_API_TIMEOUT_MS, startConsoleServer } from './console-server';
import {
  checkConfigOverride,
  checkConsoleAddress,
  checkOrigin,
  checkPositiveInteger,
  OptionError,
} from './server-options';

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
        'hawkbit-url': { type: 'string' },
        'hawkbit-tenant': { type: 'string' },
        'trace-upstream': { type: 'string' },
        'session-secret': { type: 'string', default: process.env.CONSOLE_SESSION_SECRET },
        'oidc-issuer': { type: 'string', default: process.env.CONSOLE_OIDC_ISSUER },
        'oidc-client-id': { type: 'string', default: process.env.CONSOLE_OIDC_CLIENT_ID },
        'oidc-client-secret': { type: 'string', default: process.env.CONSOLE_OIDC_CLIENT_SECRET },
        'oidc-scopes': { type: 'string', default: process.env.CONSOLE_OIDC_SCOPES },
        'oidc-role-claim': { type: 'string', default: process.env.CONSOLE_OIDC_ROLE_CLAIM },
        'oidc-roles': { type: 'string', default: process.env.CONSOLE_OIDC_ROLES },
        'public-url': { type: 'string', default: process.env.CONSOLE_PUBLIC_URL },
        'webhook-interval': {
          type: 'string',
          default: process.env.CONSOLE_WEBHOOK_INTERVAL ?? '5000',
        },
        'webhook-retry-seconds': {
          type: 'string',
          default: process.env.CONSOLE_WEBHOOK_RETRY_SECONDS,
        },
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
  // `--api` with a provider: the console's server keeps the session and calls the vendor
  // backend with the operator's access token.
  const vendor =
    values.backend === undefined && Boolean(values.api) && values['oidc-issuer'] !== undefined;
  if (values.backend === undefined && !vendor) {
    if (values['oidc-issuer'] !== undefined) {
      throw new OptionError(
        "--oidc-issuer needs the console's own API: add --backend fleet or --backend hawkbit, or --api URL for a vendor backend.",
      );
    }
    return undefined;
  }
  const backend = vendor ? 'api' : values.backend;
  if (backend !== 'fleet' && backend !== 'hawkbit' && backend !== 'api') {
    throw new OptionError(`--backend: unknown backend "${values.backend}". Use fleet or hawkbit.`);
  }
  if (values.api && !vendor) {
    throw new OptionError('--backend and --api exclude each other: choose one.');
  }
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
  const hawkbit = values.backend === 'hawkbit' ? hawkbitOptions(values) : undefined;
  const oidc = oidcOptions(values);
  const secret = values['session-secret'];
  if (secret !== undefined && secret.length < 32) {
    throw new OptionError(
      '--session-secret must be at least 32 characters (e.g. `openssl rand -base64 32`), the same on every console server.',
    );
  }
  if ((hawkbit || oidc) && values.database && !secret) {
    throw new OptionError(
      '--backend hawkbit or --oidc-issuer with --database needs --session-secret (or CONSOLE_SESSION_SECRET): every console server on the database must seal sessions with the same secret.',
    );
  }
  const webhooks = webhookOptions(values);
  try {
    return await openConsoleApi({
      backend,
      webhooks,
      ...(vendor && values.api
        ? {
            vendor: {
              url: checkOrigin('--api', values.api, ['http:', 'https:']),
              timeoutMs: checkPositiveInteger(
                '--api-timeout',
                values['api-timeout'],
                'milliseconds',
              ),
            },
          }
        : {}),
      ...(hawkbit ? { hawkbit } : {}),
      ...(secret ? { sessionSecret: secret } : {}),
      ...(oidc ? { oidc } : {}),
      scenario: values.scenario,
      dataDir: values['data-dir'],
      ...(values.database ? { database: values.database } : {}),
      // Served over HTTPS (its public address says so): the cookies are Secure by themselves.
      secureCookies: values['secure-cookies'] || (values['public-url'] ?? '').startsWith('https:'),
    });
  } catch (error) {
    if (error instanceof OptionError) throw error;
    const why = (error as { code?: string }).code ?? (error instanceof Error ? error.message : '');
    if (/^the provider's discovery document/.test(why))
      throw new OptionError(`--oidc-issuer: ${why}`);
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

/** `--webhook-interval` (milliseconds) and `--webhook-retry-seconds` (`30,120,600,3600,21600`). */
function webhookOptions(values: ReturnType<typeof options>) {
  const intervalMs = checkPositiveInteger(
    '--webhook-interval',
    values['webhook-interval'],
    'milliseconds',
  );
  const given = values['webhook-retry-seconds'];
  if (given === undefined) return { intervalMs };
  const retrySeconds = given.split(',').map((part) => Number(part.trim()));
  if (
    retrySeconds.length > 10 ||
    retrySeconds.some((value) => !(Number.isInteger(value) && value > 0))
  ) {
    throw new OptionError(
      `--webhook-retry-seconds takes up to ten whole seconds between attempts, e.g. 30,120,600,3600,21600; not "${given}".`,
    );
  }
  return { intervalMs, retrySeconds };
}

/** `--oidc-issuer` and the rest: sign-in with the organisation's OpenID provider. */
function oidcOptions(values: ReturnType<typeof options>): OidcSettings | undefined {
  const issuer = values['oidc-issuer'];
  if (issuer === undefined) {
    if (values['oidc-client-id'] || values['oidc-client-secret'] || values['oidc-roles']) {
      throw new OptionError(
        "--oidc-client-id, --oidc-client-secret and --oidc-roles need --oidc-issuer, the provider's issuer URL.",
      );
    }
    return undefined;
  }
  let url: URL | undefined;
  try {
    url = new URL(issuer);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.search || url.hash) {
    throw new OptionError(
      `--oidc-issuer takes the provider's issuer, an https URL such as https://login.example/realms/ops, not "${issuer}".`,
    );
  }
  const clientId = values['oidc-client-id'];
  const clientSecret = values['oidc-client-secret'];
  if (!clientId || !clientSecret) {
    throw new OptionError(
      "--oidc-issuer needs --oidc-client-id and --oidc-client-secret (or CONSOLE_OIDC_CLIENT_SECRET), the console's registration at the provider.",
    );
  }
  const scopes = values['oidc-scopes'];
  if (scopes !== undefined && !scopes.split(/\s+/).includes('openid')) {
    throw new OptionError('--oidc-scopes must include openid, e.g. "openid profile email groups".');
  }
  return {
    issuer: url.href.replace(/\/$/, ''),
    clientId,
    clientSecret,
    ...(scopes ? { scopes } : {}),
    ...(values['oidc-role-claim'] ? { roleClaim: values['oidc-role-claim'] } : {}),
    ...(values['oidc-roles'] ? { roles: roleMap(values['oidc-roles']) } : {}),
  };
}

/**
 * `administrator=fleet-admins,operator=fleet-operators,operator:nordic=nordic-noc`: claim
 * values per role grant (a role for every customer, or `role:customer` for one).
 */
function roleMap(given: string): Partial<Record<string, string[]>> {
  const roles: Partial<Record<string, string[]>> = {};
  for (const pair of given
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [role, value] = pair.split('=').map((part) => part.trim());
    if (!role || !value || !parseRoleGrant(role)) {
      throw new OptionError(
        `--oidc-roles takes role=value pairs, the roles viewer, operator and administrator (or role:customer for one customer), e.g. administrator=fleet-admins,operator=fleet-operators,operator:nordic=nordic-noc; not "${pair}".`,
      );
    }
    (roles[role] ??= []).push(value);
  }
  return roles;
}

/** `--hawkbit-url` (http or https, a path allowed, no user or password in it) and the rest. */
function hawkbitOptions(values: ReturnType<typeof options>) {
  const given = values['hawkbit-url'];
  if (!given) {
    throw new OptionError(
      "--backend hawkbit needs --hawkbit-url, hawkBit's address, e.g. http://127.0.0.1:8180 for the stand-in (npm run hawkbit-standin).",
    );
  }
  let url: URL | undefined;
  try {
    url = new URL(given);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.search || url.hash) {
    throw new OptionError(
      `--hawkbit-url takes an http or https address such as https://hawkbit.internal:8080, not "${given}".`,
    );
  }
  if (url.username || url.password) {
    throw new OptionError(
      '--hawkbit-url must not carry a user or password: operators sign in with their own hawkBit users.',
    );
  }
  const tenant = values['hawkbit-tenant'];
  if (tenant !== undefined && !/^[A-Za-z0-9_-]{1,40}$/.test(tenant)) {
    throw new OptionError('--hawkbit-tenant takes a tenant name: letters, digits, - and _.');
  }
  return {
    url: url.href.replace(/\/$/, ''),
    ...(tenant ? { tenant } : {}),
    ...(values['trace-upstream'] ? { traceFile: values['trace-upstream'] } : {}),
  };
}

try {
  const values = options();
  const api = await localApi(values);
  const config = values.config ? checkConfigOverride('--config', values.config) : undefined;
  const publicUrl = values['public-url']
    ? checkConsoleAddress('--public-url', values['public-url'])
    : undefined;
  if (publicUrl && new URL(publicUrl).pathname !== (values.base.replace(/\/?$/, '/') || '/')) {
    throw new OptionError(
      `--public-url's path (${new URL(publicUrl).pathname}) must be the mount path --base (${values.base}).`,
    );
  }
  // With a provider, the console's "Sign in" goes to its server's sign-in page.
  const auth = api?.handleAuth
    ? { auth: { mode: 'cookie', signInUrl: `${values.base.replace(/\/?$/, '/')}auth/login` } }
    : {};
  const server = await startConsoleServer({
    dir: values.dir,
    port: values.port,
    host: values.host,
    base: values.base,
    frameAncestors: values['frame-ancestors'],
    // With its own API, the console calls it rather than starting the fleet in the browser.
    configOverride: api ? { mockApi: false, apiBaseUrl: '/api', ...auth, ...config } : config,
    ...(publicUrl ? { publicUrl } : {}),
    // With its own API (a vendor behind the provider's sign-in too), no pass-through.
    api: api ? undefined : values.api,
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
