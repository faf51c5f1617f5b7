import type {
  Rollout,
  RolloutList,
  RolloutPlanPreview,
  RolloutPlanRequest,
  RolloutStartRequest,
  RollbackRequest,
} from '../../src/api/rollouts';
import type { FreezeOverride } from '../../src/api/freezes';
import type { Scope } from './customers';
import type { Actor, Operation } from './operations';
import { RefusedError } from './refusal';
import { refuseStartWave, refuseStep } from './rollout-refusals';
import type { RolloutBook } from './rollouts';
import type { DeviceTypeSeed } from './site-seeds';

/** What the rollout endpoints need of the fleet. */
export interface RolloutHost {
  /** The clock, with every rollout run up to it. */
  now(): number;
  typeNamed(name: string): DeviceTypeSeed;
  /** Logs and applies an operator's operation (as `as`, when another person asked for it). */
  record(operation: Operation, as?: Actor): void;
  /** The operation an idempotency key already did (see Fleet.claimKey). */
  claimKey(requestId: string, request: string, what: string): Operation | undefined;
  canonical(value: unknown): string;
  /** The customer the caller's role is limited to (undefined: every customer). */
  scope(): Scope;
  /** Why a rollout of this many sites of the type needs approval (null: it does not). */
  approvalNeeded(deviceType: string, sites: number): string | null;
  /**
   * Refuses a change of the type inside a change freeze (409 `frozen`), unless an
   * administrator overrides it with a reason: the override to record.
   */
  freezeCheck(
    deviceType: string,
    at: number,
    override: FreezeOverride | undefined,
  ): { freezeId: string; reason: string } | undefined;
  /** The freeze binding the type at `at`, in words (null: none). */
  frozen(deviceType: string, at: number): string | null;
}

/** A rollout started by an approval: as the one who asked, in their scope. */
export interface ApprovedStart {
  approval: NonNullable<Extract<Operation, { kind: 'rollout-start' }>['approval']>;
  asked: Actor | undefined;
}

/**
 * The staged-rollout endpoints of the built-in fleet: each change is an operation of the log
 * (start, pause, resume, halt, retry), checked against the rollout's state first.
 */
export class RolloutDesk {
  constructor(
    private readonly host: RolloutHost,
    private readonly book: RolloutBook,
  ) {}

  list(deviceType: string): RolloutList {
    const now = this.host.now();
    return this.book.list(this.host.typeNamed(deviceType), now, this.host.scope());
  }

  preview(
    deviceType: string,
    request: RolloutPlanRequest,
    scope: Scope = this.host.scope(),
  ): RolloutPlanPreview {
    const now = this.host.now();
    const preview = this.book.preview(this.host.typeNamed(deviceType), request, now, scope);
    const approval = this.host.approvalNeeded(deviceType, preview.sites);
    const frozen = this.host.frozen(deviceType, now);
    return { ...preview, ...(approval ? { approval } : {}), ...(frozen ? { frozen } : {}) };
  }

  get(deviceType: string, rolloutId: string): Rollout {
    const now = this.host.now();
    const type = this.host.typeNamed(deviceType);
    return this.book.present(type, this.book.run(type, rolloutId, this.host.scope()), now);
  }

  /** Starts a rollout once per `requestId`: a repeated request gets the rollout it started. */
  start(deviceType: string, { requestId, freezeOverride, ...plan }: RolloutStartRequest): Rollout {
    const request = `rollout-start ${this.host.canonical({ deviceType, ...plan })}`;
    const earlier = this.host.claimKey(requestId, request, `the rollout of ${deviceType}`);
    if (earlier?.kind === 'rollout-start') return this.get(deviceType, earlier.rolloutId);
    return this.get(
      deviceType,
      this.begin(deviceType, plan, requestId, request, undefined, freezeOverride),
    );
  }

  /** Starts the rollout an approval asked for, as the one who asked: its id. */
  startApproved(deviceType: string, plan: RolloutPlanRequest, approved: ApprovedStart): string {
    const requestId = `approval-${approved.approval.id}`;
    return this.begin(deviceType, plan, requestId, `rollout-start ${requestId}`, approved);
  }

