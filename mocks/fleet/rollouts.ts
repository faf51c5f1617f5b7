import {
  type Rollout,
  type RolloutLeftOutReason,
  type RolloutList,
  type RolloutPlanPreview,
  type RolloutPlanRequest,
  type RolloutSummary,
  type RolloutWave,
  type WaveCounts,
} from '../../src/api/rollouts';
import { nextWaveGate, planWaves } from '../../src/domain/rollout-rules';
import type { Scope } from './customers';
import { RefusedError } from './refusal';
import {
  nothingToRetry,
  refuseRetry,
  refuseRollback,
  statusWords,
  waveNotFound,
} from './rollout-refusals';
import {
  countOf,
  counted,
  emptyCounts,
  ruleCounts,
  successReachedAt,
  waits,
} from './rollout-counts';
import { thawed, type FreezeSpan } from '../../src/domain/freezes';
import { frozenWords } from '../../src/domain/format-freeze';
import { forecastRollout, type SiteWork, type WaveWork } from './rollout-forecast';
import type { Operation } from './operations';
import { RolloutRun, type RolloutStart } from './rollout-run';
import { totalParts } from './site-lifecycle';
import { queueable } from './site-list';
import type { SiteOutlook, SiteBook } from './sites';
import type { DeviceTypeSeed, SiteSeed } from './site-seeds';

const MAX_LISTED = 100;

/** "5.36", or "5.32, 5.36" where a rollback's sites go back to different versions. */
function versionsOf(versions: readonly string[]): string {
  return [...new Set(versions)].sort().join(', ');
}

type RolloutOperation = Extract<Operation, { kind: `rollout-${string}` }>;

/** The customer a rollout was planned for: its starter's scope (undefined: every customer). */
export function rolloutCustomer(run: RolloutRun): string | undefined {
  return run.start.actor?.customer?.id;
}

/** Whether a scope sees the rollout: its own customer's, or any for every customer. */
function visible(run: RolloutRun, scope: Scope): boolean {
  return scope === undefined || rolloutCustomer(run) === scope;
}

/** A rollout across every customer, in progress, seen from one customer: named by no id. */
function acrossCustomers(type: DeviceTypeSeed, what: string): RefusedError {
  return new RefusedError(
    409,
    'rollout_in_progress',
    `A rollout of ${type.name} across every customer is in progress and includes your sites. Ask the administrator who runs it to halt it, or let it finish, before ${what}.`,
  );
}

/**
 * The staged rollouts of every device type, from the operation log: the rollouts' starts and
 * operators' steps, each run by the clock (see rollout-run.ts) over the sites book.
 */
export class RolloutBook {
  private readonly runs: RolloutRun[] = [];

  constructor(
    private readonly sites: SiteBook,
    /** The change freezes binding a device type. */
    private readonly freezes: (deviceType: string) => readonly FreezeSpan[] = () => [],
  ) {}

  get count(): number {
    return this.runs.length;
  }

  /** Runs every rollout in progress up to `now` (before anything reads or changes sites). */
  advance(now: number): void {
    for (const run of this.runs) if (run.inProgress) run.advance(now);
  }

  /** An operator changed a site of the type outside its rollout. */
  touched(deviceType: string, at: number): void {
    for (const run of this.runs) {
      if (run.start.deviceType === deviceType && run.inProgress) run.touched(at);
    }
  }

  /** Replays or applies a rollout operation of the log. */
  apply(operation: RolloutOperation): void {
    if (operation.kind === 'rollout-start') {
      this.begin(operation);
      return;
    }
    const run = this.find(operation.deviceType, operation.rolloutId);
    if (!run) return;
    if (operation.kind === 'rollout-step') {
      run.step(operation.step, operation.at, operation.actor?.name ?? 'an operator');
    } else if (operation.kind === 'rollout-advance') {
      run.startNext(operation.at);
    } else {
      run.retry(operation.sites, operation.at);
    }
  }

  /** The type's rollouts in progress that install `version`. */
  installing(deviceType: string, version: string): RolloutRun[] {
    return this.runs.filter(
      (run) =>
        run.start.deviceType === deviceType && run.inProgress && this.targetOf(run) === version,
    );
  }

