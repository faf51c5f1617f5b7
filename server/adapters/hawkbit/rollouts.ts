/**
 * Staged rollouts on hawkBit: each console rollout is a hawkBit rollout, one group per wave.
 * The rollout's target filter is the selection (the type's sites on an old version, not
 * updating, with an IP channel, the site list's search and filters, minus the excluded
 * sites); a named pilot is a group filtered by site number, the other waves cut the sites in
 * the order of their names (`name=le=` the wave's last name), and the last group takes the
 * rest — each at 100 % of what remains. Every group holds the rollout at its success
 * threshold (`THRESHOLD` successPercent, action `PAUSE`) and at its failure threshold
 * (`THRESHOLD` failurePercent, action `PAUSE`), so hawkBit alone never starts a wave.
 *
 * What hawkBit lacks the console's server adds on top, kept in its store (stream
 * `hawkbit-rollouts`) so that any console server can move the rollout on: the soak time,
 * the failure count and "after N finished", counting sites that wait for a disarm, and
 * starting one wave now — by `resume` and `triggerNextGroup` when the next wave's gate opens,
 * `pause` when a wave breaks the failure rule or an operator pauses, `stop` to halt.
 */
import {
  domainRules,
  type Rollout,
  type RolloutList,
  type RolloutPlanPreview,
  type RolloutPlanRequest,
} from '../../../src/api/rollouts';
import { countedInstalled, failureVerdict, nextWaveGate } from '../../../src/domain/rollout-rules';
import { plural } from '../../../src/lib/format';
import { ruleCounts } from '../../../mocks/fleet/rollout-counts';
import {
  nothingToRetry,
  refuseRetry,
  refuseStartWave,
  refuseStep,
  statusWords,
  waveNotFound,
} from '../../../mocks/fleet/rollout-refusals';
import type { Actor } from '../../contract/gate';
import { RefusedError } from '../../contract/refusal';
import type { Store } from '../../ports/store';
import { everyItem, type Catalog, type Paged } from './catalog';
import type { HawkbitClient, HawkbitCredentials } from './client';
import { groupPath, inProgress, rolloutBook, runState, type KeptRollout } from './rollout-book';
import { hawkbitRolloutBody, rolloutPlanner } from './rollout-planning';
import { rolloutView } from './rollout-view';
import { FAILED } from './site-reading';
import type { SitesParts } from './sites';
import { assignSet, inTurn, type Target } from './targets';
import { everyTarget } from './customer-scope';

/** hawkBit's limit on a target filter's length. */
const MAX_FILTER = 1024;
const READS_AT_ONCE = 8;

interface HawkbitRollout {
  id: number;
  status: string;
}

interface HawkbitGroup {
  id: number;
  status: string;
  totalTargets?: number;
}

export interface RolloutsOptions {
  client: HawkbitClient;
  store: Store;
  catalog: (credentials: HawkbitCredentials) => Promise<Catalog>;
  sites: SitesParts;
  now: () => number;
}

const iso = (at: number) => new Date(at).toISOString();

