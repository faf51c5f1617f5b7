import type { FleetStore } from '../fleet/persistence';
import type { ScenarioName } from '../fleet/scenario-names';
import type { AfterReboot } from '../fleet/site-seeds';
import type { SessionOptions } from '../fleet/sessions';
import type { FleetEngine } from './engine';
import { deserializeResponse, serializeRequest, type FromWorker, type ToWorker } from './protocol';

interface Pending {
  request: Request;
  resolve: (response: Promise<Response> | Response) => void;
}

/**
 * The fleet in a dedicated worker, started at once so a large fleet is generated while the
 * console loads. If the worker cannot start or fails, `fallback` (the fleet on the page's
 * thread, from the same store) answers instead, including the requests in flight.
 * Returns null where dedicated workers do not exist.
 */
export function workerEngine(options: {
  scenario: ScenarioName;
  session: SessionOptions;
  afterReboot?: Record<number, AfterReboot>;
  store: FleetStore;
  apiRoot: string;
  fallback: () => Promise<FleetEngine>;
}): FleetEngine | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./fleet-worker.ts', import.meta.url), {
      type: 'module',
      name: 'built-in fleet',
    });
  } catch {
    return null;
  }
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let replacement: Promise<FleetEngine> | undefined;
  // Read through a function: the worker can fail while a request is being serialized.
  const taken = (): Promise<FleetEngine> | undefined => replacement;

  const takeOver = () => {
    if (replacement) return;
    worker.terminate();
    replacement = options.fallback();
    for (const { request, resolve } of pending.values()) {
      resolve(replacement.then((engine) => engine.answer(request)));
    }
    pending.clear();
  };

  worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    if (message.type === 'save') {
      if (message.value === undefined) options.store.clear();
      else options.store.save(message.value);
    } else if (message.type === 'failed') {
      takeOver();
    } else {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      waiting?.resolve(deserializeResponse(message.response));
    }
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    takeOver();
  });
  worker.addEventListener('messageerror', takeOver);

  const send = (message: ToWorker) => worker.postMessage(message);
  send({
    type: 'init',
    scenario: options.scenario,
    session: options.session,
    ...(options.afterReboot ? { afterReboot: options.afterReboot } : {}),
    stored: options.store.load(),
    apiRoot: options.apiRoot,
    now: Date.now(),
  });

  return {
    kind: 'worker',
    async answer(request) {
      const before = taken();
      if (before) return (await before).answer(request);
      const kept = request.clone();
      const serialized = await serializeRequest(request);
      const after = taken();
      if (after) return (await after).answer(kept);
      return new Promise<Response>((resolve) => {
        const id = nextId;
        nextId += 1;
        pending.set(id, { request: kept, resolve });
        send({ type: 'request', id, now: Date.now(), request: serialized });
      });
    },
  };
}
