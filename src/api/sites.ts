import { z } from 'zod/mini';
import { CustomerRef } from './customers';
import { defineEndpoint } from './endpoint';
import { pageFields, pagingFields, sortingFields } from './paging';
import { freezeOverrideField, frozenField } from './freeze-override';
import { named, RequestId } from './registry';
import { Operator } from './session';

/** How a site talks to the cloud; only the IP channels can take a remote software update. */
export const SiteChannel = z.enum(['ethernet', 'gprs', 'sms', 'pstn']);
export type SiteChannel = z.infer<typeof SiteChannel>;
export const IP_CHANNELS: readonly SiteChannel[] = ['ethernet', 'gprs'];

/** Where a running update stands (the site update process, step by step). */
export const SiteUpdateState = z.enum([
  'queued',
  'waiting-for-connection',
  'downloading',
  'checking',
  'ready',
  'waiting-for-disarm',
  'rebooting',
]);
export type SiteUpdateState = z.infer<typeof SiteUpdateState>;

/** The operator's words for each step (also used in the fleet's messages). */
export const SITE_STATE_LABELS: Record<SiteUpdateState, string> = {
  queued: 'Queued',
  'waiting-for-connection': 'Waiting for connection',
  downloading: 'Downloading',
  checking: 'Checking integrity and compatibility',
  ready: 'Ready for installation',
  'waiting-for-disarm': 'Waiting for a disarmed partition',
  rebooting: 'Rebooting',
};

export const CHANNEL_LABELS: Record<SiteChannel, string> = {
  ethernet: 'Ethernet',
  gprs: 'GPRS',
  sms: 'SMS',
  pstn: 'PSTN (telephone line)',
};

/** Until the download completes an update can be cancelled; afterwards it will install. */
export const CANCELLABLE_STATES: readonly SiteUpdateState[] = [
  'queued',
  'waiting-for-connection',
  'downloading',
];

/** Why an update attempt failed, for programs (the `reason` says it in words). */
/**
 * Why an update failed: the board revision is not supported, the download failed its
 * integrity check, the site came back on its old image after the reboot (`fell-back`), or it
 * did not report the new version within the report time after the reboot (`no-report`). A
 * site counts as installed only once it reports the new version after its reboot.
 */
export const FailureCode = z.enum(['board-revision', 'integrity', 'fell-back', 'no-report']);
export type FailureCode = z.infer<typeof FailureCode>;

/**
 * Why a site on an old version has no update planned. The first that applies: no IP channel,
 * a recalled version it still runs (`recalled`), its last update's failure (see FailureCode),
 * an update that was cancelled, no connection, or never queued.
 */
export const NoUpdateCause = z.enum([
  'recalled',
  'never-queued',
  'not-connected',
  'no-ip-channel',
  'board-revision',
  'integrity',
  'fell-back',
  'no-report',
  'cancelled',
]);
export type NoUpdateCause = z.infer<typeof NoUpdateCause>;

export const NO_UPDATE_CAUSE_LABELS: Record<NoUpdateCause, string> = {
  recalled: 'Runs a recalled version',
  'never-queued': 'Never queued',
  'not-connected': 'Not connected',
  'no-ip-channel': 'No IP channel',
  'board-revision': 'Failed compatibility check (board revision)',
  integrity: 'Failed integrity check',
  'fell-back': 'Returned to the old version after the reboot',
  'no-report': 'No report after the reboot',
  cancelled: 'Update cancelled',
};

/** A version taken back: nothing installs it any more, and the type's sites should leave it. */
export const RecalledVersion = named(
  'RecalledVersion',
  'A version of the type recalled: no update, "update all" or rollout installs it any more; sites still on it count red (cause `recalled`) until they move to the current version.',
  z.object({
    version: z.string(),
    at: z.iso.datetime(),
    by: Operator,
    reason: z.string(),
    replacedBy: z
      .string()
      .check(z.core.describe('The version that became current when this one was recalled.')),
  }),
);
export type RecalledVersion = z.infer<typeof RecalledVersion>;

