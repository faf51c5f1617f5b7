import { getResponse, type HttpHandler } from 'msw';
import { setupWorker } from 'msw/browser';
import { Fleet } from './fleet/fleet';
import { browserStore } from './fleet/persistence';
import { isScenarioName, type ScenarioName } from './fleet/scenarios';
import { createHandlers } from './handlers';
import { faultsFromSearch } from './handlers/faults';

export interface BrowserFleetOptions {
  /** Absolute URL of the API root the console calls. */
  apiRoot: string;
  /** The console's base path (`''` at the server root, `/console` under a sub-path). */
  basePath: string;
  /** The page's query string at start-up (`?scenario=large&faults=0.3&latency=500`). */
  search: string;
}

export interface BrowserFleet {
  fleet: () => Fleet;
  /** `worker`: a service worker intercepts; `page`: fetch is answered in the page itself. */
  transport: 'worker' | 'page';
}

const SCENARIO_KEY = 'fleet-update-console:scenario';

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

/** `?scenario=` wins; otherwise the one this tab used last, so a reload keeps it. */
function chooseScenario(params: URLSearchParams): ScenarioName {
  const asked = params.get('scenario');
  if (isScenarioName(asked)) {
    sessionSet(SCENARIO_KEY, asked);
    return asked;
  }
  const remembered = sessionGet(SCENARIO_KEY);
  return isScenarioName(remembered) ? remembered : 'demo';
}

/** Answers fetch calls to the API in the page, for frames that may not use service workers. */
function interceptInPage(apiRoot: string, handlers: HttpHandler[]): void {
  const original = globalThis.fetch.bind(globalThis);
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (!request.url.startsWith(apiRoot)) return original(input, init);
    const response = await getResponse(handlers, request);
    if (!response) return original(request);
    if (response.type === 'error') throw new TypeError('Failed to fetch');
    return response;
  };
}

async function startWorker(basePath: string, handlers: HttpHandler[]): Promise<boolean> {
  try {
    if (!('serviceWorker' in navigator) || !navigator.serviceWorker) return false;
    await setupWorker(...handlers).start({
      serviceWorker: {
        url: `${basePath}/mockServiceWorker.js`,
        options: { scope: `${basePath}/` },
      },
      onUnhandledRequest: 'bypass',
      quiet: true,
    });
    return true;
  } catch {
    // A SecurityError (storage-partitioned cross-site frame) or a failed registration.
    return false;
  }
}

/** Starts the built-in fleet in the browser. Loaded lazily, only when `mockApi` is on. */
export async function startBrowserFleet(options: BrowserFleetOptions): Promise<BrowserFleet> {
  const params = new URLSearchParams(options.search);
  const scenario = chooseScenario(params);
  const storeKey = `fleet-update-console:fleet:${scenario}`;
  const store = browserStore(storeKey);
  if (params.has('reset')) store.clear();
  // Built on the first request, so the console renders while a large fleet is generated.
  let fleet: Fleet | undefined;
  const getFleet = () => (fleet ??= new Fleet({ scenario, store }));
  const faults = faultsFromSearch(options.search);
  const handlers = createHandlers({
    apiRoot: options.apiRoot,
    fleet: getFleet,
    faults: () => faults,
  });
  const forcePage = params.get('fleetTransport') === 'page';
  if (!forcePage && (await startWorker(options.basePath, handlers))) {
    return { fleet: getFleet, transport: 'worker' };
  }
  interceptInPage(options.apiRoot, handlers);
  return { fleet: getFleet, transport: 'page' };
}
