/**
 * The built-in fleet behind the backend port: the same simulator and handlers as in the
 * browser, its operation log kept in the store instead of `localStorage`. Several servers on
 * one database each hold the fleet in memory and keep it current from the shared log: before
 * each request a server reads the operations it has not seen; a change runs as the only
 * writer of the log across servers (`exclusive`) and appends what it did. So a change made
 * through one server is seen through every other at its next request, and a restart replays
 * the log: nothing that matters lives only in a process.
 *
 * The log's first entry fixes the scenario and the instant it began, so every server derives
 * the same fleet from the same clock.
 */
import { z } from 'zod/mini';
import { Fleet } from '../../../mocks/fleet/fleet';
import { memoryStore } from '../../../mocks/fleet/persistence';
import { Operation, STORED_VERSION } from '../../../mocks/fleet/operations';
import type { ScenarioName } from '../../../mocks/fleet/scenarios';
import { FLEET_CUSTOMERS, fleetCustomer } from '../../../mocks/fleet/customers';
import { OPERATORS } from '../../../mocks/fleet/sessions';
import { fleetHandlers } from '../../../mocks/handlers';
import { Area, type Capabilities } from '../../../src/api/session';
import type { Role } from '../../../src/api/permissions';
import { sessionOperation, type Directory, type DirectoryEntry } from '../../contract/store-gate';
import type { Backend } from '../../ports/backend';
import type { Store } from '../../ports/store';

/**
 * The scenario's operators, by user name: their password is the same word (a simulation).
 * Three have a role for every customer; `nora` operates for Nordic Alarm AB only and `hanna`
 * administers Harbour Retail Group only.
 */
export const FLEET_USERS: Readonly<Record<string, FleetUser>> = {
  ines: { operator: OPERATORS.viewer, role: 'viewer' },
  omar: { operator: OPERATORS.operator, role: 'operator' },
  ada: { operator: OPERATORS.administrator, role: 'administrator' },
  nora: { operator: { id: 'op-nora', name: 'Nora Falk' }, role: 'operator', customer: 'nordic' },
  hanna: {
    operator: { id: 'op-hanna', name: 'Hanna Lund' },
    role: 'administrator',
    customer: 'harbour',
  },
};

interface FleetUser {
  operator: { id: string; name: string };
  role: Role;
  /** The one customer the role is limited to (customers.ts); absent: every customer. */
  customer?: string;
}

const Begin = z.object({
  kind: z.literal('begin'),
  version: z.literal(STORED_VERSION),
  scenario: z.string(),
  epoch: z.number(),
});

export interface FleetBackendOptions {
  store: Store;
  scenario: ScenarioName;
  now?: () => number;
}

function entry(username: string): DirectoryEntry | undefined {
  const user = FLEET_USERS[username];
  if (!user) return undefined;
  const customer = user.customer === undefined ? undefined : fleetCustomer(user.customer);
  return { operator: user.operator, role: user.role, ...(customer ? { customer } : {}) };
}

/** The simulated directory: `ines`, `omar`, `ada`, `nora`, `hanna`, each with their own name as password. */
export const fleetDirectory: Directory = {
  verify: (username, password) =>
    Promise.resolve(password === username ? entry(username) : undefined),
  find: (username) => Promise.resolve(entry(username)),
};

export async function openFleetBackend(options: FleetBackendOptions): Promise<Backend> {
  const { store, scenario } = options;
  const now = options.now ?? Date.now;
  const stream = `fleet:${scenario}`;

  /** Reads the whole log and builds the fleet from it: at start, and after a lost append. */
  async function load(): Promise<{ fleet: Fleet; seen: number }> {
    let logged = await store.operations.since<unknown>(stream, 0);
    if (logged.length === 0) {
      // The first server to start the scenario fixes when it began; the others read it.
      const begin = { kind: 'begin', version: STORED_VERSION, scenario, epoch: now() };
      await store.operations.append(stream, 1, begin);
      logged = await store.operations.since<unknown>(stream, 0);
    }
    const [first, ...rest] = logged;
    const begin = Begin.safeParse(first?.operation);
    if (!begin.success || begin.data.scenario !== scenario) {
      throw new Error(
        `The database holds a fleet log (${stream}) this version cannot read. Use another --data-dir or database, or clear it.`,
      );
    }
    const operations = rest.map(({ seq, operation }) => {
      const parsed = Operation.safeParse(operation);
      if (!parsed.success) throw new Error(`Operation ${seq} of ${stream} cannot be read.`);
      return parsed.data;
    });
    const fleet = new Fleet({
      scenario,
      now,
      store: memoryStore({ ...begin.data, operations }),
    });
    return { fleet, seen: logged.at(-1)?.seq ?? 1 };
  }

  let state = await load();
  let queue: Promise<unknown> = Promise.resolve();

  /** One request at a time in this process: the fleet in memory is one. */
  function serialize<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  }

  async function catchUp(): Promise<void> {
    const missed = await store.operations.since<unknown>(stream, state.seen);
    for (const { seq, operation } of missed) {
      const parsed = Operation.safeParse(operation);
      if (!parsed.success) throw new Error(`Operation ${seq} of ${stream} cannot be read.`);
      state.fleet.replay(parsed.data);
      state.seen = seq;
    }
  }

  /** Appends what a request logged; a lost race (never under `exclusive`) rebuilds the fleet. */
  async function keep(before: number): Promise<void> {
    for (const operation of state.fleet.log.slice(before)) {
      if (!(await store.operations.append(stream, state.seen + 1, operation))) {
        state = await load();
        throw new Error(`Another server wrote to ${stream} at the same time. Try again.`);
      }
      state.seen += 1;
    }
  }

  const capabilities: Capabilities = { areas: Area.options, signOut: true };
  /** Requests running their work (one at a time: `serialize`). */
  let active = 0;

  function around<T>(change: boolean, work: () => Promise<T>): Promise<T> {
    return serialize(() => {
      const step = async () => {
        await catchUp();
        const before = state.fleet.log.length;
        active += 1;
        try {
          return await work();
        } finally {
          active -= 1;
          await keep(before);
        }
      };
      return change ? store.operations.exclusive(stream, step) : step();
    });
  }

  return {
    description: `the built-in fleet (${scenario})`,
    capabilities,
    directory: fleetDirectory,
    customers: FLEET_CUSTOMERS,
    handlers: (apiRoot, gate) => fleetHandlers({ apiRoot, fleet: () => state.fleet, gate }),
    around,
    events: () => {
      // While a request holds the fleet it is current already: read it now rather than queue
      // the delivery tick behind that request.
      const watched = () => Promise.resolve(state.fleet.watchedNotifications());
      return active > 0 ? watched() : around(false, watched);
    },
    recordSession: async (event) => {
      // Within a request, its log is kept with the request's; outside one (a sign-in at the
      // identity provider's callback), as a change of its own, so no server misses it.
      if (active > 0) state.fleet.record(sessionOperation(event));
      else await around(true, () => Promise.resolve(state.fleet.record(sessionOperation(event))));
    },
    close: () => queue.then(() => undefined),
  };
}
