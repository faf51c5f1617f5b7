/**
 * Webhook deliveries: at each tick, the notifications the backend has now (as an administrator
 * of every customer would get them) are noted in the store; each one no server had seen
 * becomes a delivery for every webhook that wants its kind, and every delivery that is due is
 * attempted — signed, with a time limit, without following redirects (send.ts). A 2xx answer delivers
 * it; anything else is tried again after 30 s, 2 min, 10 min, 1 h and 6 h, then given up.
 *
 * Several servers on one database share the work: an event becomes deliveries on the server
 * whose note of it was first, and a due delivery is attempted by the server that claimed it.
 */
import {
  WEBHOOK_RETRY_SECONDS,
  WEBHOOK_TIMEOUT_SECONDS,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookEvent,
  type WebhookPayload,
} from '../../src/api/webhooks';
import type { BackendEvent } from '../ports/backend';
import type { DeliveryRecord, Store, WebhookRecord } from '../ports/store';
import { failureWords, send as sendOverUndici, type Send } from './send';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook } from './signature';

export interface DispatcherOptions {
  store: Store;
  /** The backend's notifications now, for every customer; absent: the backend has none. */
  events?: () => Promise<BackendEvent[]>;
  now?: () => number;
  /** Seconds between attempts (`WEBHOOK_RETRY_SECONDS` unless told). */
  retrySeconds?: readonly number[];
  timeoutMs?: number;
  /** How a POST is made (undici unless told). */
  send?: Send;
}

export interface WebhookDispatcher {
  /** Notes new events, makes their deliveries, and attempts what is due. */
  tick(): Promise<void>;
  /**
   * Notes the events there are now, delivering those not seen yet to the webhooks there are:
   * run before a webhook is added, so that it hears only what comes after. Not queued behind
   * a tick (a tick may be waiting for the request that calls this).
   */
  baseline(): Promise<void>;
  /** Sends a test event to `webhook` now; answers the delivery after its first attempt. */
  test(webhook: WebhookRecord): Promise<DeliveryRecord>;
  /** Ticks every `intervalMs` until stopped. */
  start(intervalMs: number): void;
  /** Stops ticking; answers when the tick under way has finished. */
  stop(): Promise<void>;
}

/** A delivery as the contract shows it: never its body. */
export function shownDelivery(delivery: DeliveryRecord): WebhookDelivery {
  return {
    id: delivery.id,
    webhookId: delivery.webhookId,
    event: delivery.event,
    title: delivery.title,
    createdAt: delivery.createdAt,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.nextAttemptAt,
  };
}

const ANSWER_KEPT = 200;
const CLAIM_MS = 60_000;
const BATCH = 20;

function randomId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;
}

export function webhookDispatcher(options: DispatcherOptions): WebhookDispatcher {
  const { store } = options;
  const now = options.now ?? Date.now;
  const retry = options.retrySeconds ?? WEBHOOK_RETRY_SECONDS;
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_SECONDS * 1000;
  const send = options.send ?? sendOverUndici;
  const iso = (at: number) => new Date(at).toISOString();

  async function deliveryOf(
    webhook: WebhookRecord,
    event: WebhookEvent,
    notification: WebhookPayload['notification'],
    /** False: the caller attempts it at once, so no tick may claim it. */
    due = true,
  ): Promise<DeliveryRecord> {
    const id = randomId('dlv');
    const at = iso(now());
    const payload: WebhookPayload = { id, event, sentAt: at, notification };
    const delivery: DeliveryRecord = {
      id,
      webhookId: webhook.id,
      event,
      title: notification.title,
      body: JSON.stringify(payload),
      createdAt: at,
      status: 'pending',
      attempts: [],
      nextAttemptAt: due ? at : null,
    };
    await store.deliveries.create(delivery);
    return delivery;
  }

  /** One attempt: its outcome is kept, and the delivery answered as it is now. */
  async function attempt(delivery: DeliveryRecord, webhook: WebhookRecord) {
    const startedAt = now();
    const started = performance.now();
    const timestamp = Math.floor(startedAt / 1000);
    let result: Omit<WebhookAttempt, 'at' | 'durationMs'>;
    try {
      const response = await send(webhook.url, {
        timeoutMs,
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'FleetUpdateConsole-Webhooks/1',
          [EVENT_HEADER]: delivery.event,
          [DELIVERY_HEADER]: delivery.id,
          [SIGNATURE_HEADER]: await signWebhook(webhook.secret, timestamp, delivery.body),
        },
        body: delivery.body,
      });
      const good = response.status >= 200 && response.status < 300;
      result = {
        status: response.status,
        error: good
          ? null
          : response.status >= 300 && response.status < 400
            ? `Answered ${response.status} (a redirect): give the final address.`
            : `Answered ${response.status}.`,
        answer: response.text.slice(0, ANSWER_KEPT),
      };
    } catch (error) {
      result = { status: null, error: failureWords(error, timeoutMs), answer: '' };
    }
    const attempts = [
      ...delivery.attempts,
      { ...result, at: iso(startedAt), durationMs: Math.round(performance.now() - started) },
    ];
    const delivered = result.error === null;
    const wait = retry[attempts.length - 1];
    const outcome: Pick<DeliveryRecord, 'status' | 'attempts' | 'nextAttemptAt'> = delivered
      ? { status: 'delivered', attempts, nextAttemptAt: null }
      : wait === undefined
        ? { status: 'failed', attempts, nextAttemptAt: null }
        : { status: 'retrying', attempts, nextAttemptAt: iso(now() + wait * 1000) };
    await store.deliveries.attempted(delivery.id, outcome);
    return { ...delivery, ...outcome };
  }

  async function noteEvents(): Promise<void> {
    if (!options.events) return;
    const events = await options.events();
    const fresh = new Set(
      await store.events.note(
        events.map((event) => event.id),
        iso(now()),
      ),
    );
    if (fresh.size === 0) return;
    const webhooks = await store.webhooks.list();
    for (const event of events) {
      if (!fresh.has(event.id)) continue;
      for (const webhook of webhooks) {
        if (!webhook.events.includes(event.kind)) continue;
        const { id, title, text, at, link } = event;
        await deliveryOf(webhook, event.kind, { id, title, text, at, link });
      }
    }
  }

  async function attemptDue(): Promise<void> {
    const at = now();
    const due = await store.deliveries.claimDue(iso(at), iso(at + CLAIM_MS), BATCH);
    for (const delivery of due) {
      const webhook = await store.webhooks.byId(delivery.webhookId);
      if (webhook) await attempt(delivery, webhook);
    }
  }

  let running: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setInterval> | undefined;

  /** One tick at a time in this process. */
  function serial(work: () => Promise<void>): Promise<void> {
    const run = running.then(work, work);
    running = run.catch(() => undefined);
    return run;
  }

  return {
    tick: () =>
      serial(async () => {
        await noteEvents();
        await attemptDue();
      }),
    baseline: () => noteEvents(),
    async test(webhook) {
      const delivery = await deliveryOf(
        webhook,
        'test',
        {
          id: randomId('test'),
          title: 'A test from Fleet Update Console',
          text: 'Sent with "Send a test": if the signature checks out, this webhook is ready.',
          at: iso(now()),
          link: '/settings',
        },
        false,
      );
      return attempt(delivery, webhook);
    },
    start(intervalMs) {
      if (timer) return;
      timer = setInterval(() => {
        serial(async () => {
          await noteEvents();
          await attemptDue();
        }).catch((error: unknown) => {
          console.error('Webhook deliveries failed this time:', error);
        });
      }, intervalMs);
      timer.unref?.();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
