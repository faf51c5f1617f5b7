import type {
  ActivityExportQuery,
  ActivityList,
  ActivityListQuery,
  ActivityOperators,
} from '../../src/api/activity';
import { deviceLabel } from '../../src/domain/device-label';
import type {
  Device,
  DeviceExportQuery,
  DeviceFilter,
  DeviceFacets,
  DeviceList,
  DeviceListQuery,
  DeviceSelection,
  ManualUpdateResult,
  ScheduleChangeResult,
  SelectionSummary,
} from '../../src/api/devices';
import { type DeviceSchedule } from '../../src/api/schedules';
import type {
  HoldSitesRequest,
  HoldSitesResult,
  ReleaseSitesRequest,
  ReleaseSitesResult,
  SiteSelection,
} from '../../src/api/holds';
import { HOLD_MAX_DAYS } from '../../src/api/sites';
import { inScope, type Scope } from './customers';
import {
  type ServerSettings,
  type ServerDetail,
  type ServerSummary,
  type TargetChange,
  type UpgradeJob,
} from '../../src/api/servers';
import type {
  DeviceTypeStatsList,
  Site,
  SiteList,
  SiteListQuery,
  UpdateAllPlan,
  UpdateAllResult,
} from '../../src/api/sites';
import { now as clockNow } from './clock';
import type { DeviceIndex } from './devices';
import { DeviceBook } from './device-book';
import { memoryStore, type FleetStore } from './persistence';
import { canonical, claimKey } from './idempotency';
import { RefusedError } from './refusal';
import { ServerBook } from './servers';
import { refuseCancel, refuseUpdate } from './site-refusals';
import { SiteBook, type SiteNow } from './sites';
import type { AfterReboot, DeviceTypeSeed } from './site-seeds';
import { RolloutBook } from './rollouts';
import { RolloutDesk } from './rollout-desk';
import { ApprovalBook, ApprovalDesk } from './approvals';
import { NotificationDesk } from './notifications';
import { checkFreeze, FreezeBook, FreezeDesk } from './freezes';
import { frozenWords } from '../../src/domain/format-freeze';
import { freezeAt } from '../../src/domain/freezes';
import type { FreezeOverride } from '../../src/api/freezes';
import { type Actor, type Operation, STORED_VERSION, StoredChanges } from './operations';
import { SessionDesk, type SessionOptions } from './sessions';
import { recallOf, recallPlan } from './recalls';
import type { RecallPlan, RecallRequest, RecallResult } from '../../src/api/recalls';
import type { CsvRows } from './csv';
import { activityCsv, activityOperators, listActivity, type ActivityContext } from './activity';
import { describeRequest, refusal } from './activity-refusals';
import { buildScenario, withAfterReboot, type Scenario, type ScenarioName } from './scenarios';

export interface FleetOptions {
  scenario: ScenarioName;
  /** Who signs in, and how (see SessionDesk). */
  session?: SessionOptions;
  store?: FleetStore;
  /** The fleet's clock; the page's `Date.now()` unless a test passes its own. */
  now?: () => number;
  /** Sites whose first update comes back on the old image, or never reports (a test's hook). */
  afterReboot?: Readonly<Record<number, AfterReboot>>;
}

/** A filter selection's filter and exceptions, for the activity. */
function byFilter(selection: DeviceSelection) {
  return selection.mode === 'filter'
    ? { byFilter: { filter: selection.filter, except: selection.except } }
    : {};
}

/**
 * The simulated fleet behind the built-in API. Everything it answers is derived from the
 * scenario, the operation log and the elapsed time since the scenario began (`epoch`), so
 * moving the clock forward moves every state forward with it.
 */
