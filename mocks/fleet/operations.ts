import { z } from 'zod/mini';
import { ActivityKind, ActivityScope } from '../../src/api/activity';
import { CustomerRef } from '../../src/api/customers';
import { DeviceFilter, type ManualUpdateResult } from '../../src/api/devices';
import { Role } from '../../src/api/permissions';
import { DeviceSchedule } from '../../src/api/schedules';
import { ServerSettings } from '../../src/api/servers';
import type { RolloutPlanPreview } from '../../src/api/rollouts';
import { RolloutRules, RolloutSelection, WavePlan } from '../../src/api/rollouts';
import type { HoldSitesResult, ReleaseSitesResult } from '../../src/api/holds';
import type { UpdateAllResult } from '../../src/api/sites';
import type { RecallResult } from '../../src/api/recalls';
import { ApprovalChange, ApprovalRules } from '../../src/api/approvals';

export const STORED_VERSION = 2;

/**
 * An instant the fleet can show (2000–2100): a stored one outside it (an epoch of 1e300 cannot
 * become a date) is discarded like a malformed one.
 */
const Instant = z.number().check(z.minimum(Date.UTC(2000, 0, 1)), z.maximum(Date.UTC(2100, 0, 1)));

/** Who asked for a change (absent in logs written before operators were recorded). */
export const Actor = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  /** The one customer their role was limited to; absent: every customer. */
  customer: z.optional(CustomerRef),
});
export type Actor = z.infer<typeof Actor>;
const actor = z.optional(Actor);

/** A bulk device change made by filter: the filter and its exceptions, besides the ids. */
/** A change started inside a freeze by an administrator: the freeze and their written reason. */
const freezeOverride = z.optional(z.object({ freezeId: z.string(), reason: z.string() }));

const byFilter = z.optional(z.object({ filter: DeviceFilter, except: z.array(z.string()) }));

/**
 * The fleet stores what operators did, as an append-only log of operations, never the fleet
 * itself: the scenario rebuilds the fleet, the log replays the changes, the clock does the rest.
 */
