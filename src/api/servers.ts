import { z } from 'zod/mini';
import { CustomerRef } from './customers';
import { defineEndpoint } from './endpoint';
import { named, RequestId } from './registry';

export const ModuleKind = z.enum(['core', 'module', 'dependency', 'model']);
export type ModuleKind = z.infer<typeof ModuleKind>;

export const ReleaseChannel = z.enum(['stable', 'staging']);
export type ReleaseChannel = z.infer<typeof ReleaseChannel>;

export const SyncState = z.enum(['idle', 'downloading', 'staged', 'restarting', 'failed']);
export type SyncState = z.infer<typeof SyncState>;

export const UpdateType = z.enum(['manual', 'on-boot']);
export type UpdateType = z.infer<typeof UpdateType>;

export const RestartOnFailure = z.enum(['stop', 'immediately', '10s', '30s', '1m']);
export type RestartOnFailure = z.infer<typeof RestartOnFailure>;

/** The operator's words for the settings' choices. */
export const UPDATE_TYPE_LABELS: Record<UpdateType, string> = {
  manual: 'Manual software upgrade',
  'on-boot': 'Software upgrade on boot',
};
export const RESTART_ON_FAILURE_LABELS: Record<RestartOnFailure, string> = {
  stop: 'Stop on failure',
  immediately: 'Immediately',
  '10s': '10 sec',
  '30s': '30 sec',
  '1m': '1 min',
};

export const UpgradeResult = z.object({
  outcome: z.enum(['succeeded', 'failed', 'cancelled']),
  at: z.iso.datetime(),
  message: z.string(),
});
export type UpgradeResult = z.infer<typeof UpgradeResult>;

export const ServerSummary = named(
  'ServerSummary',
  'A server managed from the portal’s Software Upgrade Center.',
  z.object({
    id: z.string().check(z.core.describe('The fixed identifier the platform generated.')),
    name: z.string(),
    registered: z.boolean().check(z.core.describe('Has a registered identifier with the portal.')),
    online: z.boolean().check(z.core.describe('Portal Integration is connected.')),
    platform: z.enum(['windows', 'linux']),
    syncState: SyncState,
    lastResult: z.nullable(UpgradeResult),
    customer: z
      .optional(CustomerRef)
      .check(z.core.describe('Whose server it is; absent where the backend has no customers.')),
  }),
);
export type ServerSummary = z.infer<typeof ServerSummary>;

export const ModuleVersion = z.object({
  version: z.string(),
  channel: ReleaseChannel,
  sizeBytes: z.int().check(z.minimum(0)),
});
export type ModuleVersion = z.infer<typeof ModuleVersion>;

export const ServerModule = z.object({
  name: z.string().check(z.core.describe('e.g. "video-recording".')),
  kind: ModuleKind,
  description: z.string(),
  optional: z
    .boolean()
    .check(z.core.describe('Optional modules may be removed ("Not installed").')),
  installed: z
    .nullable(z.string())
    .check(z.core.describe('Installed version; null when not installed.')),
  target: z
    .nullable(z.string())
    .check(z.core.describe('The version the portal assigns; null means not installed.')),
  versions: z.array(ModuleVersion).check(z.core.describe('Every published version, oldest first.')),
  dependentTasks: z
    .array(z.string())
    .check(z.core.describe('Tasks that use this module and stop being available without it.')),
});
export type ServerModule = z.infer<typeof ServerModule>;

export const ServerSettings = named(
  'ServerSettings',
  'How the server applies portal-selected updates, and what it does after an error.',
  z.object({ updateType: UpdateType, restartOnFailure: RestartOnFailure }),
);
export type ServerSettings = z.infer<typeof ServerSettings>;

export const JobStep = z.enum(['check', 'download', 'stage', 'restart', 'active']);
export type JobStep = z.infer<typeof JobStep>;

export const UpgradeJob = named(
  'UpgradeJob',
  'An upgrade job, step by step: check, download, stage, restart, active.',
  z.object({
    id: z.string(),
    startedAt: z.iso.datetime(),
    state: z.enum(['running', 'succeeded', 'failed']),
    fullSync: z
      .boolean()
      .check(z.core.describe('A first run: the whole portal-defined set is installed.')),
    steps: z.array(
      z.object({
        step: JobStep,
        state: z.enum(['pending', 'running', 'done', 'failed']),
        progress: z.number().check(z.minimum(0), z.maximum(1)),
        message: z.nullable(z.string()),
      }),
    ),
    failure: z.nullable(z.string()),
  }),
);
export type UpgradeJob = z.infer<typeof UpgradeJob>;

