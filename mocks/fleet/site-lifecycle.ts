import type { FailureCode } from '../../src/api/sites';
import { IP_CHANNELS, type Site, type SiteUpdateState } from '../../src/api/sites';
import { HOUR, MINUTE } from './clock';
import { stableFraction } from './random';
import type { AfterReboot, DeviceTypeSeed, SiteSeed } from './site-seeds';

/** The cloud tells a connected site to reconnect and start downloading. */
export const QUEUE_MS = 1 * MINUTE;
/** Integrity and compatibility checks of the downloaded archive. */
export const CHECK_MS = 20_000;
/** Marked "ready for installation" before looking for a disarmed partition. */
export const READY_MS = 5_000;
/** Rebooting to apply the update: at most 10 seconds, as the receiver's documentation says. */
export const SITE_REBOOT_MS = 8_000;
/** One part of the archive: seconds on Ethernet, minutes on GPRS (± 30 % per part). */
export const PART_MS = { ethernet: 8_000, gprs: 6 * MINUTE } as const;
/** A GPRS connection drops before this share of parts, for 10–40 minutes. */
export const DROP_SHARE = 0.12;

export type PhaseState = SiteUpdateState | 'done' | 'failed';

export interface Phase {
  state: PhaseState;
  from: number;
  /** Infinity: waits for something that does not come by itself (a connection, a disarm). */
  to: number;
  /** Parts downloaded during this phase (all of them once downloaded). */
  parts: number;
  /** A dropped connection during the download. */
  interrupted: boolean;
  reason?: string;
  failure?: FailureCode;
}

/** An update that runs (or ran) on a site: when it was queued and where it began. */
export interface ActiveUpdate {
  queuedAt: number;
  attempt: number;
  /** The version it installs (absent: the type's first current version). */
  target?: string;
  /** For updates already under way when the scenario began: the step and parts at `at`. */
  resume?: {
    at: number;
    state: 'queued' | 'downloading' | 'ready';
    parts: number;
    /** How long it stays queued (the receiver's queue ahead of it). */
    queueMs?: number;
  };
}

export function totalParts(type: DeviceTypeSeed): number {
  return Math.ceil(type.firmwareBytes / type.partBytes);
}

export function downloadedBytes(type: DeviceTypeSeed, parts: number): number {
  return Math.min(type.firmwareBytes, parts * type.partBytes);
}

export function hasIpChannel(site: SiteSeed): boolean {
  return IP_CHANNELS.includes(site.channel);
}

/**
 * Every step of one update on one site, from its queuing to done or failed, with when each
 * begins and ends. Derived from the site, its type and the attempt alone (stable draws per
 * site, attempt and part), so any instant's state is a lookup.
 */
export function siteTimeline(site: SiteSeed, type: DeviceTypeSeed, update: ActiveUpdate): Phase[] {
  const phases: Phase[] = [];
  const total = totalParts(type);
  const key = `${site.number}:${update.attempt}`;
  const target = update.target ?? type.currentVersion;
  const push = (state: PhaseState, from: number, length: number, parts: number, extra = {}) => {
    phases.push({ state, from, to: from + length, parts, interrupted: false, ...extra });
    return from + length;
  };

  let at = update.resume?.at ?? update.queuedAt;
  const parts = update.resume?.parts ?? 0;
  const begin = update.resume?.state ?? 'queued';

  if (!site.connected) {
    // The update cannot start until the site connects to the cloud.
    push('waiting-for-connection', at, Number.POSITIVE_INFINITY, parts);
    return phases;
  }
  if (begin === 'queued') at = push('queued', at, update.resume?.queueMs ?? QUEUE_MS, 0);
  if (begin !== 'ready') {
    const partMs = site.channel === 'ethernet' ? PART_MS.ethernet : PART_MS.gprs;
    for (let part = parts; part < total; part += 1) {
      const draw = stableFraction(`${key}:${part}`);
      if (site.channel === 'gprs' && part > 0 && draw < DROP_SHARE) {
        // The connection drops; the download resumes from the last complete part.
        const outage = (10 + 30 * stableFraction(`${key}:${part}:outage`)) * MINUTE;
        at = push('waiting-for-connection', at, outage, part, { interrupted: true });
      }
      at = push('downloading', at, partMs * (0.7 + 0.6 * draw), part);
    }
    const boardSupported = type.boards.includes(site.boardRevision);
    const integrityFails =
      update.attempt === 1 && stableFraction(`${key}:integrity`) < type.integrityFailureShare;
    at = push('checking', at, CHECK_MS, total);
    if (!boardSupported) {
      push('failed', at, Number.POSITIVE_INFINITY, total, {
        failure: 'board-revision',
        reason: `The firmware ${target} is not compatible with board revision ${site.boardRevision} of this ${type.name}.`,
      });
      return phases;
    }
    if (integrityFails) {
      push('failed', at, Number.POSITIVE_INFINITY, total, {
        failure: 'integrity',
        reason: `The integrity check failed: a checksum did not match. Update the site again to download the firmware anew.`,
      });
      return phases;
    }
  }
  at = push('ready', at, READY_MS, total);
  if (site.partitions.every((partition) => partition.armed)) {
    // Installs only while at least one partition is disarmed.
    push('waiting-for-disarm', at, Number.POSITIVE_INFINITY, total);
    return phases;
  }
  // Installed only once the site reports the new version after its reboot.
  const after = afterReboot(site, type, update.attempt, key);
  if (after === 'no-report') {
    at = push('rebooting', at, type.reportTimeoutMs, total);
    push('failed', at, Number.POSITIVE_INFINITY, total, {
      failure: 'no-report',
      reason: `No report within ${Math.round(type.reportTimeoutMs / MINUTE)} min after the reboot: the site has not come back with ${target}, so it counts as failed. Check its connection, then update it again.`,
    });
    return phases;
  }
  at = push('rebooting', at, SITE_REBOOT_MS, total);
  if (after === 'fell-back') {
    push('failed', at, Number.POSITIVE_INFINITY, total, {
      failure: 'fell-back',
      reason: `Returned to ${site.version} after the reboot: ${target} did not start, so the site went back to its old image. Update it again, or hold it on ${site.version}.`,
    });
    return phases;
  }
  push('done', at, Number.POSITIVE_INFINITY, total);
  return phases;
}

