/** The console's server on the hawkBit stand-in, its state in a fresh PGlite, for the tests. */
import type { ScenarioName } from '../../../mocks/fleet/scenarios';
import { createStandin } from '../../../mocks/hawkbit/standin';
import { createApi } from '../../api';
import { sealer } from '../../contract/seal';
import { migrate } from '../sql-store/migrate';
import { sqlStore } from '../sql-store/sql-store';
import { testDatabases } from '../sql-store/test-databases';
import type { TraceLine } from './client';
import { openHawkbitBackend } from './hawkbit-backend';

export async function consoleOnStandin(options: {
  scenario: ScenarioName;
  /** The clock of the stand-in and of the console's server both. */
  now: () => number;
  trace?: (line: TraceLine) => void;
}) {
  const [pglite] = testDatabases();
  if (!pglite) throw new Error('PGlite is always among the test databases');
  const database = await pglite.open();
  await migrate(database.sql);
  const store = sqlStore(database.sql);
  const standin = createStandin({ scenario: options.scenario, now: options.now });
  const api = createApi({
    store,
    backend: openHawkbitBackend({
      store,
      url: 'http://hawkbit.test',
      fetch: (request) => standin.handle(request),
      ...(options.trace ? { trace: options.trace } : {}),
      now: options.now,
    }),
    sealer: await sealer('a test secret of thirty-two characters or more'),
    now: options.now,
  });
  return { api, standin, database };
}
