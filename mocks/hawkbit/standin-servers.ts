/**
 * The stand-in's servers of the Upgrade Center, as hawkBit holds them: a target per server of
 * the scenario (controller attribute `category` `server`, with what its agent reports:
 * `platform`, `registered`, `diskFreeBytes`, `criticalWork`), a software module per published
 * version of each module (its type the module's kind — `core`, `module`, `dependency`,
 * `model` —, one artifact of its size, metadata `channel`, `optional`, `dependentTasks`), and a
 * distribution set of type `server-modules` per module set a server runs or is given.
 *
 * A set assigned to a server runs as the Banalytics agent would run it, with the built-in
 * fleet's timings (server-lifecycle.ts): `forced` at once, `soft` at the server's next nightly
 * restart (Software upgrade on boot). Its action's status history says where it stands:
 *
 * | job step  | action status (`type`) the agent reports when the step begins            |
 * | --------- | ------------------------------------------------------------------------ |
 * | check     | `running` "Assignment initiated" (hawkBit's own, when it is assigned)    |
 * | download  | `download` "… downloading N MB into modules-download"                    |
 * | stage     | `downloaded` "N MB downloaded; staging in modules-upgrade …"            |
 * | restart   | `running` with the platform's restart (job script, or a reboot)          |
 * | active    | `finished` "The new module set is active."                               |
 * | failed    | `error` with the reason; the previous set restored from modules-backup  |
 */
import type { ModuleKind } from '../../src/api/servers';
import { formatSize } from '../../src/lib/format';
import {
  DEFAULT_SETTINGS,
  nextBoot,
  RESTART_AFTER_FAILURE,
  RESTART_HOW,
  schedule,
  type Job,
} from '../fleet/server-lifecycle';
import type { ServerSeed } from '../fleet/server-seeds';
import { buildScenario, type ScenarioName } from '../fleet/scenarios';
import { exception, notFound, page, type Fields } from './standin-paging';
import type { StatusEntry } from './standin-sites';
import { customerTag, type StandinDistributionSet, type StandinTarget } from './standin-world';

export const SERVER_CATEGORY = 'server';
/** The distribution set type of a server's module set. */
export const SERVER_SET_TYPE = 'server-modules';
export const MODULE_TYPES: readonly ModuleKind[] = ['core', 'module', 'dependency', 'model'];
/** Server actions are numbered apart from the panels' and the cameras'. */
const FIRST_ACTION_ID = 2_000_001;

export interface StandinModule {
  id: number;
  name: string;
  version: string;
  type: ModuleKind;
  description: string;
  sizeBytes: number;
  createdAt: number;
  metadata: Record<string, string>;
  /** Why this version fails to start, if it does (a staging build). */
  failure?: string;
}

export interface ServerAction {
  id: number;
  controllerId: string;
  distributionSet: number;
  createdAt: number;
  forceType: 'forced' | 'soft';
  cancelled: boolean;
  job: Job;
  platform: ServerSeed['platform'];
}

const MODULE_FIELDS: Fields<StandinModule> = {
  query: {
    id: (module) => module.id,
    name: (module) => module.name,
    version: (module) => module.version,
    type: (module) => module.type,
    description: (module) => module.description,
  },
  sort: {
    ID: (module) => module.id,
    NAME: (module) => module.name,
    VERSION: (module) => module.version,
    TYPE: (module) => module.type,
  },
};

const ACTION_FIELDS: Fields<ServerAction> = {
  query: { id: (action) => action.id },
  sort: { ID: (action) => action.id, CREATEDAT: (action) => action.createdAt },
};

/** An action's status history, as hawkBit pages it. */
export const STATUS_FIELDS: Fields<StatusEntry> = {
  query: {},
  sort: { ID: (entry) => entry.id, REPORTEDAT: (entry) => entry.reportedAt },
};

export const moduleBody = (module: StandinModule) => ({
  id: module.id,
  name: module.name,
  version: module.version,
  type: module.type,
  typeName: module.type,
  description: module.description,
  vendor: 'Banalytics',
  createdAt: module.createdAt,
  encrypted: false,
  locked: true,
  deleted: false,
  _links: { self: { href: `/rest/v1/softwaremodules/${module.id}` } },
});

