/**
 * The Upgrade Center on hawkBit. A server is a target whose controller attribute `category`
 * is `server`; its module set is a distribution set (type `server-modules`) of software
 * modules, one module per published version, typed by kind (`core`, `module`, `dependency`,
 * `model`). The installed set is the target's installed distribution set; the target versions
 * the operator picks compose a set (found, or made once per combination) that the target's
 * metadata `targetModuleSet` names, and Start upgrade assigns it. Each job is the target's
 * latest action, its steps read from the action's status history as the server's agent
 * reports them. The Upgrade Center's rules (the plan, its refusals) are the built-in fleet's
 * (server-rules.ts), applied to what hawkBit holds.
 */
import type {
  JobStep,
  ServerDetail,
  ServerSettings,
  ServerSummary,
  TargetChange,
  UpgradeJob,
  UpgradeResult,
} from '../../../src/api/servers';
import { RestartOnFailure, UpdateType } from '../../../src/api/servers';
import { DEFAULT_SETTINGS } from '../../../mocks/fleet/server-lifecycle';
import {
  startRefusal,
  targetRefusal,
  upgradePlan,
  type ModuleFacts,
  type Running,
  type ServerFacts,
} from '../../../mocks/fleet/server-rules';
import { RefusedError } from '../../contract/refusal';
import { everyItem, type Paged } from './catalog';
import type { HawkbitClient, HawkbitCredentials } from './client';
import { OVERDUE_MS } from './devices';
import { compare, within } from './rsql';
import { inTurn } from './targets';

/** The controller attribute `category` of the targets the Upgrade Center shows. */
export const SERVER_CATEGORY = 'server';
/** The distribution set type of a module set (hawkBit needs it defined, every module type optional). */
export const SERVER_SET_TYPE = 'server-modules';
/** The name of the sets the console composes; each one's version names its modules. */
export const COMPOSED_SET_NAME = 'Banalytics modules';
const MODULE_KINDS = ['core', 'module', 'dependency', 'model'] as const;
/** The target metadata the Upgrade Center keeps in hawkBit. */
const META = {
  target: 'targetModuleSet',
  updateType: 'updateType',
  restartOnFailure: 'restartOnFailure',
} as const;
const CATALOG_MS = 10_000;
/** A published module version does not change: its size and metadata are kept longer. */
const FACTS_MS = 10 * 60_000;
const SERVERS_MOST = 5_000;
/** Reads of the list's servers at once, well inside hawkBit's limit of reads a second. */
const SERVER_READS_AT_ONCE = 4;

interface Module {
  id: number;
  name: string;
  version: string;
  type: string;
  description?: string;
}
interface DistributionSet {
  id: number;
  name: string;
  version: string;
  modules?: Module[];
}
interface Action {
  id: number;
  _links?: { distributionset?: { href?: string } };
  status?: string;
  detailStatus?: string;
  forceType?: string;
  createdAt: number;
  lastModifiedAt?: number;
}
interface Status {
  id: number;
  type: string;
  messages?: string[];
  reportedAt: number;
}
interface TargetBody {
  controllerId: string;
  name: string;
  lastControllerRequestAt?: number;
}

/** A module with its versions' ids, as the catalogue of published modules has it. */
type CatalogModule = Omit<ModuleFacts, 'versions'> & {
  description: string;
  dependentTasks: string[];
  versions: { id: number; version: string; sizeBytes: number; channel: 'stable' | 'staging' }[];
};

/** Everything one server's screens need, read from hawkBit. */
interface ServerState {
  target: TargetBody;
  facts: ServerFacts;
  settings: ServerSettings;
  metadata: Map<string, string>;
  installed: DistributionSet | undefined;
  targetSet: DistributionSet | undefined;
  modules: CatalogModule[];
  job: UpgradeJob | null;
  running: Running;
  lastResult: UpgradeResult | null;
  /** The action waiting for the server's next restart (Software upgrade on boot). */
  waiting: Action | undefined;
}

/** The set an action assigns, from its link. */
const setOf = (action: Action) =>
  Number(/\/distributionsets\/(\d+)$/.exec(action._links?.distributionset?.href ?? '')?.[1]);

const targetPath = (id: string) => `/rest/v1/targets/${encodeURIComponent(id)}`;