/** What a first attempt's reboot does: a test's hook where it sets one, else the type's shares. */
function afterReboot(
  site: SiteSeed,
  type: DeviceTypeSeed,
  attempt: number,
  key: string,
): AfterReboot | null {
  if (attempt !== 1) return null;
  if (site.afterReboot) return site.afterReboot;
  const draw = stableFraction(`${key}:reboot`);
  if (draw < type.fallBackShare) return 'fell-back';
  if (draw < type.fallBackShare + type.noReportShare) return 'no-report';
  return null;
}

/** The step of `timeline` under way at `now` (the last one, done or failed, once over). */
export function phaseIndexAt(timeline: readonly Phase[], now: number): number {
  let low = 0;
  let high = timeline.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((timeline[middle] as Phase).from <= now) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** A running update as the API shows it, at `now`. */
export function siteUpdateView(
  timeline: readonly Phase[],
  index: number,
  type: DeviceTypeSeed,
  update: ActiveUpdate,
): NonNullable<Site['update']> {
  const phase = timeline[index] as Phase;
  // Since when the site is in this state: consecutive parts of a download are one state.
  let first = index;
  while (first > 0) {
    const before = timeline[first - 1] as Phase;
    if (before.state !== phase.state || before.interrupted !== phase.interrupted) break;
    first -= 1;
  }
  const total = totalParts(type);
  return {
    state: phase.state as SiteUpdateState,
    since: new Date((timeline[first] as Phase).from).toISOString(),
    queuedAt: new Date(update.queuedAt).toISOString(),
    targetVersion: update.target ?? type.currentVersion,
    download: {
      bytes: downloadedBytes(type, phase.parts),
      totalBytes: type.firmwareBytes,
      parts: phase.parts,
      totalParts: total,
    },
    interrupted: phase.interrupted,
  };
}

/** Where a site stands for a rollout: not queued (`idle`), on its way, or finished. */
export type SiteOutcome =
  | 'idle'
  | 'queued'
  | 'running'
  | 'waiting-for-connection'
  | 'waiting-for-disarm'
  | 'installed'
  | 'failed'
  | 'cancelled';

export interface SiteOutlook {
  now: SiteOutcome;
  /** Where it ends if nothing else is done: at `endAt` (a wait's start, for a waiting end). */
  end: SiteOutcome;
  endAt: number;
  /** When its running update was queued. */
  queuedAt: number | null;
  /** Its running update can still be cancelled (its download has not completed). */
  cancellable: boolean;
  /** Parts of the firmware downloaded by its running update. */
  parts: number;
  /** Left out of its wave because it was held when the wave queued it. */
  held?: true;
}

export function phaseOutcome(state: Phase['state']): SiteOutcome {
  switch (state) {
    case 'queued':
    case 'waiting-for-connection':
    case 'waiting-for-disarm':
    case 'failed':
      return state;
    case 'done':
      return 'installed';
    default:
      return 'running';
  }
}

/** The update a site was in when the scenario began, as an update with a past. */
export function seededUpdate(
  seed: SiteSeed,
  type: DeviceTypeSeed,
  epoch: number,
): ActiveUpdate | null {
  const update = seed.update;
  if (!update) return null;
  switch (update.state) {
    case 'queued':
      return {
        queuedAt: epoch,
        attempt: 1,
        resume: { at: epoch, state: 'queued', parts: 0, queueMs: update.queueMs },
      };
    case 'waiting-for-connection':
      return { queuedAt: epoch - 3 * HOUR, attempt: 1 };
    case 'downloading':
      return {
        queuedAt: epoch - 2 * HOUR,
        attempt: 1,
        resume: { at: epoch - 2 * MINUTE, state: 'downloading', parts: update.downloadedParts },
      };
    case 'waiting-for-disarm':
      return {
        queuedAt: epoch - 6 * HOUR,
        attempt: 1,
        resume: { at: epoch - 40 * MINUTE, state: 'ready', parts: totalParts(type) },
      };
  }
}
