import { domainRules, type RolloutStatus } from '../../src/api/rollouts';
import { failureVerdict, type RolloutRules, type WaveCounts } from '../../src/domain/rollout-rules';
import { freezeAt, thawed, type FreezeSpan } from '../../src/domain/freezes';
import type { Operation } from './operations';
import { counted, successReachedAt } from './rollout-counts';
import type { SiteOutlook, SiteBook } from './sites';
import type { SiteSeed } from './site-seeds';

export type RolloutStart = Extract<Operation, { kind: 'rollout-start' }>;

/** What happens next by itself: a wave starts, the failure rule halts, or the last site ends. */
interface RunEvent {
  at: number;
  kind: 'gate' | 'failure' | 'finish';
  /** The wave (0-based) it concerns. */
  wave: number;
  reason: string;
}

const FINAL: readonly SiteOutlook['end'][] = ['installed', 'failed', 'cancelled', 'idle'];

function onlyFinished(installed: number, failed: number, sites: number): WaveCounts {
  return {
    sites,
    queued: 0,
    running: 0,
    waitingForDisarm: 0,
    waitingForConnection: 0,
    installed,
    failed,
  };
}

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/**
 * One rollout run by the clock. Its waves start, and it halts or finishes, at instants worked
 * out from its sites' outlooks (site-lifecycle.ts knows each update's whole future), so the
 * run moves from event to event: each wave's start is fed to the sites book as the operation
 * "update these sites", a halt as cancellations. Operators' steps are events too.
 */
export class RolloutRun {
  status: RolloutStatus = 'running';
  reason: string | null = null;
  endedAt: number | null = null;
  /** When its failure rule last halted it (kept after a resume: a notification's instant). */
  haltedAt: number | null = null;
  /** When each started wave started, by wave index. */
  readonly started: number[] = [];
  /** Waves whose failures an operator accepted by resuming: their rule no longer applies. */
  readonly accepted = new Set<number>();
  readonly rules: RolloutRules;
  readonly waves: SiteSeed[][];
  private haltedWave: number | null = null;
  /** Events up to here are done. */
  private t: number;
  /** The next event (null: none comes by itself; undefined: to be worked out again). */
  private pending: RunEvent | null | undefined;

  constructor(
    readonly start: RolloutStart,
    private readonly sites: SiteBook,
    private readonly binding: () => readonly FreezeSpan[] = () => [],
  ) {
    this.rules = domainRules(start.rules);
    this.waves = start.waves.map((wave) => wave.map((number) => sites.seed(number) as SiteSeed));
    this.t = start.at;
    this.startWave(start.at);
  }

  /** The change freezes its waves wait for (none when it was started inside one, overriding it). */
  freezes(): readonly FreezeSpan[] {
    return this.start.freezeOverride ? [] : this.binding();
  }

  /** The freeze a wave starting at `at` waits for, if any. */
  frozenAt(at: number): FreezeSpan | null {
    return freezeAt(this.freezes(), at);
  }

  /** The first instant from `at` at which a wave may start (outside every freeze). */
  thaw(at: number): number {
    return thawed(this.freezes(), at);
  }

  get id(): string {
    return this.start.rolloutId;
  }

  /** Not yet halted by an operator or finished: the type's one rollout in progress. */
  get inProgress(): boolean {
    return this.status !== 'halted' && this.status !== 'finished';
  }

  outlooks(wave: number, at: number): SiteOutlook[] {
    return (this.waves[wave] as SiteSeed[]).map((seed) =>
      this.sites.outlook(seed, at, this.targetFor(seed.number)),
    );
  }

  /** The version a site of this rollout goes to, where it is a rollback (else the current). */
  targetFor(site: number): string | undefined {
    return this.start.targets?.[String(site)];
  }

  /** The site-update operation of some of its sites at `at`. */
  private queue(at: number, sites: number[]) {
    const targets = this.start.targets;
    return { kind: 'site-update' as const, at, sites, ...(targets ? { targets } : {}) };
  }

  private startWave(at: number): void {
    const index = this.started.length;
    this.started.push(at);
    this.sites.record(this.queue(at, this.start.waves[index] as number[]));
  }

  /** Something changed one of the rollout's sites at `at`: the next event is worked out anew. */
  touched(at: number): void {
    this.t = Math.max(this.t, at);
    this.pending = undefined;
  }

  /** Runs every event up to `now`. */
  advance(now: number): void {
    for (;;) {
      if (this.pending === undefined) this.pending = this.nextEvent();
      const event = this.pending;
      if (!event || event.at > now) return;
      this.t = event.at;
      this.pending = undefined;
      if (event.kind === 'gate') {
        this.startWave(event.at);
      } else if (event.kind === 'failure') {
        this.status = 'halted-by-failures';
        this.haltedAt = event.at;
        this.haltedWave = event.wave;
        this.reason = event.reason;
      } else {
        this.status = 'finished';
        this.endedAt = event.at;
        this.reason = event.reason;
      }
    }
  }

  private nextEvent(): RunEvent | null {
    if (!this.inProgress) return null;
    const t = this.t;
    const outlooks = this.started.map((_, wave) => this.outlooks(wave, t));
    const candidates: RunEvent[] = [];
    for (const [wave, list] of outlooks.entries()) {
      if (this.status === 'halted-by-failures' || this.accepted.has(wave)) continue;
      const failure = this.failureAt(wave, list, t);
      if (failure) candidates.push(failure);
    }
    if (this.status === 'running') {
      const gate = this.gateAt(outlooks, t);
      if (gate) candidates.push(gate);
      const finish = this.finishAt(outlooks, t);
      if (finish) candidates.push(finish);
    }
    const order = { failure: 0, gate: 1, finish: 2 };
    candidates.sort((a, b) => a.at - b.at || order[a.kind] - order[b.kind]);
    return candidates[0] ?? null;
  }

