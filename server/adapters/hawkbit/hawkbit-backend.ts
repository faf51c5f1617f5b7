/**
 * Eclipse hawkBit behind the backend port (`npm run serve -- --backend hawkbit --hawkbit-url
 * URL`). Operators sign in with their hawkBit user (directory.ts); every call to hawkBit is
 * made as them, so hawkBit enforces its own permissions. What hawkBit has no place for — each
 * device's maintenance window in its IANA zone, the activity — the console's server keeps
 * in its store, so several console servers can stand in front of one hawkBit cluster.
 *
 * Served: the session and sign-in, the Devices screen (list, search, filters, sorts, facets, a
 * device, selection summaries, software scheduling with the window handed to hawkBit, manual
 * updates), Site software update, staged rollouts (rollouts.ts), the Upgrade Center
 * (servers.ts) and the Activity: the whole contract. A path it does not serve is the API's 404.
 */
import type { HttpHandler } from 'msw';
import { activityEndpoints } from '../../../src/api/activity';
import { deviceEndpoints, type DeviceSelection } from '../../../src/api/devices';
import { plural } from '../../../src/lib/format';
import type { Endpoint } from '../../../src/api/endpoint';
import { sessionEndpoints, type Capabilities } from '../../../src/api/session';
import { CsvRows, csvLine } from '../../../mocks/fleet/csv';
import {
  ACTIVITY_CSV_COLUMNS,
  activityCsvLine,
  devicesScope,
  scheduleWords,
  serverEntry,
  sessionEntry,
  sitesScope,
  type ServerChange,
  type ActivityContext,
} from '../../../mocks/fleet/activity';
import { describeRequest } from '../../../mocks/fleet/activity-refusals';
import { rolloutEntry, type RolloutChange } from '../../../mocks/fleet/activity-rollouts';
import { serverEndpoints } from '../../../src/api/servers';
import { holdEndpoints } from '../../../src/api/holds';
import { recallEndpoints } from '../../../src/api/recalls';
import { approvalEndpoints } from '../../../src/api/approvals';
import { freezeEndpoints } from '../../../src/api/freezes';
import { notificationEndpoints } from '../../../src/api/notifications';
import { rolloutEndpoints } from '../../../src/api/rollouts';
import { resourceKey, type ActivityEntry, type ActivityScope } from '../../../src/api/activity';
import { siteEndpoints } from '../../../src/api/sites';
import type { Actor, Gate } from '../../contract/gate';
import { RefusedError } from '../../contract/refusal';
import { Answered, route, type Resolver } from '../../contract/route';
import type { Backend } from '../../ports/backend';
import type { Store } from '../../ports/store';
import { catalogReader } from './catalog';
import { hawkbitClient, type HawkbitCredentials, type TraceLine } from './client';
import { hawkbitDevices } from './devices';
import { hawkbitAccess, hawkbitDirectory } from './directory';
import { hawkbitRollouts } from './rollouts';
import { hawkbitServers } from './servers';
import { hawkbitSites } from './sites';
import { sessionOperation } from '../../contract/store-gate';

export interface HawkbitBackendOptions {
  store: Store;
  /** hawkBit's address, e.g. `http://hawkbit.internal:8080`. */
  url: string;
  tenant?: string;
  trace?: (line: TraceLine) => void;
  fetch?: (request: Request) => Promise<Response>;
  now?: () => number;
}

/** The store's name for what this backend keeps there. */
const BACKEND = 'hawkbit';
/** How often the windows hawkBit holds are checked (devices.reissue). */
const REISSUE_MS = 5 * 60_000;
/** How often the rollouts in progress are moved on without being read (rollouts.driveAll). */
const ROLLOUTS_MS = 30_000;
/** This process, for the claims it takes. */
const SERVER_ID = `console-${crypto.randomUUID()}`;
/** Activity entries read from the store at a time for its CSV file. */
const EXPORT_PAGE = 500;
/** How many devices an activity entry is found by (its `resource` filter). */
const ACTIVITY_RESOURCES_MAX = 1000;