export const DeviceTypeStats = named(
  'DeviceTypeStats',
  'Software versions of one device type: red sites run an old version with no update planned, yellow ones are updating.',
  z.object({
    deviceType: z.string().check(z.core.describe('e.g. "Nord GSM".')),
    devices: z.int().check(z.minimum(0)),
    currentVersion: z
      .string()
      .check(z.core.describe('The software version sites of this type should run.')),
    recalled: z
      .optional(z.array(RecalledVersion))
      .check(
        z.core.describe(
          'The versions of the type recalled so far, oldest first. Absent where the backend has no recalls.',
        ),
      ),
    noUpdatePlanned: z
      .int()
      .check(z.minimum(0), z.core.describe('Red: old version, no update running.')),
    updating: z
      .int()
      .check(z.minimum(0), z.core.describe('Yellow: old version, an update is running.')),
    onCurrentVersion: z.int().check(z.minimum(0)),
    held: z
      .optional(z.int().check(z.minimum(0)))
      .check(
        z.core.describe(
          'Held: old version, kept there on purpose (see Hold); not in the red count. Absent where the backend has no holds.',
        ),
      ),
    noUpdateCauses: z
      .array(
        z.object({
          cause: NoUpdateCause,
          count: z.int().check(z.minimum(1)),
          since: z
            .nullable(z.iso.datetime())
            .check(
              z.core.describe(
                '`not-connected`: since when the longest-disconnected of them has been offline.',
              ),
            ),
        }),
      )
      .check(z.core.describe('The red count by cause (causes with none left out).')),
  }),
);
export type DeviceTypeStats = z.infer<typeof DeviceTypeStats>;

export const DeviceTypeStatsList = named(
  'DeviceTypeStatsList',
  'Statistics for every device type.',
  z.object({
    items: z.array(DeviceTypeStats),
    moving: z
      .boolean()
      .check(
        z.core.describe(
          'True while some update is progressing on its own; false when every update waits for something (a connection, a disarmed partition), so polling can stop.',
        ),
      ),
  }),
);
export type DeviceTypeStatsList = z.infer<typeof DeviceTypeStatsList>;

export const SiteUpdate = z.object({
  state: SiteUpdateState,
  since: z.iso.datetime().check(z.core.describe('When the update entered this state.')),
  queuedAt: z.iso.datetime(),
  targetVersion: z.string(),
  download: z
    .object({
      bytes: z.int().check(z.minimum(0)),
      totalBytes: z.int().check(z.minimum(1)),
      parts: z
        .int()
        .check(
          z.minimum(0),
          z.core.describe('Parts downloaded; a dropped connection resumes here.'),
        ),
      totalParts: z.int().check(z.minimum(1)),
    })
    .check(z.core.describe('How far the firmware download has come (all of it once downloaded).')),
  interrupted: z
    .boolean()
    .check(
      z.core.describe(
        'Waiting for a connection that dropped during the download, which resumes from the last part.',
      ),
    ),
});
export type SiteUpdate = z.infer<typeof SiteUpdate>;

/** How long a hold may last at most: a year. */
export const HOLD_MAX_DAYS = 366;

export const Hold = named(
  'Hold',
  'A site kept on its version on purpose until `until`: not counted red, and queued by no update, "update all" or rollout. It ends by itself.',
  z.object({
    reason: z.string().check(z.core.describe('Why, in the words of who held it.')),
    since: z.iso.datetime(),
    until: z.iso.datetime().check(z.core.describe('When it ends by itself.')),
    by: Operator,
  }),
);
export type Hold = z.infer<typeof Hold>;