export class Fleet {
  readonly scenario: Scenario;
  readonly now: () => number;
  private readonly store: FleetStore;
  private changes: StoredChanges;
  private deviceBook: DeviceBook;
  private sites: SiteBook;
  private rolloutBook: RolloutBook;
  private servers: ServerBook;
  readonly sessions: SessionDesk;
  /** Who the next change is recorded for: the contract layer sets it for each request. */
  actor: Actor | undefined;
  /** The staged rollouts' endpoints. */
  readonly rollouts: RolloutDesk;
  private readonly approvalBook = new ApprovalBook();
  private readonly freezeBook = new FreezeBook();
  /** The change freezes' endpoints. */
  readonly freezes: FreezeDesk;
  /** The approvals' endpoints. */
  readonly approvals: ApprovalDesk;
  /** The notifications' endpoints. */
  readonly notifications: NotificationDesk;

  constructor(options: FleetOptions) {
    this.scenario = withAfterReboot(buildScenario(options.scenario), options.afterReboot);
    this.now = options.now ?? clockNow;
    this.store = options.store ?? memoryStore();
    this.changes = this.loadChanges();
    this.sessions = new SessionDesk(options.session);
    this.deviceBook = this.newDeviceBook();
    this.sites = new SiteBook(this.scenario, this.changes.epoch);
    this.rolloutBook = new RolloutBook(this.sites, (deviceType) =>
      this.freezeBook.binding(deviceType),
    );
    this.servers = new ServerBook(this.scenario.servers);
    // Replays the stored changes over the scenario, rollouts running in between as they did.
    for (const operation of this.changes.operations) this.replay(operation, false);
    this.rollouts = new RolloutDesk(
      {
        now: () => this.siteNow(),
        typeNamed: (name) => this.sites.typeNamed(name),
        record: (operation, as) => this.record(operation, as),
        claimKey: (requestId, request, what) => this.claimKey(requestId, request, what),
        canonical,
        scope: () => this.scope,
        approvalNeeded: (deviceType, sites) =>
          this.approvalBook.needed(deviceType, 'rollout', sites),
        freezeCheck: (deviceType, at, override) => this.freezeCheck(deviceType, at, override),
        frozen: (deviceType, at) => this.frozenNow(deviceType, at),
      },
      this.rolloutBook,
    );
    this.approvals = new ApprovalDesk(
      {
        now: () => this.siteNow(),
        typeNamed: (name) => this.sites.typeNamed(name),
        currentVersion: (type, at) => this.sites.currentOf(type, at),
        typeNames: () => this.scenario.deviceTypes.map((type) => type.name),
        record: (operation) => this.record(operation),
        claimKey: (requestId, request, what) => this.claimKey(requestId, request, what),
        canonical,
        scope: () => this.scope,
        actor: () => this.actor ?? this.sessions.actor,
        rolloutPreview: (type, { selection, plan, rules }, scope) =>
          this.rollouts.preview(type, { selection, plan, rules }, scope),
        updateAllPlan: (type, scope) => this.planAll(type, scope),
        refuseChange: (type, kind, scope) => {
          const seed = this.deviceType(type);
          if (kind === 'rollout') this.rolloutBook.refuseStart(seed, scope);
          else this.rolloutBook.refuseUpdateAll(seed, scope);
        },
        carryOut: (ask, id) => this.carryOut(ask, id),
      },
      this.approvalBook,
    );
    this.freezes = new FreezeDesk(
      {
        now: () => this.siteNow(),
        typeNamed: (name) => this.sites.typeNamed(name),
        record: (operation) => this.record(operation),
        claimKey: (requestId, request, what) => this.claimKey(requestId, request, what),
        canonical,
      },
      this.freezeBook,
    );
    this.notifications = new NotificationDesk({
      now: () => this.siteNow(),
      actor: () => this.actor ?? this.sessions.actor,
      scope: () => this.scope,
      approvals: () => this.approvals.summaries(),
      rollouts: () => this.rolloutBook.visibleRuns(this.scope),
      held: () =>
        this.scenario.deviceTypes.map((type) => ({
          deviceType: type.name,
          sites: this.sites.select(
            type,
            { mode: 'filter', filter: { state: 'held' } },
            this.siteNow(),
            this.scope,
          ),
        })),
      recalls: () => {
        const now = this.siteNow();
        return this.scenario.deviceTypes.flatMap((type) =>
          this.sites.recallsOf(type, now).map((recall) => ({ deviceType: type.name, recall })),
        );
      },
      record: (operation) => this.record(operation),
    });
    // Read marks were replayed before the desk existed: apply them now.
    for (const operation of this.changes.operations) {
      if (operation.kind === 'notifications-read') this.notifications.apply(operation);
    }
  }

