import './storage-shim';
import { DeviceSortField } from '../../src/api/devices';
import { Fleet } from '../fleet/fleet';
import type { FleetStore } from '../fleet/persistence';
import { fleetHandlers } from '../handlers';
import { answerWith } from './engine';
import { deserializeRequest, serializeResponse, type FromWorker, type ToWorker } from './protocol';

/**
 * The built-in fleet in a dedicated worker: 100,000 devices are generated and indexed off the
 * page's thread while the console boots, and every list query runs here too. Time and storage
 * belong to the page (see protocol.ts).
 */
let pageNow = Date.now();
let fleet: Fleet | undefined;
let handlers: ReturnType<typeof fleetHandlers> = [];
let queue: Promise<void> = Promise.resolve();

function post(message: FromWorker): void {
  globalThis.postMessage(message);
}

function pageStore(stored: unknown): FleetStore {
  let value = stored;
  return {
    durable: true,
    load: () => value,
    save(next) {
      value = next;
      post({ type: 'save', value: next });
    },
    clear() {
      value = undefined;
      post({ type: 'save', value: undefined });
    },
  };
}

/**
 * Derives and indexes every device, then sorts by each column, ahead of the operator's
 * clicks: from the moment the fleet is built, one slice per task, so a request (the first
 * rows come from the seeds, see DeviceBook.list) waits for one slice at most.
 */
const WARM_SLICE = 4000;
function warm(target: Fleet): void {
  const fields = [...DeviceSortField.options];
  const next = () => {
    if (target !== fleet) return;
    if (target.warmDevices(WARM_SLICE)) {
      const field = fields.shift();
      if (!field) return;
      target.devices().prepare(field);
    }
    setTimeout(next, 0);
  };
  setTimeout(next, 0);
}

function init(message: Extract<ToWorker, { type: 'init' }>): void {
  pageNow = message.now;
  try {
    const built = new Fleet({
      scenario: message.scenario,
      session: message.session,
      ...(message.afterReboot ? { afterReboot: message.afterReboot } : {}),
      store: pageStore(message.stored),
      now: () => pageNow,
    });
    fleet = built;
    handlers = fleetHandlers({ apiRoot: message.apiRoot, fleet: () => built });
    warm(built);
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

async function respond(message: Extract<ToWorker, { type: 'request' }>) {
  // No fleet: it failed to build, and the page has been told to take over.
  if (fleet === undefined) return null;
  try {
    return await serializeResponse(await answerWith(handlers, deserializeRequest(message.request)));
  } catch (error) {
    const body = {
      code: 'internal',
      message: `The built-in fleet failed to answer (${error instanceof Error ? error.message : String(error)}). Try again.`,
    };
    return {
      status: 500,
      statusText: 'Internal Server Error',
      headers: [['content-type', 'application/json']] as [string, string][],
      body: JSON.stringify(body),
    };
  }
}

async function answer(message: Extract<ToWorker, { type: 'request' }>): Promise<void> {
  pageNow = message.now;
  post({ type: 'response', id: message.id, response: await respond(message) });
}

globalThis.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'init') init(message);
  // One request at a time, so each is answered at the page time it was sent with.
  else queue = queue.then(() => answer(message));
});
