import { z } from 'zod/mini';
import { freezeOverrideField, frozenField } from './freeze-override';
import { named, RequestId } from './registry';
import { NoUpdateCause, SiteStateFilter } from './sites';

/**
 * A staged rollout as planned: which sites, how they are cut into waves, the rules that start
 * waves and halt the rollout, and the preview of what starting it would do (see rollouts.ts).
 */

export const MAX_LISTED = 100;
const siteNumber = z.int().check(z.minimum(1));

export const RolloutSelection = z
  .object({
    q: z.optional(z.string().check(z.maxLength(100), z.core.describe('Part of a site number.'))),
    state: z.optional(SiteStateFilter),
    cause: z.optional(NoUpdateCause),
    exclude: z._default(z.array(siteNumber).check(z.maxLength(10_000)), [] as number[]),
  })
  .check(
    z.core.describe(
      'Which sites: every site of the type on an old version that can be queued (not updating, with an IP channel), narrowed by the site list’s search (`q`), `state` and `cause` filters, minus `exclude`. Fixed when the rollout starts.',
    ),
  );
export type RolloutSelection = z.infer<typeof RolloutSelection>;

export const WaveStep = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), percent: z.int().check(z.minimum(1), z.maximum(100)) }),
  z.object({ kind: z.literal('count'), count: z.int().check(z.minimum(1)) }),
]);
export type WaveStep = z.infer<typeof WaveStep>;

export const WavePlan = z
  .object({
    pilot: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('sites'),
        sites: z.array(siteNumber).check(z.minLength(1), z.maxLength(MAX_LISTED)),
      }),
      z.object({ kind: z.literal('count'), count: z.int().check(z.minimum(1)) }),
    ]),
    waves: z
      .array(WaveStep)
      .check(
        z.maxLength(20),
        z.core.describe(
          'The waves after the pilot, each a percentage of all the rollout’s sites or a count; a last wave takes the sites left.',
        ),
      ),
  })
  .check(
    z.core.describe('The pilot wave (named sites, or the first sites by number), then the others.'),
  );
export type WavePlan = z.infer<typeof WavePlan>;

export const RolloutRules = z
  .object({
    successPercent: z
      .int()
      .check(
        z.minimum(1),
        z.maximum(100),
        z.core.describe('A wave starts when this share of the previous one has installed.'),
      ),
    soakMinutes: z
      .int()
      .check(
        z.minimum(0),
        z.maximum(7 * 24 * 60),
        z.core.describe('Then it waits this long before starting.'),
      ),
    failurePercent: z
      .nullable(z.int().check(z.minimum(1), z.maximum(100)))
      .check(
        z.core.describe(
          'Halt when more than this share of a wave’s finished sites failed (null: no share limit).',
        ),
      ),
    failureCount: z
      .nullable(z.int().check(z.minimum(1)))
      .check(z.core.describe('Halt when this many sites of a wave failed (null: no count limit).')),
    minFinished: z
      .int()
      .check(
        z.minimum(1),
        z.core.describe('The failure limits apply once this many of a wave’s sites finished.'),
      ),
    disarmWaitCounts: z
      .boolean()
      .check(
        z.core.describe(
          'Whether sites waiting for a disarmed partition count as installed for the next wave’s start. Sites waiting for a connection never do; neither ever counts as failed.',
        ),
      ),
  })
  .check(z.core.describe('When waves start and when the rollout halts by itself.'));
export type RolloutRules = z.infer<typeof RolloutRules>;

export const RolloutPlanRequest = named(
  'RolloutPlanRequest',
  'A staged rollout to preview or start: its sites, waves and rules.',
  z.object({ selection: RolloutSelection, plan: WavePlan, rules: RolloutRules }),
);
export type RolloutPlanRequest = z.infer<typeof RolloutPlanRequest>;