/** Adds the scenario's servers to the stand-in's world: their modules, sets and targets. */
export function standinServers(
  scenario: ScenarioName,
  started: number,
  now: () => number,
  world: { distributionSets: StandinDistributionSet[]; targets: StandinTarget[] },
) {
  const seeds = buildScenario(scenario).servers;
  const modules: StandinModule[] = [];
  const moduleOf = new Map<string, StandinModule>();
  for (const seed of seeds) {
    for (const module of seed.modules) {
      for (const version of module.versions) {
        const key = `${module.name}@${version.version}`;
        if (moduleOf.has(key)) continue;
        const made: StandinModule = {
          id: modules.length + 1,
          name: module.name,
          version: version.version,
          type: module.kind,
          description: module.description,
          sizeBytes: version.sizeBytes,
          createdAt: started - (1000 - modules.length) * 3_600_000,
          metadata: {
            channel: version.channel,
            optional: String(module.optional),
            dependentTasks: JSON.stringify(module.dependentTasks),
          },
          ...(version.failure ? { failure: version.failure } : {}),
        };
        modules.push(made);
        moduleOf.set(key, made);
      }
    }
  }
  const modulesById = new Map(modules.map((module) => [module.id, module]));

  /** A set of these modules, made as an administrator would have made it. */
  function addSet(name: string, version: string, versions: Map<string, string | null>): number {
    const ids = [...versions]
      .map(([module, at]) => (at === null ? undefined : moduleOf.get(`${module}@${at}`)?.id))
      .filter((id): id is number => id !== undefined);
    const set: StandinDistributionSet = {
      id: world.distributionSets.length + 1,
      name,
      version,
      type: SERVER_SET_TYPE,
      createdAt: started - 86_400_000,
      modules: ids,
    };
    world.distributionSets.push(set);
    return set.id;
  }

  const seedOf = new Map(seeds.map((seed) => [seed.id, seed]));
  for (const seed of seeds) {
    const installed = new Map(seed.modules.map((module) => [module.name, module.installed]));
    const target = new Map(
      seed.modules.map((module) => [
        module.name,
        module.target === undefined ? module.installed : module.target,
      ]),
    );
    const installedSet = seed.firstRun ? 0 : addSet(`${seed.name} modules`, 'installed', installed);
    const differs = seed.modules.some((module) => target.get(module.name) !== module.installed);
    const metadata: Record<string, string> = {};
    if (differs || seed.firstRun) {
      metadata.targetModuleSet = String(addSet(`${seed.name} modules`, 'target', target));
    }
    world.targets.push({
      controllerId: seed.id,
      name: seed.name,
      address: '',
      updateStatus: 'in_sync',
      lastControllerRequestAt: seed.online ? started - 60_000 : started - 3 * 86_400_000,
      polling: seed.online,
      createdAt: started - 200 * 86_400_000,
      targetType: '',
      installedSet,
      installedVersion: installedSet === 0 ? '' : 'installed',
      attributes: {
        category: SERVER_CATEGORY,
        platform: seed.platform,
        registered: String(seed.registered),
        diskFreeBytes: String(seed.diskFreeBytes),
        criticalWork: JSON.stringify(seed.criticalWork),
      },
      metadata,
      tags: [customerTag(seed.customer)],
      server: seed.id,
    });
  }

  const actions: ServerAction[] = [];
  /** Sets are numbered in the order they were made. */
  const setById = (id: number) => world.distributionSets[id - 1];
  const versionsOf = (setId: number) => {
    const versions = new Map<string, string>();
    for (const id of setById(setId)?.modules ?? []) {
      const module = modulesById.get(id);
      if (module) versions.set(module.name, module.version);
    }
    return versions;
  };
  const actionsOf = (controllerId: string) =>
    actions.filter((action) => action.controllerId === controllerId);
  const ended = (action: ServerAction) =>
    action.cancelled || now() >= schedule(action.job, action.platform).end;

  /** The set a server runs: its last upgrade that finished well, or the one it came with. */
  function installedSet(target: StandinTarget): number {
    let set = target.installedSet;
    for (const action of actionsOf(target.controllerId)) {
      if (!action.cancelled && ended(action) && action.job.failure === null) {
        set = action.distributionSet;
      }
    }
    return set;
  }

  /** A distribution set as hawkBit answers it, with its software modules. */
  function setBody(set: StandinDistributionSet) {
    return {
      id: set.id,
      name: set.name,
      version: set.version,
      type: set.type,
      typeName: set.type === SERVER_SET_TYPE ? 'Server modules' : 'OS',
      createdAt: set.createdAt,
      complete: true,
      locked: true,
      deleted: false,
      valid: true,
      requiredMigrationStep: false,
      modules: (set.modules ?? [])
        .map((id) => modulesById.get(id))
        .filter((module): module is StandinModule => module !== undefined)
        .map(moduleBody),
      _links: { self: { href: `/rest/v1/distributionsets/${set.id}` } },
    };
  }

  function history(action: ServerAction): StatusEntry[] {
    const times = schedule(action.job, action.platform);
    const size = formatSize(action.job.downloadBytes);
    const at = now();
    const entries: StatusEntry[] = [
      {
        id: action.id * 10,
        type: 'running',
        messages: ['Assignment initiated'],
        reportedAt: action.createdAt,
      },
    ];
    const step = (offset: number, type: string, message: string, when: number) => {
      if (at >= when) {
        entries.unshift({
          id: action.id * 10 + offset,
          type,
          messages: [message],
          reportedAt: when,
        });
      }
    };
    if (action.cancelled) {
      step(9, 'canceled', 'Cancelled', action.createdAt);
      return entries;
    }
    step(
      1,
      'download',
      `Registration and portal connection checked; downloading ${size} into modules-download.`,
      times.download,
    );
    step(
      2,
      'downloaded',
      `${size} downloaded; staging in modules-upgrade, the previous set kept in modules-backup.`,
      times.stage,
    );
    step(3, 'running', RESTART_HOW[action.platform], times.restart);
    step(
      4,
      action.job.failure === null ? 'finished' : 'error',
      action.job.failure === null
        ? 'The new module set is active.'
        : `${action.job.failure} The previous module set was restored from modules-backup. ${RESTART_AFTER_FAILURE[action.job.settings.restartOnFailure]}`,
      times.end,
    );
    return entries;
  }

  function actionBody(action: ServerAction) {
    const [last] = history(action);
    const done = ended(action);
    return {
      id: action.id,
      type: 'update',
      status: done ? 'finished' : 'pending',
      detailStatus: last?.type ?? 'running',
      createdAt: action.createdAt,
      lastModifiedAt: last?.reportedAt ?? action.createdAt,
      forceType: action.forceType,
      _links: {
        self: {
          href: `/rest/v1/targets/${encodeURIComponent(action.controllerId)}/actions/${action.id}`,
        },
        distributionset: { href: `/rest/v1/distributionsets/${action.distributionSet}` },
      },
    };
  }

  /** hawkBit's `POST /targets/{id}/assignedDS`: a new action unless the set is on its way. */
  function assign(target: StandinTarget, body: unknown): Response {
    const [request] = Array.isArray(body)
      ? (body as { id: number; type?: 'forced' | 'soft' }[])
      : [];
    const set = request && setById(request.id);
    if (!request || !set) return notFound(`Distribution set ${request?.id}`);
    if (set.type !== SERVER_SET_TYPE) {
      return exception(
        400,
        'hawkbit.server.error.distributionset.incompatibleTargetType',
        `Distribution set ${set.id} is not compatible with target ${target.controllerId}.`,
      );
    }
    const seed = seedOf.get(target.server ?? '');
    const running = actionsOf(target.controllerId).find((action) => !ended(action));
    if (!seed || (running && running.distributionSet === set.id)) {
      return Response.json({ assigned: 0, alreadyAssigned: 1, total: 1, assignedActions: [] });
    }
    // hawkBit cancels what a new assignment replaces: an action not yet begun ends here.
    if (running) running.cancelled = true;
    const installed = versionsOf(installedSet(target));
    const wanted = versionsOf(set.id);
    let downloadBytes = 0;
    let failure: string | null = null;
    for (const [name, version] of wanted) {
      if (installed.get(name) === version) continue;
      const module = moduleOf.get(`${name}@${version}`);
      downloadBytes += module?.sizeBytes ?? 0;
      failure ??= module?.failure ?? null;
    }
    const createdAt = now();
    const forceType = request.type === 'soft' ? 'soft' : 'forced';
    const restart = target.metadata.restartOnFailure;
    const action: ServerAction = {
      id: FIRST_ACTION_ID + actions.length,
      controllerId: target.controllerId,
      distributionSet: set.id,
      createdAt,
      forceType,
      cancelled: false,
      platform: seed.platform,
      job: {
        id: `job-${createdAt.toString(36)}`,
        requestId: '',
        // Software upgrade on boot: the agent applies a soft assignment at its next restart.
        startedAt: forceType === 'soft' ? nextBoot(createdAt) : createdAt,
        fullSync: installedSet(target) === 0,
        target: new Map(wanted),
        downloadBytes,
        failure,
        settings: {
          ...DEFAULT_SETTINGS,
          ...(restart && restart in RESTART_AFTER_FAILURE
            ? { restartOnFailure: restart as keyof typeof RESTART_AFTER_FAILURE }
            : {}),
        },
      },
    };
    actions.push(action);
    return Response.json({
      assigned: 1,
      alreadyAssigned: 0,
      total: 1,
      assignedActions: [{ id: action.id }],
    });
  }

  function createSets(body: unknown, known: ReadonlySet<string>): Response {
    const requested = Array.isArray(body)
      ? (body as {
          name?: string;
          version?: string;
          type?: string;
          description?: string;
          modules?: { id?: number }[];
        }[])
      : [];
    const made: StandinDistributionSet[] = [];
    for (const request of requested) {
      if (!request.name || !request.version || !request.type || !known.has(request.type)) {
        return exception(
          400,
          'hawkbit.server.error.repo.entitiyNotFound',
          `A distribution set needs a name, a version and a known type (${request.type ?? 'none'} is not one).`,
        );
      }
      const taken = world.distributionSets.some(
        (set) => set.name === request.name && set.version === request.version,
      );
      if (taken) {
        return exception(
          409,
          'hawkbit.server.error.repo.entitiyAlreadyExists',
          `A distribution set ${request.name} ${request.version} exists already.`,
        );
      }
      const ids = (request.modules ?? []).map((module) => Number(module.id));
      const missing = ids.find((id) => !modulesById.has(id));
      if (missing !== undefined) return notFound(`Software module ${missing}`);
      const set: StandinDistributionSet = {
        id: world.distributionSets.length + 1,
        name: request.name,
        version: request.version,
        type: request.type,
        createdAt: now(),
        modules: ids,
      };
      world.distributionSets.push(set);
      made.push(set);
    }
    return Response.json(made, { status: 201 });
  }

  return {
    setBody,
    installedSet,
    /** A server's update status, as hawkBit reports it on the target. */
    updateStatus(controllerId: string): StandinTarget['updateStatus'] {
      const [latest] = actionsOf(controllerId).slice(-1);
      if (!latest || latest.cancelled) return 'in_sync';
      if (!ended(latest)) return 'pending';
      return latest.job.failure === null ? 'in_sync' : 'error';
    },
    /**
     * Answers what concerns servers and their modules, or undefined for the other requests:
     * software modules, their artifacts and metadata, new sets, and a server target's
     * assignments and actions.
     */
    serve(
      operationId: string,
      params: Record<string, string>,
      query: URLSearchParams,
      body: unknown,
      target: StandinTarget | undefined,
      setTypes: ReadonlySet<string>,
    ): Response | undefined {
      const module =
        params.softwareModuleId === undefined
          ? undefined
          : modulesById.get(Number(params.softwareModuleId));
      if (params.softwareModuleId !== undefined && !module) {
        return notFound(`Software module ${params.softwareModuleId}`);
      }
      switch (operationId) {
        case 'getSoftwareModules':
          return page(modules, query, MODULE_FIELDS, moduleBody);
        case 'getSoftwareModule':
          return module && Response.json(moduleBody(module));
        case 'getArtifacts':
          return (
            module &&
            Response.json([
              {
                id: module.id,
                providedFilename: `${module.name}-${module.version}.zip`,
                size: module.sizeBytes,
                createdAt: module.createdAt,
                _links: { self: { href: `/rest/v1/softwaremodules/${module.id}/artifacts/1` } },
              },
            ])
          );
        case 'getMetadata_1': {
          if (!module) return undefined;
          const content = Object.entries(module.metadata).map(([key, value]) => ({ key, value }));
          return Response.json({ content, total: content.length, size: content.length });
        }
        case 'createDistributionSets':
          return createSets(body, setTypes);
        case 'getDistributionSet': {
          const set = setById(Number(params.distributionSetId));
          return set
            ? Response.json(setBody(set))
            : notFound(`Distribution set ${params.distributionSetId}`);
        }
      }
      if (!target?.server) return undefined;
      const action =
        params.actionId === undefined
          ? undefined
          : actionsOf(target.controllerId).find((each) => String(each.id) === params.actionId);
      switch (operationId) {
        case 'postAssignedDistributionSet':
          return assign(target, body);
        case 'getAssignedDistributionSet': {
          const [latest] = actionsOf(target.controllerId)
            .filter((each) => !each.cancelled)
            .slice(-1);
          const set = setById(latest?.distributionSet ?? installedSet(target));
          return set ? Response.json(setBody(set)) : new Response(null, { status: 204 });
        }
        case 'getActionHistory':
          return page(actionsOf(target.controllerId), query, ACTION_FIELDS, actionBody);
        case 'getAction':
          return action ? Response.json(actionBody(action)) : notFound(`Action ${params.actionId}`);
        case 'getActionStatusList':
          return action
            ? page(history(action), query, STATUS_FIELDS, (entry) => entry)
            : notFound(`Action ${params.actionId}`);
        case 'cancelAction': {
          if (!action) return notFound(`Action ${params.actionId}`);
          // The agent cancels only what it has not begun to download.
          if (ended(action) || now() >= schedule(action.job, action.platform).download) {
            return exception(
              400,
              'hawkbit.server.error.action.notcancelable',
              'The action is not active, or the server has begun to download it.',
            );
          }
          action.cancelled = true;
          return new Response(null, { status: 204 });
        }
        default:
          return undefined;
      }
    },
  };
}
