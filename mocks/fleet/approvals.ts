import {
  NO_APPROVAL_RULES,
  type Approval,
  type ApprovalChange,
  type ApprovalList,
  type ApprovalRules,
  type ApprovalRulesList,
  type ApprovalStatus,
  type AskApprovalRequest,
  type SetApprovalRulesRequest,
} from '../../src/api/approvals';
import type { RolloutPlanPreview } from '../../src/api/rollouts';
import type { UpdateAllPlan } from '../../src/api/sites';
import type { Scope } from './customers';
import type { Actor, Operation } from './operations';
import { RefusedError } from './refusal';
import type { DeviceTypeSeed } from './site-seeds';

type AskOperation = Extract<Operation, { kind: 'approval-ask' }>;
type DecideOperation = Extract<Operation, { kind: 'approval-decide' }>;
type ApprovalOperation = Extract<Operation, { kind: `approval-${string}` }>;

const LISTED = 200;

/** The words of a change: "Staged rollout of Nord GSM to 5.40". */
export function changeTitle(change: ApprovalChange, type: DeviceTypeSeed, version: string): string {
  return change.kind === 'rollout'
    ? `Staged rollout of ${type.name} to ${version}`
    : `Update of all ${type.name} sites to ${version}`;
}

function whose(own: boolean, type: string): string {
  return own ? `${type}’s own rules` : 'the fleet’s rules';
}

/**
 * Why a change of `sites` sites needs approval under the type's rules, in words; null when it
 * needs none.
 */
export function approvalNeeded(
  rules: ApprovalRules,
  own: boolean,
  type: string,
  kind: ApprovalChange['kind'],
  sites: number,
): string | null {
  const by = whose(own, type);
  if (kind === 'rollout' && rules.rollouts) {
    return `Rollouts of ${type} need a second person’s approval (${by}).`;
  }
  if (kind === 'update-all' && rules.updateAll) {
    return `“Update all sites” of ${type} needs a second person’s approval (${by}).`;
  }
  if (rules.aboveSites !== null && sites > rules.aboveSites) {
    return `Changes of more than ${rules.aboveSites} ${type} sites need a second person’s approval (${by}): this one changes ${sites}.`;
  }
  return null;
}

interface Request {
  ask: AskOperation;
  decision: DecideOperation | null;
}

/** What the approval desk needs of the fleet. */
export interface ApprovalHost {
  now(): number;
  typeNamed(name: string): DeviceTypeSeed;
  /** The version the type's sites should run at `at` (see recalls). */
  currentVersion(type: DeviceTypeSeed, at: number): string;
  typeNames(): readonly string[];
  record(operation: Operation): void;
  claimKey(requestId: string, request: string, what: string): Operation | undefined;
  canonical(value: unknown): string;
  scope(): Scope;
  /** Who is asking now. */
  actor(): Actor;
  /** What the change would do now, for the scope it was asked in (throws its refusals). */
  rolloutPreview(
    type: string,
    change: Extract<ApprovalChange, { kind: 'rollout' }>,
    scope: Scope,
  ): RolloutPlanPreview;
  updateAllPlan(type: string, scope: Scope): UpdateAllPlan;
  /** Refuses what the change itself would refuse now (a rollout in progress). */
  refuseChange(type: string, kind: ApprovalChange['kind'], scope: Scope): void;
  /** Makes the approved change as the one who asked: the rollout's id, and the sites it changes. */
  carryOut(ask: AskOperation, approvalId: string): { rolloutId: string | null; sites: number };
}

/**
 * Approvals in the built-in fleet: the rules (the fleet's, each type's own) and the requests,
 * from the operation log. A request waits until another person approves (the change is made
 * then, as the one who asked), denies or it expires; the one who asked may withdraw it.
 */
export class ApprovalBook {
  private fleetRules: ApprovalRules = NO_APPROVAL_RULES;
  private readonly typeRules = new Map<string, ApprovalRules>();
  private readonly requests: Request[] = [];

  apply(operation: ApprovalOperation): void {
    if (operation.kind === 'approval-rules') {
      if (operation.deviceType === null) {
        if (operation.rules) this.fleetRules = operation.rules;
      } else if (operation.rules) {
        this.typeRules.set(operation.deviceType, operation.rules);
      } else {
        this.typeRules.delete(operation.deviceType);
      }
    } else if (operation.kind === 'approval-ask') {
      this.requests.push({ ask: operation, decision: null });
    } else {
      const request = this.requests.find(({ ask }) => ask.approvalId === operation.approvalId);
      if (request && !request.decision) request.decision = operation;
    }
  }

  get count(): number {
    return this.requests.length;
  }

  /** The rules a type's changes follow, and whether they are its own. */
  rulesOf(type: string): { rules: ApprovalRules; own: boolean } {
    const own = this.typeRules.get(type);
    return own ? { rules: own, own: true } : { rules: this.fleetRules, own: false };
  }

  rulesList(types: readonly string[]): ApprovalRulesList {
    return {
      fleet: this.fleetRules,
      deviceTypes: types.map((deviceType) => ({
        deviceType,
        rules: this.typeRules.get(deviceType) ?? null,
      })),
    };
  }

