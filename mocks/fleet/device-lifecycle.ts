import type { Device, DeviceUpdateState } from '../../src/api/devices';
import type { DeviceSchedule, MaintenanceSchedule } from '../../src/api/schedules';
import { WINDOW_MS } from '../../src/domain/maintenance-window';
import { nextWindowOutsideFreezes, thawed, type FreezeSpan } from '../../src/domain/freezes';
import { compareVersions } from '../../src/lib/version';
import { DAY, HOUR, MINUTE } from './clock';
import { customerField } from './customers';
import { stableFraction } from './random';
import type { DeviceFacts } from './devices';
import { latestVersion, modelCatalog, type DeviceSeed } from './device-seeds';

/** "As soon as available" devices look for new software every two hours from their start. */
export const CHECK_INTERVAL_MS = 2 * HOUR;
/** An interruptive update: installing, then a reboot. */
export const INSTALL_MS = 5 * MINUTE;
export const REBOOT_MS = 1 * MINUTE;

/** What the operator changed on one device, folded from the fleet's operation log. */
export interface DevicePatch {
  name?: string | null;
  schedule?: DeviceSchedule;
  /** From when the current schedule applies (the release, or the last change). */
  scheduleFrom?: number;
  manualRequestedAt?: number;
  /** Installed by an update that finished before a later change was made. */
  version?: string;
}

// Keyed by the schedule object: the scenarios share one object among devices with the same
// schedule, so 100,000 devices need only a few hundred window computations.
const windowCache = new WeakMap<MaintenanceSchedule, Map<string, { start: number; end: number }>>();

/** The rule with the fleet's change freezes, memoized per schedule, instant and freezes. */
function windowAfter(
  schedule: MaintenanceSchedule,
  from: number,
  frozen: FrozenTimes,
): { start: number; end: number } {
  let byStart = windowCache.get(schedule);
  if (!byStart) {
    byStart = new Map();
    windowCache.set(schedule, byStart);
  }
  const key = `${from}:${frozen.version}`;
  let window = byStart.get(key);
  if (!window) {
    const next = nextWindowOutsideFreezes(schedule, new Date(from), frozen.spans).window;
    window = { start: next.start.getTime(), end: next.end.getTime() };
    if (byStart.size > 1000) byStart.clear();
    byStart.set(key, window);
  }
  return window;
}

/** The fleet's change freezes (they bind every device), and their version for the caches. */
export interface FrozenTimes {
  spans: readonly FreezeSpan[];
  version: number;
}

const NO_FREEZES: FrozenTimes = { spans: [], version: 0 };

/** Per model, per version: whether it is older than the model's latest. */
const olderCache = new Map<string, Map<string, boolean>>();

/** True when `version` is older than the model's latest (memoized: few versions exist). */
function isOutdated(model: string, version: string): boolean {
  let byVersion = olderCache.get(model);
  if (byVersion === undefined) {
    byVersion = new Map();
    olderCache.set(model, byVersion);
  }
  let outdated = byVersion.get(version);
  if (outdated === undefined) {
    outdated = compareVersions(latestVersion(model), version) > 0;
    byVersion.set(version, outdated);
  }
  return outdated;
}

export interface LifecycleContext {
  /** When the scenario began: the newest software was published then. */
  epoch: number;
  /** The fleet's change freezes now (none when absent). */
  frozen?: () => FrozenTimes;
}

function followsSchedule(seed: DeviceSeed): boolean {
  return seed.onboarded && (modelCatalog[seed.model]?.supportsScheduling ?? false);
}

/**
 * When the device starts installing its available update, or null while it waits for
 * nothing it can reach (unreachable, not onboarded and no manual request, up to date).
 * - a manual request starts at once;
 * - "as soon as available" (and devices that ignore scheduling): the first two-hourly check
 *   after the software appeared or the schedule changed;
 * - a maintenance window: inside the next window, most devices in its first hours.
 */
export function installStart(
  seed: DeviceSeed,
  patch: DevicePatch | undefined,
  context: LifecycleContext,
): number | null {
  if (seed.status === 'unreachable') return null;
  if (!isOutdated(seed.model, patch?.version ?? seed.version)) return null;
  const candidates: number[] = [];
  if (patch?.manualRequestedAt !== undefined) candidates.push(patch.manualRequestedAt);
  if (seed.onboarded) {
    const from = Math.max(context.epoch, patch?.scheduleFrom ?? context.epoch);
    const schedule = patch?.schedule ?? seed.schedule;
    const frozen = context.frozen?.() ?? NO_FREEZES;
    if (schedule.mode === 'window' && followsSchedule(seed)) {
      const window = windowAfter(schedule.window, from, frozen);
      // Skewed early: most devices update in the first hours of the window.
      const offset = stableFraction(seed.id) ** 2 * (WINDOW_MS - INSTALL_MS - REBOOT_MS);
      const start = window.start + offset;
      candidates.push(
        start >= from ? start : from + ((window.end - from) * stableFraction(seed.id) ** 2) / 2,
      );
    } else {
      const booted = context.epoch - seed.bootedBeforeEpochMs;
      const checks = Math.ceil((from - booted) / CHECK_INTERVAL_MS);
      const check = booted + checks * CHECK_INTERVAL_MS;
      // A check inside a freeze finds nothing to install: the first one after it does.
      const after = thawed(
        frozen.spans.filter((span) => span.since <= check),
        check,
      );
      candidates.push(
        after === check
          ? check
          : booted + Math.ceil((after - booted) / CHECK_INTERVAL_MS) * CHECK_INTERVAL_MS,
      );
    }
  }
  // The simulator reads states at minute resolution: updates start on a minute.
  return candidates.length === 0 ? null : Math.floor(Math.min(...candidates) / MINUTE) * MINUTE;
}