  /**
   * Refuses a change of a device type (null: of devices) inside a change freeze, unless the
   * caller may override it and gave a reason: the override the change records.
   */
  private freezeCheck(
    deviceType: string | null,
    at: number,
    override: FreezeOverride | undefined,
  ): { freezeId: string; reason: string } | undefined {
    const actor = this.actor ?? this.sessions.actor;
    return checkFreeze(this.freezeBook.spans(), deviceType, at, actor, override);
  }

  /** The freeze binding a device type now, in words (null: none). */
  private frozenNow(deviceType: string, at: number): string | null {
    const span = freezeAt(this.freezeBook.binding(deviceType), at);
    return span ? frozenWords(deviceType, span) : null;
  }

  /** A freeze was added or ended at `at`: waves and windows it binds are worked out anew. */
  private freezesChanged(deviceType: string | null, at: number): void {
    const types = deviceType === null ? this.scenario.deviceTypes : [this.deviceType(deviceType)];
    for (const type of types) this.rolloutBook.touched(type.name, at);
    if (deviceType === null) this.deviceBook.freezesChanged();
  }

  /** Makes an approved change, as the one who asked and in their scope. */
  private carryOut(
    ask: Extract<Operation, { kind: 'approval-ask' }>,
    id: string,
  ): { rolloutId: string | null; sites: number } {
    const by = this.actor ?? this.sessions.actor;
    const approval = { id, by, comment: null };
    if (ask.change.kind === 'rollout') {
      const { selection, plan, rules } = ask.change;
      const rolloutId = this.rollouts.startApproved(
        ask.deviceType,
        { selection, plan, rules },
        { approval, asked: ask.actor },
      );
      return { rolloutId, sites: this.rolloutBook.sitesOf(ask.deviceType, rolloutId).length };
    }
    const result = this.queueAll(ask.deviceType, `approval-${id}`, `update-all approval-${id}`, {
      approval,
      asked: ask.actor,
    });
    return { rolloutId: null, sites: result.queued };
  }

  /** The clock, with every rollout run up to it: what sites are read and changed at. */
  private siteNow(): number {
    const now = this.now();
    this.rolloutBook.advance(now);
    return now;
  }

  private loadChanges(): StoredChanges {
    const parsed = StoredChanges.safeParse(this.store.load());
    if (parsed.success && parsed.data.scenario === this.scenario.name) return parsed.data;
    // Nothing stored, or stored by an older console: start the scenario now.
    const fresh: StoredChanges = {
      ...{ version: STORED_VERSION, scenario: this.scenario.name, epoch: this.now() },
      operations: [],
    };
    this.store.save(fresh);
    return fresh;
  }

  /** Applies a logged operation: at start, or one another server logged (`logged`: add it). */
  replay(operation: Operation, logged = true): void {
    this.rolloutBook.advance(operation.at);
    if (logged) this.changes.operations.push(operation);
    this.apply(operation);
  }

  /** Every operation logged so far, oldest first (a server appends the new ones to its store). */
  get log(): readonly Operation[] {
    return this.changes.operations;
  }

  /** When this scenario began in this browser (or server). */
  get epoch(): number {
    return this.changes.epoch;
  }

  private newDeviceBook(): DeviceBook {
    const frozen = () => ({
      spans: this.freezeBook.binding(null),
      version: this.freezeBook.version,
    });
    return new DeviceBook(this.scenario.devices, { epoch: this.changes.epoch, frozen }, this.now);
  }