  private begin(
    deviceType: string,
    plan: RolloutPlanRequest,
    requestId: string,
    request: string,
    approved?: ApprovedStart,
    override?: FreezeOverride,
  ): string {
    const at = this.host.now();
    const type = this.host.typeNamed(deviceType);
    const scope = approved ? approved.asked?.customer?.id : this.host.scope();
    this.book.refuseStart(type, scope);
    const overridden = this.host.freezeCheck(deviceType, at, override);
    const { waves, leftOut } = this.book.plan(type, plan, at, scope);
    const needed = approved ? null : this.host.approvalNeeded(deviceType, waves.flat().length);
    if (needed) {
      throw new RefusedError(
        409,
        'approval_required',
        `${needed} Ask for approval: the rollout starts once another person approves it.`,
      );
    }
    const rolloutId = String(this.book.count + 1);
    this.host.record(
      {
        kind: 'rollout-start',
        at,
        deviceType,
        rolloutId,
        requestId,
        request,
        ...plan,
        waves,
        leftOut,
        ...(approved ? { approval: approved.approval } : {}),
        ...(overridden ? { freezeOverride: overridden } : {}),
      },
      approved?.asked,
    );
    return rolloutId;
  }

  /** What rolling back the halted rollout would do now. */
  rollbackPreview(deviceType: string, rolloutId: string): RolloutPlanPreview {
    const now = this.host.now();
    const type = this.host.typeNamed(deviceType);
    const run = this.book.run(type, rolloutId, this.host.scope());
    const preview = this.book.rollbackPreview(type, run, now);
    const frozen = this.host.frozen(deviceType, now);
    return { ...preview, ...(frozen ? { frozen } : {}) };
  }

  /**
   * Starts the way back from a halted rollout once per `requestId`: a new rollout of the sites
   * it installed, each to the version it had, by the halted rollout's plan and rules. It does
   * not wait for approval: it undoes a change.
   */
  rollback(deviceType: string, rolloutId: string, asked: RollbackRequest): Rollout {
    const request = `rollout-rollback ${this.host.canonical({ deviceType, rolloutId })}`;
    const earlier = this.host.claimKey(
      asked.requestId,
      request,
      `the rollback of rollout ${rolloutId}`,
    );
    if (earlier?.kind === 'rollout-start') return this.get(deviceType, earlier.rolloutId);
    const at = this.host.now();
    const type = this.host.typeNamed(deviceType);
    const scope = this.host.scope();
    const halted = this.book.run(type, rolloutId, scope);
    this.book.refuseStart(type, scope);
    const { waves, leftOut, targets } = this.book.rollbackPlan(type, halted, at);
    const overridden = this.host.freezeCheck(deviceType, at, asked.freezeOverride);
    const id = String(this.book.count + 1);
    this.host.record({
      kind: 'rollout-start',
      at,
      deviceType,
      rolloutId: id,
      requestId: asked.requestId,
      request,
      selection: { exclude: [] },
      plan: halted.start.plan,
      rules: halted.start.rules,
      waves,
      leftOut,
      rollbackOf: halted.id,
      targets,
      ...(overridden ? { freezeOverride: overridden } : {}),
    });
    return this.get(deviceType, id);
  }

  /** Pauses, resumes or halts; the same step again changes nothing and answers the same. */
  step(deviceType: string, rolloutId: string, step: 'pause' | 'resume' | 'halt'): Rollout {
    const at = this.host.now();
    const type = this.host.typeNamed(deviceType);
    const run = this.book.run(type, rolloutId, this.host.scope());
    if (!refuseStep(run, step)) {
      this.host.record({ kind: 'rollout-step', at, deviceType, rolloutId, step });
    }
    return this.get(deviceType, rolloutId);
  }

  /** Starts the next wave now; a wave that has started is left as it is. */
  startWave(deviceType: string, rolloutId: string, wave: number): Rollout {
    const at = this.host.now();
    const run = this.book.run(this.host.typeNamed(deviceType), rolloutId, this.host.scope());
    if (refuseStartWave(run, wave)) {
      this.host.record({ kind: 'rollout-advance', at, deviceType, rolloutId, wave });
    }
    return this.get(deviceType, rolloutId);
  }

  /** Queues a wave's failed sites again, once per `requestId`. */
  retry(deviceType: string, rolloutId: string, wave: number, requestId: string): Rollout {
    const request = `rollout-retry ${this.host.canonical({ deviceType, rolloutId, wave })}`;
    const earlier = this.host.claimKey(requestId, request, `the retry of wave ${wave}`);
    if (earlier?.kind === 'rollout-retry') return this.get(deviceType, rolloutId);
    const at = this.host.now();
    const type = this.host.typeNamed(deviceType);
    const run = this.book.run(type, rolloutId, this.host.scope());
    const sites = this.book.retrySites(run, wave, at);
    this.host.record({
      kind: 'rollout-retry',
      at,
      deviceType,
      rolloutId,
      wave,
      sites,
      requestId,
      request,
    });
    return this.get(deviceType, rolloutId);
  }
}