/** What the activity's words need to name a refused request: only what the request says. */
const REQUEST_CONTEXT: ActivityContext = {
  deviceLabel: () => null,
  matching: (selection) => (selection.mode === 'ids' ? selection.ids.length : 0),
  serverName: (id) => id,
  siteType: () => '',
  rolloutSites: () => [],
};

/** The resources an entry is found by (the activity's `resource` filter). */
function resourcesOf(scope: ActivityScope): string[] {
  const devices = (scope.devices?.ids ?? []).map((id) => resourceKey({ type: 'device', id }));
  const sites = scope.sites
    ? scope.sites.numbers.map((siteNumber) =>
        resourceKey({ type: 'site', deviceType: scope.sites?.deviceType ?? '', siteNumber }),
      )
    : [];
  return [...devices, ...sites];
}

const byFilter = (selection: DeviceSelection) =>
  selection.mode === 'filter' ? { filter: selection.filter, except: selection.except } : undefined;

export function openHawkbitBackend(options: HawkbitBackendOptions): Backend {
  const { store } = options;
  const now = options.now ?? Date.now;
  const client = hawkbitClient({
    baseUrl: options.url,
    ...(options.tenant ? { tenant: options.tenant } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.trace ? { trace: options.trace } : {}),
  });
  const catalog = catalogReader(client, now);
  const devices = hawkbitDevices({ client, store, catalog, now, backend: BACKEND });
  const sites = hawkbitSites({ client, catalog, now });
  const rollouts = hawkbitRollouts({ client, store, catalog, sites: sites.parts, now });
  const servers = hawkbitServers({ client, now });
  const capabilities: Capabilities = {
    areas: ['devices', 'sites', 'rollouts', 'servers', 'activity'],
    signOut: true,
    // hawkBit has no holds (see holds in README "hawkBit"): their buttons stay out.
    features: [],
    // hawkBit orders targets by its own fields only (devices.ts, sites.ts refuse these).
    unsortable: { devices: ['warranty', 'apps'], sites: ['timeInState'] },
  };

  /** The activity's words for a rollout, from what the store keeps of it. */
  async function rolloutContext(deviceType: string | undefined, rolloutId: string | undefined) {
    const found =
      deviceType && rolloutId ? await rollouts.described(deviceType, rolloutId) : undefined;
    return {
      ...REQUEST_CONTEXT,
      rolloutSites: () => found?.first ?? [],
      rolloutSiteCount: () => found?.sites ?? 0,
    } satisfies ActivityContext;
  }

  /** Records a rollout change hawkBit accepted, in the built-in fleet's words. */
  async function rolloutAccepted(actor: Actor, change: RolloutChange) {
    const context = await rolloutContext(change.deviceType, change.rolloutId);
    const [kind, summary, scope, text] = rolloutEntry(change, context);
    await accepted(actor, kind, summary, scope, text);
  }

  /** Records a server change hawkBit accepted, the server named as hawkBit names it. */
  async function serverAccepted(actor: Actor, change: ServerChange, name: string) {
    const [kind, summary, scope, text] = serverEntry(change, { serverName: () => name });
    await accepted(actor, kind, summary, scope, text);
  }

  /** A server's name for a refusal's words: as hawkBit names it, or its id if it cannot. */
  async function serverContext(
    credentials: HawkbitCredentials | undefined,
    id: string | undefined,
  ) {
    if (!credentials || !id) return {};
    const name = await servers.nameOf(credentials, id).catch(() => id);
    return { serverName: () => name };
  }

  const iso = (at: number) => new Date(at).toISOString();
  const record = (
    actor: Actor,
    entry: Omit<Parameters<Store['activity']['record']>[0], 'id' | 'at' | 'operator' | 'role'>,
    resources: readonly string[],
  ) =>
    store.activity.record(
      {
        id: `act-${crypto.randomUUID()}`,
        at: iso(now()),
        operator: { id: actor.id, name: actor.name },
        role: actor.role,
        ...entry,
      },
      resources,
    );

  /**
   * Records a change hawkBit accepted, found by the resources of its scope, or by every
   * device it touched (at most 1,000) for a bulk change.
   */
  const accepted = (
    actor: Actor,
    kind: ActivityEntry['kind'],
    summary: string,
    scope: ActivityScope,
    text: string,
    resources: readonly string[] = resourcesOf(scope),
  ) =>
    record(
      actor,
      { kind, summary, scope, result: { status: 'accepted', text } },
      resources.slice(0, ACTIVITY_RESOURCES_MAX),
    );

  const deviceKeys = (ids: readonly string[]) =>
    ids.slice(0, ACTIVITY_RESOURCES_MAX).map((id) => resourceKey({ type: 'device', id }));

  /**
   * Timed steps, each taken by one console server per turn (a claim in the store) as the
   * operator whose request comes next — the console's server has no hawkBit user of its own:
   * every few minutes the windows that would move are handed to hawkBit again
   * (devices.reissue), and every half minute the rollouts in progress are moved on by their
   * rules (rollouts.driveAll), so that they go on while no one has them open. Off the
   * request's path; a failure waits for the next turn.
   */
  const turns = new Map<string, number>();
  function inTurn(name: string, everyMs: number, work: () => Promise<unknown>): void {
    const slot = Math.floor(now() / everyMs);
    if (turns.get(name) === slot) return;
    turns.set(name, slot);
    void (async () => {
      if (!(await store.claims.take(`hawkbit:${name}:${slot}`, SERVER_ID, iso(now())))) return;
      await work();
    })().catch(() => undefined);
  }
  function keepMoving(credentials: HawkbitCredentials): void {
    inTurn('windows', REISSUE_MS, async () =>
      devices.reissue(credentials, await catalog(credentials)),
    );
    inTurn('rollouts', ROLLOUTS_MS, () => rollouts.driveAll(credentials));
  }

  function handlers(apiRoot: string, gate: () => Gate): HttpHandler[] {
    /** A route as the signed-in hawkBit user: their credentials, opened from the session. */
    const as = <E extends Endpoint>(
      endpoint: E,
      resolve: (
        input: Parameters<Resolver<E>>[0] & { actor: Actor; credentials: HawkbitCredentials },
      ) => ReturnType<Resolver<E>>,
    ) =>
      route(
        apiRoot,
        endpoint,
        async (input) => {
          const actor = input.actor;
          if (!actor)
            throw new RefusedError(401, 'sign_in_required', 'Sign in to use the console.');
          let credentials: HawkbitCredentials | undefined;
          try {
            await gate().admit(input.request, actor, endpoint.permission);
            credentials = (await gate().credentials?.(input.request)) as
              HawkbitCredentials | undefined;
            if (!credentials?.username) {
              throw new RefusedError(
                401,
                'sign_in_required',
                'Your session has ended. Sign in again to continue.',
              );
            }
            // The background work sees every target; the person's own requests, their customer's.
            keepMoving(credentials);
            const scoped: HawkbitCredentials = actor.customer
              ? { ...credentials, customer: actor.customer.id }
              : credentials;
            return await resolve({ ...input, actor, credentials: scoped });
          } catch (error) {
            // A change refused here or by hawkBit (403, 404, 409 …) is in the activity too.
            if (endpoint.permission && error instanceof RefusedError && error.status !== 401) {
              const params = (input.params ?? {}) as {
                deviceType?: string;
                rolloutId?: string;
                serverId?: string;
              };
              const described = describeRequest(endpoint.id, input.params ?? {}, input.body, {
                ...(await rolloutContext(params.deviceType, params.rolloutId)),
                ...(await serverContext(credentials, params.serverId)),
              });
              if (described) {
                await record(
                  actor,
                  {
                    ...described,
                    result: { status: 'refused', code: error.code, message: error.message },
                  },
                  resourcesOf(described.scope),
                );
              }
            }
            throw error;
          }
        },
        undefined,
        (request) => gate().authenticate(request),
      );

    const { signIn, signOut } = gate();
    /** What hawkBit has no counterpart for: refused with words, never faked. */
    const notServed = (endpoints: readonly Endpoint[], message: string) =>
      endpoints.map((endpoint) =>
        as(endpoint, () => {
          throw new RefusedError(501, 'not_supported', message);
        }),
      );

    return [
      // Signing in with a password only where operators sign in here, not at a provider.
      ...(signIn
        ? [
            route(apiRoot, sessionEndpoints.signIn, async ({ request, body }) => {
              const { value, headers } = await signIn(request, body);
              return new Answered(value, headers);
            }),
          ]
        : []),
      ...(signOut
        ? [
            route(apiRoot, sessionEndpoints.signOut, async ({ request }) => {
              const { value, headers } = await signOut(request);
              return new Answered(value, headers);
            }),
          ]
        : []),
      route(
        apiRoot,
        sessionEndpoints.get,
        ({ request }) => gate().session(request),
        undefined,
        (request) => gate().authenticate(request),
      ),
      as(activityEndpoints.operators, async () => ({ items: await store.activity.operators() })),
      // The whole record, as the file is read: a page of the store at a time, newest first.
      as(activityEndpoints.exportCsv, ({ query }) =>
        Promise.resolve(
          new CsvRows(async function* () {
            yield csvLine(ACTIVITY_CSV_COLUMNS);
            for (let offset = 0; ; offset += EXPORT_PAGE) {
              const page = await store.activity.list(query, { offset, limit: EXPORT_PAGE });
              for (const entry of page.items) yield activityCsvLine(entry);
              if (page.items.length < EXPORT_PAGE) return;
            }
          }),
        ),
      ),
      as(activityEndpoints.list, async ({ query }) => {
        const { page, pageSize, ...filter } = query;
        const found = await store.activity.list(filter, {
          offset: (page - 1) * pageSize,
          limit: pageSize,
        });
        return { ...found, page, pageSize };
      }),
      as(deviceEndpoints.facets, async ({ credentials }) =>
        devices.facets(credentials, await catalog(credentials)),
      ),
      as(deviceEndpoints.exportCsv, async ({ credentials, query }) =>
        devices.exportCsv(credentials, await catalog(credentials), query),
      ),
      as(deviceEndpoints.list, async ({ credentials, query }) =>
        devices.list(credentials, await catalog(credentials), query),
      ),
      as(deviceEndpoints.selectionSummary, async ({ credentials, body }) =>
        devices.summarize(credentials, await catalog(credentials), body),
      ),
      as(deviceEndpoints.setSchedule, async ({ credentials, body, actor }) => {
        const { selection, schedule } = body;
        const { ids, labels, handed, result } = await devices.setSchedule(
          credentials,
          await catalog(credentials),
          selection,
          schedule,
        );
        const scope = devicesScope(ids, ids.length, byFilter(selection), {
          deviceLabel: (id) => labels.get(id) ?? null,
        });
        const given =
          handed > 0
            ? `; hawkBit was given the newer software of ${plural(handed, 'device')} for it`
            : '';
        await accepted(
          actor,
          'device-schedule',
          scheduleWords(schedule),
          scope,
          `${plural(result.updated, 'device')} took the schedule${given}.`,
          deviceKeys(ids),
        );
        return result;
      }),
      as(deviceEndpoints.startUpdates, async ({ credentials, body, actor }) => {
        const { selection } = body;
        const { ids, result } = await devices.startUpdates(
          credentials,
          await catalog(credentials),
          selection,
        );
        const skipped = result.skipped.reduce((sum, each) => sum + each.count, 0);
        const scope = devicesScope(ids, result.started + skipped, byFilter(selection), {
          deviceLabel: () => null,
        });
        const left = skipped > 0 ? `; ${skipped} left as they were` : '';
        await accepted(
          actor,
          'device-update',
          'Update now',
          scope,
          `${plural(result.started, 'device')} started updating${left}.`,
          deviceKeys(ids),
        );
        return result;
      }),
      as(siteEndpoints.stats, ({ credentials }) => sites.stats(credentials)),
      as(siteEndpoints.list, async ({ credentials, params, query }) =>
        sites.list(
          credentials,
          params.deviceType,
          query,
          query.rollout
            ? await rollouts.listsOf(
                params.deviceType,
                query.rollout,
                query.wave,
                credentials.customer,
              )
            : undefined,
        ),
      ),
      as(siteEndpoints.updateAllPlan, ({ credentials, params }) =>
        sites.planUpdateAll(credentials, params.deviceType),
      ),
      as(siteEndpoints.updateSite, async ({ credentials, params, body, actor }) => {
        const site = await sites.updateSite(credentials, params.deviceType, body.siteNumber);
        const scope = sitesScope(params.deviceType, [body.siteNumber]);
        await accepted(
          actor,
          'site-update',
          'Update using site number',
          scope,
          'Queued for the update.',
        );
        return site;
      }),
      as(siteEndpoints.updateAll, async ({ credentials, params, actor }) => {
        await rollouts.refuseUpdateAll(params.deviceType);
        const { result, numbers } = await sites.updateAll(credentials, params.deviceType);
        // Named by its first site numbers, counted in full.
        const named = sitesScope(params.deviceType, numbers);
        const scope: ActivityScope = {
          ...named,
          text: plural(result.queued, `${params.deviceType} site`),
          sites: named.sites && { ...named.sites, count: result.queued },
        };
        await accepted(
          actor,
          'site-update-all',
          'Update software at all sites',
          scope,
          `Queued ${plural(result.queued, 'site')} for the update to ${result.currentVersion}.`,
        );
        return result;
      }),
      as(siteEndpoints.cancel, async ({ credentials, params, actor }) => {
        const site = await sites.cancel(credentials, params.deviceType, params.siteNumber);
        const scope = sitesScope(params.deviceType, [params.siteNumber]);
        await accepted(actor, 'site-cancel', 'Cancel update', scope, 'The update was cancelled.');
        return site;
      }),
      // hawkBit has no holds (it pins nothing by time and reason): said, never faked.
      ...notServed(
        [holdEndpoints.hold, holdEndpoints.release],
        'hawkBit has no holds: a site cannot be held on its version here. Leave it out of the update instead (exclude it from a rollout).',
      ),
      // Recalls are not served on hawkBit yet: its counterpart, invalidating a distribution
      // set, cancels and stops by other rules than the console's preview says.
      ...notServed(
        Object.values(recallEndpoints),
        'Recalls are not served on hawkBit yet: invalidate the distribution set in hawkBit itself (Distributions, “Invalidate”), which cancels its open actions and stops its rollouts.',
      ),
      // The console's approvals are not served on hawkBit (its own rollout approval is a
      // tenant setting the console does not drive yet): said, never faked.
      ...notServed(
        Object.values(approvalEndpoints),
        'Approvals are not served on hawkBit: rollouts and “Update all sites” start at once there. Use hawkBit’s own rollout approval (its tenant setting) where a second person must approve.',
      ),
      // hawkBit has no change freezes (its maintenance windows are per assignment).
      ...notServed(
        Object.values(freezeEndpoints),
        'Change freezes are not served on hawkBit: it has no freeze periods. Pause the rollouts and leave the maintenance windows outside the period instead.',
      ),
      // No notifications on hawkBit yet (its session's features leave them out).
      ...notServed(
        Object.values(notificationEndpoints),
        'Notifications are not served on hawkBit yet: open the rollouts to see where they stand.',
      ),
      as(rolloutEndpoints.list, ({ credentials, params }) =>
        rollouts.list(credentials, params.deviceType),
      ),
      as(rolloutEndpoints.preview, ({ credentials, params, body }) =>
        rollouts.preview(credentials, params.deviceType, body),
      ),
      as(rolloutEndpoints.start, async ({ credentials, params, body, actor }) => {
        const rollout = await rollouts.start(credentials, actor, params.deviceType, body);
        await rolloutAccepted(actor, {
          kind: 'rollout-start',
          deviceType: params.deviceType,
          rolloutId: rollout.id,
          waves: rollout.waves.map((wave) => ({ length: wave.sites })),
        });
        return rollout;
      }),
      as(rolloutEndpoints.get, ({ credentials, params }) =>
        rollouts.get(credentials, params.deviceType, params.rolloutId),
      ),
      ...(['pause', 'resume', 'halt'] as const).map((step) =>
        as(rolloutEndpoints[step], async ({ credentials, params, actor }) => {
          const { deviceType, rolloutId } = params;
          const before = await rollouts.get(credentials, deviceType, rolloutId);
          const rollout = await rollouts[step](credentials, actor, deviceType, rolloutId);
          if (rollout.status !== before.status) {
            await rolloutAccepted(actor, { kind: 'rollout-step', deviceType, rolloutId, step });
          }
          return rollout;
        }),
      ),
      as(rolloutEndpoints.startWave, async ({ credentials, params, actor }) => {
        const { deviceType, rolloutId, wave } = params;
        const before = await rollouts.get(credentials, deviceType, rolloutId);
        const rollout = await rollouts.startWave(credentials, deviceType, rolloutId, wave);
        if (before.waves[wave - 1]?.startedAt === null) {
          await rolloutAccepted(actor, { kind: 'rollout-advance', deviceType, rolloutId, wave });
        }
        return rollout;
      }),
      as(rolloutEndpoints.retry, async ({ credentials, params, actor }) => {
        const { deviceType, rolloutId, wave } = params;
        const rollout = await rollouts.retry(credentials, deviceType, rolloutId, wave);
        await rolloutAccepted(actor, {
          kind: 'rollout-retry',
          deviceType,
          rolloutId,
          wave,
          sites: { length: rollouts.retriedCount(rolloutId) },
        });
        return rollout;
      }),
      // A rollback sends each site back to its own earlier distribution set: hawkBit's rollouts
      // assign one set to all their targets, so the console does not build it there yet.
      ...notServed(
        [rolloutEndpoints.rollbackPreview, rolloutEndpoints.rollback],
        'Rolling back a rollout is not served on hawkBit yet: a hawkBit rollout gives all its targets one distribution set. Assign each site’s earlier set in hawkBit, or plan a rollout of the sites on the older set there.',
      ),
      as(serverEndpoints.list, ({ credentials }) => servers.list(credentials)),
      as(serverEndpoints.detail, ({ credentials, params }) =>
        servers.detail(credentials, params.serverId),
      ),
      as(serverEndpoints.setTarget, async ({ credentials, params, body, actor }) => {
        const server = await servers.setTarget(credentials, params.serverId, body);
        const change = {
          kind: 'server-target',
          serverId: server.id,
          modules: body.modules,
        } as const;
        await serverAccepted(actor, change, server.name);
        return server;
      }),
      as(serverEndpoints.setSettings, async ({ credentials, params, body, actor }) => {
        const server = await servers.setSettings(credentials, params.serverId, body);
        const change = { kind: 'server-settings', serverId: server.id, settings: body } as const;
        await serverAccepted(actor, change, server.name);
        return server;
      }),
      as(serverEndpoints.startUpgrade, async ({ credentials, params, actor }) => {
        const job = await servers.startUpgrade(credentials, params.serverId);
        const name = await servers.nameOf(credentials, params.serverId);
        await serverAccepted(actor, { kind: 'server-upgrade', serverId: params.serverId }, name);
        return job;
      }),
      as(deviceEndpoints.detail, async ({ credentials, params }) =>
        devices.detail(credentials, await catalog(credentials), params.deviceId),
      ),
    ];
  }

  return {
    description: `Eclipse hawkBit at ${options.url}${options.tenant ? ` (tenant ${options.tenant})` : ''}`,
    capabilities,
    directory: hawkbitDirectory(client),
    accessOf: hawkbitAccess(client),
    handlers,
    around: (_change, work) => work(),
    recordSession: async (event) => {
      const entry = sessionEntry(sessionOperation(event), {
        id: `act-${crypto.randomUUID()}`,
        at: iso(event.at),
        operator: { id: event.actor.id, name: event.actor.name },
        role: event.actor.role,
      });
      await store.activity.record(entry, []);
    },
    close: () => Promise.resolve(),
  };
}
