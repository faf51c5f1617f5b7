import { z } from 'zod/mini';
import { defineEndpoint } from './endpoint';
import { NotificationKind } from './notifications';
import { named } from './registry';
import { Operator } from './session';

/**
 * Webhooks: the console's server tells other systems (a ticket queue, a chat channel, an
 * on-call pager) what its notifications say, as signed HTTP POSTs. They are the server's own,
 * like API tokens, whatever the backend (`capabilities.areas` names `settings`).
 *
 * A delivery is `POST <url>` with a JSON body (`WebhookPayload`) and the headers
 * `X-Fleet-Event` (the event), `X-Fleet-Delivery` (the delivery's id, the same on every retry)
 * and `X-Fleet-Signature: t=<unix seconds>,v1=<hex>`, where `<hex>` is the HMAC-SHA256, keyed
 * with the webhook's secret, of `<t>.<the body exactly as received>`. A receiver recomputes
 * it, compares in constant time, and refuses a `t` more than five minutes from its clock.
 * Any 2xx answer within 10 seconds is delivered; anything else is tried again after 30 s,
 * 2 min, 10 min, 1 h and 6 h, then given up (six attempts).
 */

/** What a webhook can be told: a notification's kind; `test` comes from "Send a test" only. */
export const WebhookEvent = z.enum([...NotificationKind.options, 'test']);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  'approval-waiting': 'Approval waiting',
  'approval-decided': 'Approval decided',
  'rollout-halted': 'Rollout halted',
  'rollout-finished': 'Rollout finished',
  'hold-ending': 'Hold ending',
  'version-recalled': 'Version recalled',
  test: 'Test',
};

/** The seconds between one attempt and the next; its length + 1 is the number of attempts. */
export const WEBHOOK_RETRY_SECONDS = [30, 120, 600, 3600, 21600] as const;
/** How long a receiver has to answer one attempt. */
export const WEBHOOK_TIMEOUT_SECONDS = 10;
/** How old a signature's timestamp may be for a receiver to accept it. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;
export const WEBHOOK_SECRET_MIN = 16;
export const DELIVERIES_LISTED = 50;

const instant = z.iso.datetime();

export const WebhookAttempt = named(
  'WebhookAttempt',
  'One attempt to deliver: when, the answer’s status (null: no answer), or why it failed.',
  z.object({
    at: instant,
    status: z.nullable(z.int()),
    error: z.nullable(
      z.string().check(z.core.describe('Why there was no good answer, in words; null: a 2xx.')),
    ),
    durationMs: z.int().check(z.minimum(0)),
    answer: z.string().check(z.core.describe('The first 200 characters of the receiver’s answer.')),
  }),
);
export type WebhookAttempt = z.infer<typeof WebhookAttempt>;

export const DeliveryStatus = z.enum(['pending', 'delivered', 'retrying', 'failed']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: 'Pending',
  delivered: 'Delivered',
  retrying: 'Retrying',
  failed: 'Failed',
};

export const WebhookDelivery = named(
  'WebhookDelivery',
  'One event sent to one webhook, with every attempt and what comes next.',
  z.object({
    id: z.string(),
    webhookId: z.string(),
    event: WebhookEvent,
    title: z.string().check(z.core.describe('The notification’s title.')),
    createdAt: instant,
    status: DeliveryStatus,
    attempts: z.array(WebhookAttempt),
    nextAttemptAt: z.nullable(instant.check(z.core.describe('null: no attempt is left to make.'))),
  }),
);
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const Webhook = named(
  'Webhook',
  'Where the server sends the events chosen, signed with a secret it never shows again.',
  z.object({
    id: z.string(),
    url: z.string(),
    events: z.array(WebhookEvent),
    secretHint: z
      .string()
      .check(z.core.describe('The secret’s first four characters (`k3Zq…`); never the secret.')),
    createdAt: instant,
    createdBy: Operator,
    lastDelivery: z.nullable(WebhookDelivery),
  }),
);
export type Webhook = z.infer<typeof Webhook>;

export const WebhookList = named(
  'WebhookList',
  'Every webhook, the newest first, each with its latest delivery.',
  z.object({ items: z.array(Webhook) }),
);
export type WebhookList = z.infer<typeof WebhookList>;

/** An http(s) URL without credentials in it: the words say what is wrong. */
export function webhookUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Enter a full address, such as https://tickets.example.com/hooks/fleet.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return 'Use an address starting with https:// (or http:// inside your network).';
  }
  if (url.username || url.password) {
    return 'Leave user names and passwords out of the address: the signature proves who sends.';
  }
  return null;
}

