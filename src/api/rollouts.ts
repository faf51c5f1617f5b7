import { z } from 'zod/mini';
import { defineEndpoint } from './endpoint';
import { named, RequestId } from './registry';
import { freezeOverrideField } from './freeze-override';
import { FailureCode } from './sites';
import {
  FinishRange,
  instant,
  LeftOutList,
  MAX_LISTED,
  RolloutForecast,
  RolloutPlanPreview,
  RolloutPlanRequest,
  RolloutRules,
  RolloutSelection,
  RolloutStartRequest,
  WavePlan,
} from './rollout-plan';

export * from './rollout-plan';

/**
 * Staged rollouts of a device type's site software: the sites, cut into waves (a pilot, then
 * shares or counts), started one after the other by rules, halted by failures or by an
 * operator. One rollout per type runs at a time.
 */

/**
 * `running`; `paused` by an operator (started waves go on, no wave starts); `halted-by-failures`
 * (a wave broke the failure rule: started waves go on, no wave starts until resumed);
 * `halted` by an operator (final: later waves released, updates not past their download
 * cancelled); `finished` (every wave started, every site installed, failed or cancelled).
 */
export const RolloutStatus = z.enum([
  'running',
  'paused',
  'halted-by-failures',
  'halted',
  'finished',
]);
export type RolloutStatus = z.infer<typeof RolloutStatus>;

export const ROLLOUT_STATUS_LABELS: Record<RolloutStatus, string> = {
  running: 'Running',
  paused: 'Paused',
  'halted-by-failures': 'Halted by its failure rule',
  halted: 'Halted',
  finished: 'Finished',
};

/** `planned` (not started), `running`, `done` (every site finished), `released` (never started: halted). */
export const WaveStatus = z.enum(['planned', 'running', 'done', 'released']);
export type WaveStatus = z.infer<typeof WaveStatus>;

export const WaveCounts = z.object({
  planned: z
    .int()
    .check(z.minimum(0), z.core.describe('Not queued yet (the wave has not started).')),
  queued: z.int().check(z.minimum(0)),
  running: z
    .int()
    .check(z.minimum(0), z.core.describe('Downloading, checking, ready or rebooting.')),
  waitingForConnection: z.int().check(z.minimum(0)),
  waitingForDisarm: z.int().check(z.minimum(0)),
  installed: z.int().check(z.minimum(0)),
  failed: z.int().check(z.minimum(0)),
  cancelled: z.int().check(z.minimum(0)),
  held: z.optional(
    z
      .int()
      .check(
        z.minimum(0),
        z.core.describe(
          'Left out of the wave because they were held on their version when it started; not counted for or against its rules. Absent: none.',
        ),
      ),
  ),
});
export type WaveCounts = z.infer<typeof WaveCounts>;

export const RolloutWave = z.object({
  number: z.int().check(z.minimum(1), z.core.describe('1 is the pilot.')),
  status: WaveStatus,
  sites: z.int().check(z.minimum(1)),
  firstSites: z.array(z.int()).check(z.maxLength(MAX_LISTED)),
  startedAt: z.nullable(instant),
  counts: WaveCounts,
  waiting: z
    .nullable(z.string())
    .check(
      z.core.describe(
        'Why this wave has not started yet, in words: "Wave 2 starts when 95 % of wave 1 has installed: 18 of 20 so far; 2 wait for a disarmed partition."',
      ),
    ),
  failures: z
    .array(z.object({ site: z.int(), at: instant, code: FailureCode, reason: z.string() }))
    .check(z.maxLength(MAX_LISTED), z.core.describe('Its failed sites (the first 100).')),
  failureRuleAccepted: z
    .boolean()
    .check(z.core.describe('Resumed after it broke the failure rule: the rule no longer applies.')),
  finish: z
    .nullable(FinishRange)
    .check(z.core.describe('When it is expected to finish; null once it has, or when halted.')),
});
export type RolloutWave = z.infer<typeof RolloutWave>;