export function hawkbitRollouts(options: RolloutsOptions) {
  const { client, store, catalog, sites, now } = options;
  const book = rolloutBook(store);
  const { catchUp, exclusively, save, ofType, active, find } = book;
  const { plan, forecastOf } = rolloutPlanner({ client, catalog, sites });
  const { countsOf, forgetCounts, present } = rolloutView({ client, sites, now, forecastOf });
  /** How many sites each rollout's last retry queued. */
  const retried = new Map<string, number>();

  /** A rollout's groups, in the order they were made: its waves'. */
  const groupsOf = async (credentials: HawkbitCredentials, id: string | number) =>
    (
      await client.get<Paged<HawkbitGroup>>(`/rest/v1/rollouts/${id}/deploygroups`, credentials, {
        sort: 'ID:ASC',
        limit: 500,
      })
    ).content;
  const hawkbitOf = (credentials: HawkbitCredentials, record: KeptRollout) =>
    Promise.all([
      client.get<HawkbitRollout>(`/rest/v1/rollouts/${record.id}`, credentials),
      groupsOf(credentials, record.id),
    ]);
  const act = (credentials: HawkbitCredentials, record: KeptRollout, step: string) =>
    client.post(`/rest/v1/rollouts/${record.id}/${step}`, credentials);

  /**
   * Moves a rollout on as its rules say, from what hawkBit reports: starts it once hawkBit has
   * made its groups, notes the waves hawkBit started, halts it by its failure rule, opens the
   * next wave's gate, and finishes it. Run as the only writer; answers the record as now.
   */
  async function drive(asked: HawkbitCredentials, record: KeptRollout): Promise<KeptRollout> {
    // A rollout moves on by what all its targets report, whoever's request drives it.
    const credentials = everyTarget(asked);
    if (!inProgress(record)) return record;
    const next: KeptRollout = structuredClone(record);
    const [hawkbit, groups] = await hawkbitOf(credentials, next);
    if (hawkbit.status === 'ready' && next.started.length === 0) {
      await act(credentials, next, 'start');
      next.started.push(iso(now()));
    }
    for (const [wave, group] of groups.entries()) {
      if (wave >= next.started.length && ['running', 'finished', 'error'].includes(group.status)) {
        next.started.push(iso(now()));
      }
    }
    const counts = await Promise.all(
      next.started.map((_, wave) => countsOf(credentials, next, wave)),
    );
    const rules = domainRules(next.rules);
    if (hawkbit.status === 'stopped' || hawkbit.status === 'deleted') {
      next.status = 'halted';
      next.endedAt = iso(now());
      next.reason = 'Stopped in hawkBit: later waves released.';
    } else if (next.status === 'running' && next.started.length > 0) {
      for (const [wave, waveCounts] of counts.entries()) {
        const size = next.waves[wave]?.sites ?? 0;
        if (
          next.reached[wave] == null &&
          countedInstalled(ruleCounts(waveCounts, size), rules) >=
            Math.ceil(rules.successShare * size)
        ) {
          next.reached[wave] = iso(now());
        }
        if (next.accepted.includes(wave + 1)) continue;
        const verdict = failureVerdict(ruleCounts(waveCounts, size), rules, wave + 1);
        const brokeInHawkbit = groups[wave]?.status === 'error';
        if (verdict.halt || brokeInHawkbit) {
          next.status = 'halted-by-failures';
          next.brokenWave = wave + 1;
          next.reason = verdict.halt
            ? verdict.reason
            : `Wave ${wave + 1} halted the rollout: hawkBit found more than ${next.rules.failurePercent ?? 0} % of its sites failed.`;
          if (hawkbit.status === 'running') await act(credentials, next, 'pause');
          break;
        }
      }
      const wave = next.started.length;
      const ended = counts.every(
        (each) => each.running + each.waitingForConnection + each.waitingForDisarm === 0,
      );
      if (
        next.status === 'running' &&
        wave >= next.waves.length &&
        ended &&
        hawkbit.status === 'finished'
      ) {
        const installed = counts.reduce((sum, each) => sum + each.installed, 0);
        const failed = counts.reduce((sum, each) => sum + each.failed, 0);
        next.status = 'finished';
        next.endedAt = iso(now());
        next.reason = `Every wave has run: ${plural(installed, 'site')} installed${failed > 0 ? `, ${failed.toLocaleString('en-US')} failed` : ''}.`;
      } else if (next.status === 'running' && wave < next.waves.length) {
        const before = counts[wave - 1];
        const reached = next.reached[wave - 1];
        const gate =
          before &&
          nextWaveGate(
            ruleCounts(before, next.waves[wave - 1]?.sites ?? 0),
            rules,
            wave,
            reached ? Date.parse(reached) : null,
            now(),
          );
        if (gate?.open) await startNext(credentials, next, hawkbit.status);
      }
    } else if (next.status === 'paused' && hawkbit.status === 'running') {
      await act(credentials, next, 'pause');
    }
    if (JSON.stringify(next) !== JSON.stringify(record)) {
      await save(next);
      forgetCounts(next);
      sites.forgetStats(credentials);
    }
    return next;
  }

  /** Starts the next wave in hawkBit: resumed first where hawkBit held the rollout. */
  async function startNext(credentials: HawkbitCredentials, record: KeptRollout, status: string) {
    if (status === 'paused') await act(credentials, record, 'resume');
    await act(credentials, record, 'triggerNextGroup');
    record.started.push(iso(now()));
  }

  /** Drives the type's rollout in progress, if any, under the store's lock. */
  async function driveActive(credentials: HawkbitCredentials, deviceType: string) {
    await catchUp();
    const found = active(deviceType);
    if (!found) return;
    await exclusively(async () => {
      const current = book.get(found.id);
      if (current) await drive(credentials, current);
    });
  }

  /** An operator's step, after driving the rollout to now. */
  function stepping(
    credentials: HawkbitCredentials,
    deviceType: string,
    rolloutId: string,
    work: (record: KeptRollout, hawkbitStatus: string) => Promise<boolean>,
  ): Promise<Rollout> {
    return exclusively(async () => {
      const record = await drive(credentials, find(deviceType, rolloutId, credentials.customer));
      const next = structuredClone(record);
      const [hawkbit] = await hawkbitOf(credentials, next);
      if (await work(next, hawkbit.status)) {
        await save(next);
        forgetCounts(next);
        sites.forgetStats(credentials);
      }
      return present(credentials, await drive(credentials, next));
    });
  }

  return {
    /** Refuses "update all sites" while a rollout of the type is in progress. */
    async refuseUpdateAll(deviceType: string) {
      await catchUp();
      const running = active(deviceType);
      if (running) {
        throw new RefusedError(
          409,
          'rollout_in_progress',
          `Rollout ${running.id} of ${deviceType} is ${statusWords(runState(running))}: it queues its sites wave by wave. Halt it, or let it finish, before updating all sites.`,
        );
      }
    },

    /** Moves every rollout in progress on by its rules; one that cannot be waits its turn. */
    async driveAll(credentials: HawkbitCredentials) {
      await catchUp();
      for (const record of book.inProgress()) {
        await driveActive(credentials, record.deviceType).catch(() => undefined);
      }
    },

    async list(credentials: HawkbitCredentials, deviceType: string): Promise<RolloutList> {
      sites.currentSet(await catalog(credentials), deviceType);
      await driveActive(credentials, deviceType);
      const records = ofType(deviceType, credentials.customer).reverse();
      const items = await Promise.all(
        records.map(async (record) => {
          const counts = await Promise.all(
            record.started.map((_, wave) => countsOf(credentials, record, wave)),
          );
          return {
            id: record.id,
            status: record.status,
            startedAt: record.startedAt,
            startedBy: record.startedBy,
            endedAt: record.endedAt,
            sites: record.sites,
            waves: record.waves.length,
            wavesStarted: record.started.length,
            installed: counts.reduce((sum, each) => sum + each.installed, 0),
            failed: counts.reduce((sum, each) => sum + each.failed, 0),
          };
        }),
      );
      return { items, active: active(deviceType)?.id ?? null };
    },

    async preview(
      credentials: HawkbitCredentials,
      deviceType: string,
      request: RolloutPlanRequest,
    ): Promise<RolloutPlanPreview> {
      const planned = await plan(credentials, deviceType, request);
      return {
        deviceType,
        targetVersion: planned.set.version,
        sites: planned.total,
        waves: planned.waves.map((wave, index) => ({
          number: index + 1,
          sites: wave.sites,
          firstSites: wave.firstSites,
          finish: null,
        })),
        leftOut: planned.leftOut,
        forecast: forecastOf(planned.waiting),
      };
    },

    start(
      credentials: HawkbitCredentials,
      actor: Actor,
      deviceType: string,
      request: RolloutPlanRequest,
    ): Promise<Rollout> {
      return exclusively(async () => {
        const running = active(deviceType);
        if (running) {
          throw new RefusedError(
            409,
            'rollout_in_progress',
            `Rollout ${running.id} of ${deviceType} is ${statusWords(runState(running))}. Halt it, or let it finish, before starting another.`,
          );
        }
        const planned = await plan(credentials, deviceType, request);
        const filters = [planned.eligible, ...planned.waves.map((wave) => wave.filter ?? '')];
        if (filters.some((filter) => filter.length > MAX_FILTER)) {
          throw new RefusedError(
            422,
            'selection_too_long',
            `hawkBit takes target filters of at most ${MAX_FILTER} characters, and this selection needs more (each excluded or named pilot site adds to it). Exclude fewer sites, or narrow the search instead.`,
          );
        }
        const created = await client.post<HawkbitRollout>(
          '/rest/v1/rollouts',
          credentials,
          hawkbitRolloutBody(planned, request.rules, {
            name: `${deviceType} ${planned.set.version} ${iso(now())}`,
            description: `Staged rollout of Fleet Update Console, started by ${actor.name}.`,
          }),
        );
        const groups = await groupsOf(credentials, created.id);
        const record: KeptRollout = {
          id: String(created.id),
          deviceType,
          targetVersion: planned.set.version,
          setId: planned.set.id,
          startedAt: iso(now()),
          startedBy: actor.name,
          selection: request.selection,
          plan: request.plan,
          rules: request.rules,
          sites: planned.total,
          leftOut: planned.leftOut,
          waves: planned.waves.map((wave, index) => ({
            groupId: groups[index]?.id ?? 0,
            sites: wave.sites,
            firstSites: wave.firstSites,
          })),
          status: 'running',
          reason: null,
          endedAt: null,
          started: [],
          reached: [],
          accepted: [],
          brokenWave: null,
          ...(credentials.customer === undefined ? {} : { customer: credentials.customer }),
        };
        await save(record);
        sites.forgetStats(credentials);
        return present(credentials, await drive(credentials, record));
      });
    },

    async get(credentials: HawkbitCredentials, deviceType: string, rolloutId: string) {
      sites.currentSet(await catalog(credentials), deviceType);
      await catchUp();
      const found = find(deviceType, rolloutId, credentials.customer);
      const record = inProgress(found)
        ? await exclusively(async () => drive(credentials, book.get(found.id) ?? found))
        : found;
      return present(credentials, record);
    },

    pause: (credentials: HawkbitCredentials, actor: Actor, deviceType: string, rolloutId: string) =>
      stepping(credentials, deviceType, rolloutId, async (record, status) => {
        if (refuseStep(runState(record), 'pause')) return false;
        if (status === 'running') await act(credentials, record, 'pause');
        record.status = 'paused';
        record.reason = `Paused by ${actor.name}: the started waves go on, no wave starts until it is resumed.`;
        return true;
      }),

    resume: (
      credentials: HawkbitCredentials,
      _actor: Actor,
      deviceType: string,
      rolloutId: string,
    ) =>
      stepping(credentials, deviceType, rolloutId, async (record, status) => {
        if (refuseStep(runState(record), 'resume')) return false;
        if (record.status === 'halted-by-failures' && record.brokenWave !== null) {
          record.accepted.push(record.brokenWave);
        }
        record.brokenWave = null;
        record.status = 'running';
        record.reason = null;
        // With a wave still to start, hawkBit stays held until that wave's gate opens (drive).
        if (status === 'paused' && record.started.length >= record.waves.length) {
          await act(credentials, record, 'resume');
        }
        return true;
      }),

    halt: (credentials: HawkbitCredentials, actor: Actor, deviceType: string, rolloutId: string) =>
      stepping(credentials, deviceType, rolloutId, async (record, status) => {
        if (refuseStep(runState(record), 'halt')) return false;
        const counts = await Promise.all(
          record.started.map((_, wave) => countsOf(credentials, record, wave)),
        );
        const before = counts.reduce(
          (sum, each) => sum + each.running + each.waitingForConnection,
          0,
        );
        if (status !== 'stopped' && status !== 'finished') await act(credentials, record, 'stop');
        forgetCounts(record);
        const after = await Promise.all(
          record.started.map((_, wave) => countsOf(credentials, record, wave)),
        );
        const installing = after.reduce(
          (sum, each) => sum + each.running + each.waitingForConnection + each.waitingForDisarm,
          0,
        );
        const released = record.waves
          .slice(record.started.length)
          .reduce((sum, wave) => sum + wave.sites, 0);
        const words = [
          `${plural(Math.max(0, before - installing), 'update')} not yet downloaded cancelled`,
        ];
        if (installing > 0)
          words.push(`${plural(installing, 'site')} past the download will install`);
        if (released > 0) words.push(`${plural(released, 'site')} of later waves released`);
        record.status = 'halted';
        record.endedAt = iso(now());
        record.reason = `Halted by ${actor.name}: ${words.join('; ')}.`;
        return true;
      }),

    startWave: (
      credentials: HawkbitCredentials,
      deviceType: string,
      rolloutId: string,
      wave: number,
    ) =>
      stepping(credentials, deviceType, rolloutId, async (record, status) => {
        if (!refuseStartWave(runState(record), wave)) return false;
        await startNext(credentials, record, status);
        return true;
      }),

    retry: (credentials: HawkbitCredentials, deviceType: string, rolloutId: string, wave: number) =>
      stepping(credentials, deviceType, rolloutId, async (record) => {
        refuseRetry(runState(record), wave);
        const failed = await everyItem<Target>(
          client,
          groupPath(record, wave - 1),
          credentials,
          { q: FAILED, sort: 'NAME:ASC' },
          Number.MAX_SAFE_INTEGER,
        );
        const checked = await inTurn(failed, READS_AT_ONCE, async (target) => ({
          target,
          failure: sites.failureOf((await sites.latestAction(credentials, target))?.status),
        }));
        // A site that failed the compatibility check would fail it again: it is not retried.
        const retryable = checked.filter((each) => each.failure?.code !== 'board-revision');
        if (retryable.length === 0) {
          throw nothingToRetry(wave, failed.length, record.targetVersion);
        }
        await assignSet(
          client,
          credentials,
          record.setId,
          retryable.map((each) => each.target.controllerId),
        );
        retried.set(record.id, retryable.length);
        if (record.status === 'finished') {
          record.status = 'running';
          record.endedAt = null;
          record.reason = null;
        }
        return true;
      }),

    /** How many sites the last retry of a rollout queued (for its activity entry). */
    retriedCount: (rolloutId: string) => retried.get(rolloutId) ?? 0,

    /** The lists of a rollout's sites, or of one wave, for the site list (404 for neither). */
    async listsOf(
      deviceType: string,
      rolloutId: string,
      wave: number | undefined,
      customer: string | undefined,
    ): Promise<string[]> {
      await catchUp();
      const record = find(deviceType, rolloutId, customer);
      if (wave === undefined) return record.waves.map((_, index) => groupPath(record, index));
      if (wave > record.waves.length) throw waveNotFound(runState(record), wave);
      return [groupPath(record, wave - 1)];
    },

    /** What the activity says of a rollout: its size, and its first sites. */
    async described(deviceType: string, rolloutId: string) {
      await catchUp();
      const record = book.get(rolloutId);
      return record?.deviceType === deviceType
        ? {
            sites: record.sites,
            first: record.waves.flatMap((wave) => wave.firstSites),
            waves: record.waves.length,
            pilot: record.waves[0]?.sites ?? 0,
          }
        : undefined;
    },
  };
}

export type HawkbitRollouts = ReturnType<typeof hawkbitRollouts>;