export const UpgradePlan = z.object({
  fullSync: z.boolean(),
  changes: z
    .int()
    .check(z.minimum(0), z.core.describe('Modules whose installed version would change.')),
  downloadBytes: z.int().check(z.minimum(0)),
  disk: z.object({
    activeBytes: z.int().check(z.minimum(0)),
    stagedBytes: z.int().check(z.minimum(0)),
    backupBytes: z.int().check(z.minimum(0)),
    modelsBytes: z.int().check(z.minimum(0)),
    requiredBytes: z
      .int()
      .check(z.minimum(0), z.core.describe('active + staged + backup + models.')),
    freeBytes: z.int().check(z.minimum(0)),
  }),
  restartMinutes: z
    .number()
    .check(z.minimum(0), z.core.describe('How long the server is unavailable while it restarts.')),
  restartHow: z
    .string()
    .check(z.core.describe('The platform’s restart: the job script, or a reboot.')),
  criticalWork: z
    .array(z.string())
    .check(z.core.describe('Work the restart would interrupt now (recording, automation).')),
});
export type UpgradePlan = z.infer<typeof UpgradePlan>;

export const ServerDetail = named(
  'ServerDetail',
  'One server: its module set (installed and target), settings, upgrade plan and running job.',
  z.safeExtend(ServerSummary, {
    firstRun: z
      .boolean()
      .check(z.core.describe('No module information yet: a full synchronization is due.')),
    settings: ServerSettings,
    modules: z.array(ServerModule),
    plan: UpgradePlan,
    job: z.nullable(UpgradeJob).check(z.core.describe('The running job, or the last one.')),
  }),
);
export type ServerDetail = z.infer<typeof ServerDetail>;

export const TargetChange = named(
  'TargetChange',
  'Sets target versions; `version: null` removes an optional module.',
  z.object({
    modules: z
      .array(z.object({ name: z.string(), version: z.nullable(z.string()) }))
      .check(z.minLength(1), z.maxLength(200)),
  }),
);
export type TargetChange = z.infer<typeof TargetChange>;

export const UpgradeRequest = named(
  'UpgradeRequest',
  'Starts synchronizing the server with its target set. Repeating a `requestId` returns the first answer.',
  z.object({ requestId: RequestId }),
);
export type UpgradeRequest = z.infer<typeof UpgradeRequest>;

export const ServerList = named(
  'ServerList',
  'Every server managed from the portal.',
  z.object({ items: z.array(ServerSummary) }),
);
export type ServerList = z.infer<typeof ServerList>;

const ServerParams = z.object({ serverId: z.string().check(z.minLength(1)) });

export const serverEndpoints = {
  list: defineEndpoint({
    id: 'listServers',
    method: 'GET',
    path: '/servers',
    tag: 'Upgrade Center',
    summary: 'Servers managed from the portal',
    response: ServerList,
  }),
  detail: defineEndpoint({
    id: 'getServer',
    method: 'GET',
    path: '/servers/{serverId}',
    tag: 'Upgrade Center',
    summary: 'One server with its module set, settings, plan and job',
    params: ServerParams,
    response: ServerDetail,
    errors: [404],
  }),
  setTarget: defineEndpoint({
    id: 'setServerTarget',
    permission: 'change-servers',
    method: 'PUT',
    path: '/servers/{serverId}/target',
    tag: 'Upgrade Center',
    summary: 'Save target versions of the module set (nothing runs until an upgrade starts)',
    description:
      'Refused with 409 `sync_in_progress` while a synchronization runs, 422 `unknown_version` for a version that is not published, and 422 `required_module` when removing a module that is not optional.',
    params: ServerParams,
    body: TargetChange,
    response: ServerDetail,
    errors: [404, 409, 422],
  }),
  setSettings: defineEndpoint({
    id: 'setServerSettings',
    permission: 'change-servers',
    method: 'PUT',
    path: '/servers/{serverId}/settings',
    tag: 'Upgrade Center',
    summary: 'Save Software update type and Restart on failure',
    params: ServerParams,
    body: ServerSettings,
    response: ServerDetail,
    errors: [404],
  }),
  startUpgrade: defineEndpoint({
    id: 'startUpgrade',
    permission: 'upgrade-servers',
    method: 'POST',
    path: '/servers/{serverId}/upgrades',
    tag: 'Upgrade Center',
    summary: 'Start the upgrade job: download, stage (backup kept), restart, active',
    description:
      'Refused with 409 `not_registered` or `offline` (the request is cancelled, and recorded as such), 409 `sync_in_progress` while a synchronization runs, 409 `nothing_to_change`, and 507 `insufficient_disk` with the figures. A `requestId` reused for another request (another method, path or body) is refused with 422 `idempotency_key_reused` and changes nothing.',
    params: ServerParams,
    body: UpgradeRequest,
    response: UpgradeJob,
    status: 202,
    errors: [404, 409, 422, 507],
  }),
};