/** Seamless system-app (ACAP) releases: every 3 days, the first a day before the scenario. */
export const SYSTEM_APPS_EVERY_MS = 3 * DAY;
/** A reachable device installs a release within this long of it, whatever its schedule. */
const SYSTEM_APPS_SPREAD_MS = 30 * MINUTE;

/**
 * Seamless updates install as soon as available, with no reboot and whatever the schedule:
 * each release reaches a reachable, onboarded device within half an hour. Unreachable devices
 * keep what they had when last seen; devices not onboarded get none.
 */
function systemAppsAt(
  seed: DeviceSeed,
  context: LifecycleContext,
  now: number,
): Device['systemApps'] {
  if (!seed.onboarded) return { updatedAt: null, pending: true };
  const first = context.epoch - DAY;
  const offset = stableFraction(`${seed.id}:apps`) * SYSTEM_APPS_SPREAD_MS;
  const seen = seed.status === 'reachable' ? now : context.epoch - seed.lastSeenBeforeEpochMs;
  // The newest release installed by `seen`, and whether a newer one exists by `now`.
  const releases = (until: number) => Math.floor((until - first) / SYSTEM_APPS_EVERY_MS);
  let installed = releases(seen - offset);
  if (installed < 0) installed = -1;
  const newest = releases(now);
  return {
    updatedAt:
      installed < 0
        ? null
        : new Date(first + installed * SYSTEM_APPS_EVERY_MS + offset).toISOString(),
    pending: newest > installed,
  };
}

/** The next two-hourly check of an "as soon as available" device, after `now`. */
function nextCheck(seed: DeviceSeed, context: LifecycleContext, now: number): number {
  const booted = context.epoch - seed.bootedBeforeEpochMs;
  return booted + Math.floor((now - booted) / CHECK_INTERVAL_MS + 1) * CHECK_INTERVAL_MS;
}

/** True once an update that started at `start` has finished by `now`. */
export function finishedBy(start: number | null, now: number): boolean {
  return start !== null && now >= start + INSTALL_MS + REBOOT_MS;
}

/** The version a device runs at `now`, and where its update stands. */
function updateAt(
  seed: DeviceSeed,
  patch: DevicePatch | undefined,
  now: number,
  start: number | null,
): { version: string; latest: string; updateAvailable: boolean; state: DeviceUpdateState } {
  const latest = latestVersion(seed.model);
  const version = finishedBy(start, now) ? latest : (patch?.version ?? seed.version);
  const updateAvailable = isOutdated(seed.model, version);
  const state: DeviceUpdateState = !updateAvailable
    ? 'up-to-date'
    : start !== null && now >= start + INSTALL_MS
      ? 'rebooting'
      : start !== null && now >= start
        ? 'installing'
        : 'available';
  return { version, latest, updateAvailable, state };
}

/** What the list needs of a device at `now`, cheaply (see DeviceFacts). */
export function deviceFacts(
  seed: DeviceSeed,
  patch: DevicePatch | undefined,
  now: number,
  start: number | null,
): DeviceFacts {
  const { version, updateAvailable, state } = updateAt(seed, patch, now, start);
  return {
    id: seed.id,
    name: patch?.name !== undefined ? patch.name : seed.name,
    model: seed.model,
    status: seed.status,
    ip: seed.ip,
    serial: seed.serial,
    version,
    updateAvailable,
    updateState: state,
    onboarded: seed.onboarded,
    supportsScheduling: modelCatalog[seed.model]?.supportsScheduling ?? false,
    schedule: patch?.schedule ?? seed.schedule,
    warrantyExpiresOn: seed.warranty.expiresOn,
    apps: seed.apps,
    customer: seed.customer,
  };
}

/** The device as the API shows it at `now`, from its seed, its changes and the clock. */
export function deviceView(
  seed: DeviceSeed,
  patch: DevicePatch | undefined,
  context: LifecycleContext,
  now: number,
  start: number | null = installStart(seed, patch, context),
): Device {
  const info = modelCatalog[seed.model];
  const { version, latest, updateAvailable, state } = updateAt(seed, patch, now, start);
  const schedule = patch?.schedule ?? seed.schedule;
  const asap = seed.onboarded && (schedule.mode === 'asap' || !followsSchedule(seed));
  // Reachable devices report once a minute; unreachable ones stopped before the scenario began.
  const lastSeen =
    seed.status === 'reachable'
      ? Math.floor(now / MINUTE) * MINUTE
      : context.epoch - seed.lastSeenBeforeEpochMs;
  return {
    id: seed.id,
    name: patch?.name !== undefined ? patch.name : seed.name,
    model: seed.model,
    category: info?.category ?? 'camera',
    status: seed.status,
    ip: seed.ip,
    serial: seed.serial,
    software: { version, latestVersion: latest, updateAvailable },
    warranty: seed.warranty,
    apps: seed.apps,
    systemApps: systemAppsAt(seed, context, now),
    onboarded: seed.onboarded,
    supportsScheduling: info?.supportsScheduling ?? false,
    schedule,
    update: {
      state,
      targetVersion: updateAvailable ? latest : null,
      nextCheckAt:
        asap && seed.status === 'reachable'
          ? new Date(nextCheck(seed, context, now)).toISOString()
          : null,
      manualRequestedAt:
        updateAvailable && patch?.manualRequestedAt !== undefined
          ? new Date(patch.manualRequestedAt).toISOString()
          : null,
    },
    lastSeenAt: new Date(Math.min(lastSeen, now)).toISOString(),
    ...customerField(seed.customer),
  };
}
