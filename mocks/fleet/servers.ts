import type {
  ServerDetail,
  ServerSettings,
  ServerSummary,
  UpgradeJob,
  UpgradePlan,
  UpgradeResult,
} from '../../src/api/servers';
import { RefusedError } from './refusal';
import {
  DEFAULT_SETTINGS,
  jobView,
  nextBoot,
  RESTART_AFTER_FAILURE,
  schedule,
  type Job,
} from './server-lifecycle';
import {
  changedModules,
  startRefusal,
  targetRefusal,
  upgradePlan,
  type Versions,
} from './server-rules';
import type { ModuleSeed, ServerSeed, VersionSeed } from './server-seeds';
import { customerField, inScope, type Scope } from './customers';

/** What operators did to servers, from the fleet's operation log. */
export type ServerOperation =
  | {
      kind: 'server-target';
      at: number;
      serverId: string;
      modules: { name: string; version: string | null }[];
    }
  | { kind: 'server-settings'; at: number; serverId: string; settings: ServerSettings }
  | { kind: 'server-upgrade'; at: number; serverId: string; requestId: string }
  | { kind: 'server-cancelled'; at: number; serverId: string; message: string };

interface State {
  installed: Map<string, string | null>;
  target: Map<string, string | null>;
  settings: ServerSettings;
  firstRun: boolean;
  job: Job | null;
  lastResult: UpgradeResult | null;
  jobs: Job[];
}

function versionOf(module: ModuleSeed, version: string | null): VersionSeed | undefined {
  return module.versions.find((candidate) => candidate.version === version);
}

/** The installed and the target version of each module. */
const versionsOf = (state: State): [Versions, Versions] => [
  (name) => state.installed.get(name) ?? null,
  (name) => state.target.get(name) ?? null,
];

/**
 * The servers of the Upgrade Center, derived from their seeds, the operators' server
 * operations and the clock. A job's steps follow from when it started and what it changes.
 */
export class ServerBook {
  private readonly seeds = new Map<string, ServerSeed>();
  private readonly operations = new Map<string, ServerOperation[]>();

  constructor(servers: readonly ServerSeed[]) {
    for (const server of servers) this.seeds.set(server.id, server);
  }

  record(operation: ServerOperation): void {
    const list = this.operations.get(operation.serverId) ?? [];
    list.push(operation);
    this.operations.set(operation.serverId, list);
  }

  /** The server, or 404: also for a server of another customer than the scope's. */
  seed(serverId: string, scope?: Scope): ServerSeed {
    const seed = this.seeds.get(serverId);
    if (!seed || !inScope(scope, seed.customer)) {
      throw new RefusedError(404, 'not_found', `There is no server ${serverId} in the portal.`);
    }
    return seed;
  }

  /** The server's state at `now`: seed, then each operation in order, then the clock. */
  state(seed: ServerSeed, now: number): State {
    const state: State = {
      installed: new Map(seed.modules.map((module) => [module.name, module.installed])),
      target: new Map(
        seed.modules.map((module) => [
          module.name,
          module.target === undefined ? module.installed : module.target,
        ]),
      ),
      settings: DEFAULT_SETTINGS,
      firstRun: seed.firstRun,
      job: null,
      lastResult: null,
      jobs: [],
    };
    const settle = (time: number) => {
      const job = state.job;
      if (!job) return;
      const { end } = schedule(job, seed.platform);
      if (time < end) return;
      const at = new Date(end).toISOString();
      if (job.failure) {
        state.lastResult = {
          outcome: 'failed',
          at,
          message: `${job.failure} The previous module set was restored from modules-backup. ${RESTART_AFTER_FAILURE[job.settings.restartOnFailure]}`,
        };
      } else {
        state.installed = new Map(job.target);
        state.firstRun = false;
        state.lastResult = {
          outcome: 'succeeded',
          at,
          message: job.fullSync
            ? 'Full synchronization with the portal-defined module set completed.'
            : 'The target module set is active.',
        };
      }
      state.job = null;
    };
    // "Software upgrade on boot": at the first restart after a change, the server applies the
    // portal-defined set by itself.
    let since = Number.NEGATIVE_INFINITY;
    const boot = (time: number) => {
      if (state.settings.updateType !== 'on-boot' || state.job) return;
      if (!seed.registered || !seed.online) return;
      if (!state.firstRun && this.changes(seed, state) === 0) return;
      const at = nextBoot(since);
      if (at > time) return;
      const job = this.newJob(seed, state, {
        kind: 'server-upgrade',
        at,
        serverId: seed.id,
        requestId: `on-boot-${at}`,
      });
      state.job = job;
      state.jobs.push(job);
    };
    for (const operation of this.operations.get(seed.id) ?? []) {
      boot(operation.at);
      settle(operation.at);
      since = operation.at;
      switch (operation.kind) {
        case 'server-target':
          for (const { name, version } of operation.modules) state.target.set(name, version);
          break;
        case 'server-settings':
          state.settings = operation.settings;
          break;
        case 'server-cancelled':
          state.lastResult = {
            outcome: 'cancelled',
            at: new Date(operation.at).toISOString(),
            message: operation.message,
          };
          break;
        case 'server-upgrade': {
          const job = this.newJob(seed, state, operation);
          state.job = job;
          state.jobs.push(job);
          break;
        }
      }
    }
    boot(now);
    settle(now);
    return state;
  }