  /** `version` was recalled at `at`: the rollouts installing it halt (their ids). */
  recalled(deviceType: string, version: string, at: number, by: string): string[] {
    this.advance(at);
    const runs = this.installing(deviceType, version);
    for (const run of runs) run.step('halt', at, `the recall of ${version} by ${by}`);
    return runs.map((run) => run.id);
  }

  /** The version a rollout installs: the type's current one when it started. */
  targetOf(run: RolloutRun): string {
    const targets = run.start.targets;
    if (targets) return versionsOf(Object.values(targets));
    return this.sites.currentOf(this.sites.typeNamed(run.start.deviceType), run.start.at);
  }

  /** The rollout that rolls `run` back, if one was started. */
  rollbackOf(run: RolloutRun): RolloutRun | undefined {
    return this.runs.find(
      (other) =>
        other.start.deviceType === run.start.deviceType && other.start.rollbackOf === run.id,
    );
  }

  /**
   * The way back from a halted rollout at `now`: the sites it installed that still run its
   * version, each to the version it had before, in waves by the rollout's own plan.
   */
  rollbackPlan(
    type: DeviceTypeSeed,
    run: RolloutRun,
    now: number,
  ): {
    waves: number[][];
    leftOut: RolloutPlanPreview['leftOut'];
    targets: Record<string, string>;
  } {
    refuseRollback(run, this.rollbackOf(run)?.id);
    const version = this.targetOf(run);
    // Each site it installed, with when its wave started (its version before is read there).
    const installed = run.started.flatMap((startedAt, wave) =>
      run.outlooks(wave, now).flatMap((outlook, index) => {
        const seed = (run.waves[wave] as SiteSeed[])[index] as SiteSeed;
        return outlook.now === 'installed' ? [{ seed, startedAt }] : [];
      }),
    );
    // Still on what the rollout gave it (a rollback's own target, where it was one).
    const back = installed.filter(
      ({ seed }) =>
        this.sites.at(seed, now).site.version === (run.targetFor(seed.number) ?? version),
    );
    // The sites are on the version it gave them: only an update under way or a hold keeps one.
    const eligible: number[] = [];
    const before = new Map<number, string>();
    const left = new Map<RolloutLeftOutReason, number[]>();
    for (const { seed, startedAt } of back) {
      const { site } = this.sites.at(seed, now);
      const reason = site.update ? 'already-updating' : site.hold ? 'held' : null;
      if (reason) left.set(reason, [...(left.get(reason) ?? []), site.number]);
      else {
        eligible.push(site.number);
        // Just before its wave queued it: an instant earlier than the wave's start.
        before.set(site.number, this.sites.at(seed, startedAt - 1).site.version);
      }
    }
    const leftOut = [...left].map(([reason, sites]) => ({
      reason,
      count: sites.length,
      sites: sites.slice(0, MAX_LISTED),
    }));
    if (eligible.length === 0) {
      throw new RefusedError(
        422,
        'nothing_to_roll_back',
        `No site of rollout ${run.id} runs ${version} from it now (none installed it, or each has moved on or is held): there is nothing to roll back.`,
      );
    }
    eligible.sort((a, b) => a - b);
    const targets: Record<string, string> = {};
    for (const number of eligible) targets[String(number)] = before.get(number) as string;
    const { pilot, waves: steps } = run.start.plan;
    const waves = planWaves(eligible, {
      pilot: { count: pilot.kind === 'sites' ? pilot.sites.length : pilot.count },
      steps: steps.map((step) =>
        step.kind === 'percent' ? { share: step.percent / 100 } : { count: step.count },
      ),
    });
    return { waves, leftOut, targets };
  }

  /** What rolling back the halted rollout now would do. */
  rollbackPreview(type: DeviceTypeSeed, run: RolloutRun, now: number): RolloutPlanPreview {
    const { waves, leftOut, targets } = this.rollbackPlan(type, run, now);
    return this.previewOf(type, waves, leftOut, run.start.rules, now, targets);
  }

  begin(start: RolloutStart): RolloutRun {
    const run = new RolloutRun(start, this.sites, () => this.freezes(start.deviceType));
    this.runs.push(run);
    return run;
  }

  /** Every rollout a scope sees, oldest first. */
  visibleRuns(scope: Scope): readonly RolloutRun[] {
    return this.runs.filter((run) => visible(run, scope));
  }