  private apply(operation: Operation): void {
    if (operation.kind === 'site-hold') {
      const by = operation.actor ?? { id: 'unknown', name: 'Unknown operator' };
      this.sites.record({
        kind: 'site-hold',
        at: operation.at,
        sites: operation.sites,
        until: operation.until,
        reason: operation.reason,
        by: { id: by.id, name: by.name },
      });
      this.rolloutBook.touched(operation.deviceType, operation.at);
      return;
    }
    if (
      operation.kind === 'site-update' ||
      operation.kind === 'site-cancel' ||
      operation.kind === 'site-release'
    ) {
      this.sites.record(operation);
      if (operation.deviceType) this.rolloutBook.touched(operation.deviceType, operation.at);
      return;
    }
    if (operation.kind === 'version-recall') {
      const recall = recallOf(operation);
      // The rollouts installing it halt first (cancelling what they queued), then the sites learn it.
      this.rolloutBook.recalled(operation.deviceType, recall.version, recall.at, recall.by.name);
      this.sites.recall(this.deviceType(operation.deviceType), recall);
      this.rolloutBook.touched(operation.deviceType, operation.at);
      return;
    }
    if (operation.kind === 'freeze-add' || operation.kind === 'freeze-end') {
      this.freezeBook.apply(operation);
      this.freezesChanged(operation.deviceType, operation.at);
      return;
    }
    if (operation.kind === 'notifications-read') {
      // Replayed at start by the constructor, once the desk exists.
      this.notifications?.apply(operation);
      return;
    }
    if (
      operation.kind === 'approval-rules' ||
      operation.kind === 'approval-ask' ||
      operation.kind === 'approval-decide'
    ) {
      this.approvalBook.apply(operation);
      return;
    }
    if (
      operation.kind === 'rollout-start' ||
      operation.kind === 'rollout-step' ||
      operation.kind === 'rollout-advance' ||
      operation.kind === 'rollout-retry'
    ) {
      this.rolloutBook.apply(operation);
      return;
    }
    if (operation.kind.startsWith('server-')) {
      this.servers.record(operation as Extract<Operation, { serverId: string }>);
      return;
    }
    if (operation.kind === 'schedule' || operation.kind === 'manual-update') {
      this.deviceBook.record(operation);
    }
  }

  /**
   * Logs an operator's change (with who made it: `as`, for a change another person approved,
   * is the one who asked), applies it and stores the log.
   */
  record(operation: Operation, as?: Actor): void {
    const signed =
      operation.kind === 'server-cancelled' || operation.kind === 'session'
        ? operation
        : { ...operation, actor: as ?? this.actor ?? this.sessions.actor };
    this.changes.operations.push(signed);
    this.apply(signed);
    this.store.save(this.changes);
  }

  /**
   * The customer the caller's role is limited to (undefined: every customer): every answer
   * below holds that customer's devices, sites, servers, rollouts and activity only, and a
   * thing of another customer is not found (404), as if it did not exist.
   */
  /** What every customer's people are told now (the console's webhooks), whoever called last. */
  watchedNotifications() {
    const caller = this.actor;
    this.actor = undefined;
    try {
      return this.notifications.watched();
    } finally {
      this.actor = caller;
    }
  }

  private get scope(): Scope {
    return this.actor?.customer?.id;
  }

  /** A device filter narrowed to the scope: a customer asked for outside it holds nothing. */
  private scoped<F extends DeviceFilter>(filter: F): F {
    const scope = this.scope;
    if (scope === undefined) return filter;
    return { ...filter, customer: (filter.customer ?? [scope]).filter((id) => id === scope) };
  }

  /** A bulk selection narrowed to the scope: ids of other customers' devices are unknown ones. */
  private scopedSelection(selection: DeviceSelection): DeviceSelection {
    const scope = this.scope;
    if (scope === undefined) return selection;
    if (selection.mode === 'filter') return { ...selection, filter: this.scoped(selection.filter) };
    // Read from the index's facts: no device is materialized to learn whose it is.
    const ids = this.devices()
      .select(selection)
      .filter((device) => device.customer === scope)
      .map((device) => device.id);
    return { ...selection, ids };
  }

