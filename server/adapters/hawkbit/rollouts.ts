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
  type RolloutStatus,
  type RolloutWave,
  type WaveCounts,
} from '../../../src/api/rollouts';
import {
  countedInstalled,
  failureVerdict,
  nextWaveGate,
  planWaves,
} from '../../../src/domain/rollout-rules';
import { plural } from '../../../src/lib/format';
import { emptyCounts, ruleCounts } from '../../../mocks/fleet/rollout-counts';
import {
  refuseStartWave,
  refuseStep,
  statusWords,
  waveNotFound,
} from '../../../mocks/fleet/rollout-refusals';
import type { Actor } from '../../contract/gate';
import { RefusedError } from '../../contract/refusal';
import type { Store } from '../../ports/store';
import type { Catalog, Paged } from './catalog';
import type { HawkbitClient, HawkbitCredentials } from './client';
import { all, compare, contains, outside, within } from './rsql';
import { causeQuery, FAILED, IP, NOT_IP, stateQuery } from './site-reading';
import type { hawkbitSites } from './sites';
import { assignSet, inTurn, targetReader, type Target } from './targets';

const STREAM = 'hawkbit-rollouts';
/** hawkBit's limit on a target filter's length. */
const MAX_FILTER = 1024;
/** How long a rollout's counts are kept (the rollout page polls). */
const COUNTS_MS = 5_000;
/** The first sites named per wave, and the failures listed per wave: each is a read. */
const NAMED_PER_WAVE = 10;
const READS_AT_ONCE = 8;

type SitesParts = ReturnType<typeof hawkbitSites>['parts'];

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
}

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
const inProgress = (kept: KeptRollout) => kept.status !== 'halted' && kept.status !== 'finished';
const groupPath = (kept: KeptRollout, wave: number) =>
  `/rest/v1/rollouts/${kept.id}/deploygroups/${kept.waves[wave]?.groupId ?? 0}/targets`;
const SITE_NUMBER = 'controllerAttributes.siteNumber';

/** A kept rollout as the refusals read it. */
const runState = (kept: KeptRollout) => ({
  id: kept.id,
  status: kept.status,
  inProgress: inProgress(kept),
  waves: kept.waves,
  started: kept.started,
});