  /** A rollout's sites, in wave order (none for a rollout the book does not know). */
  sitesOf(deviceType: string, rolloutId: string): readonly number[] {
    return this.find(deviceType, rolloutId)?.start.waves.flat() ?? [];
  }

  private find(deviceType: string, rolloutId: string): RolloutRun | undefined {
    return this.runs.find((run) => run.start.deviceType === deviceType && run.id === rolloutId);
  }

  /** The sites of a rollout, or of one of its waves, for the site list (404 for neither). */
  sitesIn(
    type: DeviceTypeSeed,
    rolloutId: string,
    wave?: number,
    scope?: Scope,
  ): ReadonlySet<number> {
    const run = this.run(type, rolloutId, scope);
    if (wave === undefined) return new Set(run.start.waves.flat());
    const sites = run.start.waves[wave - 1];
    if (!sites) {
      throw waveNotFound(run, wave);
    }
    return new Set(sites);
  }

  /**
   * The type's rollout in progress that shares sites with the scope: one of the scope's
   * customer, or one across every customer (and, for every customer, any).
   */
  active(deviceType: string, scope?: Scope): RolloutRun | undefined {
    return this.runs.find(
      (run) =>
        run.start.deviceType === deviceType &&
        run.inProgress &&
        (scope === undefined || rolloutCustomer(run) === undefined || visible(run, scope)),
    );
  }

  /** The rollout, or 404: also for one of another customer, or across every customer, seen from a scope. */
  run(type: DeviceTypeSeed, rolloutId: string, scope?: Scope): RolloutRun {
    const run = this.find(type.name, rolloutId);
    if (!run || !visible(run, scope)) {
      throw new RefusedError(
        404,
        'rollout_not_found',
        `There is no rollout ${rolloutId} of ${type.name}. Open the list of its rollouts on the ${type.name} page.`,
      );
    }
    return run;
  }

  /** Who may not start a rollout now: another one of the type is still in progress. */
  refuseStart(type: DeviceTypeSeed, scope?: Scope): void {
    const running = this.active(type.name, scope);
    if (running && !visible(running, scope)) throw acrossCustomers(type, 'starting another');
    if (running) {
      throw new RefusedError(
        409,
        'rollout_in_progress',
        `Rollout ${running.id} of ${type.name} is ${statusWords(running)}. Halt it, or let it finish, before starting another.`,
      );
    }
  }

  /** "Update all sites" would queue the later waves of a rollout in progress at once: refused. */
  refuseUpdateAll(type: DeviceTypeSeed, scope?: Scope): void {
    const running = this.active(type.name, scope);
    if (running && !visible(running, scope)) throw acrossCustomers(type, 'updating all sites');
    if (running) {
      throw new RefusedError(
        409,
        'rollout_in_progress',
        `Rollout ${running.id} of ${type.name} is ${statusWords(running)}: it queues its sites wave by wave. Halt it, or let it finish, before updating all sites.`,
      );
    }
  }

  /** The rollout's sites and waves, from its request, at `now`. */
  plan(
    type: DeviceTypeSeed,
    request: RolloutPlanRequest,
    now: number,
    scope?: Scope,
  ): { waves: number[][]; leftOut: RolloutPlanPreview['leftOut'] } {
    const { selection, plan } = request;
    const { numbers: eligible, leftOut } = queueable<RolloutLeftOutReason>(
      this.sites.matching(type, selection, now, undefined, scope).matching,
      new Set(selection.exclude),
    );
    if (eligible.length === 0) {
      throw new RefusedError(
        422,
        'no_sites',
        `No ${type.name} site of this selection can be queued: each is on ${this.sites.currentOf(type, now)} already, updating, excluded or without an IP channel. Widen the search or filter.`,
      );
    }
    eligible.sort((a, b) => a - b);
    if (plan.pilot.kind === 'sites') {
      const chosen = new Set(eligible);
      const missing = plan.pilot.sites.filter((site) => !chosen.has(site));
      if (missing.length > 0) {
        throw new RefusedError(
          422,
          'pilot_not_selected',
          `Pilot ${missing.length === 1 ? 'site' : 'sites'} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not among the sites this rollout can queue. Choose pilot sites from the selection.`,
        );
      }
    }
    const waves = planWaves(eligible, {
      pilot:
        plan.pilot.kind === 'sites' ? { sites: plan.pilot.sites } : { count: plan.pilot.count },
      steps: plan.waves.map((step) =>
        step.kind === 'percent' ? { share: step.percent / 100 } : { count: step.count },
      ),
    });
    return { waves, leftOut };
  }