  private newJob(
    seed: ServerSeed,
    state: State,
    operation: Extract<ServerOperation, { kind: 'server-upgrade' }>,
  ): Job {
    let downloadBytes = 0;
    let failure: string | null = null;
    for (const module of seed.modules) {
      const target = state.target.get(module.name) ?? null;
      if (target === null || target === state.installed.get(module.name)) continue;
      const version = versionOf(module, target);
      downloadBytes += version?.sizeBytes ?? 0;
      failure ??= version?.failure ?? null;
    }
    return {
      id: `job-${operation.at.toString(36)}`,
      requestId: operation.requestId,
      startedAt: operation.at,
      fullSync: state.firstRun,
      target: new Map(state.target),
      downloadBytes,
      failure,
      settings: state.settings,
    };
  }

  /** Modules whose installed version the target set would change. */
  changes(seed: ServerSeed, state: State): number {
    return changedModules(seed.modules, ...versionsOf(state));
  }

  plan(seed: ServerSeed, state: State): UpgradePlan {
    return upgradePlan({ ...seed, firstRun: state.firstRun }, seed.modules, ...versionsOf(state));
  }

  summary(seed: ServerSeed, now: number): ServerSummary {
    return this.summarize(seed, this.state(seed, now), now);
  }

  private summarize(seed: ServerSeed, state: State, now: number): ServerSummary {
    let syncState: ServerSummary['syncState'] =
      state.lastResult?.outcome === 'failed' ? 'failed' : 'idle';
    if (state.job) {
      const times = schedule(state.job, seed.platform);
      syncState = now < times.stage ? 'downloading' : now < times.restart ? 'staged' : 'restarting';
    }
    return {
      id: seed.id,
      name: seed.name,
      registered: seed.registered,
      online: seed.online,
      platform: seed.platform,
      syncState,
      lastResult: state.lastResult,
      ...customerField(seed.customer),
    };
  }

  detail(seed: ServerSeed, now: number): ServerDetail {
    const state = this.state(seed, now);
    const lastJob = state.jobs[state.jobs.length - 1];
    return {
      ...this.summarize(seed, state, now),
      firstRun: state.firstRun,
      settings: state.settings,
      modules: seed.modules.map((module) => ({
        name: module.name,
        kind: module.kind,
        description: module.description,
        optional: module.optional,
        installed: state.installed.get(module.name) ?? null,
        target: state.target.get(module.name) ?? null,
        versions: module.versions.map(({ version, channel, sizeBytes }) => ({
          version,
          channel,
          sizeBytes,
        })),
        dependentTasks: module.dependentTasks,
      })),
      plan: this.plan(seed, state),
      job: lastJob ? jobView(lastJob, seed.platform, now) : null,
    };
  }

  /** The refusal for a start request, or null when it may start. */
  refuseStart(seed: ServerSeed, now: number): RefusedError | null {
    const state = this.state(seed, now);
    const server = { ...seed, firstRun: state.firstRun };
    return startRefusal(server, state.job ? 'running' : 'no', this.plan(seed, state));
  }

  /** The job a `requestId` already started, so a repeated request starts nothing. */
  jobFor(seed: ServerSeed, requestId: string, now: number): UpgradeJob | null {
    const job = this.state(seed, now).jobs.find((candidate) => candidate.requestId === requestId);
    return job ? jobView(job, seed.platform, now) : null;
  }

  /** Checks a target change against the catalogue and the running job. */
  refuseTarget(
    seed: ServerSeed,
    modules: { name: string; version: string | null }[],
    now: number,
  ): RefusedError | null {
    return targetRefusal(seed.name, seed.modules, modules, this.state(seed, now).job !== null);
  }

  all(now: number, scope?: Scope): ServerSummary[] {
    return [...this.seeds.values()]
      .filter((seed) => inScope(scope, seed.customer))
      .map((seed) => this.summary(seed, now));
  }
}
