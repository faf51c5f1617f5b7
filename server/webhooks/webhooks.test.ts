// @vitest-environment node
/**
 * Webhooks on the console's server in front of the built-in fleet, on PGlite and on
 * PostgreSQL, delivered to a real HTTP receiver on this machine that checks each signature the
 * way the README tells a receiver to (test-receiver.ts): an administrator adds one, "Send a test" arrives signed,
 * a delivery answered 500 is tried again after 30 seconds and listed with both answers, a
 * fleet event (an approval waiting, then decided) reaches the webhooks that want it once, and a
 * removed webhook gets nothing more.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/api/rollout-plan';
import type {
  Webhook,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookList,
  WebhookPayload,
} from '../../src/api/webhooks';
import { openFleetBackend } from '../adapters/fleet-backend/fleet-backend';
import { sqlStore } from '../adapters/sql-store/sql-store';
import {
  migratedDatabase,
  testDatabases,
  type TestDatabase,
} from '../adapters/sql-store/test-databases';
import { createApi, type Api } from '../api';
import { activity, call, signIn, type Caller } from '../api-test-support';
import type { Backend } from '../ports/backend';
import { verifyWebhookSignature } from './signature';
import { startWebhookReceiver, type ReceivedDelivery } from './test-receiver';

const START = Date.UTC(2026, 11, 6, 9);
const SECRET = 'k3Zq-webhook-secret-of-the-tests';

let clock = START;
const answers: number[] = [];
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let receiverUrl: string;
let received: ReceivedDelivery[];

beforeAll(async () => {
  receiver = await startWebhookReceiver(SECRET, answers, () => Math.floor(clock / 1000));
  receiverUrl = receiver.url;
  received = receiver.received;
});
afterAll(() => receiver.stop());

describe.each(testDatabases())('webhooks on $name', (kind) => {
  let database: TestDatabase;
  let api: Api;
  let backend: Backend | undefined;

  const opening = migratedDatabase(kind);
  beforeEach(async () => {
    database = opening();
    clock = START;
    received.length = 0;
    answers.length = 0;
    const store = sqlStore(database.sql);
    const now = () => clock;
    backend = await openFleetBackend({ store, scenario: 'demo', now });
    api = createApi({ store, backend, now });
  });
  afterEach(async () => {
    await api.close();
    await backend?.close();
  });

  async function json<T>(response: Response, status = 200): Promise<T> {
    expect(response.status, await response.clone().text()).toBe(status);
    return (await response.json()) as T;
  }

  async function add(as: Caller, events: string[]): Promise<Webhook> {
    return json<Webhook>(
      await call(api, 'POST', '/webhooks', {
        as,
        body: { url: receiverUrl, events, secret: SECRET },
      }),
      201,
    );
  }

  it('adds a webhook for administrators only, and "Send a test" arrives signed', async () => {
    const omar = await signIn(api, 'omar');
    const refused = await call(api, 'POST', '/webhooks', {
      as: omar,
      body: { url: receiverUrl, events: ['rollout-halted'], secret: SECRET },
    });
    expect(refused.status).toBe(403);

    const ada = await signIn(api, 'ada');
    const short = await call(api, 'POST', '/webhooks', {
      as: ada,
      body: { url: 'ftp://tickets.example', events: [], secret: 'short' },
    });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('Use an address starting with https://');

    const webhook = await add(ada, ['rollout-halted', 'approval-waiting']);
    expect(webhook).toMatchObject({ url: receiverUrl, secretHint: 'k3Zq…', lastDelivery: null });
    expect(JSON.stringify(webhook)).not.toContain(SECRET);

    const test = await json<WebhookDelivery>(
      await call(api, 'POST', `/webhooks/${webhook.id}/test`, { as: ada }),
    );
    expect(test).toMatchObject({ event: 'test', status: 'delivered', nextAttemptAt: null });
    expect(test.attempts).toMatchObject([{ status: 200, error: null, answer: 'thanks' }]);
    expect(received).toHaveLength(1);
    const [arrived] = received;
    expect(arrived?.refused).toBeNull();
    expect(arrived?.headers['x-fleet-event']).toBe('test');
    expect(arrived?.headers['x-fleet-delivery']).toBe(test.id);
    const payload = JSON.parse(arrived?.body ?? '{}') as WebhookPayload;
    expect(payload).toMatchObject({
      id: test.id,
      event: 'test',
      notification: { link: '/settings' },
    });

    // The same body with another secret, or changed by one character, does not check out.
    expect(
      await verifyWebhookSignature(
        'another-secret-entirely',
        String(arrived?.headers['x-fleet-signature']),
        arrived?.body ?? '',
        Math.floor(clock / 1000),
      ),
    ).toBe('The signature does not match the body and the secret.');
    expect(
      await verifyWebhookSignature(
        SECRET,
        String(arrived?.headers['x-fleet-signature']),
        `${arrived?.body ?? ''} `,
        Math.floor(clock / 1000),
      ),
    ).toBe('The signature does not match the body and the secret.');

    const listed = await json<WebhookList>(await call(api, 'GET', '/webhooks', { as: ada }));
    expect(listed.items).toMatchObject([{ id: webhook.id, lastDelivery: { id: test.id } }]);
    const kinds = (await activity(api, ada)).items.map((item) => item.kind);
    expect(kinds).toContain('webhook-add');
  });

  it('tries a delivery answered 500 again after 30 seconds, and lists both answers', async () => {
    const ada = await signIn(api, 'ada');
    const webhook = await add(ada, ['rollout-halted']);
    answers.push(500);
    const first = await json<WebhookDelivery>(
      await call(api, 'POST', `/webhooks/${webhook.id}/test`, { as: ada }),
    );
    expect(first).toMatchObject({
      status: 'retrying',
      nextAttemptAt: new Date(START + 30_000).toISOString(),
      attempts: [{ status: 500, error: 'Answered 500.' }],
    });

    // Not yet due: nothing is sent.
    clock = START + 29_000;
    await api.webhooks.tick();
    expect(received).toHaveLength(1);

    clock = START + 30_000;
    await api.webhooks.tick();
    expect(received).toHaveLength(2);
    expect(received.map((each) => each.refused)).toEqual([null, null]);
    // A retry is the same delivery, the same body, signed again.
    expect(received[1]?.headers['x-fleet-delivery']).toBe(first.id);
    expect(received[1]?.body).toBe(received[0]?.body);

    const deliveries = await json<WebhookDeliveryList>(
      await call(api, 'GET', `/webhooks/${webhook.id}/deliveries`, { as: ada }),
    );
    expect(deliveries.items).toMatchObject([
      {
        id: first.id,
        status: 'delivered',
        nextAttemptAt: null,
        attempts: [
          { status: 500, at: new Date(START).toISOString(), answer: 'the ticket queue is down' },
          { status: 200, at: new Date(START + 30_000).toISOString(), error: null },
        ],
      },
    ]);
  });

  it('gives up after six attempts, and a receiver that is not there is said in words', async () => {
    const ada = await signIn(api, 'ada');
    const gone = await json<Webhook>(
      await call(api, 'POST', '/webhooks', {
        as: ada,
        body: {
          url: 'http://127.0.0.1:9/nothing-listens',
          events: ['rollout-halted'],
          secret: SECRET,
        },
      }),
      201,
    );
    const first = await json<WebhookDelivery>(
      await call(api, 'POST', `/webhooks/${gone.id}/test`, { as: ada }),
    );
    expect(first.attempts[0]).toMatchObject({
      status: null,
      error: 'The connection was refused: is the receiver running?',
    });
    for (const wait of [30, 120, 600, 3600, 21600]) {
      clock += wait * 1000;
      await api.webhooks.tick();
    }
    const [given] = (
      await json<WebhookDeliveryList>(
        await call(api, 'GET', `/webhooks/${gone.id}/deliveries`, { as: ada }),
      )
    ).items;
    expect(given?.status).toBe('failed');
    expect(given?.attempts).toHaveLength(6);
    expect(given?.nextAttemptAt).toBeNull();
  });

  it('sends a fleet event once to the webhooks that want it, and nothing to a removed one', async () => {
    const ada = await signIn(api, 'ada');
    const rules = await call(api, 'PUT', '/approval-rules', {
      as: ada,
      body: {
        deviceType: null,
        rules: { rollouts: true, updateAll: false, aboveSites: null, standsHours: 24 },
      },
    });
    expect(rules.status).toBe(200);
    const approvals = await add(ada, ['approval-waiting', 'approval-decided']);
    const rollouts = await add(ada, ['rollout-finished']);

    const omar = await signIn(api, 'omar');
    const asked = await call(api, 'POST', '/approvals', {
      as: omar,
      body: {
        requestId: 'ask-webhook-1',
        deviceType: 'Nord GSM',
        change: {
          kind: 'rollout',
          selection: { exclude: [] },
          plan: { pilot: { kind: 'count', count: 1 }, waves: [{ kind: 'percent', percent: 50 }] },
          rules: DEFAULT_RULES,
        },
      },
    });
    const approval = await json<{ id: string }>(asked, 201);

    await api.webhooks.tick();
    await api.webhooks.tick();
    expect(received).toHaveLength(1);
    expect(received[0]?.refused).toBeNull();
    expect(received[0]?.headers['x-fleet-event']).toBe('approval-waiting');
    const waiting = JSON.parse(received[0]?.body ?? '{}') as WebhookPayload;
    expect(waiting.notification).toMatchObject({
      title: 'Waiting for approval: Staged rollout of Nord GSM to 5.40',
      link: '/approvals',
    });
    const [forRollouts] = (
      await json<WebhookDeliveryList>(
        await call(api, 'GET', `/webhooks/${rollouts.id}/deliveries`, { as: ada }),
      )
    ).items;
    expect(forRollouts).toBeUndefined();

    const removed = await call(api, 'DELETE', `/webhooks/${approvals.id}`, { as: ada });
    expect(removed.status).toBe(200);
    const denied = await call(api, 'POST', `/approvals/${approval.id}/deny`, {
      as: ada,
      body: { comment: 'Not before the audit', requestId: 'deny-webhook-1' },
    });
    expect(denied.status, await denied.clone().text()).toBe(200);
    await api.webhooks.tick();
    expect(received).toHaveLength(1);
    const kinds = (await activity(api, ada)).items.map((item) => item.kind);
    expect(kinds).toContain('webhook-remove');
  });
});