  /** Why a change needs approval now (null: it does not). */
  needed(type: string, kind: ApprovalChange['kind'], sites: number): string | null {
    const { rules, own } = this.rulesOf(type);
    return approvalNeeded(rules, own, type, kind, sites);
  }

  status(request: Request, now: number): { status: ApprovalStatus; at: number | null } {
    const decision = request.decision;
    if (decision) {
      const status =
        decision.decision === 'approve'
          ? 'approved'
          : decision.decision === 'deny'
            ? 'denied'
            : 'withdrawn';
      return { status, at: decision.at };
    }
    if (now >= request.ask.expiresAt) return { status: 'expired', at: request.ask.expiresAt };
    return { status: 'waiting', at: null };
  }

  /** The requests the scope sees: its own customer's people's, or every one. */
  visible(scope: Scope): Request[] {
    return this.requests.filter(
      ({ ask }) => scope === undefined || ask.actor?.customer?.id === scope,
    );
  }

  find(approvalId: string, scope: Scope): Request {
    const request = this.visible(scope).find(({ ask }) => ask.approvalId === approvalId);
    if (!request) {
      throw new RefusedError(
        404,
        'approval_not_found',
        `There is no approval request ${approvalId}. It may belong to another customer; open Approvals for the requests you can see.`,
      );
    }
    return request;
  }

  /** A request of the type still waiting for the same kind of change. */
  waitingFor(
    type: string,
    kind: ApprovalChange['kind'],
    now: number,
    scope: Scope,
  ): Request | undefined {
    return this.visible(scope).find(
      (request) =>
        request.ask.deviceType === type &&
        request.ask.change.kind === kind &&
        this.status(request, now).status === 'waiting',
    );
  }
}

function person(actor: Actor | undefined) {
  return actor ? { id: actor.id, name: actor.name } : { id: 'unknown', name: 'Unknown operator' };
}

const ENDED_WORDS: Record<Exclude<ApprovalStatus, 'waiting'>, string> = {
  approved: 'was approved',
  denied: 'was denied',
  expired: 'expired',
  withdrawn: 'was withdrawn',
};

/** The approval endpoints of the built-in fleet, each change an operation of the log. */
export class ApprovalDesk {
  constructor(
    private readonly host: ApprovalHost,
    private readonly book: ApprovalBook,
  ) {}

  rules(): ApprovalRulesList {
    return this.book.rulesList(this.host.typeNames());
  }

  setRules(asked: SetApprovalRulesRequest): ApprovalRulesList {
    if (asked.deviceType === null && asked.rules === null) {
      throw new RefusedError(
        400,
        'validation_failed',
        'The fleet’s approval rules cannot be removed: set what needs approval instead (none of the boxes checked: nothing does).',
      );
    }
    if (asked.deviceType !== null) this.host.typeNamed(asked.deviceType);
    this.host.record({
      kind: 'approval-rules',
      at: this.host.now(),
      deviceType: asked.deviceType,
      rules: asked.rules,
    });
    return this.rules();
  }

  private present(request: Request, now: number, plans = true): Approval {
    const { ask, decision } = request;
    const { status, at } = this.book.status(request, now);
    const type = this.host.typeNamed(ask.deviceType);
    const scope = ask.actor?.customer?.id;
    const change = ask.change;
    let preview: RolloutPlanPreview | null = null;
    let updateAll: UpdateAllPlan | null = null;
    if (status === 'waiting' && plans) {
      try {
        if (change.kind === 'rollout') preview = this.host.rolloutPreview(type.name, change, scope);
        else updateAll = this.host.updateAllPlan(type.name, scope);
      } catch (error) {
        // A selection that no longer holds a site: the request says so when it is decided.
        if (!(error instanceof RefusedError)) throw error;
      }
    }
    return {
      id: ask.approvalId,
      deviceType: ask.deviceType,
      change,
      title: changeTitle(change, type, this.host.currentVersion(type, decision?.at ?? now)),
      sites: decision?.sites ?? ask.sites,
      why: ask.why,
      status,
      requestedBy: person(ask.actor),
      requestedAt: new Date(ask.at).toISOString(),
      note: ask.note ?? null,
      expiresAt: new Date(ask.expiresAt).toISOString(),
      decidedBy: decision ? person(decision.actor) : null,
      decidedAt: at === null ? null : new Date(at).toISOString(),
      comment: decision?.comment ?? null,
      rolloutId: decision?.rolloutId ?? null,
      preview,
      updateAll,
    };
  }

  list(query: { status?: ApprovalStatus; deviceType?: string }): ApprovalList {
    const now = this.host.now();
    const scope = this.host.scope();
    const all = this.book
      .visible(scope)
      .filter(({ ask }) => query.deviceType === undefined || ask.deviceType === query.deviceType)
      .reverse();
    const waiting = all.filter((request) => this.book.status(request, now).status === 'waiting');
    const decided = all.filter((request) => this.book.status(request, now).status !== 'waiting');
    const items = [...waiting, ...decided]
      .map((request) => this.present(request, now))
      .filter((approval) => query.status === undefined || approval.status === query.status)
      .slice(0, LISTED);
    return { items, waiting: waiting.length };
  }

