/**
 * A staged rollout on hawkBit as the contract shows it (rollouts.ts): each started wave's
 * sites counted by count queries over its hawkBit group (kept for seconds), its first
 * failures with their reasons, and why the next wave waits, in the console's words.
 */
import {
  domainRules,
  type Rollout,
  type RolloutWave,
  type WaveCounts,
} from '../../../src/api/rollouts';
import { nextWaveGate } from '../../../src/domain/rollout-rules';
import { emptyCounts, ruleCounts } from '../../../mocks/fleet/rollout-counts';
import type { Paged } from './catalog';
import type { HawkbitClient, HawkbitCredentials } from './client';
import { groupPath, inProgress, type KeptRollout } from './rollout-book';
import { NAMED_PER_WAVE } from './rollout-planning';
import { all, compare } from './rsql';
import { FAILED } from './site-reading';
import type { SitesParts } from './sites';
import { inTurn, targetReader, type Target } from './targets';

/** How long a rollout's counts are kept: less than the page's poll, more than a burst of reads. */
const COUNTS_MS = 2_000;
/** An ended rollout's counts change little (a site past its download installs): kept longer. */
const ENDED_COUNTS_MS = 60_000;
const READS_AT_ONCE = 8;

export interface ViewOptions {
  client: HawkbitClient;
  sites: SitesParts;
  now: () => number;
  forecastOf: (waiting: number) => Rollout['forecast'];
}

export function rolloutView({ client, sites, now, forecastOf }: ViewOptions) {
  /** A started wave's sites by state, from count queries over its group (kept for seconds). */
  const countsKept = new Map<string, { at: number; counts: Promise<WaveCounts> }>();
  function countsOf(credentials: HawkbitCredentials, record: KeptRollout, wave: number) {
    const key = `${credentials.username}\n${credentials.customer ?? '*'}\n${record.id}\n${wave}`;
    const found = countsKept.get(key);
    if (found && now() - found.at < (inProgress(record) ? COUNTS_MS : ENDED_COUNTS_MS)) {
      return found.counts;
    }
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

  return { countsOf, forgetCounts, present };
}
