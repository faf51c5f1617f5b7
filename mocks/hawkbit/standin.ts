/**
 * A hawkBit stand-in, for tests and demos only: hawkBit's Management API over Fetch
 * `Request`s, with targets made from the built-in fleet's scenario (standin-world.ts). Every
 * request is first checked against hawkBit's published document (validate.ts): what hawkBit
 * does not define is refused as hawkBit would (400, 404, 405, 415) with what did not fit.
 * Users `admin`, `operator` and `viewer` (password = name) sign in with HTTP Basic and hold
 * hawkBit's own permission names. Errors have hawkBit's `ExceptionInfo` shape.
 *
 * Served so far: `GET /rest/v1/userinfo`; targets (`GET /rest/v1/targets` with RSQL `q`,
 * `sort`, `offset`, `limit` up to 500; one target, its attributes, metadata and installed
 * distribution set); actions; rollouts (standin-rollouts.ts); target types and distribution
 * sets (`q`, `sort`, paging). A request
 * hawkBit defines that the stand-in does not serve yet answers 501 and says so.
 */
import { hawkbitDocument } from './document';
import { exception, notFound, page, select, type Fields } from './standin-paging';
import { ROLLOUT_NEEDS, standinRollouts } from './standin-rollouts';
import { standinDeviceUpdates, type DeviceAction, type Window } from './standin-devices';
import { STATUS_FIELDS, standinServers } from './standin-servers';
import { standinSites, type StandinAction, type StatusEntry } from './standin-sites';
import {
  POLLED_BEFORE_MS,
  standinWorld,
  type StandinDistributionSet,
  type StandinTarget,
  type StandinTargetType,
} from './standin-world';
import { requestChecker } from './validate';
import type { ScenarioName } from '../fleet/scenarios';

const READ = ['READ_TARGET', 'READ_TARGET_TYPE', 'READ_REPOSITORY', 'READ_ROLLOUT'];
const OPERATE = [...READ, 'UPDATE_TARGET', 'CREATE_ROLLOUT', 'HANDLE_ROLLOUT', 'UPDATE_ROLLOUT'];

/** The stand-in's users and their hawkBit permissions; each password is the user's name. */
export const STANDIN_USERS: Readonly<Record<string, readonly string[]>> = {
  viewer: READ,
  operator: OPERATE,
  admin: [
    ...OPERATE,
    'CREATE_REPOSITORY',
    'UPDATE_REPOSITORY',
    'DELETE_REPOSITORY',
    'CREATE_TARGET',
  ],
};

export const STANDIN_TENANT = 'DEFAULT';
/** hawkBit's quota of targets in one manual assignment. */
const MAX_ASSIGNMENT = 5000;

/** What of a target changes by itself: its last poll, its installed set, its update status. */
interface Live {
  lastControllerRequestAt: number;
  installedVersion: string;
  updateStatus: StandinTarget['updateStatus'];
}

function targetFields(
  live: (target: StandinTarget) => Live,
  attributes: (target: StandinTarget) => Record<string, string>,
): Fields<StandinTarget> {
  return {
    query: {
      controllerId: (target) => target.controllerId,
      name: (target) => target.name,
      address: (target) => target.address,
      updateStatus: (target) => live(target).updateStatus,
      lastTargetQuery: (target) => live(target).lastControllerRequestAt,
      'targetType.key': (target) => target.targetType,
      'targetType.name': (target) => target.targetType,
      'installedDistributionSet.version': (target) => live(target).installedVersion,
      tag: (target) => target.tags,
    },
    maps: {
      controllerAttributes: attributes,
      attribute: attributes,
      metadata: (target) => target.metadata,
    },
    sort: {
      ID: (target) => target.controllerId,
      CONTROLLERID: (target) => target.controllerId,
      NAME: (target) => target.name,
      IPADDRESS: (target) => target.address,
      UPDATESTATUS: (target) => live(target).updateStatus,
      LASTCONTROLLERREQUESTAT: (target) => live(target).lastControllerRequestAt,
      CREATEDAT: (target) => target.createdAt,
    },
  };
}