  /** What starting the rollout now would do. */
  preview(
    type: DeviceTypeSeed,
    request: RolloutPlanRequest,
    now: number,
    scope?: Scope,
  ): RolloutPlanPreview {
    const { waves, leftOut } = this.plan(type, request, now, scope);
    return this.previewOf(type, waves, leftOut, request.rules, now);
  }

  private previewOf(
    type: DeviceTypeSeed,
    waves: number[][],
    leftOut: RolloutPlanPreview['leftOut'],
    rules: RolloutPlanRequest['rules'],
    now: number,
    targets?: Readonly<Record<string, string>>,
  ): RolloutPlanPreview {
    const work = waves.map((wave) => ({
      started: false,
      sites: wave.map((number) =>
        this.work(type, number, now, undefined, targets?.[String(number)]),
      ),
    }));
    const spans = this.freezes(type.name);
    const { waves: ranges, forecast } = forecastRollout(
      work,
      rules.soakMinutes * 60_000,
      this.sites.observedTimings(type, now),
      now,
      (at) => thawed(spans, at),
    );
    return {
      deviceType: type.name,
      targetVersion: targets ? versionsOf(Object.values(targets)) : this.sites.currentOf(type, now),
      sites: waves.flat().length,
      waves: waves.map((wave, index) => ({
        number: index + 1,
        sites: wave.length,
        firstSites: wave.slice(0, MAX_LISTED),
        finish: ranges[index] ?? null,
      })),
      leftOut,
      forecast,
    };
  }

  private work(
    type: DeviceTypeSeed,
    number: number,
    now: number,
    given?: SiteOutlook,
    target?: string,
  ): SiteWork {
    const seed = this.sites.seed(number) as SiteSeed;
    const outlook = given ?? this.sites.outlook(seed, now, target);
    return {
      channel: seed.channel,
      now: outlook.now,
      parts: outlook.parts,
      totalParts: totalParts(type),
      waits: waits(seed, outlook),
    };
  }

  /** The failed sites of a wave to queue again, or why not. */
  retrySites(run: RolloutRun, wave: number, now: number): number[] {
    refuseRetry(run, wave);
    const seeds = run.waves[wave - 1] as SiteSeed[];
    // A site that failed the compatibility check would fail it again: it is not retried.
    const failed = run
      .outlooks(wave - 1, now)
      .flatMap((outlook, index) => (outlook.now === 'failed' ? [seeds[index] as SiteSeed] : []));
    const retryable = failed
      .filter((seed) => this.sites.at(seed, now).site.lastFailure?.code !== 'board-revision')
      .map((seed) => seed.number);
    if (retryable.length === 0) {
      throw nothingToRetry(wave, failed.length, this.targetOf(run));
    }
    return retryable;
  }

  summary(run: RolloutRun, now: number): RolloutSummary {
    let installed = 0;
    let failed = 0;
    for (const wave of run.started.keys()) {
      for (const outlook of run.outlooks(wave, now)) {
        if (outlook.now === 'installed') installed += 1;
        else if (outlook.now === 'failed') failed += 1;
      }
    }
    return {
      id: run.id,
      status: run.status,
      startedAt: new Date(run.start.at).toISOString(),
      startedBy: run.start.actor?.name ?? null,
      endedAt: run.endedAt === null ? null : new Date(run.endedAt).toISOString(),
      sites: run.waves.flat().length,
      waves: run.waves.length,
      wavesStarted: run.started.length,
      installed,
      failed,
    };
  }

  /** The type's rollouts, newest first: the scope's own only, where a role is limited to a customer. */
  list(type: DeviceTypeSeed, now: number, scope?: Scope): RolloutList {
    const runs = this.runs
      .filter((run) => run.start.deviceType === type.name && visible(run, scope))
      .reverse();
    const active = this.active(type.name, scope);
    return {
      items: runs.map((run) => this.summary(run, now)),
      active: active && visible(active, scope) ? active.id : null,
    };
  }

