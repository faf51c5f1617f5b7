/**
 * Starts the console's API: the store (PGlite in a data folder, or PostgreSQL), its
 * migrations, the chosen backend behind the port, and the contract layer in front of it.
 * `npm run serve -- --backend fleet` calls this (scripts/serve.ts).
 */
import type { ScenarioName } from '../mocks/fleet/scenarios';
import { openFleetBackend } from './adapters/fleet-backend/fleet-backend';
import { openSqlStore } from './adapters/sql-store/sql-store';
import { createApi } from './api';
import { lockDataDir } from './data-dir-lock';

export { isScenarioName } from '../mocks/fleet/scenario-names';

export interface ConsoleApiOptions {
  backend: 'fleet';
  scenario: ScenarioName;
  /** PGlite's data folder (embedded database); ignored with `database`. */
  dataDir?: string;
  /** `postgres://…`: a PostgreSQL server, which several console servers may share. */
  database?: string;
  secureCookies?: boolean;
  now?: () => number;
}

export interface ConsoleApi {
  handle(request: Request): Promise<Response>;
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
    const backend = await openFleetBackend({
      store,
      scenario: options.scenario,
      ...(options.now ? { now: options.now } : {}),
    });
    const api = createApi({
      store,
      backend,
      ...(options.secureCookies ? { secureCookies: true } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    return {
      handle: (request) => api.handle(request),
      describe: `${backend.description}, its state in ${describe}`,
      close: async () => {
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
