import type { WaveCounts } from '../../src/api/rollouts';
import type { RolloutRules, WaveCounts as RuleCounts } from '../../src/domain/rollout-rules';
import type { SiteOutlook } from './sites';
import type { SiteSeed } from './site-seeds';

/** A rollout wave's sites counted by state, in the contract's terms and in the rules'. */

export function emptyCounts(): WaveCounts {
  return {
    planned: 0,
    queued: 0,
    running: 0,
    waitingForConnection: 0,
    waitingForDisarm: 0,
    installed: 0,
    failed: 0,
    cancelled: 0,
  };
}

export function countOf(outlooks: readonly SiteOutlook[]): WaveCounts {
  const counts = emptyCounts();
  for (const { now, held } of outlooks) {
    if (held) counts.held = (counts.held ?? 0) + 1;
    else if (now === 'idle') counts.planned += 1;
    else if (now === 'waiting-for-connection') counts.waitingForConnection += 1;
    else if (now === 'waiting-for-disarm') counts.waitingForDisarm += 1;
    else counts[now] += 1;
  }
  return counts;
}

/** The sites a wave's rules count: not those a hold left out of it. */
export function counted(outlooks: readonly SiteOutlook[]): SiteOutlook[] {
  return outlooks.filter((outlook) => !outlook.held);
}

/** The contract's counts as the wave rules count them (a site not queued counts as queued). */
export function ruleCounts(counts: WaveCounts, sites: number): RuleCounts {
  return {
    sites,
    queued: counts.queued + counts.planned,
    running: counts.running,
    waitingForDisarm: counts.waitingForDisarm,
    waitingForConnection: counts.waitingForConnection,
    installed: counts.installed,
    failed: counts.failed,
  };
}

/** Whether a site will wait for something that does not come by itself. */
export function waits(seed: SiteSeed, outlook: SiteOutlook): boolean {
  if (outlook.now === 'waiting-for-disarm') return true;
  if (!seed.connected) return true;
  return outlook.now === 'idle' && seed.partitions.every((partition) => partition.armed);
}

/**
 * When a wave's sites reached the rules' success share (installed, or waiting for a disarm
 * where the rules count that), looking no later than `until`; null while they have not.
 */
export function successReachedAt(
  outlooks: readonly SiteOutlook[],
  rules: RolloutRules,
  until = Number.POSITIVE_INFINITY,
): number | null {
  const instants = outlooks
    .filter(
      (outlook) =>
        (outlook.end === 'installed' ||
          (rules.waitingForDisarmCounts && outlook.end === 'waiting-for-disarm')) &&
        outlook.endAt <= until,
    )
    .map((outlook) => outlook.endAt)
    .sort((a, b) => a - b);
  const needed = Math.max(1, Math.ceil(rules.successShare * outlooks.length));
  return instants[needed - 1] ?? null;
}
