import { recallEntry } from './recalls';
import { freezeEntry, overrideWords } from './activity-freezes';
import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_NAMED_MAX,
  parseResourceKey,
  type ActivityEntry,
  type ActivityExportQuery,
  type ActivityKind,
  type ActivityList,
  type ActivityListQuery,
  type ActivityScope,
} from '../../src/api/activity';
import type { DeviceFilter, DeviceSelection } from '../../src/api/devices';
import type { DeviceSchedule } from '../../src/api/schedules';
import type { ServerSettings } from '../../src/api/servers';
import type { Operator } from '../../src/api/session';
import { describeWindow } from '../../src/domain/format-window';
import { plural } from '../../src/lib/format';
import { CsvRows, csvLine } from './csv';
import type { Actor, Operation } from './operations';
import { rolloutEntry } from './activity-rollouts';
import { approvalEntry, approvedWords } from './activity-approvals';
import { utcMinute } from './site-refusals';

/** What the activity needs of the fleet to put a change in words. */
export interface ActivityContext {
  /** "AXIS P3227-LV (172.26.180.2)", or null for an id the fleet does not know. */
  deviceLabel(id: string): string | null;
  /** How many devices a selection matches now (for a refused change, which resolved none). */
  matching(selection: DeviceSelection): number;
  serverName(id: string): string;
  /** The device type of a site, for entries written before cancellations named it. */
  siteType(siteNumber: number): string;
  /** The sites of a rollout (empty for one the fleet does not know). */
  rolloutSites(deviceType: string, rolloutId: string): readonly number[];
  /** How many sites the rollout has, where `rolloutSites` names only its first ones. */
  rolloutSiteCount?(deviceType: string, rolloutId: string): number;
  /** The name of a change freeze (its id where the fleet does not know it). */
  freezeName?: (freezeId: string) => string;
  /** The fleet's clock: approval requests that expired by then have an entry of their own. */
  now?: () => number;
}

type AskOperation = Extract<Operation, { kind: 'approval-ask' }>;

/**
 * The approval requests no one decided before they expired (by `now`), newest expiry first,
 * with their place in the log: each is an entry at its expiry, in the asker's name.
 */
function expiries(
  operations: readonly Operation[],
  now: number,
): { ask: AskOperation; position: number }[] {
  const decided = new Map<string, number>();
  for (const operation of operations) {
    if (operation.kind === 'approval-decide' && !decided.has(operation.approvalId)) {
      decided.set(operation.approvalId, operation.at);
    }
  }
  return operations
    .flatMap((operation, position) =>
      operation.kind === 'approval-ask' &&
      operation.expiresAt <= now &&
      !((decided.get(operation.approvalId) ?? Infinity) < operation.expiresAt)
        ? [{ ask: operation, position }]
        : [],
    )
    .sort((a, b) => b.ask.expiresAt - a.ask.expiresAt);
}

/** An expired request's entry. */
function expiryEntry({ ask, position }: { ask: AskOperation; position: number }): ActivityEntry {
  const actor = ask.actor ?? UNKNOWN;
  return {
    id: `act-${String(position + 1).padStart(6, '0')}-expired`,
    at: new Date(ask.expiresAt).toISOString(),
    operator: { id: actor.id, name: actor.name },
    role: actor.role,
    kind: 'approval-expire',
    summary: `Request ${ask.approvalId} expired`,
    scope: {
      text: `Request ${ask.approvalId}: ${plural(ask.sites, `${ask.deviceType} site`)}`,
      devices: null,
      sites: null,
      server: null,
    },
    result: {
      status: 'accepted',
      text: 'No one approved or denied it in time: nothing was changed. Ask again if the change is still wanted.',
    },
  };
}

const UNKNOWN: Actor = { id: 'unknown', name: 'Unknown operator', role: 'administrator' };

function filterWords(filter: DeviceFilter): string {
  const parts: string[] = [];
  if (filter.q) parts.push(`search “${filter.q}”`);
  if (filter.status) parts.push(`status ${filter.status}`);
  if (filter.model?.length) parts.push(`model ${filter.model.join(' or ')}`);
  if (filter.schedule) parts.push(`schedule ${filter.schedule}`);
  if (filter.updateAvailable !== undefined) {
    parts.push(filter.updateAvailable ? 'upgrade available' : 'up to date');
  }
  if (filter.onboarded !== undefined) {
    parts.push(filter.onboarded ? 'onboarded' : 'not onboarded');
  }
  if (filter.id?.length) parts.push(`${plural(filter.id.length, 'chosen device')}`);
  return parts.length > 0 ? parts.join(', ') : 'no filter';
}