  /**
   * What an idempotency key stands for, with the caller's scope: a key another customer's
   * people used is another request (422), never their answer.
   */
  private requestOf(words: string): string {
    return this.scope === undefined ? words : `${words} for ${this.scope}`;
  }

  listDevices(query: DeviceListQuery): DeviceList {
    return this.deviceBook.list(this.scoped(query));
  }

  /** Every device matching the filter, in the list's order, as CSV (see the contract). */
  exportDevices(query: DeviceExportQuery): CsvRows {
    return this.deviceBook.export(this.scoped(query));
  }

  deviceFacets(): DeviceFacets {
    return this.deviceBook.facets(this.scope);
  }

  /** One device, or undefined: also for a device of another customer than the scope's. */
  device(id: string): Device | undefined {
    const device = this.devices().get(id);
    return device && inScope(this.scope, device.customer?.id ?? '') ? device : undefined;
  }

  /** Derives up to `count` more devices of the index; true once it is complete (see DeviceBook). */
  warmDevices(count: number): boolean {
    return this.deviceBook.warm(count);
  }

  /** All devices as they are now, indexed for list queries (see DeviceBook). */
  devices(): DeviceIndex {
    return this.deviceBook.index();
  }

  summarize(selection: DeviceSelection): SelectionSummary {
    return this.deviceBook.summarize(this.scopedSelection(selection));
  }

  setSchedule(asked: DeviceSelection, schedule: DeviceSchedule): ScheduleChangeResult {
    const selection = this.scopedSelection(asked);
    const { ids, result } = this.deviceBook.scheduleChange(selection);
    const ignored = result.notSupported.count + result.notOnboarded.count;
    this.record({
      kind: 'schedule',
      at: this.now(),
      ids,
      ...byFilter(selection),
      schedule,
      ignored,
    });
    return result;
  }

  private claimKey(requestId: string, request: string, what: string): Operation | undefined {
    return claimKey(this.changes.operations, requestId, request, what);
  }

  /** A manual update, once per `requestId`: a repeated request gets the first answer. */
  startUpdates(
    asked: DeviceSelection,
    requestId: string,
    override?: FreezeOverride,
  ): ManualUpdateResult {
    const request = this.requestOf(`manual-update ${canonical(asked)}`);
    const earlier = this.claimKey(requestId, request, 'this manual update');
    if (earlier?.kind === 'manual-update') return earlier.result;
    const selection = this.scopedSelection(asked);
    const overridden = this.freezeCheck(null, this.now(), override);

    const { ids, result } = this.deviceBook.manualUpdate(selection);
    this.record({
      kind: 'manual-update',
      at: this.now(),
      ids,
      ...byFilter(selection),
      requestId,
      request,
      result,
      ...(overridden ? { freezeOverride: overridden } : {}),
    });
    return result;
  }

  siteStats(): DeviceTypeStatsList {
    return this.sites.stats(this.siteNow(), this.scope);
  }

  private deviceType(name: string) {
    return this.sites.typeNamed(name);
  }

  listSites(deviceType: string, query: SiteListQuery): SiteList {
    const now = this.siteNow();
    const type = this.deviceType(deviceType);
    return this.sites.list(type, query, now, this.onlyIn(type, query), this.scope);
  }

  /** The sites of the rollout (or wave) a list or a selection names, if it names one. */
  private onlyIn(
    type: DeviceTypeSeed,
    filter: { rollout?: string; wave?: number },
  ): ReadonlySet<number> | undefined {
    return filter.rollout
      ? this.rolloutBook.sitesIn(type, filter.rollout, filter.wave, this.scope)
      : undefined;
  }

  /** The sites of a hold's or a release's selection. */
  private selectSites(type: DeviceTypeSeed, selection: SiteSelection, at: number): SiteNow[] {
    const only = selection.mode === 'filter' ? this.onlyIn(type, selection.filter) : undefined;
    return this.sites.select(type, selection, at, this.scope, only);
  }

  /** One site as it stands now (the hawkBit stand-in reads its panels' states here). */
  site(deviceType: string, siteNumber: number): Site {
    const seed = this.sites.siteOfType(this.deviceType(deviceType), siteNumber);
    return this.sites.at(seed, this.siteNow()).site;
  }