const TYPE_FIELDS: Fields<StandinTargetType> = {
  query: {
    id: (type) => type.id,
    key: (type) => type.key,
    name: (type) => type.name,
    description: (type) => type.description,
  },
  sort: { ID: (type) => type.id, KEY: (type) => type.key, NAME: (type) => type.name },
};

const SET_FIELDS: Fields<StandinDistributionSet> = {
  query: {
    id: (set) => set.id,
    name: (set) => set.name,
    version: (set) => set.version,
    'type.key': (set) => set.type,
  },
  sort: {
    ID: (set) => set.id,
    NAME: (set) => set.name,
    VERSION: (set) => set.version,
    CREATEDAT: (set) => set.createdAt,
  },
};

function targetBody(
  target: StandinTarget,
  live: Live,
  types: ReadonlyMap<string, StandinTargetType>,
) {
  const type = types.get(target.targetType);
  return {
    controllerId: target.controllerId,
    name: target.name,
    address: target.address,
    updateStatus: live.updateStatus,
    lastControllerRequestAt: live.lastControllerRequestAt,
    createdAt: target.createdAt,
    ...(type ? { targetType: type.id, targetTypeName: type.name } : {}),
    _links: { self: { href: `/rest/v1/targets/${encodeURIComponent(target.controllerId)}` } },
  };
}

const typeBody = (type: StandinTargetType) => ({
  ...type,
  deleted: false,
  _links: { self: { href: `/rest/v1/targettypes/${type.id}` } },
});

/** The permission each served operation needs, as hawkBit's `@PreAuthorize` says. */
const NEEDS: Record<string, string> = {
  getTargets: 'READ_TARGET',
  getTarget: 'READ_TARGET',
  getAttributes: 'READ_TARGET',
  getMetadata: 'READ_TARGET',
  getInstalledDistributionSet: 'READ_TARGET',
  getActionHistory: 'READ_TARGET',
  getAction: 'READ_TARGET',
  getActionStatusList: 'READ_TARGET',
  cancelAction: 'UPDATE_TARGET',
  createAssignedTarget: 'UPDATE_TARGET',
  getTargetTypes: 'READ_TARGET_TYPE',
  getDistributionSets: 'READ_REPOSITORY',
  getActions: 'READ_TARGET',
  getAssignedDistributionSet: 'READ_TARGET',
  postAssignedDistributionSet: 'UPDATE_TARGET',
  getMetadataValue: 'READ_TARGET',
  createMetadata: 'UPDATE_TARGET',
  updateMetadata: 'UPDATE_TARGET',
  getDistributionSet: 'READ_REPOSITORY',
  createDistributionSets: 'CREATE_REPOSITORY',
  getSoftwareModules: 'READ_REPOSITORY',
  getSoftwareModule: 'READ_REPOSITORY',
  getArtifacts: 'READ_REPOSITORY',
  getMetadata_1: 'READ_REPOSITORY',
  ...ROLLOUT_NEEDS,
};

const ACTION_FIELDS: Fields<StandinAction | DeviceAction> = {
  query: {
    id: (action) => action.id,
    'rollout.id': (action) => ('rollout' in action ? action.rollout : undefined),
    'rolloutGroup.id': (action) => ('rolloutGroup' in action ? action.rolloutGroup : undefined),
    'target.controllerId': (action) => action.controllerId,
  },
  sort: { ID: (action) => action.id, CREATEDAT: (action) => action.createdAt },
};

export interface StandinOptions {
  scenario: ScenarioName;
  now?: () => number;
  /**
   * hawkBit configured for an OpenID provider (`--oidc-issuer`): the stand-in user a bearer
   * token is for (the provider's userinfo tells who), or undefined for a token it refuses.
   */
  bearer?: (token: string) => Promise<string | undefined>;
}

