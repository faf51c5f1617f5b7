import './engine/storage-shim';
import { http, type HttpHandler } from 'msw';
import { setupWorker } from 'msw/browser';
import { answerWith, type FleetEngine } from './engine/engine';
import { faultHandler, faultsFromSearch } from './handlers/faults';

/** Answers fetch calls to the API in the page, for frames that may not use service workers. */
function interceptInPage(apiRoot: string, handlers: HttpHandler[]): void {
  const original = globalThis.fetch.bind(globalThis);
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (!request.url.startsWith(apiRoot)) return original(input, init);
    const response = await answerWith(handlers, request);
    if (response.type === 'error') throw new TypeError('Failed to fetch');
    return response;
  };
}

/** How long the service worker may take to take control before the page answers instead. */
const WORKER_START_MS = 5_000;

/** True in a frame whose parent is another origin (a portal): storage may be partitioned. */
function inForeignFrame(): boolean {
  try {
    if (window.parent === window) return false;
    return window.parent.location.origin !== window.location.origin;
  } catch {
    return true;
  }
}

async function startWorker(basePath: string, handlers: HttpHandler[]): Promise<boolean> {
  // In a portal's frame the service worker is denied or never takes control: answer in the page.
  if (inForeignFrame()) return false;
  try {
    if (!('serviceWorker' in navigator) || !navigator.serviceWorker) return false;
    const worker = setupWorker(...handlers);
    const started = worker
      .start({
        serviceWorker: {
          url: `${basePath}/mockServiceWorker.js`,
          options: { scope: `${basePath}/` },
        },
        onUnhandledRequest: 'bypass',
        quiet: true,
      })
      .then(() => true);
    const late = new Promise<false>((resolve) => setTimeout(() => resolve(false), WORKER_START_MS));
    const ok = await Promise.race([started, late]);
    if (!ok) worker.stop();
    return ok;
  } catch {
    // A SecurityError (storage-partitioned cross-site frame) or a failed registration.
    return false;
  }
}

/**
 * Routes the console's API calls to the fleet: through MSW's service worker where the page
 * may register one, else by answering `fetch` in the page. Faults and latency are injected
 * here, on the page's clock.
 */
export async function startTransport(options: {
  apiRoot: string;
  basePath: string;
  search: string;
  engine: FleetEngine;
  forcePage: boolean;
}): Promise<'worker' | 'page'> {
  const faults = faultsFromSearch(options.search);
  const handlers: HttpHandler[] = [
    faultHandler(options.apiRoot, () => faults),
    http.all(`${options.apiRoot.replace(/\/$/, '')}/*`, ({ request }) =>
      options.engine.answer(request),
    ),
  ];
  if (!options.forcePage && (await startWorker(options.basePath, handlers))) return 'worker';
  interceptInPage(options.apiRoot, handlers);
  return 'page';
}
