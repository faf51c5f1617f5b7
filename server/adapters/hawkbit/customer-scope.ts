/**
 * A role limited to one customer, on hawkBit: the customer's targets carry the target tag
 * `customer:<id>` (e.g. `customer:nordic`), and every request the console's server sends for
 * such a person is narrowed to them here, in one place, whatever part of the adapter sends it:
 *
 * - a list or count of targets (`GET /rest/v1/targets`, a rollout group's targets) gets
 *   `tag==customer:<id>` added to its query;
 * - a target by its id (`/rest/v1/targets/{id}…`) outside the tag answers 404, as one hawkBit
 *   does not have, before hawkBit is asked;
 * - an assignment of a distribution set keeps the ids within the tag, and drops the others;
 * - a rollout's target filters get the tag, so its groups hold the customer's targets only.
 *
 * hawkBit itself has no customers: what the person may do stays hawkBit's to say (their
 * hawkBit user's permissions); which targets, the tag's.
 */
import { RefusedError } from '../../contract/refusal';
import { HAWKBIT_PAGE } from './catalog';
import type { HawkbitCredentials } from './client';
import { compare, within } from './rsql';

/** The same hawkBit user's credentials, not narrowed: for work on every target (a rollout's progress). */
export function everyTarget(credentials: HawkbitCredentials): HawkbitCredentials {
  if (credentials.customer === undefined) return credentials;
  const every = { ...credentials };
  delete every.customer;
  return every;
}

/** The target tag of a customer's targets. */
export function customerTag(customer: string): string {
  return `customer:${customer}`;
}

/** The RSQL of a customer's targets. */
export function customerQuery(customer: string): string {
  return compare('tag', '==', customerTag(customer));
}

/** `q` narrowed to the customer's targets (`q` kept whole in parentheses, whatever it joins). */
export function narrowed(q: string | undefined, customer: string): string {
  const tag = customerQuery(customer);
  return q ? `(${q});${tag}` : tag;
}

const TARGET_LISTS = [
  /^\/rest\/v1\/targets$/,
  /^\/rest\/v1\/rollouts\/\d+\/deploygroups\/\d+\/targets$/,
];
const ONE_TARGET = /^\/rest\/v1\/targets\/([^/]+)(?:\/.*)?$/;
const ASSIGNMENT = /^\/rest\/v1\/distributionsets\/\d+\/assignedTargets$/;
const ROLLOUTS = /^\/rest\/v1\/rollouts$/;

type Query = Record<string, string>;

/** Asks hawkBit for the targets of `q` (ids only), as the request's own user. */
export type TargetIds = (q: string, limit: number) => Promise<string[]>;

/**
 * The request as it goes to hawkBit for a person limited to `customer`: its query or body
 * narrowed, or a 404 for a target outside it. `ids` reads which targets are the customer's.
 */
export async function scopedRequest(
  customer: string,
  method: string,
  path: string,
  query: Query,
  body: unknown,
  ids: TargetIds,
): Promise<{ query: Query; body: unknown; answer?: unknown }> {
  if (method === 'GET' && TARGET_LISTS.some((list) => list.test(path))) {
    return { query: { ...query, q: narrowed(query.q, customer) }, body };
  }
  const one = ONE_TARGET.exec(path);
  if (one) {
    const id = decodeURIComponent(one[1] ?? '');
    const found = await ids(narrowed(compare('controllerId', '==', id), customer), 1);
    if (found.length === 0) throw new RefusedError(404, 'not_found', 'hawkBit has no such entity.');
    return { query, body };
  }
  if (method === 'POST' && ASSIGNMENT.test(path) && Array.isArray(body)) {
    const asked = (body as { id?: unknown }[]).map((item) => String(item.id));
    const mine = new Set<string>();
    for (let at = 0; at < asked.length; at += HAWKBIT_PAGE) {
      const chunk = asked.slice(at, at + HAWKBIT_PAGE);
      const q = within('controllerId', chunk);
      if (q) for (const id of await ids(narrowed(q, customer), chunk.length)) mine.add(id);
    }
    const kept = (body as { id?: unknown }[]).filter((item) => mine.has(String(item.id)));
    // Nothing of the customer's left to assign: answered here, as hawkBit would have.
    if (kept.length === 0)
      return { query, body: kept, answer: { assigned: 0, alreadyAssigned: 0, total: 0 } };
    return { query, body: kept };
  }
  if (method === 'POST' && ROLLOUTS.test(path) && body && typeof body === 'object') {
    const rollout = body as {
      targetFilterQuery?: string;
      groups?: { targetFilterQuery?: string }[];
    };
    return {
      query,
      body: {
        ...rollout,
        targetFilterQuery: narrowed(rollout.targetFilterQuery, customer),
        ...(rollout.groups
          ? {
              groups: rollout.groups.map((group) => ({
                ...group,
                targetFilterQuery: narrowed(group.targetFilterQuery, customer),
              })),
            }
          : {}),
      },
    };
  }
  return { query, body };
}