export const Rollout = named(
  'Rollout',
  'A staged rollout of a device type’s site software, as it stands now.',
  z.object({
    id: z.string(),
    deviceType: z.string(),
    targetVersion: z.string(),
    status: RolloutStatus,
    reason: z
      .nullable(z.string())
      .check(z.core.describe('Why it is paused, halted or finished, in words.')),
    startedAt: instant,
    startedBy: z.nullable(z.string()).check(z.core.describe('The operator who started it.')),
    endedAt: z.nullable(instant).check(z.core.describe('When it was halted or finished.')),
    sites: z.int().check(z.minimum(1)),
    selection: RolloutSelection,
    plan: WavePlan,
    rules: RolloutRules,
    waves: z.array(RolloutWave),
    leftOut: LeftOutList,
    forecast: RolloutForecast,
    moving: z
      .boolean()
      .check(z.core.describe('True while something moves on by itself, so polling is worth it.')),
    approval: z.optional(
      z
        .nullable(z.object({ id: z.string(), approvedBy: z.string() }))
        .check(
          z.core.describe(
            'The approval request that started it and who approved it (`startedBy` asked for it); null or absent: started at once.',
          ),
        ),
    ),
    rollbackOf: z.optional(
      z
        .nullable(z.string())
        .check(
          z.core.describe(
            'The halted rollout this one rolls back: its sites go back to the versions they had before it (`targetVersion` names them). Null or absent: none.',
          ),
        ),
    ),
    rolledBackBy: z.optional(
      z
        .nullable(z.string())
        .check(z.core.describe('The rollout that rolls this one back. Null or absent: none.')),
    ),
  }),
);
export type Rollout = z.infer<typeof Rollout>;

export const RollbackRequest = named(
  'RollbackRequest',
  'Starts the way back from a halted rollout, with its plan and rules. Repeating a `requestId` returns the rollout it started.',
  z.object({ requestId: RequestId, freezeOverride: freezeOverrideField }),
);
export type RollbackRequest = z.infer<typeof RollbackRequest>;

export const RolloutSummary = z.object({
  id: z.string(),
  status: RolloutStatus,
  startedAt: instant,
  startedBy: z.nullable(z.string()),
  endedAt: z.nullable(instant),
  sites: z.int(),
  waves: z.int(),
  wavesStarted: z.int(),
  installed: z.int(),
  failed: z.int(),
});
export type RolloutSummary = z.infer<typeof RolloutSummary>;

export const RolloutList = named(
  'RolloutList',
  'A device type’s rollouts, newest first, and the one still in progress.',
  z.object({
    items: z.array(RolloutSummary),
    active: z
      .nullable(z.string())
      .check(z.core.describe('The rollout not yet halted or finished (at most one per type).')),
  }),
);
export type RolloutList = z.infer<typeof RolloutList>;

export const WaveRetryRequest = named(
  'WaveRetryRequest',
  'Queues a wave’s failed sites again. Repeating a `requestId` returns the first answer.',
  z.object({ requestId: RequestId }),
);

const TypeParams = z.object({ deviceType: z.string().check(z.minLength(1)) });
const RolloutParams = z.object({
  deviceType: z.string().check(z.minLength(1)),
  rolloutId: z.string().check(z.minLength(1)),
});
const WaveParams = z.object({
  deviceType: z.string().check(z.minLength(1)),
  rolloutId: z.string().check(z.minLength(1)),
  wave: z.coerce.number().check(z.int(), z.minimum(1)),
});

const tag = 'Staged rollouts';
const notFound = '404 `not_found` (no such device type) or `rollout_not_found`.';