/**
 * The test provider's people (mocks/idp) as hawkBit users, as a hawkBit configured for the
 * same provider maps them: Ada administers, Omar operates, Vera views; Eve has no user.
 */
export const STANDIN_OIDC_USERS: Readonly<Record<string, string>> = {
  ada: 'admin',
  omar: 'operator',
  nils: 'operator',
  vera: 'viewer',
};

/**
 * hawkBit as a resource server of the OpenID provider at `issuer`: a bearer token's user is
 * whom the provider's userinfo names (kept half a minute), mapped to a stand-in user.
 */
export function oidcBearerUsers(issuer: string): (token: string) => Promise<string | undefined> {
  let userinfo: Promise<string> | undefined;
  const known = new Map<string, { at: number; user: string | undefined }>();
  return async (token) => {
    const kept = known.get(token);
    if (kept && Date.now() - kept.at < 30_000) return kept.user;
    userinfo ??= fetch(`${issuer}/.well-known/openid-configuration`)
      .then((response) => response.json() as Promise<{ userinfo_endpoint: string }>)
      .then((document) => document.userinfo_endpoint);
    let user: string | undefined;
    try {
      const response = await fetch(await userinfo, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const claims = response.ok
        ? ((await response.json()) as { preferred_username?: string })
        : {};
      user = STANDIN_OIDC_USERS[claims.preferred_username ?? ''];
    } catch {
      userinfo = undefined;
      user = undefined;
    }
    known.set(token, { at: Date.now(), user });
    return user;
  };
}

export function createStandin(options: StandinOptions) {
  const now = options.now ?? (() => Date.now());
  const check = requestChecker(hawkbitDocument());
  const world = standinWorld(options.scenario, now());
  const servers = standinServers(options.scenario, now(), now, world);
  const setTypes = new Set(world.distributionSets.map((set) => set.type));
  const byId = new Map(world.targets.map((target) => [target.controllerId, target]));
  const typesByKey = new Map(world.targetTypes.map((type) => [type.key, type]));
  /** Sets are numbered in the order they were made (the console may make more). */
  const setById = (id: number) => world.distributionSets[id - 1];
  const setOf = (name: string, version: string) =>
    world.distributionSets.find((set) => set.name === name && set.version === version)?.id ?? 0;
  const sites = standinSites(options.scenario, now);
  sites.seedActions(setOf);
  const updates = standinDeviceUpdates(now, (id) => byId.get(id)?.polling ?? false);

  /** A target's attributes now: a camera reports the version it runs. */
  function attributesOf(target: StandinTarget): Record<string, string> {
    const taken = target.site ? undefined : updates.state(target.controllerId);
    return taken ? { ...target.attributes, osVersion: taken.version } : target.attributes;
  }

  function live(target: StandinTarget): Live {
    const lastControllerRequestAt = target.polling
      ? now() - POLLED_BEFORE_MS
      : target.lastControllerRequestAt;
    if (target.server) {
      return {
        lastControllerRequestAt,
        installedVersion: target.installedVersion,
        updateStatus: servers.updateStatus(target.controllerId),
      };
    }
    if (!target.site) {
      return {
        lastControllerRequestAt,
        installedVersion: updates.state(target.controllerId)?.version ?? target.installedVersion,
        updateStatus: updates.pending(target.controllerId) ? 'pending' : target.updateStatus,
      };
    }
    const site = sites.site(target.site.deviceType, target.site.number);
    const action = sites.latest(target.controllerId);
    const failed =
      !site.update &&
      action !== undefined &&
      !action.cancelled &&
      site.lastFailure !== null &&
      Date.parse(site.lastFailure.at) >= action.createdAt;
    return {
      lastControllerRequestAt,
      installedVersion: site.version,
      updateStatus: site.update ? 'pending' : failed ? 'error' : 'in_sync',
    };
  }
  const byType = new Map<string, StandinTarget[]>();
  for (const target of world.targets) {
    const key = target.targetType.toLowerCase();
    const same = byType.get(key);
    if (same) same.push(target);
    else byType.set(key, [target]);
  }
  const TARGET_FIELDS: Fields<StandinTarget> = {
    ...targetFields(live, attributesOf),
    index: { 'targetType.key': byType, 'targetType.name': byType },
  };
  const bodyOf = (target: StandinTarget) => targetBody(target, live(target), typesByKey);

  function historyOf(action: StandinAction | DeviceAction): StatusEntry[] {
    const target = byId.get(action.controllerId);
    if ('version' in action) return updates.history(action);
    return target?.site ? sites.history(target.site.deviceType, target.site.number, action) : [];
  }

  function actionBody(action: StandinAction | DeviceAction) {
    const [last] = historyOf(action);
    const done = last?.type === 'finished' || last?.type === 'error' || last?.type === 'canceled';
    return {
      id: action.id,
      type: 'update',
      status: done ? 'finished' : 'pending',
      detailStatus: last?.type ?? 'running',
      createdAt: action.createdAt,
      lastModifiedAt: last?.reportedAt ?? action.createdAt,
      forceType: 'forced',
      ...(last?.code === undefined ? {} : { lastStatusCode: last.code }),
      ...('window' in action && action.window
        ? { maintenanceWindow: { ...action.window, nextStartAt: updates.installAt(action) } }
        : {}),
      _links: {
        self: {
          href: `/rest/v1/targets/${encodeURIComponent(action.controllerId)}/actions/${action.id}`,
        },
        distributionset: { href: `/rest/v1/distributionsets/${action.distributionSet}` },
      },
    };
  }

  /** hawkBit's `POST /distributionsets/{id}/assignedTargets`: an action per target not on it. */
  function assign(setId: string | undefined, body: unknown): Response {
    const set = setById(Number(setId));
    if (!set) return notFound(`Distribution set ${setId}`);
    const requested = Array.isArray(body)
      ? (body as { id: string; maintenanceWindow?: Window }[])
      : [];
    if (requested.length > MAX_ASSIGNMENT) {
      return exception(
        400,
        'hawkbit.server.error.quota.tooManyEntries',
        `At most ${MAX_ASSIGNMENT} targets may be assigned in one request.`,
      );
    }
    let alreadyAssigned = 0;
    const assignedActions: { id: number }[] = [];
    for (const { id, maintenanceWindow } of requested) {
      const target = byId.get(id);
      if (!target) return notFound(`Target ${id}`);
      const action = target.site
        ? sites.assign(target.site.deviceType, target.site.number, set.id)
        : updates.assign(id, set, maintenanceWindow);
      if (action) assignedActions.push({ id: action.id });
      else alreadyAssigned += 1;
    }
    return Response.json({
      assigned: assignedActions.length,
      alreadyAssigned,
      total: requested.length,
      assignedActions,
    });
  }

  const findAction = (controllerId: string, id: number) => {
    const target = byId.get(controllerId);
    return target?.site
      ? sites.actionsOf(controllerId).find((action) => action.id === id)
      : updates.find(controllerId, id);
  };
  const rollouts = standinRollouts({
    now,
    matching: (filter) => select(world.targets, filter, TARGET_FIELDS),
    setExists: (id) => setById(id) !== undefined,
    assign(target, setId, rollout, rolloutGroup) {
      const set = setById(setId);
      if (!set) return undefined;
      const action = target.site
        ? sites.assign(target.site.deviceType, target.site.number, set.id)
        : updates.assign(target.controllerId, set, undefined);
      if (!action) return undefined;
      Object.assign(action, { rollout, rolloutGroup });
      return action.id;
    },
    detailOf(controllerId, id) {
      const action = findAction(controllerId, id);
      return action ? actionBody(action).detailStatus : 'canceled';
    },
    cancel(controllerId, id) {
      const target = byId.get(controllerId);
      const action = findAction(controllerId, id);
      if (!target || !action) return false;
      if ('version' in action) return updates.cancel(action);
      return target.site
        ? sites.cancel(target.site.deviceType, target.site.number, action) === undefined
        : false;
    },
  });
  /** All actions, for `GET /rest/v1/actions`: what a query over them reads, with its rollout. */
  const ACTIONS_FIELDS: Fields<StandinAction | DeviceAction> = {
    query: {
      ...ACTION_FIELDS.query,
      status: (action) => actionBody(action).status,
      detailStatus: (action) => actionBody(action).detailStatus,
      lastStatusCode: (action) => actionBody(action).lastStatusCode,
    },
    sort: ACTION_FIELDS.sort,
  };
  const listedAction = (action: StandinAction | DeviceAction) => ({
    ...actionBody(action),
    ...('rollout' in action && action.rollout !== undefined ? { rollout: action.rollout } : {}),
  });

  async function user(request: Request): Promise<string | undefined> {
    const header = request.headers.get('Authorization') ?? '';
    const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (bearer) return options.bearer ? options.bearer(bearer) : undefined;
    const match = /^Basic\s+(\S+)$/i.exec(header);
    if (!match?.[1]) return undefined;
    const [name, ...rest] = atob(match[1]).split(':');
    return name && STANDIN_USERS[name] && rest.join(':') === name ? name : undefined;
  }

  function serve(
    operationId: string,
    params: Record<string, string>,
    query: URLSearchParams,
    body: unknown,
  ) {
    if (operationId === 'createAssignedTarget') return assign(params.distributionSetId, body);
    rollouts.execute();
    const rolloutAnswer = rollouts.serve(
      operationId,
      params,
      body,
      (items, fields, shape) => page(items, query, fields, shape),
      // The index holds every target: a group's few are searched one by one.
      (targets) => page(targets, query, { ...TARGET_FIELDS, index: {} }, bodyOf),
    );
    if (rolloutAnswer) return rolloutAnswer;
    if (operationId === 'getActions') {
      return page<StandinAction | DeviceAction>(sites.all(), query, ACTIONS_FIELDS, listedAction);
    }
    const target = params.targetId === undefined ? undefined : byId.get(params.targetId);
    if (params.targetId !== undefined && !target) return notFound(`Target ${params.targetId}`);
    const serverAnswer = servers.serve(operationId, params, query, body, target, setTypes);
    if (serverAnswer) return serverAnswer;
    switch (operationId) {
      case 'getTargets':
        return page(world.targets, query, TARGET_FIELDS, bodyOf);
      case 'getTarget':
        return target && Response.json(bodyOf(target));
      case 'getActionHistory':
        return (
          target &&
          page<StandinAction | DeviceAction>(
            target.site
              ? sites.actionsOf(target.controllerId)
              : updates.actionsOf(target.controllerId),
            query,
            ACTION_FIELDS,
            actionBody,
          )
        );
      case 'getAction':
      case 'getActionStatusList':
      case 'cancelAction': {
        const action: StandinAction | DeviceAction | undefined = !target
          ? undefined
          : target.site
            ? sites
                .actionsOf(target.controllerId)
                .find((entry) => String(entry.id) === params.actionId)
            : updates.find(target.controllerId, Number(params.actionId));
        if (!target || !action) return notFound(`Action ${params.actionId}`);
        if (operationId === 'getAction') return Response.json(actionBody(action));
        if (operationId === 'getActionStatusList') {
          return page(historyOf(action), query, STATUS_FIELDS, (entry) => entry);
        }
        if (!target.site || 'version' in action) {
          if ('version' in action && updates.cancel(action))
            return new Response(null, { status: 204 });
          return exception(
            400,
            'hawkbit.server.error.action.notcancelable',
            'The action is not active, or the device has begun to install it.',
          );
        }
        if (
          action !== sites.latest(target.controllerId) ||
          actionBody(action).status === 'finished'
        ) {
          return exception(
            400,
            'hawkbit.server.error.action.notcancelable',
            'The action is not active.',
          );
        }
        const refused = sites.cancel(target.site.deviceType, target.site.number, action);
        return refused
          ? exception(409, 'hawkbit.server.error.action.cancelRejected', refused.message)
          : new Response(null, { status: 204 });
      }
      case 'getAttributes':
        return target && Response.json(attributesOf(target));
      case 'getMetadata': {
        if (!target) return undefined;
        const content = Object.entries(target.metadata).map(([key, value]) => ({ key, value }));
        return Response.json({ content, total: content.length, size: content.length });
      }
      case 'getMetadataValue':
      case 'updateMetadata': {
        const key = params.metadataKey ?? '';
        if (!target || !(key in target.metadata)) return notFound(`Metadata ${key}`);
        if (operationId === 'updateMetadata') {
          const value = (body as { value?: unknown } | undefined)?.value;
          target.metadata[key] = typeof value === 'string' ? value : '';
        }
        return Response.json({ key, value: target.metadata[key] });
      }
      case 'createMetadata': {
        if (!target) return undefined;
        const entries = Array.isArray(body) ? (body as { key: string; value?: string }[]) : [];
        const taken = entries.find((entry) => entry.key in target.metadata);
        if (taken) {
          return exception(
            409,
            'hawkbit.server.error.repo.entitiyAlreadyExists',
            `Metadata ${taken.key} exists already.`,
          );
        }
        for (const entry of entries) target.metadata[entry.key] = entry.value ?? '';
        return Response.json(entries, { status: 201 });
      }
      case 'getInstalledDistributionSet': {
        const set =
          target && setById(target.server ? servers.installedSet(target) : target.installedSet);
        return set ? Response.json(servers.setBody(set)) : new Response(null, { status: 204 });
      }
      case 'getTargetTypes':
        return page(world.targetTypes, query, TYPE_FIELDS, typeBody);
      case 'getDistributionSets':
        return page(world.distributionSets, query, SET_FIELDS, servers.setBody);
      default:
        return undefined;
    }
  }

  return {
    async handle(request: Request): Promise<Response> {
      const url = new URL(request.url);
      const name = await user(request);
      if (!name) {
        return exception(
          401,
          'hawkbit.server.error.unauthorized',
          'Full authentication is required.',
          {
            'WWW-Authenticate': 'Basic realm="hawkBit"',
          },
        );
      }
      let body: unknown;
      const text = request.body ? await request.text() : '';
      if (text !== '') {
        try {
          body = JSON.parse(text) as unknown;
        } catch {
          return exception(
            400,
            'hawkbit.server.error.rest.body.notReadable',
            'The body is not JSON.',
          );
        }
      }
      const checked = check({
        method: request.method,
        path: url.pathname,
        query: url.searchParams,
        contentType: request.headers.get('Content-Type'),
        body,
      });
      if (!checked.ok) {
        return exception(
          checked.status,
          'hawkbit.standin.request.undefined',
          `hawkBit's Management API does not take this request: ${checked.problems.join('; ')}.`,
        );
      }
      if (checked.operationId === 'validateBasicAuth') {
        return Response.json({
          tenant: STANDIN_TENANT,
          username: name,
          permissions: STANDIN_USERS[name],
        });
      }
      const needed = NEEDS[checked.operationId];
      if (needed && !STANDIN_USERS[name]?.includes(needed)) {
        return exception(
          403,
          'hawkbit.server.error.insufficientpermission',
          `${needed} is needed.`,
        );
      }
      return (
        serve(checked.operationId, checked.params, url.searchParams, body) ??
        exception(
          501,
          'hawkbit.standin.not.served',
          `The hawkBit stand-in does not serve ${request.method} ${checked.template} yet.`,
        )
      );
    },
  };
}