export const Site = named(
  'Site',
  'One site (an alarm panel) on the receiver.',
  z.object({
    number: z.int().check(z.minimum(1), z.core.describe('Site number, e.g. 1017.')),
    deviceType: z.string(),
    version: z.string().check(z.core.describe('Installed software version.')),
    channel: SiteChannel,
    connected: z.boolean().check(z.core.describe('Connected to the cloud now.')),
    boardRevision: z.string(),
    partitions: z.array(z.object({ name: z.string(), armed: z.boolean() })),
    update: z.nullable(SiteUpdate).check(z.core.describe('The running update, if any.')),
    disconnectedSince: z
      .nullable(z.iso.datetime())
      .check(z.core.describe('When a site that is not connected was last connected.')),
    noUpdateCause: z
      .nullable(NoUpdateCause)
      .check(z.core.describe('Why no update is planned (red sites only).')),
    lastFailure: z
      .nullable(z.object({ at: z.iso.datetime(), code: FailureCode, reason: z.string() }))
      .check(
        z.core.describe('Why the last update attempt failed; cleared when an update succeeds.'),
      ),
    lastUpdatedAt: z
      .nullable(z.iso.datetime())
      .check(z.core.describe('When a remote update last completed.')),
    customer: z
      .optional(CustomerRef)
      .check(z.core.describe('Whose site it is; absent where the backend has no customers.')),
    hold: z
      .optional(z.nullable(Hold))
      .check(z.core.describe('The hold that keeps it on its version; null or absent: none.')),
  }),
);
export type Site = z.infer<typeof Site>;

/**
 * `current`, `no-update` (red), `updating` (yellow) and `held` (old version, held on purpose)
 * group sites; the rest are update states.
 */
export const SiteStateFilter = z.enum([
  'current',
  'no-update',
  'updating',
  'held',
  'failed',
  ...SiteUpdateState.options,
]);
export type SiteStateFilter = z.infer<typeof SiteStateFilter>;

/**
 * What a site list can be sorted by: `state` orders sites with no update planned first, then
 * updating sites by step, then current ones; `timeInState` is the running update's age (sites
 * without one last). Ties go by site number.
 */
export const siteSortFields = [
  'number',
  'version',
  'channel',
  'connection',
  'state',
  'timeInState',
] as const;
export const SiteSortField = z.enum(siteSortFields);
export type SiteSortField = z.infer<typeof SiteSortField>;

export const SiteListQuery = z.object({
  q: z
    .optional(z.string().check(z.maxLength(100)))
    .check(z.core.describe('Part of a site number.')),
  state: z.optional(SiteStateFilter),
  cause: z
    .optional(NoUpdateCause)
    .check(z.core.describe('Only red sites with this cause (see NoUpdateCause).')),
  rollout: z
    .optional(z.string().check(z.minLength(1), z.maxLength(20)))
    .check(z.core.describe('Only the sites of this staged rollout (404 when it does not exist).')),
  wave: z
    .optional(z.coerce.number().check(z.int(), z.minimum(1)))
    .check(z.core.describe('With `rollout`: only the sites of this wave (1 is the pilot).')),
  ...sortingFields(siteSortFields, 'number'),
  ...pagingFields,
});
export type SiteListQuery = z.infer<typeof SiteListQuery>;

export const SiteList = named(
  'SiteList',
  'One page of the sites of a device type, in the order asked for, with the type’s statistics.',
  z.object({
    stats: DeviceTypeStats,
    ...pageFields(Site, 'Sites matching the query, on all pages.'),
    moving: z.boolean().check(z.core.describe('As in DeviceTypeStatsList, for this type.')),
  }),
);
export type SiteList = z.infer<typeof SiteList>;

export const SiteUpdateRequest = named(
  'SiteUpdateRequest',
  'Queues the software update of one site of the type.',
  z.object({ siteNumber: z.int().check(z.minimum(1)), freezeOverride: freezeOverrideField }),
);
export type SiteUpdateRequest = z.infer<typeof SiteUpdateRequest>;

export const LeftOutReason = z.enum(['already-updating', 'no-ip-channel', 'held']);
export type LeftOutReason = z.infer<typeof LeftOutReason>;

const MAX_LISTED = 100;

export const UpdateAllPlan = named(
  'UpdateAllPlan',
  'What "Update all sites" would do now: the sites it queues and those it leaves out, with why.',
  z.object({
    deviceType: z.string(),
    currentVersion: z.string(),
    toQueue: z
      .int()
      .check(z.minimum(0), z.core.describe('Sites on an old version it would queue.')),
    leftOut: z.array(
      z.object({
        reason: LeftOutReason,
        count: z.int().check(z.minimum(1)),
        sites: z
          .array(z.int())
          .check(z.maxLength(MAX_LISTED), z.core.describe('The first 100 site numbers.')),
      }),
    ),
    approval: z.optional(
      z
        .nullable(z.string())
        .check(
          z.core.describe(
            'Why it needs a second person’s approval, in words (ask for it with `POST /approvals`); null or absent: it queues at once.',
          ),
        ),
    ),
    frozen: frozenField,
  }),
);
export type UpdateAllPlan = z.infer<typeof UpdateAllPlan>;