export function devicesScope(
  ids: readonly string[],
  count: number,
  byFilter: { filter: DeviceFilter; except: string[] } | undefined,
  context: Pick<ActivityContext, 'deviceLabel'>,
): ActivityScope {
  const named = ids.slice(0, 3).map((id) => context.deviceLabel(id) ?? id);
  const text = byFilter
    ? `Every device matching ${filterWords(byFilter.filter)}: ${plural(count, 'device')}${
        byFilter.except.length > 0 ? `, except ${byFilter.except.length}` : ''
      }`
    : count <= 3
      ? named.join(', ')
      : `${plural(count, 'device')}: ${named.join(', ')}, …`;
  return {
    text,
    devices: {
      count,
      ids: ids.slice(0, ACTIVITY_NAMED_MAX),
      filter: byFilter?.filter ?? null,
      except: byFilter?.except ?? [],
    },
    sites: null,
    server: null,
  };
}

export function sitesScope(deviceType: string, numbers: readonly number[]): ActivityScope {
  const text =
    numbers.length === 1
      ? `${deviceType} site ${numbers[0]}`
      : `${plural(numbers.length, `${deviceType} site`)}`;
  return {
    text,
    devices: null,
    sites: {
      deviceType,
      count: numbers.length,
      numbers: numbers.slice(0, ACTIVITY_NAMED_MAX),
    },
    server: null,
  };
}

export function serverScope(
  id: string,
  context: Pick<ActivityContext, 'serverName'>,
): ActivityScope {
  const name = context.serverName(id);
  return { text: `${name} (${id})`, devices: null, sites: null, server: { id, name } };
}

export function scheduleWords(schedule: DeviceSchedule): string {
  return schedule.mode === 'asap'
    ? 'Set the update schedule: as soon as new software is available'
    : `Set the update schedule: maintenance window ${describeWindow(schedule.window)}`;
}

/** A change to a server of the Upgrade Center, as the activity names it. */
export type ServerChange =
  | { kind: 'server-target'; serverId: string; modules: { name: string; version: string | null }[] }
  | { kind: 'server-settings'; serverId: string; settings: ServerSettings }
  | { kind: 'server-upgrade'; serverId: string };

/** A server change's entry: its kind, summary, scope and the words of its result. */
export function serverEntry(
  change: ServerChange,
  context: Pick<ActivityContext, 'serverName'>,
): [ActivityKind, string, ActivityScope, string] {
  const scope = serverScope(change.serverId, context);
  switch (change.kind) {
    case 'server-target':
      return [
        'server-targets',
        `Save target versions: ${change.modules
          .map((module) => `${module.name} → ${module.version ?? 'not installed'}`)
          .join(', ')}`,
        scope,
        'Target versions saved.',
      ];
    case 'server-settings':
      return [
        'server-settings',
        `Save settings: ${change.settings.updateType === 'manual' ? 'manual software upgrade' : 'software upgrade on boot'}`,
        scope,
        'Settings saved.',
      ];
    case 'server-upgrade':
      return ['server-upgrade', 'Start upgrade', scope, 'The upgrade started.'];
  }
}

export interface Described {
  kind: ActivityKind;
  summary: string;
  scope: ActivityScope;
}