  /** The rollout as the API shows it at `now`. */
  present(type: DeviceTypeSeed, run: RolloutRun, now: number): Rollout {
    const outlooks = run.waves.map((_, wave) =>
      wave < run.started.length ? run.outlooks(wave, now) : null,
    );
    const counts = outlooks.map((list, wave) =>
      list ? countOf(list) : { ...emptyCounts(), planned: (run.waves[wave] as SiteSeed[]).length },
    );
    const work: WaveWork[] = run.waves.map((seeds, wave) => ({
      started: wave < run.started.length,
      sites: seeds.map((seed, index) =>
        this.work(type, seed.number, now, outlooks[wave]?.[index], run.targetFor(seed.number)),
      ),
    }));
    const ranges = run.inProgress
      ? forecastRollout(work, run.rules.soakMs, this.sites.observedTimings(type, now), now, (at) =>
          run.thaw(at),
        )
      : null;
    const waves: RolloutWave[] = run.waves.map((seeds, wave) => {
      const started = wave < run.started.length;
      const waveCounts = counts[wave] as WaveCounts;
      const ended =
        started && waveCounts.installed + waveCounts.failed + waveCounts.cancelled === seeds.length;
      return {
        number: wave + 1,
        status: started ? (ended ? 'done' : 'running') : run.inProgress ? 'planned' : 'released',
        sites: seeds.length,
        firstSites: seeds.slice(0, MAX_LISTED).map((seed) => seed.number),
        startedAt: started ? new Date(run.started[wave] as number).toISOString() : null,
        counts: waveCounts,
        waiting: this.waitingWords(run, wave, counts, now),
        failures: this.failures(seeds, outlooks[wave] ?? [], now),
        failureRuleAccepted: run.accepted.has(wave),
        finish: ended ? null : (ranges?.waves[wave] ?? null),
      };
    });
    const moving = run.inProgress;
    return {
      id: run.id,
      deviceType: type.name,
      targetVersion: this.targetOf(run),
      status: run.status,
      reason: run.reason,
      startedAt: new Date(run.start.at).toISOString(),
      startedBy: run.start.actor?.name ?? null,
      endedAt: run.endedAt === null ? null : new Date(run.endedAt).toISOString(),
      sites: run.waves.flat().length,
      selection: run.start.selection,
      plan: run.start.plan,
      rules: run.start.rules,
      waves,
      leftOut: run.start.leftOut,
      forecast: ranges?.forecast ?? { finish: null, waiting: 0, basis: 'The rollout has ended.' },
      moving,
      approval: run.start.approval
        ? { id: run.start.approval.id, approvedBy: run.start.approval.by.name }
        : null,
      rollbackOf: run.start.rollbackOf ?? null,
      rolledBackBy: this.rollbackOf(run)?.id ?? null,
    };
  }

  /** Why the first planned wave has not started, in words; null for the others. */
  private waitingWords(
    run: RolloutRun,
    wave: number,
    counts: WaveCounts[],
    now: number,
  ): string | null {
    if (wave !== run.started.length || !run.inProgress) return null;
    const label = `Wave ${wave + 1}`;
    if (run.status === 'paused') return `${label} starts when the rollout is resumed.`;
    if (run.status === 'halted-by-failures') {
      return `${label} starts when the rollout is resumed, after its failure rule halted it.`;
    }
    const before = counts[wave - 1] as WaveCounts;
    // Sites a hold left out of the wave are not counted for or against it.
    const outlooks = counted(run.outlooks(wave - 1, now));
    const size = outlooks.length;
    const reached = successReachedAt(outlooks, run.rules, now);
    const gate = nextWaveGate(ruleCounts(before, size), run.rules, wave, reached, now);
    const frozen = run.frozenAt(now);
    if (frozen) {
      const words = `${frozenWords(run.start.deviceType, frozen)}: no wave starts until then.`;
      return gate.open ? `${label} waits: ${words}` : `${gate.reason} ${words}`;
    }
    return gate.open ? `${label} is starting.` : gate.reason;
  }

  private failures(seeds: readonly SiteSeed[], outlooks: readonly SiteOutlook[], now: number) {
    const failures: RolloutWave['failures'] = [];
    for (const [index, outlook] of outlooks.entries()) {
      if (outlook.now !== 'failed' || failures.length >= MAX_LISTED) continue;
      const failure = this.sites.at(seeds[index] as SiteSeed, now).site.lastFailure;
      if (failure) failures.push({ site: (seeds[index] as SiteSeed).number, ...failure });
    }
    return failures;
  }
}
