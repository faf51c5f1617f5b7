import { z } from 'zod/mini';
import { DeviceFilter } from './devices';
import { defineEndpoint } from './endpoint';
import { pageFields, pagingFields } from './paging';
import { Role } from './permissions';
import { named } from './registry';
import { Operator } from './session';

/** The kinds of change the activity records. */
export const ActivityKind = z.enum([
  'device-schedule',
  'device-update',
  'site-update',
  'site-update-all',
  'site-cancel',
  'site-hold',
  'site-release',
  'version-recall',
  'server-targets',
  'server-settings',
  'server-upgrade',
  'rollout-start',
  'rollout-pause',
  'rollout-resume',
  'rollout-halt',
  'rollout-retry',
  'rollout-advance',
  'approval-ask',
  'approval-approve',
  'approval-deny',
  'approval-withdraw',
  'approval-expire',
  'approval-rules',
  'freeze-add',
  'freeze-end',
  'sign-in',
  'sign-out',
  'api-token-create',
  'api-token-revoke',
  'webhook-add',
  'webhook-remove',
]);
export type ActivityKind = z.infer<typeof ActivityKind>;

export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  'device-schedule': 'Update schedule',
  'device-update': 'Manual device update',
  'site-update': 'Site update',
  'site-update-all': 'Update of all sites',
  'site-cancel': 'Site update cancelled',
  'site-hold': 'Sites held',
  'site-release': 'Site holds ended',
  'version-recall': 'Version recalled',
  'server-targets': 'Server target versions',
  'server-settings': 'Server settings',
  'server-upgrade': 'Server upgrade',
  'rollout-start': 'Rollout started',
  'rollout-pause': 'Rollout paused',
  'rollout-resume': 'Rollout resumed',
  'rollout-halt': 'Rollout halted',
  'rollout-retry': 'Rollout wave retried',
  'rollout-advance': 'Rollout wave started early',
  'approval-ask': 'Approval asked for',
  'approval-approve': 'Change approved',
  'approval-deny': 'Change denied',
  'approval-withdraw': 'Approval request withdrawn',
  'approval-expire': 'Approval request expired',
  'approval-rules': 'Approval rules',
  'freeze-add': 'Change freeze added',
  'freeze-end': 'Change freeze ended',
  'sign-in': 'Sign-in',
  'sign-out': 'Sign-out',
  'api-token-create': 'API token created',
  'api-token-revoke': 'API token revoked',
  'webhook-add': 'Webhook added',
  'webhook-remove': 'Webhook removed',
};

/** How many ids or site numbers an entry names, at most; `count` says how many in all. */
export const ACTIVITY_NAMED_MAX = 50;

/**
 * One resource, as the activity's `resource` filter names it: `device:<id>`,
 * `site:<device type>:<site number>` or `server:<id>`.
 */
export type ActivityResource =
  | { type: 'device'; id: string }
  | { type: 'site'; deviceType: string; siteNumber: number }
  | { type: 'server'; id: string };

export function resourceKey(resource: ActivityResource): string {
  switch (resource.type) {
    case 'device':
      return `device:${resource.id}`;
    case 'site':
      return `site:${resource.deviceType}:${resource.siteNumber}`;
    case 'server':
      return `server:${resource.id}`;
  }
}

export function parseResourceKey(key: string): ActivityResource | null {
  const [type, ...rest] = key.split(':');
  if (type === 'device' && rest.length === 1 && rest[0]) return { type, id: rest[0] };
  if (type === 'server' && rest.length === 1 && rest[0]) return { type, id: rest[0] };
  if (type === 'site' && rest.length >= 2) {
    const siteNumber = Number(rest[rest.length - 1]);
    const deviceType = rest.slice(0, -1).join(':');
    if (deviceType && Number.isInteger(siteNumber)) return { type, deviceType, siteNumber };
  }
  return null;
}