export const rolloutEndpoints = {
  list: defineEndpoint({
    id: 'listRollouts',
    method: 'GET',
    path: '/device-types/{deviceType}/rollouts',
    tag,
    summary: 'A device type’s rollouts, newest first',
    params: TypeParams,
    response: RolloutList,
    errors: [404],
  }),
  preview: defineEndpoint({
    id: 'previewRollout',
    method: 'POST',
    path: '/device-types/{deviceType}/rollout-preview',
    tag,
    summary: 'What a rollout would do if started now (changes nothing)',
    description:
      'Answers the sites and waves with a forecast, or 422 `no_sites` (the selection holds no site that can be queued) and 422 `pilot_not_selected` (a named pilot site is not in the selection).',
    params: TypeParams,
    body: RolloutPlanRequest,
    response: RolloutPlanPreview,
    errors: [404, 422],
  }),
  start: defineEndpoint({
    id: 'startRollout',
    permission: 'update-sites',
    method: 'POST',
    path: '/device-types/{deviceType}/rollouts',
    tag,
    summary: 'Start a staged rollout, once per requestId',
    description:
      'Queues the pilot wave now. Refused with 409 `rollout_in_progress` while another rollout of the type is not halted or finished (the message names it), 422 `no_sites`, 422 `pilot_not_selected`, or 422 `idempotency_key_reused`.',
    params: TypeParams,
    body: RolloutStartRequest,
    response: Rollout,
    status: 201,
    errors: [404, 409, 422],
  }),
  get: defineEndpoint({
    id: 'getRollout',
    method: 'GET',
    path: '/device-types/{deviceType}/rollouts/{rolloutId}',
    tag,
    summary: 'One rollout: its waves, counts, reasons and forecast',
    description: `Refused with ${notFound}`,
    params: RolloutParams,
    response: Rollout,
    errors: [404],
  }),
  pause: defineEndpoint({
    id: 'pauseRollout',
    permission: 'update-sites',
    method: 'POST',
    path: '/device-types/{deviceType}/rollouts/{rolloutId}/pause',
    tag,
    summary: 'Pause: started waves go on, no further wave starts',
    description: `Pausing a paused rollout changes nothing. Refused with 409 \`rollout_ended\` once halted or finished, 409 \`halted_by_failures\`, or ${notFound}`,
    params: RolloutParams,
    response: Rollout,
    errors: [404, 409],
  }),
  resume: defineEndpoint({
    id: 'resumeRollout',
    permission: 'update-sites',
    method: 'POST',
    path: '/device-types/{deviceType}/rollouts/{rolloutId}/resume',
    tag,
    summary: 'Resume a paused rollout, or one halted by its failure rule',
    description: `Resuming after the failure rule halted it accepts that wave’s failures: its rule no longer applies. Resuming a running rollout changes nothing. Refused with 409 \`rollout_ended\` or ${notFound}`,
    params: RolloutParams,
    response: Rollout,
    errors: [404, 409],
  }),
  halt: defineEndpoint({
    id: 'haltRollout',
    permission: 'cancel-site-updates',
    method: 'POST',
    path: '/device-types/{deviceType}/rollouts/{rolloutId}/halt',
    tag,
    summary: 'Halt for good: later waves are released, downloads under way cancelled',
    description: `Sites past their download (the point of no return) install. Halting a halted rollout changes nothing. Refused with 409 \`rollout_ended\` once finished, or ${notFound}`,
    params: RolloutParams,
    response: Rollout,
    errors: [404, 409],
  }),
  startWave: defineEndpoint({
    id: 'startRolloutWave',
    permission: 'update-sites',
    method: 'POST',
    path: '/device-types/{deviceType}/rollouts/{rolloutId}/waves/{wave}/start',
    tag,
    summary: 'Start the next wave now, without waiting for its rule',
    description: `For a wave whose rule cannot be met (sites that wait for a disarm or a connection). Starting a wave that has started changes nothing. Refused with 404 \`wave_not_found\`, 409 \`wave_not_next\` (an earlier wave has not started), 409 \`rollout_not_running\` (paused, halted by its failure rule: resume it first) or \`rollout_ended\`, or ${notFound}`,
    params: WaveParams,
    response: Rollout,
    errors: [404, 409],
  }),
  rollbackPreview: defineEndpoint({
    id: 'previewRollback',
    method: 'GET',
    path: '/device-types/{deviceType}/rollouts/{rolloutId}/rollback',
    tag,
    summary:
      'What rolling back a halted rollout would do: its installed sites, back to the versions they had',
    description: `The sites the halted rollout installed that still run its version, each back to the version it had before, in waves by the halted rollout’s plan and rules. Refused with 409 \`not_halted\`, 409 \`already_rolled_back\`, 422 \`nothing_to_roll_back\`, or ${notFound}`,
    params: RolloutParams,
    response: RolloutPlanPreview,
    errors: [404, 409, 422],
  }),
  rollback: defineEndpoint({
    id: 'startRollback',
    permission: 'update-sites',
    method: 'POST',
    path: '/device-types/{deviceType}/rollouts/{rolloutId}/rollback',
    tag,
    summary: 'Start the rollback of a halted rollout as a new staged rollout, once per requestId',
    description: `The new rollout names the halted one in \`rollbackOf\`, and the halted one names it in \`rolledBackBy\`. It does not wait for approval (it undoes a change); inside a change freeze it needs \`freezeOverride\` like any rollout. Refused as the preview is, with 409 \`rollout_in_progress\` while another rollout of the type is in progress, 409 \`frozen\`, or ${notFound}`,
    params: RolloutParams,
    body: RollbackRequest,
    response: Rollout,
    status: 201,
    errors: [404, 409, 422],
  }),
  retry: defineEndpoint({
    id: 'retryRolloutWave',
    permission: 'update-sites',
    method: 'POST',
    path: '/device-types/{deviceType}/rollouts/{rolloutId}/waves/{wave}/retry',
    tag,
    summary:
      'Queue a wave’s failed sites again (not those that failed the compatibility check), once per requestId',
    description: `Refused with 404 \`wave_not_found\`, 409 \`wave_not_started\`, 409 \`nothing_to_retry\`, 409 \`rollout_ended\` (halted), 422 \`idempotency_key_reused\`, or ${notFound}`,
    params: WaveParams,
    body: WaveRetryRequest,
    response: Rollout,
    status: 202,
    errors: [404, 409, 422],
  }),
};