export const CreateWebhook = named(
  'CreateWebhook',
  'A new webhook: the receiver’s address, the events it wants, and the secret both sides keep.',
  z.object({
    url: z.string().check(
      z.trim(),
      z.maxLength(2000, 'Use an address of at most 2000 characters.'),
      z.refine((value) => webhookUrlProblem(value) === null, {
        error: (issue) => webhookUrlProblem(String(issue.input)) ?? 'Enter a full address.',
      }),
    ),
    events: z
      .array(NotificationKind)
      .check(z.minLength(1, 'Choose at least one event.'), z.maxLength(20)),
    secret: z
      .string()
      .check(
        z.minLength(
          WEBHOOK_SECRET_MIN,
          `Use a secret of at least ${WEBHOOK_SECRET_MIN} characters (Generate makes one).`,
        ),
        z.maxLength(200, 'Use a secret of at most 200 characters.'),
      ),
  }),
);
export type CreateWebhook = z.infer<typeof CreateWebhook>;

export const WebhookPayload = named(
  'WebhookPayload',
  'The body of a delivery.',
  z.object({
    id: z.string().check(z.core.describe('The delivery’s id, also in `X-Fleet-Delivery`.')),
    event: WebhookEvent,
    sentAt: instant,
    notification: z.object({
      id: z.string(),
      title: z.string(),
      text: z.string(),
      at: instant,
      link: z
        .string()
        .check(z.core.describe('The console route, to put after the console’s address.')),
    }),
  }),
);
export type WebhookPayload = z.infer<typeof WebhookPayload>;

export const WebhookDeliveryList = named(
  'WebhookDeliveryList',
  'A webhook’s deliveries, the newest first (50 at most).',
  z.object({
    items: z.array(WebhookDelivery).check(z.maxLength(DELIVERIES_LISTED)),
  }),
);
export type WebhookDeliveryList = z.infer<typeof WebhookDeliveryList>;

const WebhookParams = z.object({
  webhookId: z.string().check(z.minLength(1), z.maxLength(100)),
});
const tag = 'Webhooks';
const served =
  'Served by the console’s server (`capabilities.areas` names `settings`); administrators only (403 otherwise).';

export const webhookEndpoints = {
  list: defineEndpoint({
    id: 'listWebhooks',
    method: 'GET',
    path: '/webhooks',
    tag,
    summary: 'Every webhook with its latest delivery (administrators)',
    description: served,
    response: WebhookList,
    errors: [403],
    permission: 'manage-webhooks',
  }),
  create: defineEndpoint({
    id: 'createWebhook',
    method: 'POST',
    path: '/webhooks',
    tag,
    summary: 'Add a webhook: events from now on are sent to it, signed with its secret',
    description: `${served} Notifications there were before it was added are not sent. The secret is kept to sign with and never answered again.`,
    body: CreateWebhook,
    response: Webhook,
    status: 201,
    errors: [403],
    permission: 'manage-webhooks',
  }),
  remove: defineEndpoint({
    id: 'removeWebhook',
    method: 'DELETE',
    path: '/webhooks/{webhookId}',
    tag,
    summary: 'Remove a webhook: nothing more is sent to it, retries included',
    description: `${served} An unknown webhook answers 404.`,
    params: WebhookParams,
    response: Webhook,
    errors: [403, 404],
    permission: 'manage-webhooks',
  }),
  test: defineEndpoint({
    id: 'testWebhook',
    method: 'POST',
    path: '/webhooks/{webhookId}/test',
    tag,
    summary: 'Send a test event now: answers the delivery after its first attempt',
    description: `${served} A test that fails is retried like any delivery.`,
    params: WebhookParams,
    response: WebhookDelivery,
    errors: [403, 404],
    permission: 'manage-webhooks',
  }),
  deliveries: defineEndpoint({
    id: 'listWebhookDeliveries',
    method: 'GET',
    path: '/webhooks/{webhookId}/deliveries',
    tag,
    summary: 'A webhook’s deliveries with every attempt’s answer',
    description: served,
    params: WebhookParams,
    response: WebhookDeliveryList,
    errors: [403, 404],
    permission: 'manage-webhooks',
  }),
};