function parseList(text: string | undefined): string[] {
  try {
    const value: unknown = JSON.parse(text ?? '[]');
    return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

const versionsIn = (set: DistributionSet | undefined) =>
  new Map((set?.modules ?? []).map((module) => [module.name, module.version]));

/** The order of a job's steps; each begins with the agent's status of that type. */
const STEPS: readonly JobStep[] = ['check', 'download', 'stage', 'restart', 'active'];

/**
 * Where a job stands, from its action's status history (oldest first): `download` begins the
 * download, `downloaded` the staging, a `running` after it the restart, `finished` the new set
 * active; `error` fails the step under way, `canceled` ends it. Each status says how the step
 * before it ended, so a done step's words are those of the status after it.
 */
export function readJob(action: Action, history: readonly Status[], fullSync: boolean) {
  const starts: (Status | undefined)[] = [history[0]];
  let end: Status | undefined;
  for (const status of history) {
    if (status.type === 'download' && starts.length === 1) starts.push(status);
    else if (status.type === 'downloaded' && starts.length <= 2) starts[2] = status;
    else if (status.type === 'running' && starts.length === 3) starts.push(status);
    else if (status.type === 'finished') starts[4] = status;
    if (['finished', 'error', 'canceled'].includes(status.type)) end = status;
  }
  const reached = starts.length - 1;
  const failed = end !== undefined && end.type !== 'finished';
  const waiting = action.forceType === 'soft' && reached === 0 && end === undefined;
  const message = (status: Status | undefined) => status?.messages?.join(' ') || null;
  const failure =
    end?.type === 'error'
      ? (message(end) ?? 'The upgrade failed.')
      : end?.type === 'canceled'
        ? 'The upgrade was cancelled in hawkBit.'
        : null;
  const job: UpgradeJob = {
    id: `action-${action.id}`,
    startedAt: new Date(action.createdAt).toISOString(),
    state: end === undefined ? 'running' : failed ? 'failed' : 'succeeded',
    fullSync,
    steps: STEPS.map((step, index) => {
      const done = index < reached || (index === reached && end?.type === 'finished');
      const state = done
        ? 'done'
        : index === reached
          ? failed
            ? 'failed'
            : waiting
              ? 'pending'
              : 'running'
          : 'pending';
      return {
        step,
        state,
        progress: done ? 1 : 0,
        message: done
          ? message(index === STEPS.length - 1 ? starts[index] : starts[index + 1])
          : state === 'failed'
            ? failure
            : null,
      };
    }),
    failure,
  };
  const syncState: ServerSummary['syncState'] =
    end !== undefined || waiting
      ? 'idle'
      : reached <= 1
        ? 'downloading'
        : reached === 2
          ? 'staged'
          : 'restarting';
  return { job, waiting, syncState, end };
}

export function hawkbitServers(options: { client: HawkbitClient; now: () => number }) {
  const { client, now } = options;
  const catalogs = new Map<string, { at: number; modules: Promise<CatalogModule[]> }>();
  const facts = new Map<
    number,
    { at: number; facts: Promise<{ size: number; meta: Map<string, string> }> }
  >();

  /** A published module version's size (its artifacts) and metadata, kept for minutes. */
  function factsOf(credentials: HawkbitCredentials, id: number) {
    const kept = facts.get(id);
    if (kept && now() - kept.at < FACTS_MS) return kept.facts;
    const read = (async () => {
      const [artifacts, metadata] = await Promise.all([
        client.get<{ size?: number }[]>(`/rest/v1/softwaremodules/${id}/artifacts`, credentials),
        client.get<Paged<{ key: string; value?: string }>>(
          `/rest/v1/softwaremodules/${id}/metadata`,
          credentials,
          { limit: 50 },
        ),
      ]);
      return {
        size: (artifacts ?? []).reduce((sum, artifact) => sum + (artifact.size ?? 0), 0),
        meta: new Map(metadata.content.map((entry) => [entry.key, entry.value ?? ''])),
      };
    })();
    facts.set(id, { at: now(), facts: read });
    read.catch(() => facts.delete(id));
    return read;
  }

  /** Every published module, its versions in the order they were published (ids grow). */
  function catalogue(credentials: HawkbitCredentials): Promise<CatalogModule[]> {
    const kept = catalogs.get(credentials.username);
    if (kept && now() - kept.at < CATALOG_MS) return kept.modules;
    const read = (async () => {
      const found = await everyItem<Module>(client, '/rest/v1/softwaremodules', credentials, {
        q: within('type', MODULE_KINDS),
        sort: 'ID:ASC',
      });
      const byName = new Map<string, Module[]>();
      for (const module of found)
        byName.set(module.name, [...(byName.get(module.name) ?? []), module]);
      return Promise.all(
        [...byName].map(async ([name, versions]): Promise<CatalogModule> => {
          const read = await inTurn(versions, 4, (version) => factsOf(credentials, version.id));
          const newest = versions[versions.length - 1] as Module;
          const meta = read[read.length - 1]?.meta ?? new Map<string, string>();
          return {
            name,
            kind: MODULE_KINDS.find((kind) => kind === newest.type) ?? 'module',
            description: newest.description ?? '',
            optional: meta.get('optional') === 'true',
            dependentTasks: parseList(meta.get('dependentTasks')),
            versions: versions.map((version, index) => ({
              id: version.id,
              version: version.version,
              sizeBytes: read[index]?.size ?? 0,
              channel: read[index]?.meta.get('channel') === 'staging' ? 'staging' : 'stable',
            })),
          };
        }),
      );
    })();
    catalogs.set(credentials.username, { at: now(), modules: read });
    read.catch(() => catalogs.delete(credentials.username));
    return read;
  }

  const notAServer = (id: string) =>
    new RefusedError(404, 'not_found', `There is no server ${id} in the portal.`);

  /** The server's target, its attributes and metadata, sets and latest job. */
  async function read(credentials: HawkbitCredentials, id: string, withModules: boolean) {
    const path = targetPath(id);
    let target: TargetBody;
    try {
      target = await client.get<TargetBody>(path, credentials);
    } catch (error) {
      throw error instanceof RefusedError && error.status === 404 ? notAServer(id) : error;
    }
    const [attributes, metadata, installed, actions] = await Promise.all([
      client.get<Record<string, string> | undefined>(`${path}/attributes`, credentials),
      client.get<Paged<{ key: string; value?: string }>>(`${path}/metadata`, credentials, {
        limit: 50,
      }),
      client.get<DistributionSet | undefined>(`${path}/installedDS`, credentials),
      client.get<Paged<Action>>(`${path}/actions`, credentials, { sort: 'ID:DESC', limit: 10 }),
    ]);
    if (attributes?.category !== SERVER_CATEGORY) throw notAServer(id);
    const meta = new Map(metadata.content.map((entry) => [entry.key, entry.value ?? '']));
    const targetSetId = Number(meta.get(META.target));
    const [targetSet, modules] = await Promise.all([
      Number.isInteger(targetSetId) && targetSetId > 0 && targetSetId !== installed?.id
        ? client.get<DistributionSet>(`/rest/v1/distributionsets/${targetSetId}`, credentials)
        : Promise.resolve(installed),
      withModules ? catalogue(credentials) : Promise.resolve([]),
    ]);
    const facts: ServerFacts = {
      name: target.name,
      registered: attributes.registered === 'true',
      online: now() - (target.lastControllerRequestAt ?? 0) < OVERDUE_MS,
      platform: attributes.platform === 'windows' ? 'windows' : 'linux',
      diskFreeBytes: Math.max(0, Number(attributes.diskFreeBytes) || 0),
      firstRun: installed === undefined,
      criticalWork: parseList(attributes.criticalWork),
    };
    const updateType = UpdateType.safeParse(meta.get(META.updateType));
    const restart = RestartOnFailure.safeParse(meta.get(META.restartOnFailure));
    const settings: ServerSettings = {
      updateType: updateType.success ? updateType.data : DEFAULT_SETTINGS.updateType,
      restartOnFailure: restart.success ? restart.data : DEFAULT_SETTINGS.restartOnFailure,
    };

    const [latest] = actions.content;
    let job: UpgradeJob | null = null;
    let running: Running = 'no';
    let syncState: ServerSummary['syncState'] = 'idle';
    let lastResult: UpgradeResult | null = null;
    let waiting: Action | undefined;
    if (latest) {
      const history = await client.get<Paged<Status>>(
        `${path}/actions/${latest.id}/status`,
        credentials,
        { sort: 'ID:ASC', limit: 50 },
      );
      const read = readJob(latest, history.content, facts.firstRun);
      job = read.job;
      syncState = read.syncState;
      waiting = read.waiting ? latest : undefined;
      running = read.waiting ? 'waiting-for-restart' : read.end ? 'no' : 'running';
      const ended = read.end
        ? { action: latest, end: read.end }
        : await lastEnded(credentials, path, actions.content.slice(1));
      if (ended) lastResult = resultOf(ended.end, facts);
      if (lastResult?.outcome === 'failed' && syncState === 'idle') syncState = 'failed';
    }
    const state: ServerState = {
      target,
      facts,
      settings,
      metadata: meta,
      installed,
      targetSet,
      modules,
      job,
      running,
      lastResult,
      waiting,
    };
    return { state, syncState };
  }

  /** The last action before the running one that ended, with its last status. */
  async function lastEnded(credentials: HawkbitCredentials, path: string, older: Action[]) {
    const action = older.find((each) => each.status === 'finished');
    if (!action) return undefined;
    const history = await client.get<Paged<Status>>(
      `${path}/actions/${action.id}/status`,
      credentials,
      { sort: 'ID:DESC', limit: 1 },
    );
    const [end] = history.content;
    return end ? { action, end } : undefined;
  }

  function resultOf(end: Status, facts: ServerFacts): UpgradeResult {
    const at = new Date(end.reportedAt).toISOString();
    const words = end.messages?.join(' ') ?? '';
    if (end.type === 'finished') {
      return { outcome: 'succeeded', at, message: words || 'The target module set is active.' };
    }
    if (end.type === 'error') {
      return { outcome: 'failed', at, message: words || `The upgrade of ${facts.name} failed.` };
    }
    return { outcome: 'cancelled', at, message: 'The upgrade was cancelled in hawkBit.' };
  }

  function summaryOf(state: ServerState, syncState: ServerSummary['syncState']): ServerSummary {
    return {
      id: state.target.controllerId,
      name: state.facts.name,
      registered: state.facts.registered,
      online: state.facts.online,
      platform: state.facts.platform,
      syncState,
      lastResult: state.lastResult,
    };
  }

  /** The modules the server runs or is given, in the catalogue's order of kinds. */
  function modulesOf(state: ServerState): CatalogModule[] {
    const names = new Set([
      ...versionsIn(state.installed).keys(),
      ...versionsIn(state.targetSet).keys(),
    ]);
    return state.modules
      .filter((module) => names.has(module.name))
      .sort((a, b) => MODULE_KINDS.indexOf(a.kind) - MODULE_KINDS.indexOf(b.kind));
  }

  function versions(state: ServerState) {
    const installed = versionsIn(state.installed);
    const target = versionsIn(state.targetSet);
    return [
      (name: string) => installed.get(name) ?? null,
      (name: string) => target.get(name) ?? null,
    ] as const;
  }

  function detailOf(state: ServerState, syncState: ServerSummary['syncState']): ServerDetail {
    const [installed, target] = versions(state);
    const modules = modulesOf(state);
    return {
      ...summaryOf(state, syncState),
      firstRun: state.facts.firstRun,
      settings: state.settings,
      modules: modules.map((module) => ({
        name: module.name,
        kind: module.kind,
        description: module.description,
        optional: module.optional,
        installed: installed(module.name),
        target: target(module.name),
        versions: module.versions.map(({ version, channel, sizeBytes }) => ({
          version,
          channel,
          sizeBytes,
        })),
        dependentTasks: module.dependentTasks,
      })),
      plan: upgradePlan(state.facts, modules, installed, target),
      job: state.job,
    };
  }

  /** Keeps one metadata entry of the target: updated where it is, created where it is not. */
  async function keep(
    credentials: HawkbitCredentials,
    state: ServerState,
    key: string,
    value: string,
  ) {
    const path = `${targetPath(state.target.controllerId)}/metadata`;
    if (state.metadata.get(key) === value) return;
    if (state.metadata.has(key)) {
      await client.put(`${path}/${encodeURIComponent(key)}`, credentials, { value });
    } else {
      await client.post(path, credentials, [{ key, value }]);
    }
    state.metadata.set(key, value);
  }

  /** The set of exactly these modules: found by its name and version, or made once. */
  async function compose(
    credentials: HawkbitCredentials,
    chosen: CatalogModule['versions'],
    names: string[],
  ) {
    const ids = chosen.map((version) => version.id).sort((a, b) => a - b);
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(ids.join(',')));
    const version = [...new Uint8Array(digest).slice(0, 6)]
      .map((byte) => byte.toString(16).padStart(2, '0'))
      .join('');
    const found = await client.get<Paged<DistributionSet>>(
      '/rest/v1/distributionsets',
      credentials,
      {
        q: `${compare('name', '==', COMPOSED_SET_NAME)};${compare('version', '==', version)}`,
        limit: 1,
      },
    );
    const [existing] = found.content;
    if (existing) return existing.id;
    const [made] = await client.post<DistributionSet[]>('/rest/v1/distributionsets', credentials, [
      {
        name: COMPOSED_SET_NAME,
        version,
        type: SERVER_SET_TYPE,
        description: chosen.map((each, index) => `${names[index]} ${each.version}`).join(', '),
        modules: ids.map((id) => ({ id })),
      },
    ]);
    if (!made)
      throw new RefusedError(
        502,
        'hawkbit_failed',
        'hawkBit did not make the module set. Try again.',
      );
    return made.id;
  }

  /**
   * Software upgrade on boot: the target set is assigned `soft`, which the server's agent
   * installs at its next restart; back to manual, such an assignment not yet begun is cancelled.
   */
  async function followUpdateType(credentials: HawkbitCredentials, state: ServerState) {
    const path = targetPath(state.target.controllerId);
    const set = state.targetSet;
    if (state.settings.updateType === 'manual') {
      if (state.waiting) await client.delete(`${path}/actions/${state.waiting.id}`, credentials);
      return;
    }
    if (!set || set.id === state.installed?.id || !state.facts.registered) return;
    if (state.running === 'running' || (state.waiting && setOf(state.waiting) === set.id)) return;
    // hawkBit replaces an assignment not yet begun with the new one.
    await client.post(`${path}/assignedDS`, credentials, [{ id: set.id, type: 'soft' }]);
  }

  const detail = async (credentials: HawkbitCredentials, id: string) => {
    const { state, syncState } = await read(credentials, id, true);
    return detailOf(state, syncState);
  };

  return {
    async list(credentials: HawkbitCredentials): Promise<{ items: ServerSummary[] }> {
      const targets = await everyItem<TargetBody>(
        client,
        '/rest/v1/targets',
        credentials,
        { q: compare('controllerAttributes.category', '==', SERVER_CATEGORY), sort: 'NAME:ASC' },
        SERVERS_MOST,
      );
      const items = await inTurn(targets, SERVER_READS_AT_ONCE, async (target) => {
        const { state, syncState } = await read(credentials, target.controllerId, false);
        return summaryOf(state, syncState);
      });
      return { items };
    },
    detail,
    /** The server's name, for the activity. */
    async nameOf(credentials: HawkbitCredentials, id: string): Promise<string> {
      return (await client.get<TargetBody>(targetPath(id), credentials)).name;
    },
    async setTarget(credentials: HawkbitCredentials, id: string, change: TargetChange) {
      const { state } = await read(credentials, id, true);
      const modules = modulesOf(state);
      const refusal = targetRefusal(
        state.facts.name,
        modules,
        change.modules,
        state.running === 'running',
      );
      if (refusal) throw refusal;
      const wanted = versionsIn(state.targetSet);
      for (const { name, version } of change.modules) {
        if (version === null) wanted.delete(name);
        else wanted.set(name, version);
      }
      const same = (set: DistributionSet | undefined) => {
        const has = versionsIn(set);
        return (
          set !== undefined &&
          has.size === wanted.size &&
          [...wanted].every(([name, version]) => has.get(name) === version)
        );
      };
      let setId: number;
      if (same(state.installed) && state.installed) setId = state.installed.id;
      else if (same(state.targetSet) && state.targetSet) setId = state.targetSet.id;
      else {
        const chosen = modules
          .filter((module) => wanted.has(module.name))
          .map((module) => ({
            name: module.name,
            version: module.versions.find((each) => each.version === wanted.get(module.name)),
          }));
        setId = await compose(
          credentials,
          chosen
            .map((each) => each.version)
            .filter((each): each is CatalogModule['versions'][number] => each !== undefined),
          chosen.map((each) => each.name),
        );
      }
      await keep(credentials, state, META.target, String(setId));
      const after = await read(credentials, id, true);
      await followUpdateType(credentials, after.state);
      return detail(credentials, id);
    },
    async setSettings(credentials: HawkbitCredentials, id: string, settings: ServerSettings) {
      const { state } = await read(credentials, id, false);
      await keep(credentials, state, META.updateType, settings.updateType);
      await keep(credentials, state, META.restartOnFailure, settings.restartOnFailure);
      const after = await read(credentials, id, false);
      await followUpdateType(credentials, after.state);
      return detail(credentials, id);
    },
    async startUpgrade(credentials: HawkbitCredentials, id: string): Promise<UpgradeJob> {
      const { state } = await read(credentials, id, true);
      const [installed, target] = versions(state);
      const plan = upgradePlan(state.facts, modulesOf(state), installed, target);
      const refusal = startRefusal(state.facts, state.running, plan);
      if (refusal) throw refusal;
      if (!state.targetSet || state.targetSet.id === state.installed?.id) {
        throw new RefusedError(
          409,
          'nothing_to_change',
          `No target versions are set for ${state.facts.name}. Choose target versions first.`,
        );
      }
      const path = targetPath(id);
      await client.post(`${path}/assignedDS`, credentials, [
        { id: state.targetSet.id, type: 'forced' },
      ]);
      const after = await read(credentials, id, false);
      if (!after.state.job) {
        throw new RefusedError(
          502,
          'hawkbit_failed',
          'hawkBit did not start the upgrade. Try again.',
        );
      }
      return after.state.job;
    },
  };
}

export type HawkbitServers = ReturnType<typeof hawkbitServers>;
