/**
 * Starts the console's API: the store (PGlite in a data folder, or PostgreSQL), its
 * migrations, the chosen backend behind the port, and the contract layer in front of it.
 * `npm run serve -- --backend fleet` calls this (scripts/serve.ts).
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioName } from '../mocks/fleet/scenarios';
import { openFleetBackend } from './adapters/fleet-backend/fleet-backend';
import { openHawkbitBackend } from './adapters/hawkbit/hawkbit-backend';
import { openOidc, type OidcSettings } from './adapters/oidc/oidc';
import { openVendorBackend } from './adapters/vendor-api/vendor-backend';
import { sealer } from './contract/seal';
import type { Backend } from './ports/backend';
import type { Store } from './ports/store';
import { openSqlStore } from './adapters/sql-store/sql-store';
import { createApi } from './api';
import { lockDataDir } from './data-dir-lock';

export { isScenarioName } from '../mocks/fleet/scenario-names';

export interface HawkbitOptions {
  /** hawkBit's address, e.g. `http://hawkbit.internal:8080`. */
  url: string;
  tenant?: string;
  /** A file that gets one JSON line per request sent to hawkBit (no credentials). */
  traceFile?: string;
}

export interface ConsoleApiOptions {
  /** `api`: a vendor backend that serves the whole contract (`--api` with `--oidc-issuer`). */
  backend: 'fleet' | 'hawkbit' | 'api';
  /** With `api`: the vendor's origin and how long it may take. */
  vendor?: { url: string; timeoutMs: number };
  scenario: ScenarioName;
  hawkbit?: HawkbitOptions;
  /**
   * The secret every console server on one database shares, to seal what a session keeps for
   * its backend (at least 32 characters). Without one, with PGlite, a random secret is made
   * once and kept in the data folder (`session-secret`, readable by its owner only).
   */
  sessionSecret?: string;
  /** PGlite's data folder (embedded database); ignored with `database`. */
  dataDir?: string;
  /** `postgres://…`: a PostgreSQL server, which several console servers may share. */
  database?: string;
  secureCookies?: boolean;
  /** Sign-in with the organisation's OpenID provider (`--oidc-issuer` and the rest). */
  oidc?: OidcSettings;
  /** Webhook delivery: how often new events and due retries are sent, and the retry delays. */
  webhooks?: { intervalMs: number; retrySeconds?: readonly number[] };
  now?: () => number;
}

export interface ConsoleApi {
  handle(request: Request): Promise<Response>;
  /**
   * With an OpenID provider: answers `<address>auth/login` and `auth/callback`, `address` being
   * the console's address as the browser opened it, with its mount path.
   */
  handleAuth?: (request: Request, address: string) => Promise<Response>;
  /** "the built-in fleet (demo), state in PGlite at .data" */
  describe: string;
  close(): Promise<void>;
}

export async function openConsoleApi(options: ConsoleApiOptions): Promise<ConsoleApi> {
  const unlock = !options.database && options.dataDir ? lockDataDir(options.dataDir) : () => {};
  let opened: Awaited<ReturnType<typeof openSqlStore>>;
  try {
    opened = await openSqlStore({
      ...(options.database ? { database: options.database } : {}),
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    });
  } catch (error) {
    unlock();
    throw error;
  }
  const { store, describe } = opened;
  try {
    const backend = await openBackend(options, store);
    const secret =
      options.backend === 'hawkbit' || options.oidc ? sessionSecret(options) : undefined;
    const sealing = secret ? await sealer(secret) : undefined;
    const identity =
      options.oidc && sealing
        ? await openOidc({
            settings: options.oidc,
            store,
            sealer: sealing,
            ...(options.secureCookies ? { secureCookies: true } : {}),
            ...(options.now ? { now: options.now } : {}),
          })
        : undefined;
    const api = createApi({
      store,
      backend,
      ...(sealing ? { sealer: sealing } : {}),
      ...(identity ? { identity } : {}),
      ...(options.secureCookies ? { secureCookies: true } : {}),
      ...(options.now ? { now: options.now } : {}),
      webhooks: options.webhooks ?? { intervalMs: 5000 },
    });
    return {
      handle: (request) => api.handle(request),
      ...(identity ? { handleAuth: (request, address) => identity.handle(request, address) } : {}),
      describe: `${backend.description}, its state in ${describe}${identity ? `, sign-in with the ${identity.describe}` : ''}`,
      close: async () => {
        await api.close();
        await backend.close();
        await store.close();
        unlock();
      },
    };
  } catch (error) {
    await store.close().catch(() => undefined);
    unlock();
    throw error;
  }
}

async function openBackend(options: ConsoleApiOptions, store: Store): Promise<Backend> {
  if (options.backend === 'api') {
    if (!options.vendor) throw new Error("--api needs the vendor backend's URL.");
    return openVendorBackend(options.vendor);
  }
  if (options.backend === 'fleet') {
    return openFleetBackend({
      store,
      scenario: options.scenario,
      ...(options.now ? { now: options.now } : {}),
    });
  }
  const hawkbit = options.hawkbit;
  if (!hawkbit) throw new Error('--backend hawkbit needs --hawkbit-url.');
  const traceFile = hawkbit.traceFile;
  // Appended off the request's path; a trace that cannot be written says so once, in the log.
  const trace = traceFile ? createWriteStream(traceFile, { flags: 'a' }) : undefined;
  trace?.once('error', (error) => {
    console.error(`--trace-upstream ${traceFile}: ${error.message}`);
  });
  const backend = openHawkbitBackend({
    store,
    url: hawkbit.url,
    ...(hawkbit.tenant ? { tenant: hawkbit.tenant } : {}),
    ...(trace
      ? {
          trace: (line) => {
            if (trace.writable) trace.write(`${JSON.stringify(line)}\n`);
          },
        }
      : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  if (!trace) return backend;
  return {
    ...backend,
    close: async () => {
      await backend.close();
      await new Promise<void>((resolve) => trace.end(resolve));
    },
  };
}

/** The session secret given, or the one kept in the PGlite data folder (made at first start). */
function sessionSecret(options: ConsoleApiOptions): string {
  if (options.sessionSecret) return options.sessionSecret;
  if (options.database || !options.dataDir) {
    throw new Error(
      '--session-secret (or CONSOLE_SESSION_SECRET) is needed with --database: every console server on the database must seal sessions with the same secret (at least 32 characters, e.g. `openssl rand -base64 32`).',
    );
  }
  const file = join(options.dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(options.dataDir, { recursive: true });
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const secret = Buffer.from(bytes).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