  updateSite(deviceType: string, siteNumber: number, override?: FreezeOverride): Site {
    const at = this.siteNow();
    const seed = this.sites.siteOfType(this.deviceType(deviceType), siteNumber, this.scope);
    const refusal = refuseUpdate(this.sites, seed, at);
    if (refusal) throw refusal;
    const overridden = this.freezeCheck(deviceType, at, override);
    this.record({
      kind: 'site-update',
      at,
      deviceType,
      sites: [siteNumber],
      requestId: null,
      result: null,
      ...(overridden ? { freezeOverride: overridden } : {}),
    });
    return this.sites.at(seed, at).site;
  }

  planUpdateAll(deviceType: string): UpdateAllPlan {
    return this.planAll(deviceType, this.scope);
  }

  /** What "Update all sites" would do now in a scope, and whether it needs approval. */
  private planAll(deviceType: string, scope: Scope): UpdateAllPlan {
    const now = this.siteNow();
    const { plan } = this.sites.plan(this.deviceType(deviceType), now, scope);
    const approval = this.approvalBook.needed(deviceType, 'update-all', plan.toQueue);
    const frozen = this.frozenNow(deviceType, now);
    return { ...plan, ...(approval ? { approval } : {}), ...(frozen ? { frozen } : {}) };
  }

  /** Queues every eligible site once per `requestId`: a repeated request gets the first answer. */
  updateAll(deviceType: string, requestId: string, override?: FreezeOverride): UpdateAllResult {
    const request = this.requestOf(`update-all ${canonical(deviceType)}`);
    const earlier = this.claimKey(requestId, request, `the update of all ${deviceType} sites`);
    if (earlier?.kind === 'site-update' && earlier.result) return earlier.result;
    return this.queueAll(deviceType, requestId, request, undefined, override);
  }

  private queueAll(
    deviceType: string,
    requestId: string,
    request: string,
    approved?: {
      approval: NonNullable<Extract<Operation, { kind: 'site-update' }>['approval']>;
      asked: Actor | undefined;
    },
    override?: FreezeOverride,
  ): UpdateAllResult {
    const at = this.siteNow();
    const type = this.deviceType(deviceType);
    const scope = approved ? approved.asked?.customer?.id : this.scope;
    this.rolloutBook.refuseUpdateAll(type, scope);
    const overridden = this.freezeCheck(deviceType, at, override);
    const { plan, numbers } = this.sites.plan(type, at, scope);
    const needed = approved
      ? null
      : this.approvalBook.needed(deviceType, 'update-all', numbers.length);
    if (needed) {
      throw new RefusedError(
        409,
        'approval_required',
        `${needed} Ask for approval: the sites are queued once another person approves it.`,
      );
    }
    const { toQueue, ...rest } = plan;
    const result: UpdateAllResult = { ...rest, queued: toQueue };
    this.record(
      {
        kind: 'site-update',
        at,
        deviceType,
        sites: numbers,
        requestId,
        request,
        result,
        ...(approved ? { approval: approved.approval } : {}),
        ...(overridden ? { freezeOverride: overridden } : {}),
      },
      approved?.asked,
    );
    return result;
  }

