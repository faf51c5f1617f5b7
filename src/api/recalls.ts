import { z } from 'zod/mini';
import { defineEndpoint } from './endpoint';
import { named, RequestId } from './registry';

/**
 * Recalls: a device type's current version taken back. What was queued for it and not yet
 * downloaded is cancelled, the rollouts installing it are halted, the sites past their
 * download still install it (nothing can stop them), and the type's previous version becomes
 * current again: no update, "update all" or rollout installs the recalled one any more, and
 * sites still on it count red (cause `recalled`) until they are moved off it.
 */

const MAX_LISTED = 100;

const FirstSites = z
  .array(z.int())
  .check(z.maxLength(MAX_LISTED), z.core.describe('The first 100 site numbers.'));

const Counted = z.object({ count: z.int().check(z.minimum(0)), sites: FirstSites });

export const RecallPlan = named(
  'RecallPlan',
  'What recalling the type’s current version would do now, before anything is done.',
  z.object({
    deviceType: z.string(),
    version: z.string().check(z.core.describe('The version recalled: the type’s current one.')),
    replacedBy: z
      .nullable(z.string())
      .check(
        z.core.describe(
          'The version that becomes current instead; null: the type has no earlier version, so nothing can be recalled (see `refusal`).',
        ),
      ),
    cancels: Counted.check(
      z.core.describe('Updates to the version queued or downloading: they are cancelled.'),
    ),
    halts: z
      .array(z.object({ id: z.string(), sites: z.int().check(z.minimum(0)) }))
      .check(z.core.describe('Rollouts in progress installing the version: they are halted.')),
    stillInstall: Counted.check(
      z.core.describe(
        'Sites past their download of the version: they install it anyway (a downloaded update cannot be cancelled).',
      ),
    ),
    onVersion: z
      .int()
      .check(
        z.minimum(0),
        z.core.describe('Sites already on the version: they count red until moved off it.'),
      ),
    refusal: z
      .nullable(z.string())
      .check(z.core.describe('Why it cannot be recalled, in words; null: it can.')),
  }),
);
export type RecallPlan = z.infer<typeof RecallPlan>;

export const RecallReason = z
  .string()
  .check(
    z.trim(),
    z.minLength(10, 'Say in at least 10 characters why the version is recalled.'),
    z.maxLength(300, 'Use at most 300 characters.'),
  );

export const RecallRequest = named(
  'RecallRequest',
  'Recalls `version`, which must still be the type’s current version (409 `version_moved` otherwise), with a reason kept in the activity. Repeating a `requestId` returns the first answer and recalls nothing again.',
  z.object({
    version: z.string().check(z.minLength(1)),
    reason: RecallReason,
    requestId: RequestId,
  }),
);
export type RecallRequest = z.infer<typeof RecallRequest>;

export const RecallResult = named(
  'RecallResult',
  'What the recall did.',
  z.object({
    deviceType: z.string(),
    version: z.string(),
    currentVersion: z.string().check(z.core.describe('The type’s current version now.')),
    cancelled: z.int().check(z.minimum(0)),
    halted: z.array(z.string()).check(z.core.describe('The ids of the rollouts it halted.')),
    stillInstall: z.int().check(z.minimum(0)),
  }),
);
export type RecallResult = z.infer<typeof RecallResult>;

const TypeParams = z.object({ deviceType: z.string().check(z.minLength(1)) });

export const recallEndpoints = {
  plan: defineEndpoint({
    id: 'planRecall',
    method: 'GET',
    path: '/device-types/{deviceType}/recall',
    tag: 'Site software update',
    summary: 'What recalling the type’s current version would cancel, halt and leave to install',
    description: 'Where the backend has no recalls, 501 `not_supported`.',
    params: TypeParams,
    response: RecallPlan,
    errors: [404, 501],
  }),
  recall: defineEndpoint({
    id: 'recallVersion',
    permission: 'recall-versions',
    method: 'POST',
    path: '/device-types/{deviceType}/recall',
    tag: 'Site software update',
    summary: 'Recall the type’s current version, once per requestId',
    description:
      'Refused with 409 `version_moved` when `version` is no longer the current one, 409 `no_earlier_version` when the type has no version to go back to. Not held by a change freeze: a recall starts nothing. Where the backend has no recalls, 501 `not_supported`.',
    params: TypeParams,
    body: RecallRequest,
    response: RecallResult,
    errors: [404, 409, 422, 501],
  }),
};
