import type { ServerDetail, UpgradePlan } from '../../src/api/servers';
import { formatSize } from '../../src/lib/format';
import { RefusedError } from './refusal';
import { RESTART_HOW, RESTART_MS } from './server-lifecycle';

/**
 * The Upgrade Center's rules, as pure functions of what a backend knows of a server: the
 * upgrade plan (disk space for active + staged + backup + models), and the refusals of a
 * target change and of a start, in the portal's words. The built-in fleet (servers.ts) and the
 * console's server on hawkBit (server/adapters/hawkbit/servers.ts) both apply them.
 */

/** What the rules need of one module: its published versions' sizes. */
export interface ModuleFacts {
  name: string;
  kind: ServerDetail['modules'][number]['kind'];
  optional: boolean;
  versions: readonly { version: string; sizeBytes: number }[];
}

/** What the rules need of one server. */
export interface ServerFacts {
  name: string;
  registered: boolean;
  online: boolean;
  platform: ServerDetail['platform'];
  diskFreeBytes: number;
  firstRun: boolean;
  criticalWork: string[];
}

export type Versions = (name: string) => string | null;

const sizeOf = (module: ModuleFacts, version: string | null) =>
  module.versions.find((candidate) => candidate.version === version)?.sizeBytes ?? 0;

/** Modules whose installed version the target set would change. */
export function changedModules(
  modules: readonly ModuleFacts[],
  installed: Versions,
  target: Versions,
): number {
  return modules.filter((module) => target(module.name) !== installed(module.name)).length;
}

export function upgradePlan(
  server: ServerFacts,
  modules: readonly ModuleFacts[],
  installed: Versions,
  target: Versions,
): UpgradePlan {
  let activeBytes = 0;
  let stagedBytes = 0;
  let modelsBytes = 0;
  let downloadBytes = 0;
  for (const module of modules) {
    const now = installed(module.name);
    const next = target(module.name);
    if (module.kind === 'model') {
      modelsBytes += sizeOf(module, next);
    } else {
      activeBytes += sizeOf(module, now);
      stagedBytes += sizeOf(module, next);
    }
    if (next !== now) downloadBytes += sizeOf(module, next);
  }
  const backupBytes = activeBytes;
  return {
    fullSync: server.firstRun,
    changes: changedModules(modules, installed, target),
    downloadBytes,
    disk: {
      activeBytes,
      stagedBytes,
      backupBytes,
      modelsBytes,
      requiredBytes: activeBytes + stagedBytes + backupBytes + modelsBytes,
      freeBytes: server.diskFreeBytes,
    },
    restartMinutes: RESTART_MS[server.platform] / 60_000,
    restartHow: RESTART_HOW[server.platform],
    criticalWork: server.criticalWork,
  };
}

/** Whether a synchronization runs, and how it was started, for the words of a refusal. */
export type Running = 'no' | 'running' | 'waiting-for-restart';

/** The refusal of a start request, or null when it may start. */
export function startRefusal(
  server: ServerFacts,
  running: Running,
  plan: UpgradePlan,
): RefusedError | null {
  if (!server.registered) {
    return new RefusedError(
      409,
      'not_registered',
      `The upgrade request was cancelled: ${server.name} has no registered identifier with the portal. Register it in Portal Integration, then start the upgrade again.`,
    );
  }
  if (!server.online) {
    return new RefusedError(
      409,
      'offline',
      `The upgrade request was cancelled: ${server.name} is not connected to the portal. Bring Portal Integration online, then start the upgrade again.`,
    );
  }
  if (running === 'running') {
    return new RefusedError(
      409,
      'sync_in_progress',
      `A synchronization is already running on ${server.name}. Only one runs at a time: wait for it to finish, then start again.`,
    );
  }
  if (running === 'waiting-for-restart') {
    return new RefusedError(
      409,
      'sync_in_progress',
      `${server.name} already has its target versions assigned, to install at its next restart (Software upgrade on boot). Wait for the restart, or choose Manual software upgrade and save the target versions again.`,
    );
  }
  if (!server.firstRun && plan.changes === 0) {
    return new RefusedError(
      409,
      'nothing_to_change',
      'The installed module set already matches the target versions. Choose other target versions first.',
    );
  }
  const { disk } = plan;
  if (disk.requiredBytes > disk.freeBytes) {
    return new RefusedError(
      507,
      'insufficient_disk',
      `Not enough disk space: the upgrade needs ${formatSize(disk.requiredBytes)} (active ${formatSize(disk.activeBytes)} + staged ${formatSize(disk.stagedBytes)} + backup ${formatSize(disk.backupBytes)} + models ${formatSize(disk.modelsBytes)}) and ${formatSize(disk.freeBytes)} is free. Free up space or choose smaller versions.`,
    );
  }
  return null;
}

/** Checks a target change against the catalogue and the running job. */
export function targetRefusal(
  serverName: string,
  modules: readonly ModuleFacts[],
  change: readonly { name: string; version: string | null }[],
  running: boolean,
): RefusedError | null {
  if (running) {
    return new RefusedError(
      409,
      'sync_in_progress',
      `A synchronization is running on ${serverName}; change target versions when it has finished.`,
    );
  }
  for (const { name, version } of change) {
    const module = modules.find((candidate) => candidate.name === name);
    if (!module) {
      return new RefusedError(422, 'unknown_module', `${serverName} has no module ${name}.`);
    }
    if (version === null && !module.optional) {
      return new RefusedError(
        422,
        'required_module',
        `${name} is required and cannot be removed; choose a version.`,
      );
    }
    if (version !== null && !module.versions.some((candidate) => candidate.version === version)) {
      return new RefusedError(
        422,
        'unknown_version',
        `${name} ${version} is not published. Choose one of ${module.versions.map((v) => v.version).join(', ')}.`,
      );
    }
  }
  return null;
}