  /** Holds sites on their version until `until`, once per `requestId`. */
  holdSites(deviceType: string, asked: HoldSitesRequest): HoldSitesResult {
    const { requestId, ...rest } = asked;
    const request = this.requestOf(`site-hold ${canonical(deviceType)} ${canonical(rest)}`);
    const earlier = this.claimKey(requestId, request, `this hold of ${deviceType} sites`);
    if (earlier?.kind === 'site-hold') return earlier.result;
    const at = this.siteNow();
    const until = Date.parse(asked.until);
    const latest = at + HOLD_MAX_DAYS * 24 * 60 * 60_000;
    if (!(until > at) || until > latest) {
      throw new RefusedError(
        400,
        'validation_failed',
        `Choose an end of the hold in the future and at most ${HOLD_MAX_DAYS} days ahead (until ${new Date(latest).toISOString().slice(0, 10)}).`,
      );
    }
    const type = this.deviceType(deviceType);
    const sites = this.selectSites(type, asked.selection, at).map((entry) => entry.site.number);
    if (sites.length === 0) {
      throw new RefusedError(
        422,
        'nothing_selected',
        `No ${deviceType} site matches the selection: nothing was held. Change the search or the filters.`,
      );
    }
    const result: HoldSitesResult = {
      held: sites.length,
      until: new Date(until).toISOString(),
      sites: sites.slice(0, 100),
    };
    this.record({
      kind: 'site-hold',
      at,
      deviceType,
      sites,
      until,
      reason: asked.reason,
      requestId,
      request,
      result,
    });
    return result;
  }

  /** Ends the holds of sites now, once per `requestId`. */
  releaseSites(deviceType: string, asked: ReleaseSitesRequest): ReleaseSitesResult {
    const { requestId, ...rest } = asked;
    const request = this.requestOf(`site-release ${canonical(deviceType)} ${canonical(rest)}`);
    const earlier = this.claimKey(requestId, request, `this release of ${deviceType} sites`);
    if (earlier?.kind === 'site-release') return earlier.result;
    const at = this.siteNow();
    const type = this.deviceType(deviceType);
    const sites = this.selectSites(type, asked.selection, at)
      .filter((entry) => entry.site.hold)
      .map((entry) => entry.site.number);
    const result: ReleaseSitesResult = { released: sites.length, sites: sites.slice(0, 100) };
    if (sites.length > 0) {
      this.record({ kind: 'site-release', at, deviceType, sites, requestId, request, result });
    }
    return result;
  }

  /** What recalling the type's current version would do now, over the caller's sites. */
  planRecall(deviceType: string): RecallPlan {
    const at = this.siteNow();
    const type = this.deviceType(deviceType);
    const sites = this.selectSites(type, { mode: 'filter', filter: {} }, at);
    const version = this.sites.currentOf(type, at);
    return recallPlan(type, version, this.sites.replacementAt(type, at), sites, this.rolloutBook);
  }

  /** Recalls the type's current version once per `requestId` (see RecallRequest). */
  recallVersion(deviceType: string, asked: RecallRequest): RecallResult {
    const { requestId, ...rest } = asked;
    const request = this.requestOf(`version-recall ${canonical(deviceType)} ${canonical(rest)}`);
    const earlier = this.claimKey(requestId, request, `this recall of ${deviceType}`);
    if (earlier?.kind === 'version-recall') return earlier.result;
    if (this.scope !== undefined) {
      throw new RefusedError(
        403,
        'every_customer_only',
        `A recall changes the ${deviceType} sites of every customer: ask an administrator of every customer to recall ${asked.version}.`,
      );
    }
    const plan = this.planRecall(deviceType);
    if (plan.version !== asked.version) {
      throw new RefusedError(
        409,
        'version_moved',
        `${asked.version} is no longer the current version of ${deviceType}: ${plan.version} is. Look again at what a recall of ${plan.version} would do.`,
      );
    }
    if (plan.replacedBy === null) {
      throw new RefusedError(409, 'no_earlier_version', plan.refusal ?? '');
    }
    const result: RecallResult = {
      deviceType,
      version: plan.version,
      currentVersion: plan.replacedBy,
      cancelled: plan.cancels.count,
      halted: plan.halts.map((run) => run.id),
      stillInstall: plan.stillInstall.count,
    };
    this.record({
      kind: 'version-recall',
      at: this.siteNow(),
      deviceType,
      version: plan.version,
      replacedBy: plan.replacedBy,
      reason: asked.reason,
      requestId,
      request,
      result,
    });
    return result;
  }

  cancelSiteUpdate(deviceType: string, siteNumber: number): Site {
    const at = this.siteNow();
    const seed = this.sites.siteOfType(this.deviceType(deviceType), siteNumber, this.scope);
    const refusal = refuseCancel(this.sites, seed, at);
    if (refusal) throw refusal;
    this.record({ kind: 'site-cancel', at, site: siteNumber, deviceType });
    return this.sites.at(seed, at).site;
  }

