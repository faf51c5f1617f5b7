/**
 * What a panel's target says in hawkBit's words, read as the console's: its partitions
 * attribute, its update's step from its action's last status (the README's table), and the
 * site list's filters as RSQL where hawkBit can search for them.
 */
import {
  IP_CHANNELS,
  SITE_STATE_LABELS,
  type Site,
  type SiteListQuery,
  type SiteUpdate,
} from '../../../src/api/sites';
import { RefusedError } from '../../contract/refusal';
import { all, compare, outside, within } from './rsql';

export interface Action {
  id: number;
  status?: string;
  detailStatus?: string;
  createdAt?: number;
  lastStatusCode?: number;
}

export interface ActionStatus {
  type: string;
  messages?: string[];
  reportedAt?: number;
  code?: number;
}

export const IP = within('controllerAttributes.channel', IP_CHANNELS) ?? '';
export const NOT_IP = outside('controllerAttributes.channel', IP_CHANNELS) ?? '';
export const FAILED = compare('updateStatus', '==', 'error');
const iso = (at: number) => new Date(at).toISOString();

export function partitionsOf(text: string | undefined): Site['partitions'] {
  try {
    const parsed = JSON.parse(text ?? '[]') as unknown;
    return Array.isArray(parsed)
      ? parsed.flatMap((entry: unknown) => {
          const { name, armed } = (entry ?? {}) as { name?: unknown; armed?: unknown };
          return typeof name === 'string' ? [{ name, armed: armed === true }] : [];
        })
      : [];
  } catch {
    return [];
  }
}

/** Where a running update stands, from its action's last status (see the README). */
export function updateOf(
  action: Action,
  status: ActionStatus | undefined,
  connected: boolean,
  current: string,
  now: number,
): SiteUpdate {
  const message = status?.messages?.[0] ?? '';
  const progress = /(\d+) of (\d+) parts \((\d+) of (\d+) bytes\)/.exec(
    (status?.messages ?? []).join(' '),
  );
  const [parts, totalParts, bytes, totalBytes] = progress
    ? progress.slice(1).map(Number)
    : [0, 1, 0, 1];
  const downloaded =
    status?.type !== 'running' && status?.type !== 'download' && status !== undefined;
  const type = status?.type ?? 'running';
  const state: SiteUpdate['state'] =
    type === 'wait_for_confirmation'
      ? 'waiting-for-disarm'
      : type === 'downloaded'
        ? /ready/i.test(message)
          ? 'ready'
          : 'checking'
        : type === 'running' && /reboot/i.test(message)
          ? 'rebooting'
          : !connected
            ? 'waiting-for-connection'
            : type === 'download'
              ? 'downloading'
              : 'queued';
  const whole = { bytes: totalBytes ?? 1, parts: totalParts ?? 1 };
  return {
    state,
    since: iso(status?.reportedAt ?? action.createdAt ?? now),
    queuedAt: iso(action.createdAt ?? now),
    targetVersion: current,
    download: {
      bytes: downloaded ? whole.bytes : (bytes ?? 0),
      totalBytes: Math.max(1, totalBytes ?? 1),
      parts: downloaded ? whole.parts : (parts ?? 0),
      totalParts: Math.max(1, totalParts ?? 1),
    },
    interrupted: !connected && type === 'download',
  };
}

export function stateQuery(
  query: Pick<SiteListQuery, 'state'>,
  group: { current: string; updating: string; noUpdate: string },
) {
  switch (query.state) {
    case undefined:
      return undefined;
    case 'current':
      return group.current;
    case 'updating':
      return group.updating;
    case 'no-update':
      return group.noUpdate;
    case 'failed':
      return all(group.noUpdate, FAILED);
    case 'held':
      throw new RefusedError(
        400,
        'unfilterable',
        'Sites are not held on hawkBit, which has no holds: none is held. Filter by No update planned instead.',
      );
    default:
      throw new RefusedError(
        400,
        'unfilterable',
        `hawkBit cannot find sites by the step of their update (“${SITE_STATE_LABELS[query.state].toLowerCase()}”). Filter by Updating instead.`,
      );
  }
}

export function causeQuery(
  query: Pick<SiteListQuery, 'cause'>,
  group: { noUpdate: string },
  offline: string,
) {
  switch (query.cause) {
    case undefined:
      return undefined;
    case 'no-ip-channel':
      return all(group.noUpdate, NOT_IP);
    case 'not-connected':
      return all(group.noUpdate, IP, compare('updateStatus', '!=', 'error'), offline);
    case 'board-revision':
    case 'integrity':
    case 'fell-back':
    case 'no-report':
      return all(group.noUpdate, IP, FAILED);
    default:
      throw new RefusedError(
        400,
        'unfilterable',
        'hawkBit cannot find sites that were never queued or whose update was cancelled. Show every site with no update planned instead.',
      );
  }
}