export function hawkbitRollouts(options: RolloutsOptions) {
  const { client, store, catalog, sites, now } = options;
  const reader = targetReader(client);
  const kept = new Map<string, KeptRollout>();
  let seen = 0;
  /** How many sites each rollout's last retry queued. */
  const retried = new Map<string, number>();

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

  const ofType = (deviceType: string) =>
    [...kept.values()].filter((each) => each.deviceType === deviceType);
  const active = (deviceType: string) => ofType(deviceType).find(inProgress);

  function find(deviceType: string, rolloutId: string): KeptRollout {
    const found = kept.get(rolloutId);
    if (!found || found.deviceType !== deviceType) {
      throw new RefusedError(
        404,
        'rollout_not_found',
        `There is no rollout ${rolloutId} of ${deviceType}. Open the list of its rollouts on the ${deviceType} page.`,
      );
    }
    return found;
  }

  /** The selection's queries: its eligible sites, and those it leaves out, by reason. */
  async function selectionOf(
    credentials: HawkbitCredentials,
    deviceType: string,
    selection: RolloutPlanRequest['selection'],
  ) {
    const set = sites.currentSet(await catalog(credentials), deviceType);
    const group = sites.groups(deviceType, set.version);
    const old = compare('installedDistributionSet.version', '!=', set.version);
    const base = all(
      sites.ofType(deviceType),
      old,
      selection.q ? contains(SITE_NUMBER, selection.q) : undefined,
      stateQuery(selection, group),
      causeQuery(selection, group, compare('lastTargetQuery', '=lt=', sites.overdue())),
    );
    const queueable = all(base, compare('updateStatus', '!=', 'pending'), IP);
    return {
      set,
      eligible: all(queueable, outside(SITE_NUMBER, selection.exclude)) ?? '',
      leftOut: [
        ['already-updating', all(base, compare('updateStatus', '==', 'pending'))],
        ['no-ip-channel', all(base, compare('updateStatus', '!=', 'pending'), NOT_IP)],
        [
          'excluded',
          selection.exclude.length > 0
            ? all(queueable, within(SITE_NUMBER, selection.exclude))
            : undefined,
        ],
      ] as const,
    };
  }

  const numbers = async (
    credentials: HawkbitCredentials,
    q: string,
    offset: number,
    limit: number,
  ) =>
    (
      await sites.numbersOf(
        credentials,
        (await reader.page(credentials, q, { sort: 'NAME:ASC', offset, limit })).content,
        limit,
      )
    ).sort((a, b) => a - b);

  /** The waves and their hawkBit groups for a request, as things stand now. */
  async function plan(
    credentials: HawkbitCredentials,
    deviceType: string,
    request: RolloutPlanRequest,
  ) {
    const {
      set,
      eligible,
      leftOut: leftOutQueries,
    } = await selectionOf(credentials, deviceType, request.selection);
    const total = await reader.count(credentials, eligible);
    if (total === 0) {
      throw new RefusedError(
        422,
        'no_sites',
        `No ${deviceType} site of this selection can be queued: each is on ${set.version} already, updating, excluded or without an IP channel. Widen the search or filter.`,
      );
    }
    const pilot = request.plan.pilot.kind === 'sites' ? request.plan.pilot.sites : [];
    if (pilot.length > 0) {
      const found = new Set(
        await numbers(
          credentials,
          all(eligible, within(SITE_NUMBER, pilot)) ?? '',
          0,
          pilot.length,
        ),
      );
      const missing = pilot.filter((site) => !found.has(site));
      if (missing.length > 0) {
        throw new RefusedError(
          422,
          'pilot_not_selected',
          `Pilot ${missing.length === 1 ? 'site' : 'sites'} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not among the sites this rollout can queue. Choose pilot sites from the selection.`,
        );
      }
    }
    // The waves' sizes, from the plan over stand-ins for the sites: the named pilot first.
    const placeholders = [
      ...pilot,
      ...Array.from({ length: total - pilot.length }, (_, i) => -1 - i),
    ];
    const sizes = planWaves(placeholders, {
      pilot:
        request.plan.pilot.kind === 'sites'
          ? { sites: pilot }
          : { count: request.plan.pilot.count },
      steps: request.plan.waves.map((step) =>
        step.kind === 'percent' ? { share: step.percent / 100 } : { count: step.count },
      ),
    }).map((wave) => wave.length);
    const rest = all(eligible, outside(SITE_NUMBER, pilot)) ?? '';
    const waves: { sites: number; filter: string | undefined; firstSites: number[] }[] = [];
    let offset = 0;
    for (const [index, size] of sizes.entries()) {
      const last = index === sizes.length - 1;
      if (index === 0 && pilot.length > 0) {
        waves.push({
          sites: size,
          filter: within(SITE_NUMBER, pilot),
          firstSites: [...pilot].sort((a, b) => a - b).slice(0, NAMED_PER_WAVE),
        });
        continue;
      }
      const [boundary] = last
        ? []
        : (
            await reader.page(credentials, rest, {
              sort: 'NAME:ASC',
              offset: offset + size - 1,
              limit: 1,
            })
          ).content;
      waves.push({
        sites: size,
        filter: boundary ? compare('name', '=le=', boundary.name) : undefined,
        firstSites: await numbers(credentials, rest, offset, Math.min(size, NAMED_PER_WAVE)),
      });
      offset += size;
    }
    const leftOut: Rollout['leftOut'] = [];
    for (const [reason, q] of leftOutQueries) {
      if (!q) continue;
      const page = await reader.page(credentials, q, {
        sort: 'NAME:ASC',
        offset: 0,
        limit: NAMED_PER_WAVE,
      });
      if (page.total > 0) {
        leftOut.push({
          reason,
          count: page.total,
          sites: (await sites.numbersOf(credentials, page.content)).sort((a, b) => a - b),
        });
      }
    }
    const waiting = await reader.count(
      credentials,
      all(eligible, compare('lastTargetQuery', '=lt=', sites.overdue())),
    );
    return { set, eligible, total, waves, leftOut, waiting };
  }

  const forecastOf = (waiting: number): Rollout['forecast'] => ({
    finish: null,
    waiting,
    basis: `hawkBit reports no download or install timings, so the console forecasts no finish on hawkBit${
      waiting > 0
        ? `; ${plural(waiting, 'site')} have not polled hawkBit within the hour and wait for a connection`
        : ''
    }.`,
  });

  /** A started wave's sites by state, from count queries over its group (kept for seconds). */
  const countsKept = new Map<string, { at: number; counts: Promise<WaveCounts> }>();
  function countsOf(credentials: HawkbitCredentials, record: KeptRollout, wave: number) {
    const key = `${credentials.username}\n${record.id}\n${wave}`;
    const found = countsKept.get(key);
    if (found && now() - found.at < COUNTS_MS) return found.counts;
    const group = targetReader(client, groupPath(record, wave));
    const pending = compare('updateStatus', '==', 'pending');
    const counts = Promise.all([
      group.count(
        credentials,
        compare('installedDistributionSet.version', '==', record.targetVersion),
      ),
      group.count(credentials, FAILED),
      group.count(credentials, pending),
      group.count(credentials, all(pending, compare('lastTargetQuery', '=lt=', sites.overdue()))),
      client
        .get<Paged<unknown>>('/rest/v1/actions', credentials, {
          q:
            all(
              compare('rolloutGroup.id', '==', record.waves[wave]?.groupId ?? 0),
              compare('detailStatus', '==', 'wait_for_confirmation'),
            ) ?? '',
          limit: 1,
        })
        .then((page) => page.total),
    ]).then(([installed, failed, updating, offline, disarm]) => {
      const size = record.waves[wave]?.sites ?? 0;
      const waitingForDisarm = Math.min(disarm, updating);
      const waitingForConnection = Math.min(offline, updating - waitingForDisarm);
      return {
        ...emptyCounts(),
        installed,
        failed,
        waitingForDisarm,
        waitingForConnection,
        running: updating - waitingForDisarm - waitingForConnection,
        cancelled: Math.max(0, size - installed - failed - updating),
      };
    });
    countsKept.set(key, { at: now(), counts });
    counts.catch(() => countsKept.delete(key));
    return counts;
  }
  const forgetCounts = (record: KeptRollout) => {
    for (const key of countsKept.keys())
      if (key.includes(`\n${record.id}\n`)) countsKept.delete(key);
  };

  const hawkbitOf = (credentials: HawkbitCredentials, record: KeptRollout) =>
    Promise.all([
      client.get<HawkbitRollout>(`/rest/v1/rollouts/${record.id}`, credentials),
      client
        .get<Paged<HawkbitGroup>>(`/rest/v1/rollouts/${record.id}/deploygroups`, credentials, {
          sort: 'ID:ASC',
          limit: 500,
        })
        .then((page) => page.content),
    ]);
  const act = (credentials: HawkbitCredentials, record: KeptRollout, step: string) =>
    client.post(`/rest/v1/rollouts/${record.id}/${step}`, credentials);

  /**
   * Moves a rollout on as its rules say, from what hawkBit reports: starts it once hawkBit has
   * made its groups, notes the waves hawkBit started, halts it by its failure rule, opens the
   * next wave's gate, and finishes it. Run as the only writer; answers the record as now.
   */
  async function drive(credentials: HawkbitCredentials, record: KeptRollout): Promise<KeptRollout> {
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

  /** The rollout as the contract shows it, driven on first. */
  async function present(credentials: HawkbitCredentials, record: KeptRollout): Promise<Rollout> {
    const counts = await Promise.all(
      record.waves.map((wave, index) =>
        index < record.started.length
          ? countsOf(credentials, record, index)
          : Promise.resolve({ ...emptyCounts(), planned: wave.sites }),
      ),
    );
    const running = inProgress(record);
    const rules = domainRules(record.rules);
    const waves: RolloutWave[] = await Promise.all(
      record.waves.map(async (wave, index) => {
        const started = index < record.started.length;
        const waveCounts = counts[index] as WaveCounts;
        const ended =
          started &&
          waveCounts.running + waveCounts.waitingForConnection + waveCounts.waitingForDisarm === 0;
        return {
          number: index + 1,
          status: started ? (ended ? 'done' : 'running') : running ? 'planned' : 'released',
          sites: wave.sites,
          firstSites: wave.firstSites,
          startedAt: record.started[index] ?? null,
          counts: waveCounts,
          waiting: waitingWords(record, index, counts, rules),
          failures:
            started && waveCounts.failed > 0 ? await failuresOf(credentials, record, index) : [],
          failureRuleAccepted: record.accepted.includes(index + 1),
          finish: null,
        };
      }),
    );
    const waiting = waves.reduce(
      (sum, wave) => sum + wave.counts.waitingForConnection + wave.counts.waitingForDisarm,
      0,
    );
    return {
      id: record.id,
      deviceType: record.deviceType,
      targetVersion: record.targetVersion,
      status: record.status,
      reason: record.reason,
      startedAt: record.startedAt,
      startedBy: record.startedBy,
      endedAt: record.endedAt,
      sites: record.sites,
      selection: record.selection,
      plan: record.plan,
      rules: record.rules,
      waves,
      leftOut: record.leftOut,
      forecast: running
        ? forecastOf(waiting)
        : { finish: null, waiting: 0, basis: 'The rollout has ended.' },
      moving: running,
    };
  }

  function waitingWords(
    record: KeptRollout,
    wave: number,
    counts: WaveCounts[],
    rules: ReturnType<typeof domainRules>,
  ): string | null {
    if (wave !== record.started.length || !inProgress(record)) return null;
    const label = `Wave ${wave + 1}`;
    if (wave === 0) return `${label} starts as soon as hawkBit has made the rollout's groups.`;
    if (record.status === 'paused') return `${label} starts when the rollout is resumed.`;
    if (record.status === 'halted-by-failures') {
      return `${label} starts when the rollout is resumed, after its failure rule halted it.`;
    }
    const reached = record.reached[wave - 1];
    const gate = nextWaveGate(
      ruleCounts(counts[wave - 1] as WaveCounts, record.waves[wave - 1]?.sites ?? 0),
      rules,
      wave,
      reached ? Date.parse(reached) : null,
      now(),
    );
    return gate.open ? `${label} is starting.` : gate.reason;
  }

  async function failuresOf(credentials: HawkbitCredentials, record: KeptRollout, wave: number) {
    const group = targetReader(client, groupPath(record, wave));
    const failed = (
      await group.page(credentials, FAILED, { sort: 'NAME:ASC', offset: 0, limit: NAMED_PER_WAVE })
    ).content;
    const numbered = await sites.numbersOf(credentials, failed);
    const found = await inTurn(failed, READS_AT_ONCE, async (target: Target) =>
      sites.failureOf((await sites.latestAction(credentials, target))?.status),
    );
    return found.flatMap((failure, index) =>
      failure ? [{ site: numbered[index] ?? 0, ...failure }] : [],
    );
  }

  /** Drives the type's rollout in progress, if any, under the store's lock. */
  async function driveActive(credentials: HawkbitCredentials, deviceType: string) {
    await catchUp();
    const found = active(deviceType);
    if (!found) return;
    await exclusively(async () => {
      const current = kept.get(found.id);
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
      const record = await drive(credentials, find(deviceType, rolloutId));
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

    async list(credentials: HawkbitCredentials, deviceType: string): Promise<RolloutList> {
      sites.currentSet(await catalog(credentials), deviceType);
      await driveActive(credentials, deviceType);
      const records = ofType(deviceType).reverse();
      const items = await Promise.all(
        records.map(async (record) => {
          const counts = inProgress(record)
            ? await Promise.all(
                record.started.map((_, wave) => countsOf(credentials, record, wave)),
              )
            : [];
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
        const { rules } = request;
        const pause = { action: 'PAUSE', expression: '' };
        const threshold = (percent: number) => ({
          condition: 'THRESHOLD',
          expression: String(percent),
        });
        const created = await client.post<HawkbitRollout>('/rest/v1/rollouts', credentials, {
          name: `${deviceType} ${planned.set.version} ${iso(now())}`,
          description: `Staged rollout of Fleet Update Console, started by ${actor.name}.`,
          distributionSetId: planned.set.id,
          targetFilterQuery: planned.eligible,
          groups: planned.waves.map((wave, index) => ({
            name: index === 0 ? 'Wave 1 (pilot)' : `Wave ${index + 1}`,
            ...(wave.filter ? { targetFilterQuery: wave.filter } : {}),
            targetPercentage: 100,
            successCondition: threshold(rules.successPercent),
            successAction: pause,
            ...(rules.failurePercent === null
              ? {}
              : { errorCondition: threshold(rules.failurePercent), errorAction: pause }),
          })),
        });
        const groups = (
          await client.get<Paged<HawkbitGroup>>(
            `/rest/v1/rollouts/${created.id}/deploygroups`,
            credentials,
            {
              sort: 'ID:ASC',
              limit: 500,
            },
          )
        ).content;
        const record: KeptRollout = {
          id: String(created.id),
          deviceType,
          targetVersion: planned.set.version,
          setId: planned.set.id,
          startedAt: iso(now()),
          startedBy: actor.name,
          selection: request.selection,
          plan: request.plan,
          rules,
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
        };
        await save(record);
        sites.forgetStats(credentials);
        return present(credentials, await drive(credentials, record));
      });
    },

    async get(credentials: HawkbitCredentials, deviceType: string, rolloutId: string) {
      sites.currentSet(await catalog(credentials), deviceType);
      await catchUp();
      const found = find(deviceType, rolloutId);
      const record = inProgress(found)
        ? await exclusively(async () => drive(credentials, kept.get(found.id) ?? found))
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
        if (record.status === 'halted') {
          throw new RefusedError(
            409,
            'rollout_ended',
            `Rollout ${record.id} is halted, so its sites cannot be retried. Update them from the site list.`,
          );
        }
        if (wave > record.waves.length) throw waveNotFound(runState(record), wave);
        if (wave > record.started.length) {
          throw new RefusedError(
            409,
            'wave_not_started',
            `Wave ${wave} of rollout ${record.id} has not started, so none of its sites failed.`,
          );
        }
        const group = targetReader(client, groupPath(record, wave - 1));
        const failed = await everyFailed(credentials, group);
        const checked = await inTurn(failed, READS_AT_ONCE, async (target) => ({
          target,
          failure: sites.failureOf((await sites.latestAction(credentials, target))?.status),
        }));
        // A site that failed the compatibility check would fail it again: it is not retried.
        const retryable = checked.filter((each) => each.failure?.code !== 'board-revision');
        if (retryable.length === 0) {
          throw new RefusedError(
            409,
            'nothing_to_retry',
            failed.length === 0
              ? `No site of wave ${wave} has failed, so there is nothing to retry.`
              : `The failed sites of wave ${wave} failed the compatibility check: firmware ${record.targetVersion} does not fit their board revision, so a retry would fail again.`,
          );
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
    async listsOf(deviceType: string, rolloutId: string, wave?: number): Promise<string[]> {
      await catchUp();
      const record = find(deviceType, rolloutId);
      if (wave === undefined) return record.waves.map((_, index) => groupPath(record, index));
      if (wave > record.waves.length) throw waveNotFound(runState(record), wave);
      return [groupPath(record, wave - 1)];
    },

    /** What the activity says of a rollout: its size, and its first sites. */
    async described(deviceType: string, rolloutId: string) {
      await catchUp();
      const record = kept.get(rolloutId);
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

  async function everyFailed(
    credentials: HawkbitCredentials,
    group: ReturnType<typeof targetReader>,
  ): Promise<Target[]> {
    const found: Target[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await group.page(credentials, FAILED, { sort: 'NAME:ASC', offset, limit: 500 });
      found.push(...page.content);
      if (page.content.length < 500 || found.length >= page.total) return found;
    }
  }
}

export type HawkbitRollouts = ReturnType<typeof hawkbitRollouts>;
