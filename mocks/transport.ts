import './engine/storage-shim';
import { http, type HttpHandler } from 'msw';
import { setupWorker } from 'msw/browser';
import { SIMULATED_STORAGE_HEADER } from '../src/api/simulation';
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

/**
 * MSW asks an existing registration to `update()` and drops the promise: a failed update check
 * (the script unreachable for a moment, the page leaving) would surface as an uncaught
 * rejection. Every update promise gets a handler here; callers that await it still see it fail.
 */
export function handleServiceWorkerUpdates(
  prototype: Pick<ServiceWorkerRegistration, 'update'> | undefined = globalThis
    .ServiceWorkerRegistration?.prototype,
): void {
  if (!prototype || (prototype.update as { guarded?: boolean }).guarded) return;
  const update = prototype.update;
  const guarded = function (this: ServiceWorkerRegistration) {
    const checking = update.call(this);
    checking.catch(() => undefined);
    return checking;
  };
  prototype.update = Object.assign(guarded, { guarded: true });
}

async function startWorker(basePath: string, handlers: HttpHandler[]): Promise<boolean> {
  // In a portal's frame the service worker is denied or never takes control: answer in the page.
  if (inForeignFrame()) return false;
  try {
    if (!('serviceWorker' in navigator) || !navigator.serviceWorker) return false;
    handleServiceWorkerUpdates();
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
      .then(() => true)
      // A start that fails after the time limit has nothing left to tell.
      .catch(() => false);
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
  /** Whether the fleet's changes are stored beyond this tab right now. */
  durable: () => boolean;
}): Promise<'worker' | 'page'> {
  const faults = faultsFromSearch(options.search);
  const handlers: HttpHandler[] = [
    faultHandler(options.apiRoot, () => faults),
    http.all(`${options.apiRoot.replace(/\/$/, '')}/*`, async ({ request }) => {
      const response = await options.engine.answer(request);
      if (response.type !== 'error' && !options.durable()) {
        response.headers.set(SIMULATED_STORAGE_HEADER, 'tab');
      }
      return response;
    }),
  ];
  if (!options.forcePage && (await startWorker(options.basePath, handlers))) return 'worker';
  interceptInPage(options.apiRoot, handlers);
  return 'page';
}