  /** The first instant from `t` at which the wave's finished sites break the failure rule. */
  private failureAt(wave: number, outlooks: SiteOutlook[], t: number): RunEvent | null {
    const list = counted(outlooks);
    const ends = list
      .filter((outlook) => outlook.end === 'installed' || outlook.end === 'failed')
      .sort((a, b) => a.endAt - b.endAt);
    let installed = 0;
    let failed = 0;
    for (const [index, outlook] of ends.entries()) {
      if (outlook.end === 'installed') installed += 1;
      else failed += 1;
      const next = ends[index + 1];
      // Judge once every end at this instant is counted, and not before `t`.
      if (next && next.endAt <= Math.max(t, outlook.endAt)) continue;
      const verdict = failureVerdict(
        onlyFinished(installed, failed, list.length),
        this.rules,
        wave + 1,
      );
      if (verdict.halt) {
        return { at: Math.max(t, outlook.endAt), kind: 'failure', wave, reason: verdict.reason };
      }
    }
    return null;
  }

  /** When the next wave starts: the success share of the last started one, then the soak. */
  private gateAt(outlooks: SiteOutlook[][], t: number): RunEvent | null {
    const last = this.started.length - 1;
    if (last + 1 >= this.waves.length) return null;
    const list = counted(outlooks[last] as SiteOutlook[]);
    // A wave whose every site was held has nothing to wait for.
    const reached =
      list.length === 0 ? (this.started[last] as number) : successReachedAt(list, this.rules);
    if (reached === null) return null;
    return {
      // No wave starts inside a change freeze: it starts when the freeze ends.
      at: this.thaw(Math.max(t, reached + this.rules.soakMs)),
      kind: 'gate',
      wave: last + 1,
      reason: '',
    };
  }

  /** When every site of every wave has ended: installed, failed or cancelled. */
  private finishAt(outlooks: SiteOutlook[][], t: number): RunEvent | null {
    if (this.started.length < this.waves.length) return null;
    let at = t;
    let installed = 0;
    let failed = 0;
    let cancelled = 0;
    let held = 0;
    for (const outlook of outlooks.flat()) {
      if (!FINAL.includes(outlook.end)) return null;
      if (outlook.held) held += 1;
      else if (outlook.end === 'installed') installed += 1;
      else if (outlook.end === 'failed') failed += 1;
      else cancelled += 1;
      if (Number.isFinite(outlook.endAt)) at = Math.max(at, outlook.endAt);
    }
    const parts = [`${plural(installed, 'site')} installed`];
    if (failed > 0) parts.push(`${failed.toLocaleString('en-US')} failed`);
    if (cancelled > 0) parts.push(`${cancelled.toLocaleString('en-US')} cancelled or not queued`);
    if (held > 0) parts.push(`${held.toLocaleString('en-US')} held on their version`);
    return {
      at,
      kind: 'finish',
      wave: this.waves.length - 1,
      reason: `Every wave has run: ${parts.join(', ')}.`,
    };
  }

  /** An operator's pause, resume or halt at `at` (the book has checked it is allowed). */
  step(step: 'pause' | 'resume' | 'halt', at: number, by: string): void {
    this.advance(at);
    this.touched(at);
    if (step === 'pause') {
      this.status = 'paused';
      this.reason = `Paused by ${by}: the started waves go on, no wave starts until it is resumed.`;
    } else if (step === 'resume') {
      if (this.status === 'halted-by-failures' && this.haltedWave !== null) {
        this.accepted.add(this.haltedWave);
      }
      this.status = 'running';
      this.reason = null;
    } else {
      this.halt(at, by);
    }
  }

  private halt(at: number, by: string): void {
    let cancelled = 0;
    let installing = 0;
    for (const wave of this.started.keys()) {
      for (const [index, outlook] of this.outlooks(wave, at).entries()) {
        if (outlook.cancellable) {
          cancelled += 1;
          const seed = (this.waves[wave] as SiteSeed[])[index] as SiteSeed;
          this.sites.record({ kind: 'site-cancel', at, site: seed.number });
        } else if (outlook.now === 'running' || outlook.now === 'waiting-for-disarm') {
          installing += 1;
        }
      }
    }
    const released = this.waves.slice(this.started.length).flat().length;
    const words = [`${plural(cancelled, 'update')} not yet downloaded cancelled`];
    if (installing > 0) words.push(`${plural(installing, 'site')} past the download will install`);
    if (released > 0) words.push(`${plural(released, 'site')} of later waves released`);
    this.status = 'halted';
    this.endedAt = at;
    this.reason = `Halted by ${by}: ${words.join('; ')}.`;
  }

  /** An operator started the next wave at `at`, without waiting for its rule. */
  startNext(at: number): void {
    this.advance(at);
    this.touched(at);
    if (this.started.length < this.waves.length) this.startWave(at);
  }

  /** An operator queued a wave's failed sites again at `at`. */
  retry(sites: readonly number[], at: number): void {
    this.advance(at);
    this.touched(at);
    this.sites.record(this.queue(at, [...sites]));
    if (this.status === 'finished') {
      this.status = 'running';
      this.endedAt = null;
      this.reason = null;
    }
  }
}