  /** Every request the caller sees, without what each would do (for notifications). */
  summaries(): Approval[] {
    const now = this.host.now();
    return this.book.visible(this.host.scope()).map((request) => this.present(request, now, false));
  }

  get(approvalId: string): Approval {
    return this.present(this.book.find(approvalId, this.host.scope()), this.host.now());
  }

  /** Asks for a change to be approved, once per `requestId`. */
  ask(asked: AskApprovalRequest): Approval {
    const { requestId, ...rest } = asked;
    const request = `approval-ask ${this.host.canonical(rest)}`;
    const earlier = this.host.claimKey(requestId, request, 'this request for approval');
    if (earlier?.kind === 'approval-ask') return this.get(earlier.approvalId);
    const at = this.host.now();
    const scope = this.host.scope();
    const type = this.host.typeNamed(asked.deviceType);
    const change = asked.change;
    this.host.refuseChange(type.name, change.kind, scope);
    const waiting = this.book.waitingFor(type.name, change.kind, at, scope);
    if (waiting) {
      throw new RefusedError(
        409,
        'approval_waiting',
        `${changeTitle(change, type, this.host.currentVersion(type, this.host.now()))} already waits for approval (request ${waiting.ask.approvalId}, asked by ${person(waiting.ask.actor).name}). Withdraw it, or wait for its decision, before asking again.`,
      );
    }
    const sites =
      change.kind === 'rollout'
        ? this.host.rolloutPreview(type.name, change, scope).sites
        : this.host.updateAllPlan(type.name, scope).toQueue;
    if (sites === 0 && change.kind === 'update-all') {
      throw new RefusedError(
        422,
        'no_sites',
        `No ${type.name} site can be queued now: every site is on ${this.host.currentVersion(type, this.host.now())}, updating, held or without an IP channel. There is nothing to approve.`,
      );
    }
    const why =
      this.book.needed(type.name, change.kind, sites) ??
      'Asked for a second look: the rules do not require approval for this change.';
    const { rules } = this.book.rulesOf(type.name);
    const approvalId = String(this.book.count + 1);
    this.host.record({
      kind: 'approval-ask',
      at,
      approvalId,
      deviceType: type.name,
      change,
      note: asked.note === undefined || asked.note === '' ? null : asked.note,
      sites,
      why,
      expiresAt: at + rules.standsHours * 60 * 60_000,
      requestId,
      request,
    });
    return this.get(approvalId);
  }

  private waitingRequest(approvalId: string, now: number): Request {
    const request = this.book.find(approvalId, this.host.scope());
    const { status, at } = this.book.status(request, now);
    if (status !== 'waiting') {
      const when =
        at === null ? '' : ` on ${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
      throw new RefusedError(
        409,
        'approval_ended',
        `Request ${approvalId} ${ENDED_WORDS[status]}${when}: it no longer waits for a decision. Ask again if the change is still wanted.`,
      );
    }
    return request;
  }

  private refuseOwn(request: Request, what: string): void {
    if (request.ask.actor?.id === this.host.actor().id) {
      throw new RefusedError(
        403,
        'own_request',
        `You asked for this change, so another person must ${what} it: that is what an approval is for. Withdraw it if it is no longer wanted.`,
      );
    }
  }

  /** Approves a waiting request: the change is made now, as the one who asked. */
  approve(approvalId: string, comment: string | undefined): Approval {
    const at = this.host.now();
    const request = this.waitingRequest(approvalId, at);
    this.refuseOwn(request, 'approve');
    const { ask } = request;
    const { rolloutId, sites } = this.host.carryOut(ask, approvalId);
    this.host.record({
      kind: 'approval-decide',
      at,
      approvalId,
      decision: 'approve',
      comment: comment === undefined || comment === '' ? null : comment,
      rolloutId,
      sites,
      deviceType: ask.deviceType,
    });
    return this.get(approvalId);
  }

  deny(approvalId: string, comment: string): Approval {
    const at = this.host.now();
    const request = this.waitingRequest(approvalId, at);
    this.refuseOwn(request, 'deny');
    this.host.record({
      kind: 'approval-decide',
      at,
      approvalId,
      decision: 'deny',
      comment,
      rolloutId: null,
      deviceType: request.ask.deviceType,
    });
    return this.get(approvalId);
  }

  withdraw(approvalId: string): Approval {
    const at = this.host.now();
    const request = this.waitingRequest(approvalId, at);
    if (request.ask.actor?.id !== this.host.actor().id) {
      throw new RefusedError(
        403,
        'not_own_request',
        `Only ${person(request.ask.actor).name}, who asked for it, can withdraw request ${approvalId}. Deny it instead, saying why.`,
      );
    }
    this.host.record({
      kind: 'approval-decide',
      at,
      approvalId,
      decision: 'withdraw',
      comment: null,
      rolloutId: null,
      deviceType: request.ask.deviceType,
    });
    return this.get(approvalId);
  }
}