export const ActivityScope = named(
  'ActivityScope',
  'What a change was for: devices (by id, or the filter and how many it matched), sites, or a server. `text` says it in words.',
  z.object({
    text: z.string(),
    devices: z.nullable(
      z.object({
        count: z.int().check(z.minimum(0)),
        ids: z
          .array(z.string())
          .check(z.core.describe('The first 50 devices the change was for, at most.')),
        filter: z.nullable(DeviceFilter),
        except: z.array(z.string()),
      }),
    ),
    sites: z.nullable(
      z.object({
        deviceType: z.string(),
        count: z.int().check(z.minimum(0)),
        numbers: z.array(z.int()).check(z.core.describe('The first 50 site numbers, at most.')),
      }),
    ),
    server: z.nullable(z.object({ id: z.string(), name: z.string() })),
  }),
);
export type ActivityScope = z.infer<typeof ActivityScope>;

export const ActivityResult = named(
  'ActivityResult',
  'Whether the server accepted the change (and what it did), or refused it with its code.',
  z.discriminatedUnion('status', [
    z.object({ status: z.literal('accepted'), text: z.string() }),
    z.object({ status: z.literal('refused'), code: z.string(), message: z.string() }),
  ]),
);
export type ActivityResult = z.infer<typeof ActivityResult>;

export const ActivityEntry = named(
  'ActivityEntry',
  'One change an operator asked for: who, when, what, to what, and the result.',
  z.object({
    id: z.string(),
    at: z.iso.datetime(),
    operator: Operator,
    role: Role,
    kind: ActivityKind,
    summary: z.string().check(z.core.describe('What was asked, in words.')),
    scope: ActivityScope,
    result: ActivityResult,
  }),
);
export type ActivityEntry = z.infer<typeof ActivityEntry>;

const filterFields = {
  operator: z.optional(z.string()).check(z.core.describe('Only this operator’s changes (id).')),
  kind: z.optional(ActivityKind).check(z.core.describe('Only this kind of change.')),
  resource: z
    .optional(z.string().check(z.refine((key) => parseResourceKey(key) !== null)))
    .check(
      z.core.describe(
        'Only changes to this resource: `device:<id>`, `site:<device type>:<site number>` or `server:<id>`.',
      ),
    ),
  from: z.optional(z.iso.datetime()).check(z.core.describe('Only changes at or after this.')),
  to: z.optional(z.iso.datetime()).check(z.core.describe('Only changes before this.')),
};

export const ActivityExportQuery = z.object(filterFields);
export type ActivityExportQuery = z.infer<typeof ActivityExportQuery>;

export const ActivityListQuery = z.object({ ...filterFields, ...pagingFields });
export type ActivityListQuery = z.infer<typeof ActivityListQuery>;

export const ActivityList = named(
  'ActivityList',
  'One page of the activity, newest first.',
  z.object(pageFields(ActivityEntry, 'How many entries match, on all pages.')),
);
export type ActivityList = z.infer<typeof ActivityList>;

export const ActivityOperators = named(
  'ActivityOperators',
  'Everyone who has a change in the activity, for its operator filter.',
  z.object({ items: z.array(Operator) }),
);
export type ActivityOperators = z.infer<typeof ActivityOperators>;

export const ActivityCsv = named(
  'ActivityCsv',
  'The activity as CSV: a header row, then one row per entry, newest first. Cells as in `DeviceCsv`.',
  z.string(),
);

export const activityEndpoints = {
  list: defineEndpoint({
    id: 'listActivity',
    method: 'GET',
    path: '/activity',
    tag: 'Activity',
    summary: 'The record of every change, newest first, filtered and paged',
    query: ActivityListQuery,
    response: ActivityList,
  }),
  exportCsv: defineEndpoint({
    id: 'exportActivity',
    method: 'GET',
    path: '/activity/export',
    tag: 'Activity',
    summary: 'Every activity entry the filters match, as CSV',
    query: ActivityExportQuery,
    response: ActivityCsv,
    produces: 'text/csv',
  }),
  operators: defineEndpoint({
    id: 'listActivityOperators',
    method: 'GET',
    path: '/activity/operators',
    tag: 'Activity',
    summary: 'Everyone who has a change in the activity',
    response: ActivityOperators,
  }),
};
