import type { ActivityKind, ActivityScope } from '../../src/api/activity';
import type { Notification } from '../../src/api/notifications';
import type { RecallPlan } from '../../src/api/recalls';
import { CANCELLABLE_STATES } from '../../src/api/sites';
import { plural } from '../../src/lib/format';
import type { Operation } from './operations';
import type { RolloutBook } from './rollouts';
import type { DeviceTypeSeed } from './site-seeds';
import type { Recall, SiteNow } from './sites';

const MAX_LISTED = 100;

type RecallOperation = Extract<Operation, { kind: 'version-recall' }>;

/**
 * What recalling the type's current version would do at `now`: over `sites` (the caller's),
 * the updates to it it cancels and those past their download that still install, the rollouts
 * installing it that it halts, and the version that becomes current instead.
 */
export function recallPlan(
  type: DeviceTypeSeed,
  version: string,
  replacedBy: string | null,
  sites: readonly SiteNow[],
  rollouts: RolloutBook,
): RecallPlan {
  const cancels: number[] = [];
  const stillInstall: number[] = [];
  let onVersion = 0;
  for (const { site } of sites) {
    if (site.version === version) onVersion += 1;
    if (site.update?.targetVersion !== version) continue;
    if (CANCELLABLE_STATES.includes(site.update.state)) cancels.push(site.number);
    else stillInstall.push(site.number);
  }
  const halts = rollouts
    .installing(type.name, version)
    .map((run) => ({ id: run.id, sites: run.start.waves.flat().length }));
  return {
    deviceType: type.name,
    version,
    replacedBy,
    cancels: { count: cancels.length, sites: cancels.slice(0, MAX_LISTED) },
    halts,
    stillInstall: { count: stillInstall.length, sites: stillInstall.slice(0, MAX_LISTED) },
    onVersion,
    refusal:
      replacedBy === null
        ? `${version} is the only version of ${type.name} left: there is no earlier version to go back to, so it cannot be recalled.`
        : null,
  };
}

/** The recall an operation made, as the site book keeps it. */
export function recallOf(operation: RecallOperation): Recall {
  const by = operation.actor ?? { id: 'unknown', name: 'Unknown operator' };
  return {
    at: operation.at,
    version: operation.version,
    replacedBy: operation.replacedBy,
    reason: operation.reason,
    by: { id: by.id, name: by.name },
  };
}

/** A recall as an activity entry's kind, summary, scope and result. */
export function recallEntry(
  operation: RecallOperation,
): [ActivityKind, string, ActivityScope, string] {
  const { result } = operation;
  const words = [`${plural(result.cancelled, 'queued update')} cancelled`];
  if (result.halted.length > 0) {
    words.push(`${plural(result.halted.length, 'rollout')} halted (${result.halted.join(', ')})`);
  }
  if (result.stillInstall > 0) {
    words.push(`${plural(result.stillInstall, 'site')} past the download will still install it`);
  }
  return [
    'version-recall',
    `Recall ${operation.version}`,
    { text: operation.deviceType, devices: null, sites: null, server: null },
    `${operation.version} recalled: ${words.join('; ')}. ${operation.replacedBy} is the current version again. “${operation.reason}”`,
  ];
}

/** The recalls, as notifications everyone gets (a recall concerns every site of the type). */
export function recallNotifications(
  recalls: readonly { deviceType: string; recall: Recall }[],
): Omit<Notification, 'read'>[] {
  return recalls.map(({ deviceType, recall }) => ({
    id: `recall-${deviceType}-${recall.version}-${recall.at}`,
    kind: 'version-recalled',
    at: new Date(recall.at).toISOString(),
    title: `${deviceType} ${recall.version} recalled`,
    text: `By ${recall.by.name}: “${recall.reason}”. ${recall.replacedBy} is the current version again; sites still on ${recall.version} count red until they are updated.`,
    link: `/firmware/${encodeURIComponent(deviceType)}`,
  }));
}