/** One operation of the log as an activity entry, or null for what no operator asked for. */
function entryOf(operation: Operation, position: number, context: ActivityContext) {
  const actor = ('actor' in operation ? operation.actor : undefined) ?? UNKNOWN;
  const base = {
    id: `act-${String(position + 1).padStart(6, '0')}`,
    at: new Date(operation.at).toISOString(),
    operator: { id: actor.id, name: actor.name },
    role: actor.role,
  };
  const accepted = (kind: ActivityKind, summary: string, scope: ActivityScope, text: string) => ({
    ...base,
    kind,
    summary,
    scope,
    result: { status: 'accepted' as const, text },
  });
  switch (operation.kind) {
    case 'schedule': {
      const ignored = operation.ignored ?? 0;
      return accepted(
        'device-schedule',
        scheduleWords(operation.schedule),
        devicesScope(operation.ids, operation.ids.length + ignored, operation.byFilter, context),
        `${plural(operation.ids.length, 'device')} took the schedule${
          ignored > 0 ? `; ${plural(ignored, 'device')} ignore it` : ''
        }.`,
      );
    }
    case 'manual-update': {
      const skipped = operation.result.skipped.reduce((sum, each) => sum + each.count, 0);
      return accepted(
        'device-update',
        'Update now',
        devicesScope(
          operation.ids,
          operation.result.started + skipped,
          operation.byFilter,
          context,
        ),
        `${plural(operation.result.started, 'device')} started updating${
          skipped > 0 ? `; ${skipped} left as they were` : ''
        }.${overrideWords(operation.freezeOverride)}`,
      );
    }
    case 'site-update':
      return operation.requestId === null
        ? accepted(
            'site-update',
            'Update using site number',
            sitesScope(operation.deviceType, operation.sites),
            `Queued for the update.${overrideWords(operation.freezeOverride)}`,
          )
        : accepted(
            'site-update-all',
            'Update software at all sites',
            sitesScope(operation.deviceType, operation.sites),
            `Queued ${plural(operation.sites.length, 'site')}${
              operation.result ? ` for the update to ${operation.result.currentVersion}` : ''
            }.${approvedWords(operation.approval)}${overrideWords(operation.freezeOverride)}`,
          );
    case 'site-hold':
      return accepted(
        'site-hold',
        'Hold sites',
        sitesScope(operation.deviceType, operation.sites),
        `Held ${plural(operation.sites.length, 'site')} on their version until ${utcMinute(new Date(operation.until).toISOString())}: “${operation.reason}”.`,
      );
    case 'site-release':
      return accepted(
        'site-release',
        'Release holds',
        sitesScope(operation.deviceType, operation.sites),
        `Ended the hold of ${plural(operation.sites.length, 'site')}: updates may queue them again.`,
      );
    case 'site-cancel':
      return accepted(
        'site-cancel',
        'Cancel update',
        sitesScope(operation.deviceType ?? context.siteType(operation.site), [operation.site]),
        'The update was cancelled.',
      );
    case 'server-target':
    case 'server-settings':
    case 'server-upgrade':
      return accepted(...serverEntry(operation, context));
    case 'refused':
      return {
        ...base,
        kind: operation.change,
        summary: operation.summary,
        scope: operation.scope,
        result: { status: 'refused' as const, code: operation.code, message: operation.message },
      };
    case 'rollout-start': {
      const [kind, summary, scope, text] = rolloutEntry(operation, context);
      return accepted(
        kind,
        summary,
        scope,
        `${text}${approvedWords(operation.approval)}${overrideWords(operation.freezeOverride)}`,
      );
    }
    case 'rollout-step':
    case 'rollout-advance':
    case 'rollout-retry':
      return accepted(...rolloutEntry(operation, context));
    case 'approval-rules':
    case 'approval-ask':
    case 'approval-decide':
      return accepted(...approvalEntry(operation));
    case 'freeze-add':
    case 'freeze-end':
      return accepted(...freezeEntry(operation, context.freezeName));
    case 'version-recall':
      return accepted(...recallEntry(operation));
    case 'session':
      return sessionEntry(operation, base);
    case 'server-cancelled':
    case 'notifications-read':
      return null;
  }
}

/** A sign-in, a refused one, or a sign-out, as an activity entry. */
export function sessionEntry(
  operation: Extract<Operation, { kind: 'session' }>,
  base: Pick<ActivityEntry, 'id' | 'at' | 'operator' | 'role'>,
): ActivityEntry {
  const scope: ActivityScope = { text: 'The console', devices: null, sites: null, server: null };
  if (operation.step === 'webhook-added' || operation.step === 'webhook-removed') {
    const added = operation.step === 'webhook-added';
    return {
      ...base,
      kind: added ? 'webhook-add' : 'webhook-remove',
      summary: added ? 'Add webhook' : 'Remove webhook',
      scope: { ...scope, text: operation.subject ?? 'A webhook' },
      result: { status: 'accepted', text: operation.detail ?? (added ? 'Added.' : 'Removed.') },
    };
  }
  if (operation.step === 'token-created' || operation.step === 'token-revoked') {
    const created = operation.step === 'token-created';
    return {
      ...base,
      kind: created ? 'api-token-create' : 'api-token-revoke',
      summary: created ? 'Create API token' : 'Revoke API token',
      scope: { ...scope, text: operation.subject ?? 'An API token' },
      result: { status: 'accepted', text: operation.detail ?? (created ? 'Created.' : 'Revoked.') },
    };
  }
  if (operation.step === 'signed-out') {
    const result = { status: 'accepted' as const, text: 'Signed out.' };
    return { ...base, kind: 'sign-out', summary: 'Sign out', scope, result };
  }
  const result =
    operation.step === 'refused'
      ? {
          status: 'refused' as const,
          code: operation.code ?? 'sign_in_failed',
          message: operation.message ?? 'The sign-in was refused.',
        }
      : { status: 'accepted' as const, text: 'Signed in.' };
  return { ...base, kind: 'sign-in', summary: 'Sign in', scope, result };
}