export const RolloutStartRequest = named(
  'RolloutStartRequest',
  'Starts a staged rollout. Repeating a `requestId` returns the rollout it started.',
  z.object({
    requestId: RequestId,
    selection: RolloutSelection,
    plan: WavePlan,
    rules: RolloutRules,
    freezeOverride: freezeOverrideField,
  }),
);
export type RolloutStartRequest = z.infer<typeof RolloutStartRequest>;

/** Why a site of the selection is not in the rollout. */
export const RolloutLeftOutReason = z.enum([
  'already-updating',
  'no-ip-channel',
  'held',
  'excluded',
]);
export type RolloutLeftOutReason = z.infer<typeof RolloutLeftOutReason>;

export const ROLLOUT_LEFT_OUT_LABELS: Record<RolloutLeftOutReason, string> = {
  'already-updating': 'already updating',
  'no-ip-channel': 'no IP channel (SMS or PSTN only)',
  held: 'held on their version',
  excluded: 'excluded',
};

export const LeftOutList = z.array(
  z.object({
    reason: RolloutLeftOutReason,
    count: z.int().check(z.minimum(1)),
    sites: z.array(z.int()).check(z.maxLength(MAX_LISTED), z.core.describe('The first 100.')),
  }),
);

export const instant = z.iso.datetime();

export const FinishRange = z
  .object({ from: instant, to: instant })
  .check(z.core.describe('Expected to finish between `from` and `to`.'));
export type FinishRange = z.infer<typeof FinishRange>;

export const RolloutForecast = z
  .object({
    finish: z
      .nullable(FinishRange)
      .check(z.core.describe('When the whole rollout is expected to finish; null once it has.')),
    waiting: z
      .int()
      .check(
        z.minimum(0),
        z.core.describe(
          'Sites expected to wait for a disarmed partition or a connection: they finish when that comes, outside the range.',
        ),
      ),
    basis: z
      .string()
      .check(
        z.core.describe('What the forecast is drawn from, in words: the channel timings seen.'),
      ),
  })
  .check(
    z.core.describe(
      'From the channel mix and the timings the fleet observes (Ethernet and GPRS part times, dropped connections), renewed on every answer.',
    ),
  );
export type RolloutForecast = z.infer<typeof RolloutForecast>;

export const RolloutPlanPreview = named(
  'RolloutPlanPreview',
  'What starting the rollout now would do: the sites and waves, what is left out, and a forecast.',
  z.object({
    deviceType: z.string(),
    targetVersion: z.string(),
    sites: z.int().check(z.minimum(0)),
    waves: z.array(
      z.object({
        number: z.int().check(z.minimum(1)),
        sites: z.int().check(z.minimum(1)),
        firstSites: z.array(z.int()).check(z.maxLength(MAX_LISTED)),
        finish: z.nullable(FinishRange),
      }),
    ),
    leftOut: LeftOutList,
    forecast: RolloutForecast,
    approval: z.optional(
      z
        .nullable(z.string())
        .check(
          z.core.describe(
            'Why starting it needs a second person’s approval, in words (ask for it with `POST /approvals`); null or absent: it starts at once.',
          ),
        ),
    ),
    frozen: frozenField,
  }),
);
export type RolloutPlanPreview = z.infer<typeof RolloutPlanPreview>;

/** Only the wave rules' inputs, in the domain's units (shares 0–1, milliseconds). */
export function domainRules(rules: RolloutRules) {
  return {
    successShare: rules.successPercent / 100,
    soakMs: rules.soakMinutes * 60_000,
    failureShare: rules.failurePercent === null ? null : rules.failurePercent / 100,
    failureCount: rules.failureCount,
    minFinished: rules.minFinished,
    waitingForDisarmCounts: rules.disarmWaitCounts,
  };
}

/** The defaults the planning dialog offers. */
export const DEFAULT_RULES: RolloutRules = {
  successPercent: 95,
  soakMinutes: 30,
  failurePercent: 10,
  failureCount: null,
  minFinished: 5,
  disarmWaitCounts: false,
};