export const Operation = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('schedule'),
    at: Instant,
    actor,
    ids: z.array(z.string()),
    byFilter,
    schedule: DeviceSchedule,
    /** How many devices ignore the schedule (not supported, not onboarded). */
    ignored: z.optional(z.int()),
  }),
  z.object({
    kind: z.literal('site-update'),
    at: Instant,
    actor,
    deviceType: z.string(),
    sites: z.array(z.number()),
    /** "Update all sites" only: its idempotency key and answer. */
    requestId: z.nullable(z.string()),
    /** The request the key was first used for (see `claimKey`); absent in older logs. */
    request: z.optional(z.string()),
    result: z.nullable(z.custom<UpdateAllResult>()),
    /** "Update all sites" made by an approval (the actor asked for it). */
    approval: z.optional(z.object({ id: z.string(), by: Actor, comment: z.nullable(z.string()) })),
    freezeOverride,
  }),
  /** Sites held on their version until `until`, with a reason (a hold replaces an earlier one). */
  z.object({
    kind: z.literal('site-hold'),
    at: Instant,
    actor,
    deviceType: z.string(),
    sites: z.array(z.number()),
    until: Instant,
    reason: z.string(),
    requestId: z.string(),
    request: z.string(),
    result: z.custom<HoldSitesResult>(),
  }),
  /** The holds of sites ended before their time. */
  z.object({
    kind: z.literal('site-release'),
    at: Instant,
    actor,
    deviceType: z.string(),
    sites: z.array(z.number()),
    requestId: z.string(),
    request: z.string(),
    result: z.custom<ReleaseSitesResult>(),
  }),
  /** The type's current version recalled: `replacedBy` is current from now on. */
  z.object({
    kind: z.literal('version-recall'),
    at: Instant,
    actor,
    deviceType: z.string(),
    version: z.string(),
    replacedBy: z.string(),
    reason: z.string(),
    requestId: z.string(),
    request: z.string(),
    result: z.custom<RecallResult>(),
  }),
  z.object({
    kind: z.literal('site-cancel'),
    at: Instant,
    actor,
    site: z.number(),
    deviceType: z.optional(z.string()),
  }),
  z.object({
    kind: z.literal('server-target'),
    at: Instant,
    actor,
    serverId: z.string(),
    modules: z.array(z.object({ name: z.string(), version: z.nullable(z.string()) })),
  }),
  z.object({
    kind: z.literal('server-settings'),
    at: Instant,
    actor,
    serverId: z.string(),
    settings: ServerSettings,
  }),
  z.object({
    kind: z.literal('server-upgrade'),
    at: Instant,
    actor,
    serverId: z.string(),
    requestId: z.string(),
    request: z.optional(z.string()),
  }),
  z.object({
    kind: z.literal('server-cancelled'),
    at: Instant,
    serverId: z.string(),
    message: z.string(),
  }),
  z.object({
    kind: z.literal('manual-update'),
    at: Instant,
    actor,
    ids: z.array(z.string()),
    byFilter,
    requestId: z.string(),
    request: z.optional(z.string()),
    result: z.custom<ManualUpdateResult>(),
    freezeOverride,
  }),
  /** A staged rollout began: its sites fixed, cut into waves; the pilot wave is queued now. */
  z.object({
    kind: z.literal('rollout-start'),
    at: Instant,
    actor,
    deviceType: z.string(),
    rolloutId: z.string(),
    requestId: z.string(),
    request: z.string(),
    selection: RolloutSelection,
    plan: WavePlan,
    rules: RolloutRules,
    waves: z.array(z.array(z.number())),
    leftOut: z.custom<RolloutPlanPreview['leftOut']>(),
    /** Started by an approval: the request, who approved it and why (the actor asked for it). */
    approval: z.optional(z.object({ id: z.string(), by: Actor, comment: z.nullable(z.string()) })),
    /** Started inside a freeze: its waves are not held by that freeze. */
    freezeOverride,
    /** The halted rollout it rolls back: each site goes back to `targets[site]`. */
    rollbackOf: z.optional(z.string()),
    targets: z.optional(z.record(z.string(), z.string())),
  }),
  z.object({
    kind: z.literal('rollout-step'),
    at: Instant,
    actor,
    deviceType: z.string(),
    rolloutId: z.string(),
    step: z.enum(['pause', 'resume', 'halt']),
  }),
  /** An operator started the next wave without waiting for its rule. */
  z.object({
    kind: z.literal('rollout-advance'),
    at: Instant,
    actor,
    deviceType: z.string(),
    rolloutId: z.string(),
    wave: z.int(),
  }),
  /** A wave's failed sites queued again (the sites as they were then). */
  z.object({
    kind: z.literal('rollout-retry'),
    at: Instant,
    actor,
    deviceType: z.string(),
    rolloutId: z.string(),
    wave: z.int(),
    sites: z.array(z.number()),
    requestId: z.string(),
    request: z.string(),
  }),
  /** The approval rules of the fleet (`deviceType` null) or of a type (`rules` null: the fleet's). */
  z.object({
    kind: z.literal('approval-rules'),
    at: Instant,
    actor,
    deviceType: z.nullable(z.string()),
    rules: z.nullable(ApprovalRules),
  }),
  /** A change asked for, waiting for another person's approval until `expiresAt`. */
  z.object({
    kind: z.literal('approval-ask'),
    at: Instant,
    actor,
    approvalId: z.string(),
    deviceType: z.string(),
    change: ApprovalChange,
    note: z.nullable(z.string()),
    /** How many sites it changed when asked. */
    sites: z.int(),
    why: z.string(),
    expiresAt: Instant,
    requestId: z.string(),
    request: z.string(),
  }),
  /** A request approved (its change made just before, as the one who asked), denied or withdrawn. */
  z.object({
    kind: z.literal('approval-decide'),
    at: Instant,
    actor,
    approvalId: z.string(),
    deviceType: z.string(),
    decision: z.enum(['approve', 'deny', 'withdraw']),
    comment: z.nullable(z.string()),
    rolloutId: z.nullable(z.string()),
    /** For an approval: how many sites the change queued. */
    sites: z.optional(z.int()),
  }),
  /** A change freeze added: its days in its zone, and the instants they make. */
  z.object({
    kind: z.literal('freeze-add'),
    at: Instant,
    actor,
    freezeId: z.string(),
    name: z.string(),
    deviceType: z.nullable(z.string()),
    firstDay: z.string(),
    lastDay: z.string(),
    timeZone: z.string(),
    startsAt: Instant,
    endsAt: Instant,
    requestId: z.string(),
    request: z.string(),
  }),
  /** A change freeze ended before its last day (an upcoming one cancelled). */
  z.object({
    kind: z.literal('freeze-end'),
    at: Instant,
    actor,
    freezeId: z.string(),
    deviceType: z.nullable(z.string()),
    requestId: z.string(),
    request: z.string(),
  }),
  /** Notifications an operator has read (the ids as they were). */
  z.object({
    kind: z.literal('notifications-read'),
    at: Instant,
    actor,
    ids: z.array(z.string()),
  }),
  /**
   * A sign-in (or its refusal) or a sign-out, at the console's server; or an API token
   * created or revoked there, or a webhook added or removed.
   */
  z.object({
    kind: z.literal('session'),
    at: Instant,
    actor: Actor,
    step: z.enum([
      'signed-in',
      'refused',
      'signed-out',
      'token-created',
      'token-revoked',
      'webhook-added',
      'webhook-removed',
    ]),
    /** For a refusal: why, in the operator's words. */
    code: z.optional(z.string()),
    message: z.optional(z.string()),
    /** For a token or a webhook: which one ("API token “Nightly report”"), and what was done, in words. */
    subject: z.optional(z.string()),
    detail: z.optional(z.string()),
  }),
  /** A change the fleet refused: it changed nothing, and the activity records it. */
  z.object({
    kind: z.literal('refused'),
    at: Instant,
    actor,
    change: ActivityKind,
    summary: z.string(),
    scope: ActivityScope,
    code: z.string(),
    message: z.string(),
  }),
]);
export type Operation = z.infer<typeof Operation>;

export const StoredChanges = z.object({
  version: z.literal(STORED_VERSION),
  scenario: z.string(),
  epoch: Instant,
  operations: z.array(Operation),
});
export type StoredChanges = z.infer<typeof StoredChanges>;
