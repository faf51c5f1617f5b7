import type { Approval } from '../../src/api/approvals';
import {
  NOTIFICATIONS_LISTED,
  type Notification,
  type NotificationList,
} from '../../src/api/notifications';
import { ROLE_PERMISSIONS } from '../../src/api/permissions';
import { plural } from '../../src/lib/format';
import type { Scope } from './customers';
import type { Actor, Operation } from './operations';
import type { RolloutRun } from './rollout-run';
import { recallNotifications } from './recalls';
import type { Recall, SiteNow } from './sites';

const DAY = 24 * 60 * 60_000;

type Unread = Omit<Notification, 'read'>;

/** What the notifications are drawn from, as the caller sees the fleet now. */
export interface NotificationHost {
  now(): number;
  actor(): Actor;
  scope(): Scope;
  /** Every approval request the caller sees, without what it would do. */
  approvals(): Approval[];
  /** Every rollout the caller sees. */
  rollouts(): readonly RolloutRun[];
  /** Every held site of the caller's, by type. */
  held(): { deviceType: string; sites: SiteNow[] }[];
  /** Every recall made so far, by type. */
  recalls(): { deviceType: string; recall: Recall }[];
  record(operation: Operation): void;
}

const iso = (at: number) => new Date(at).toISOString();
const rolloutLink = (type: string, id: string) =>
  `/firmware/${encodeURIComponent(type)}/rollouts/${id}`;

/**
 * The approvals' notifications for `me`: requests they may approve, their own once decided.
 * `me` null: a watcher of every request (the webhooks), told of each waiting and each decided.
 */
function approvalNotifications(approvals: Approval[], me: Actor | null): Unread[] {
  const approver = me === null || ROLE_PERMISSIONS[me.role].includes('approve-changes');
  const found: Unread[] = [];
  for (const approval of approvals) {
    const mine = me === null || approval.requestedBy.id === me.id;
    if (approval.status === 'waiting' && approver && (me === null || !mine)) {
      found.push({
        id: `approval-${approval.id}`,
        kind: 'approval-waiting',
        at: approval.requestedAt,
        title: `${me === null ? 'Waiting for approval' : 'Waiting for your approval'}: ${approval.title}`,
        text: `Asked by ${approval.requestedBy.name}. ${approval.why}`,
        link: '/approvals',
      });
    } else if (mine && approval.decidedAt && approval.status !== 'withdrawn') {
      const by = approval.decidedBy?.name ?? 'another person';
      const comment = approval.comment ? `: “${approval.comment}”` : '';
      const text =
        approval.status === 'approved'
          ? `Approved by ${by}${comment}.${approval.rolloutId ? ` Rollout ${approval.rolloutId} started.` : ' The sites are queued.'}`
          : approval.status === 'denied'
            ? `Denied by ${by}${comment}.`
            : 'No one decided it in time. Ask again if the change is still wanted.';
      found.push({
        id: `approval-${approval.id}-${approval.status}`,
        kind: 'approval-decided',
        at: approval.decidedAt,
        title: `${me === null ? 'Request' : 'Your request was'} ${approval.status}: ${approval.title}`,
        text,
        link: approval.rolloutId
          ? rolloutLink(approval.deviceType, approval.rolloutId)
          : '/approvals',
      });
    }
  }
  return found;
}

function rolloutNotifications(runs: readonly RolloutRun[]): Unread[] {
  const found: Unread[] = [];
  for (const run of runs) {
    const type = run.start.deviceType;
    const name = `Rollout ${run.id} of ${type}`;
    const link = rolloutLink(type, run.id);
    const reason = run.reason ?? '';
    if (run.status === 'halted-by-failures' && run.haltedAt !== null) {
      found.push({
        id: `rollout-${type}-${run.id}-failures-${run.haltedAt}`,
        kind: 'rollout-halted',
        at: iso(run.haltedAt),
        title: `${name} halted by its failure rule`,
        text: reason,
        link,
      });
    } else if ((run.status === 'halted' || run.status === 'finished') && run.endedAt !== null) {
      found.push({
        id: `rollout-${type}-${run.id}-${run.status}`,
        kind: run.status === 'halted' ? 'rollout-halted' : 'rollout-finished',
        at: iso(run.endedAt),
        title: `${name} ${run.status}`,
        text: reason,
        link,
      });
    }
  }
  return found;
}

/** Holds that end within a day, one per type, end and reason. */
function holdNotifications(
  held: { deviceType: string; sites: SiteNow[] }[],
  now: number,
): Unread[] {
  const found: Unread[] = [];
  for (const { deviceType, sites } of held) {
    const groups = new Map<string, { until: number; reason: string; numbers: number[] }>();
    for (const { site } of sites) {
      if (!site.hold) continue;
      const until = Date.parse(site.hold.until);
      if (until - now > DAY) continue;
      const key = `${until} ${site.hold.reason}`;
      const group = groups.get(key) ?? { until, reason: site.hold.reason, numbers: [] };
      group.numbers.push(site.number);
      groups.set(key, group);
    }
    for (const [key, group] of groups) {
      const named = group.numbers.slice(0, 5).join(', ');
      const more = group.numbers.length > 5 ? ', …' : '';
      found.push({
        id: `hold-${deviceType}-${key}`,
        kind: 'hold-ending',
        at: iso(group.until - DAY),
        due: iso(group.until),
        title: `Holds end within a day: ${plural(group.numbers.length, `${deviceType} site`)}`,
        text: `Held for “${group.reason}”: ${named}${more}. They can be updated again once the hold ends; hold them again to keep them where they are.`,
        link: `/firmware/${encodeURIComponent(deviceType)}?state=held`,
      });
    }
  }
  return found;
}

/**
 * The built-in fleet's notifications: drawn at each read from what the caller sees, newest
 * first, with the caller's read marks from the log.
 */
export class NotificationDesk {
  private readonly read = new Map<string, Set<string>>();

  constructor(private readonly host: NotificationHost) {}

  apply(operation: Extract<Operation, { kind: 'notifications-read' }>): void {
    const id = operation.actor?.id ?? 'unknown';
    const marks = this.read.get(id) ?? new Set<string>();
    for (const each of operation.ids) marks.add(each);
    this.read.set(id, marks);
  }

  /** What everyone is told, as it is now: what the console's webhooks send. */
  watched(): Unread[] {
    return this.all(null);
  }

  private all(me: Actor | null = this.host.actor()): Unread[] {
    return [
      ...approvalNotifications(this.host.approvals(), me),
      ...rolloutNotifications(this.host.rollouts()),
      ...holdNotifications(this.host.held(), this.host.now()),
      ...recallNotifications(this.host.recalls()),
    ].sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id));
  }

  list(): NotificationList {
    const marks = this.read.get(this.host.actor().id) ?? new Set<string>();
    const all = this.all().map((notification) => ({
      ...notification,
      read: marks.has(notification.id),
    }));
    return {
      items: all.slice(0, NOTIFICATIONS_LISTED),
      unread: all.filter((notification) => !notification.read).length,
    };
  }

  markRead(ids: readonly string[] | undefined): NotificationList {
    const marks = this.read.get(this.host.actor().id) ?? new Set<string>();
    const unread = (ids ?? this.all().map((notification) => notification.id)).filter(
      (id) => !marks.has(id),
    );
    if (unread.length > 0) {
      this.host.record({ kind: 'notifications-read', at: this.host.now(), ids: unread });
    }
    return this.list();
  }
}