/** Whether an operation touched a resource (`device:…`, `site:…:…`, `server:…`). */
function touches(operation: Operation, key: string, context: ActivityContext): boolean {
  const resource = parseResourceKey(key);
  if (!resource) return false;
  switch (operation.kind) {
    case 'schedule':
    case 'manual-update':
      return resource.type === 'device' && operation.ids.includes(resource.id);
    case 'site-update':
    case 'site-hold':
    case 'site-release':
      return (
        resource.type === 'site' &&
        resource.deviceType === operation.deviceType &&
        operation.sites.includes(resource.siteNumber)
      );
    case 'site-cancel':
      return (
        resource.type === 'site' &&
        resource.siteNumber === operation.site &&
        resource.deviceType === (operation.deviceType ?? context.siteType(operation.site))
      );
    case 'server-target':
    case 'server-settings':
    case 'server-upgrade':
      return resource.type === 'server' && resource.id === operation.serverId;
    case 'refused': {
      const { devices, sites, server } = operation.scope;
      if (resource.type === 'device') return devices?.ids.includes(resource.id) ?? false;
      if (resource.type === 'server') return server?.id === resource.id;
      return (
        sites?.deviceType === resource.deviceType && sites.numbers.includes(resource.siteNumber)
      );
    }
    case 'rollout-start':
    case 'rollout-step':
    case 'rollout-advance':
    case 'rollout-retry':
      return (
        resource.type === 'site' &&
        resource.deviceType === operation.deviceType &&
        context
          .rolloutSites(operation.deviceType, operation.rolloutId)
          .includes(resource.siteNumber)
      );
    case 'session':
    case 'server-cancelled':
    case 'approval-rules':
    case 'approval-ask':
    case 'approval-decide':
    case 'freeze-add':
    case 'freeze-end':
    case 'version-recall':
    case 'notifications-read':
      return false;
  }
}

/** The entries the filters match, newest first. */
function matching(
  operations: readonly Operation[],
  query: ActivityExportQuery,
  context: ActivityContext,
): ActivityEntry[] {
  const from = query.from ? Date.parse(query.from) : Number.NEGATIVE_INFINITY;
  const to = query.to ? Date.parse(query.to) : Number.POSITIVE_INFINITY;
  const entries: ActivityEntry[] = [];
  const expired = context.now ? expiries(operations, context.now()) : [];
  let next = 0;
  const keep = (entry: ActivityEntry) => {
    if (query.operator && entry.operator.id !== query.operator) return;
    if (query.kind && entry.kind !== query.kind) return;
    entries.push(entry);
  };
  // Expiries come in among the log's entries by their instant (they touch no resource).
  const expiriesFrom = (at: number) => {
    for (
      ;
      next < expired.length && (expired[next] as { ask: AskOperation }).ask.expiresAt >= at;
      next += 1
    ) {
      const expiry = expired[next] as { ask: AskOperation; position: number };
      const instant = expiry.ask.expiresAt;
      if (instant < from || instant >= to || query.resource) continue;
      keep(expiryEntry(expiry));
    }
  };
  for (let position = operations.length - 1; position >= 0; position -= 1) {
    const operation = operations[position] as Operation;
    expiriesFrom(operation.at);
    if (operation.at < from || operation.at >= to) continue;
    if (query.resource && !touches(operation, query.resource, context)) continue;
    const entry = entryOf(operation, position, context);
    if (entry) keep(entry);
  }
  expiriesFrom(Number.NEGATIVE_INFINITY);
  return entries;
}

export function listActivity(
  operations: readonly Operation[],
  query: ActivityListQuery,
  context: ActivityContext,
): ActivityList {
  const entries = matching(operations, query, context);
  const from = (query.page - 1) * query.pageSize;
  return {
    items: entries.slice(from, from + query.pageSize),
    total: entries.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export const ACTIVITY_CSV_COLUMNS = [
  'time',
  'operator',
  'role',
  'change',
  'summary',
  'scope',
  'result',
  'code',
  'message',
] as const;

/** One entry as a line of the activity's CSV file (ACTIVITY_CSV_COLUMNS). */
export function activityCsvLine(entry: ActivityEntry): string {
  const refused = entry.result.status === 'refused' ? entry.result : null;
  return csvLine([
    entry.at,
    entry.operator.name,
    entry.role,
    ACTIVITY_KIND_LABELS[entry.kind],
    entry.summary,
    entry.scope.text,
    entry.result.status,
    refused?.code ?? '',
    refused ? refused.message : entry.result.status === 'accepted' ? entry.result.text : '',
  ]);
}

export function activityCsv(
  operations: readonly Operation[],
  query: ActivityExportQuery,
  context: ActivityContext,
): CsvRows {
  return new CsvRows(function* () {
    yield csvLine(ACTIVITY_CSV_COLUMNS);
    for (const entry of matching(operations, query, context)) yield activityCsvLine(entry);
  });
}

/** Everyone with an entry in the log, in order of first appearance. */
export function activityOperators(operations: readonly Operation[]): Operator[] {
  const seen = new Map<string, Operator>();
  for (const operation of operations) {
    const actor = 'actor' in operation ? operation.actor : undefined;
    if (actor && !seen.has(actor.id)) seen.set(actor.id, { id: actor.id, name: actor.name });
  }
  return [...seen.values()];
}