export const UpdateAllRequest = named(
  'UpdateAllRequest',
  'Queues every site of the type on an old version that is not updating and has an IP channel. Repeating a `requestId` returns the first answer and queues nothing again.',
  z.object({
    requestId: RequestId,
    freezeOverride: freezeOverrideField,
  }),
);
export type UpdateAllRequest = z.infer<typeof UpdateAllRequest>;

export const UpdateAllResult = named(
  'UpdateAllResult',
  'How many sites were queued, and which were left out.',
  z.omit(z.safeExtend(UpdateAllPlan, { queued: z.int().check(z.minimum(0)) }), { toQueue: true }),
);
export type UpdateAllResult = z.infer<typeof UpdateAllResult>;

const TypeParams = z.object({ deviceType: z.string().check(z.minLength(1)) });
const SiteParams = z.object({
  deviceType: z.string().check(z.minLength(1)),
  siteNumber: z.coerce.number().check(z.int(), z.minimum(1)),
});

export const siteEndpoints = {
  stats: defineEndpoint({
    id: 'listDeviceTypeStats',
    method: 'GET',
    path: '/device-types',
    tag: 'Site software update',
    summary: 'Software statistics per device type',
    response: DeviceTypeStatsList,
  }),
  list: defineEndpoint({
    id: 'listSites',
    method: 'GET',
    path: '/device-types/{deviceType}/sites',
    tag: 'Site software update',
    summary: 'List the sites of a device type, by site number',
    params: TypeParams,
    query: SiteListQuery,
    response: SiteList,
    errors: [404],
  }),
  updateSite: defineEndpoint({
    id: 'updateSite',
    permission: 'update-sites',
    method: 'POST',
    path: '/device-types/{deviceType}/updates',
    tag: 'Site software update',
    summary: 'Queue the software update of one site',
    description:
      'Refused with 404 `site_not_found` (no such site), 409 `wrong_device_type` (a site of another type), 409 `already_current`, 409 `already_updating`, or 422 `no_ip_channel` (only Ethernet and GPRS sites can be updated remotely). Queuing a site whose last attempt failed retries it.',
    params: TypeParams,
    body: SiteUpdateRequest,
    response: Site,
    status: 202,
    errors: [404, 409, 422],
  }),
  updateAllPlan: defineEndpoint({
    id: 'planUpdateAll',
    method: 'GET',
    path: '/device-types/{deviceType}/update-all',
    tag: 'Site software update',
    summary: 'What updating all sites of the type would queue and leave out',
    params: TypeParams,
    response: UpdateAllPlan,
    errors: [404],
  }),
  updateAll: defineEndpoint({
    id: 'updateAll',
    permission: 'update-sites',
    method: 'POST',
    path: '/device-types/{deviceType}/update-all',
    tag: 'Site software update',
    summary: 'Queue the software update of every eligible site of the type, once per requestId',
    description:
      'The same request again gets the first answer. A `requestId` reused for another request (another method, path or body) is refused with 422 `idempotency_key_reused` and changes nothing. Refused with 409 `rollout_in_progress` while a staged rollout of the type is in progress (see Staged rollouts).',
    params: TypeParams,
    body: UpdateAllRequest,
    response: UpdateAllResult,
    status: 202,
    errors: [404, 409, 422],
  }),
  cancel: defineEndpoint({
    id: 'cancelSiteUpdate',
    permission: 'cancel-site-updates',
    method: 'POST',
    path: '/device-types/{deviceType}/sites/{siteNumber}/cancel',
    tag: 'Site software update',
    summary: 'Cancel a site’s update, until its download has completed',
    description:
      'Refused with 409 `already_downloaded` once the firmware is downloaded (it will install), and 409 `not_updating` when no update runs.',
    params: SiteParams,
    response: Site,
    errors: [404, 409],
  }),
};
