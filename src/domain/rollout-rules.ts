/**
 * The rules of a staged rollout, shared by the built-in fleet (which runs rollouts) and the
 * console (which explains them): how sites are split into waves, what a wave's sites have
 * come to, when the next wave may start, and when a wave halts the rollout. Pure functions
 * of their inputs, so every rule is tested on its own.
 */

/** Where one site of a wave stands. Waiting sites are neither successes nor failures. */
export type SiteOutcome =
  'queued' | 'running' | 'waiting-for-disarm' | 'waiting-for-connection' | 'installed' | 'failed';

/** How the waves are cut: a pilot wave (named sites or a count), then the rest in steps. */
export interface WavePlan {
  /** Site numbers of the pilot wave, or how many sites it takes from the front. */
  pilot: { sites: readonly number[] } | { count: number };
  /** Each later wave: a share of all the rollout's sites (0–1) or a count; the last takes the rest. */
  steps: readonly ({ share: number } | { count: number })[];
}

export interface RolloutRules {
  /** The share of a wave (0–1) that must have installed before the next wave starts. */
  successShare: number;
  /** How long to wait once that share is reached, in ms. */
  soakMs: number;
  /** Halt when more than this share of a wave's finished sites failed (null: no share limit). */
  failureShare: number | null;
  /** Halt when this many sites of a wave failed (null: no count limit). */
  failureCount: number | null;
  /** Failure limits apply once this many of the wave's sites have finished. */
  minFinished: number;
  /** Whether sites waiting for a disarmed partition count as installed for the next wave. */
  waitingForDisarmCounts: boolean;
}

export interface WaveCounts {
  sites: number;
  queued: number;
  running: number;
  waitingForDisarm: number;
  waitingForConnection: number;
  installed: number;
  failed: number;
}

/** Splits the rollout's sites (in their order) into waves by the plan. */
export function planWaves(sites: readonly number[], plan: WavePlan): number[][] {
  const remaining = [...sites];
  const waves: number[][] = [];
  const take = (count: number) => {
    const wave = remaining.splice(0, Math.max(0, Math.min(count, remaining.length)));
    if (wave.length > 0) waves.push(wave);
  };
  if ('sites' in plan.pilot) {
    const named = new Set(plan.pilot.sites);
    const pilot = remaining.filter((site) => named.has(site));
    if (pilot.length > 0) waves.push(pilot);
    for (const site of pilot) remaining.splice(remaining.indexOf(site), 1);
  } else {
    take(plan.pilot.count);
  }
  for (const step of plan.steps) {
    if (remaining.length === 0) break;
    take('share' in step ? Math.ceil(step.share * sites.length) : step.count);
  }
  take(remaining.length);
  return waves;
}

export function countOutcomes(outcomes: readonly SiteOutcome[]): WaveCounts {
  const counts: WaveCounts = {
    sites: outcomes.length,
    queued: 0,
    running: 0,
    waitingForDisarm: 0,
    waitingForConnection: 0,
    installed: 0,
    failed: 0,
  };
  for (const outcome of outcomes) {
    if (outcome === 'queued') counts.queued += 1;
    else if (outcome === 'running') counts.running += 1;
    else if (outcome === 'waiting-for-disarm') counts.waitingForDisarm += 1;
    else if (outcome === 'waiting-for-connection') counts.waitingForConnection += 1;
    else if (outcome === 'installed') counts.installed += 1;
    else counts.failed += 1;
  }
  return counts;
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

/**
 * Whether a wave's failures halt the rollout, and why in words. Finished sites are those that
 * installed or failed; waiting sites are not finished and never count as failures.
 */
export function failureVerdict(
  counts: WaveCounts,
  rules: RolloutRules,
  wave: number,
): { halt: false } | { halt: true; reason: string } {
  const finished = counts.installed + counts.failed;
  if (counts.failed === 0 || finished < rules.minFinished) return { halt: false };
  if (rules.failureCount !== null && counts.failed >= rules.failureCount) {
    return {
      halt: true,
      reason: `Wave ${wave} halted the rollout: ${counts.failed} of its sites failed (the limit is ${rules.failureCount}).`,
    };
  }
  const share = counts.failed / finished;
  if (rules.failureShare !== null && share > rules.failureShare) {
    return {
      halt: true,
      reason: `Wave ${wave} halted the rollout: ${counts.failed} of ${finished} finished sites failed (${percent(share)}, more than ${percent(rules.failureShare)}).`,
    };
  }
  return { halt: false };
}

/** The sites of a wave that count as installed for the next wave's start. */
export function countedInstalled(counts: WaveCounts, rules: RolloutRules): number {
  return counts.installed + (rules.waitingForDisarmCounts ? counts.waitingForDisarm : 0);
}

/**
 * When the wave after `wave` may start: once the success share of `wave` has installed
 * (`reachedAt`, or null while it has not), plus the soak. Says why it waits, in words:
 * "Wave 2 starts when 95 % of wave 1 has installed: 18 of 20 so far; 2 wait for a disarmed
 * partition."
 */
export function nextWaveGate(
  counts: WaveCounts,
  rules: RolloutRules,
  wave: number,
  reachedAt: number | null,
  now: number,
): { open: true } | { open: false; opensAt: number | null; reason: string } {
  const needed = Math.ceil(rules.successShare * counts.sites);
  const installed = countedInstalled(counts, rules);
  if (installed < needed || reachedAt === null) {
    const waiting: string[] = [];
    if (!rules.waitingForDisarmCounts && counts.waitingForDisarm > 0) {
      waiting.push(`${counts.waitingForDisarm} wait for a disarmed partition`);
    }
    if (counts.waitingForConnection > 0) {
      waiting.push(`${counts.waitingForConnection} wait for a connection`);
    }
    return {
      open: false,
      opensAt: null,
      reason: `Wave ${wave + 1} starts when ${percent(rules.successShare)} of wave ${wave} has installed: ${installed} of ${counts.sites} so far${
        waiting.length > 0 ? `; ${waiting.join('; ')}` : ''
      }.`,
    };
  }
  const opensAt = reachedAt + rules.soakMs;
  if (now < opensAt) {
    const minutes = Math.round(rules.soakMs / 60_000);
    return {
      open: false,
      opensAt,
      reason: `Wave ${wave + 1} starts after a ${minutes} min soak: ${installed} of ${counts.sites} sites of wave ${wave} have installed.`,
    };
  }
  return { open: true };
}
