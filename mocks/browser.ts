import type { FleetEngine } from './engine/engine';
import { workerEngine } from './engine/worker-engine';
import { browserStore, type FleetStore } from './fleet/persistence';
import { isScenarioName, type ScenarioName } from './fleet/scenario-names';
import type { AuthMode, SessionOptions } from './fleet/sessions';
import { fleetGrant } from './fleet/customers';
import type { AfterReboot } from './fleet/site-seeds';

export interface BrowserFleetOptions {
  /** Absolute URL of the API root the console calls. */
  apiRoot: string;
  /** The console's base path (`''` at the server root, `/console` under a sub-path). */
  basePath: string;
  /** The page's query string at start-up (`?scenario=large&faults=0.3&latency=500`). */
  search: string;
  /** How the console authenticates (config.json `auth.mode`); the fleet expects the same. */
  auth: AuthMode;
}

export interface BrowserFleet {
  /** `worker`: a service worker intercepts; `page`: fetch is answered in the page itself. */
  transport: 'worker' | 'page';
  /** Where the fleet runs: a dedicated worker, or the page's own thread. */
  engine: FleetEngine['kind'];
}

const SCENARIO_KEY = 'fleet-update-console:scenario';
const ROLE_KEY = 'fleet-update-console:role';

function sessionGet(key: string): string | null {
  try {
    return globalThis.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function sessionSet(key: string, value: string): void {
  try {
    globalThis.sessionStorage.setItem(key, value);
  } catch {
    // Storage denied (cross-site iframe): the scenario lasts as long as the page.
  }
}

/**
 * A URL parameter's value (`?scenario=`, `?role=`) wins; otherwise the one this tab used
 * last, so navigation and reloads keep it; otherwise the default.
 */
function chooseRemembered<T extends string>(
  asked: string | null,
  key: string,
  valid: (value: string | null) => value is T,
  byDefault: T,
): T {
  if (valid(asked)) {
    sessionSet(key, asked);
    return asked;
  }
  const remembered = sessionGet(key);
  return valid(remembered) ? remembered : byDefault;
}

/** `?role=operator` or `?role=operator:nordic` (a role limited to one customer). */
const isGrant = (value: string | null): value is string => fleetGrant(value) !== null;

interface EngineSettings {
  scenario: ScenarioName;
  session: SessionOptions;
  afterReboot?: Record<number, AfterReboot>;
  store: FleetStore;
  apiRoot: string;
}

function startEngine(settings: EngineSettings): FleetEngine {
  const page = () => import('./engine/page-engine').then((m) => m.pageEngine(settings));
  const inWorker = workerEngine({ ...settings, fallback: page });
  if (inWorker) return inWorker;
  // No dedicated workers here: the fleet answers on the page's thread.
  const loading = page();
  return { kind: 'page', answer: async (request) => (await loading).answer(request) };
}

/**
 * `?afterReboot=1011:fell-back,1012:no-report`: those sites' first update goes wrong after
 * its reboot (a test's hook; the demo has no such site otherwise).
 */
function afterRebootOf(text: string | null): Record<number, AfterReboot> | undefined {
  if (!text) return undefined;
  const hooks: Record<number, AfterReboot> = {};
  for (const pair of text.split(',')) {
    const [number, outcome] = pair.split(':');
    if (outcome === 'fell-back' || outcome === 'no-report') hooks[Number(number)] = outcome;
  }
  return Object.keys(hooks).length > 0 ? hooks : undefined;
}

/** Starts the built-in fleet in the browser. Loaded lazily, only when `mockApi` is on. */
export async function startBrowserFleet(options: BrowserFleetOptions): Promise<BrowserFleet> {
  const params = new URLSearchParams(options.search);
  const scenario = chooseRemembered(params.get('scenario'), SCENARIO_KEY, isScenarioName, 'demo');
  const grant = fleetGrant(
    chooseRemembered(params.get('role'), ROLE_KEY, isGrant, 'administrator'),
  ) ?? { role: 'administrator' };
  const store = browserStore(`fleet-update-console:fleet:${scenario}`);
  if (params.has('reset')) store.clear();
  const engine = params.get('fleetEngine') === 'page' ? null : 'worker';
  const afterReboot = afterRebootOf(params.get('afterReboot'));
  const settings = {
    scenario,
    session: { ...grant, auth: options.auth },
    ...(afterReboot ? { afterReboot } : {}),
    store,
    apiRoot: options.apiRoot,
  };
  const fleet =
    engine === null
      ? await import('./engine/page-engine').then((m) => m.pageEngine(settings))
      : startEngine(settings);
  // MSW loads while the worker builds the fleet.
  const { startTransport } = await import('./transport');
  const transport = await startTransport({
    apiRoot: options.apiRoot,
    basePath: options.basePath,
    search: options.search,
    engine: fleet,
    forcePage: params.get('fleetTransport') === 'page',
    durable: () => store.durable,
  });
  return { transport, engine: fleet.kind };
}