  listServers(): { items: ServerSummary[] } {
    return { items: this.servers.all(this.now(), this.scope) };
  }

  server(serverId: string): ServerDetail {
    return this.servers.detail(this.servers.seed(serverId, this.scope), this.now());
  }

  setServerTarget(serverId: string, change: TargetChange): ServerDetail {
    const seed = this.servers.seed(serverId, this.scope);
    const at = this.now();
    const refusal = this.servers.refuseTarget(seed, change.modules, at);
    if (refusal) throw refusal;
    this.record({ kind: 'server-target', at, serverId, modules: change.modules });
    return this.servers.detail(seed, at);
  }

  setServerSettings(serverId: string, settings: ServerSettings): ServerDetail {
    const seed = this.servers.seed(serverId, this.scope);
    const at = this.now();
    this.record({ kind: 'server-settings', at, serverId, settings });
    return this.servers.detail(seed, at);
  }

  /** Starts the upgrade job once per `requestId`; refusals say why, with figures. */
  startUpgrade(serverId: string, requestId: string): UpgradeJob {
    const request = `server-upgrade ${canonical(serverId)}`;
    this.claimKey(requestId, request, `the upgrade of server ${serverId}`);
    const seed = this.servers.seed(serverId, this.scope);
    const at = this.now();
    const earlier = this.servers.jobFor(seed, requestId, at);
    if (earlier) return earlier;
    const refusal = this.servers.refuseStart(seed, at);
    if (refusal) {
      // The portal cancels the request of an unregistered or offline server, and says so.
      if (refusal.code === 'not_registered' || refusal.code === 'offline') {
        this.record({ kind: 'server-cancelled', at, serverId, message: refusal.message });
      }
      throw refusal;
    }
    this.record({ kind: 'server-upgrade', at, serverId, requestId, request });
    return this.servers.jobFor(seed, requestId, at) as UpgradeJob;
  }

  private readonly activityContext: ActivityContext = {
    deviceLabel: (id) => {
      const device = this.devices().get(id);
      return device ? deviceLabel(device) : null;
    },
    matching: (selection) => this.devices().select(selection).length,
    serverName: (id) => this.scenario.servers.find((server) => server.id === id)?.name ?? id,
    siteType: (siteNumber) => this.sites.seed(siteNumber)?.deviceType ?? 'Unknown type',
    freezeName: (freezeId) => this.freezeBook.name(freezeId),
    now: () => this.now(),
    rolloutSites: (deviceType, rolloutId) => this.rolloutBook.sitesOf(deviceType, rolloutId),
  };

  /**
   * The log as the caller may read it: for a role limited to a customer, what that customer's
   * people did (their changes touch their own things only) and the portal's cancellations of
   * its servers' upgrades; for every customer, all of it.
   */
  private visibleLog(): readonly Operation[] {
    const scope = this.scope;
    if (scope === undefined) return this.changes.operations;
    return this.changes.operations.filter((operation) =>
      operation.kind === 'server-cancelled'
        ? inScope(
            scope,
            this.scenario.servers.find(({ id }) => id === operation.serverId)?.customer ?? '',
          )
        : operation.actor?.customer?.id === scope,
    );
  }

  activity(query: ActivityListQuery): ActivityList {
    return listActivity(this.visibleLog(), query, this.activityContext);
  }

  exportActivity(query: ActivityExportQuery): CsvRows {
    return activityCsv(this.visibleLog(), query, this.activityContext);
  }

  activityOperators(): ActivityOperators {
    return { items: activityOperators(this.visibleLog()) };
  }

  /** Records a change the fleet refused (the request as it came), so the activity shows it. */
  refused(operationId: string, params: object, body: unknown, error: RefusedError): void {
    const described = describeRequest(operationId, params, body, this.activityContext);
    if (described) this.record(refusal(described, this.now(), error));
  }
}
