/**
 * What the console's server keeps of each staged rollout hawkBit runs (rollouts.ts), in its
 * store: a stream of the rollouts' records (`hawkbit-rollouts`), each record put whole, read
 * by every console server and changed only under the store's lock.
 */
import type { Rollout, RolloutStatus } from '../../../src/api/rollouts';
import { RefusedError } from '../../contract/refusal';
import type { Store } from '../../ports/store';

const STREAM = 'hawkbit-rollouts';

/** What the console's server keeps of a rollout hawkBit runs. */
export interface KeptRollout {
  id: string;
  deviceType: string;
  targetVersion: string;
  setId: number;
  startedAt: string;
  startedBy: string | null;
  selection: Rollout['selection'];
  plan: Rollout['plan'];
  rules: Rollout['rules'];
  sites: number;
  leftOut: Rollout['leftOut'];
  waves: { groupId: number; sites: number; firstSites: number[] }[];
  status: RolloutStatus;
  reason: string | null;
  endedAt: string | null;
  /** When each started wave started. */
  started: string[];
  /** When each wave's success share was first seen reached. */
  reached: (string | null)[];
  /** Waves resumed after they broke the failure rule: the rule no longer applies to them. */
  accepted: number[];
  /** The wave that broke the failure rule, while halted by it. */
  brokenWave: number | null;
  /** The customer whose targets alone it holds (started by a role limited to it); absent: every customer's. */
  customer?: string;
}

export const inProgress = (kept: KeptRollout) =>
  kept.status !== 'halted' && kept.status !== 'finished';

/** Where a wave's targets are listed: its hawkBit group's. */
export const groupPath = (kept: KeptRollout, wave: number) =>
  `/rest/v1/rollouts/${kept.id}/deploygroups/${kept.waves[wave]?.groupId ?? 0}/targets`;

/** A kept rollout as the refusals read it. */
export const runState = (kept: KeptRollout) => ({
  id: kept.id,
  status: kept.status,
  inProgress: inProgress(kept),
  waves: kept.waves,
  started: kept.started,
});

export function rolloutBook(store: Store) {
  const kept = new Map<string, KeptRollout>();
  let seen = 0;

  async function catchUp() {
    for (const { seq, operation } of await store.operations.since<{ record: KeptRollout }>(
      STREAM,
      seen,
    )) {
      kept.set(operation.record.id, operation.record);
      seen = seq;
    }
  }

  /** Runs `work` as the only writer of the rollouts, across console servers. */
  const exclusively = <T>(work: () => Promise<T>) =>
    store.operations.exclusive(STREAM, async () => {
      await catchUp();
      return work();
    });

  async function save(record: KeptRollout) {
    if (!(await store.operations.append(STREAM, seen + 1, { kind: 'put', record }))) {
      throw new RefusedError(
        409,
        'conflict',
        'Another console server changed the rollout. Try again.',
      );
    }
    seen += 1;
    kept.set(record.id, record);
  }

  /** The type's rollouts; of one customer's, for a role limited to it. */
  const ofType = (deviceType: string, customer?: string) =>
    [...kept.values()].filter(
      (each) =>
        each.deviceType === deviceType && (customer === undefined || each.customer === customer),
    );
  const active = (deviceType: string) => ofType(deviceType).find(inProgress);

  /** A rollout by its id; for a role limited to a customer, one of that customer's (404 otherwise). */
  function find(deviceType: string, rolloutId: string, customer?: string): KeptRollout {
    const found = kept.get(rolloutId);
    if (
      !found ||
      found.deviceType !== deviceType ||
      (customer !== undefined && found.customer !== customer)
    ) {
      throw new RefusedError(
        404,
        'rollout_not_found',
        `There is no rollout ${rolloutId} of ${deviceType}. Open the list of its rollouts on the ${deviceType} page.`,
      );
    }
    return found;
  }

  return {
    /** Every rollout not yet halted or finished, of every type. */
    inProgress: () => [...kept.values()].filter(inProgress),
    catchUp,
    exclusively,
    save,
    ofType,
    active,
    find,
    get: (id: string) => kept.get(id),
  };
}

export type RolloutBook = ReturnType<typeof rolloutBook>;
