import type {
  DeviceTypeStats,
  DeviceTypeStatsList,
  Hold,
  Site,
  SiteList,
  SiteListQuery,
  UpdateAllPlan,
} from '../../src/api/sites';
import { CANCELLABLE_STATES } from '../../src/api/sites';
import type { SiteSelection } from '../../src/api/holds';
import { customerAt, customerField, inScope, type Scope } from './customers';
import { RefusedError } from './refusal';
import { observeTimings, type Timings } from './rollout-forecast';
import type { Scenario } from './scenarios';
import { noUpdateCauses, queueable, siteOrder, type SiteGroup, type SiteNow } from './site-list';
import type { DeviceTypeSeed, SiteSeed } from './site-seeds';
import {
  hasIpChannel,
  phaseIndexAt,
  siteTimeline,
  siteUpdateView,
  phaseOutcome,
  seededUpdate,
  type ActiveUpdate,
  type Phase,
  type SiteOutlook,
} from './site-lifecycle';

export type { SiteGroup, SiteNow } from './site-list';
export type { SiteOutcome, SiteOutlook } from './site-lifecycle';

interface Folded {
  type: DeviceTypeSeed;
  version: string;
  /** The type's current version at the instant folded to. */
  current: string;
  update: ActiveUpdate | null;
  lastFailure: Site['lastFailure'];
  cancelled: boolean;
  lastUpdatedAt: string | null;
  /** The hold in force at the instant folded to, if any. */
  hold: Hold | null;
  /** When its last queueing left it out because it was held (null: it was not). */
  heldOut: number | null;
}

/** What operators did to sites, from the fleet's operation log. */
export type SiteOperation =
  | {
      kind: 'site-update';
      at: number;
      sites: number[];
      /** The version each site goes to, by site number (a rollback); absent: the current one. */
      targets?: Readonly<Record<string, string>>;
    }
  | { kind: 'site-cancel'; at: number; site: number }
  | {
      kind: 'site-hold';
      at: number;
      sites: number[];
      until: number;
      reason: string;
      by: { id: string; name: string };
    }
  | { kind: 'site-release'; at: number; sites: number[] }
  /** The type's current version recalled: `replacedBy` is current from `at` on. */
  | { kind: 'site-recall'; at: number; version: string; replacedBy: string };

/** A recall of a type's version, as the book keeps it. */
export interface Recall {
  at: number;
  version: string;
  replacedBy: string;
  reason: string;
  by: { id: string; name: string };
}

/**
 * The sites of the receiver, derived from the scenario, the operators' site operations and the
 * clock: each update's whole timeline is known from when it was queued (see site-lifecycle.ts).
 */
/** Whose site it is: a customer's id, fixed by its number (see customers.ts). */
export function siteCustomer(seed: SiteSeed): string {
  return customerAt(seed.number);
}

export class SiteBook {
  private readonly types = new Map<string, DeviceTypeSeed>();
  private readonly bySite = new Map<number, SiteSeed>();
  private readonly operations = new Map<number, SiteOperation[]>();
  private readonly timelines = new Map<string, Phase[]>();
  private readonly recalls = new Map<string, Recall[]>();

  constructor(
    private readonly scenario: Scenario,
    private readonly epoch: number,
  ) {
    for (const type of scenario.deviceTypes) this.types.set(type.name, type);
    for (const site of scenario.sites) this.bySite.set(site.number, site);
  }

  type(name: string): DeviceTypeSeed | undefined {
    return this.types.get(name);
  }

  seed(number: number): SiteSeed | undefined {
    return this.bySite.get(number);
  }

  /** Recalls the type's current version at `recall.at`: every site of the type learns it. */
  recall(type: DeviceTypeSeed, recall: Recall): void {
    const list = this.recalls.get(type.name) ?? [];
    list.push(recall);
    this.recalls.set(type.name, list);
    const operation: SiteOperation = {
      kind: 'site-recall',
      at: recall.at,
      version: recall.version,
      replacedBy: recall.replacedBy,
    };
    for (const seed of this.scenario.sites) {
      if (seed.deviceType !== type.name) continue;
      const operations = this.operations.get(seed.number) ?? [];
      operations.push(operation);
      this.operations.set(seed.number, operations);
    }
  }

  /** The type's recalls made by `t`, oldest first. */
  recallsOf(type: DeviceTypeSeed, t: number): Recall[] {
    return (this.recalls.get(type.name) ?? []).filter((recall) => recall.at <= t);
  }

  /** The version the type's sites should run at `t`: its newest one not recalled by then. */
  currentOf(type: DeviceTypeSeed, t: number): string {
    return this.recallsOf(type, t).at(-1)?.replacedBy ?? type.currentVersion;
  }

  /** The version a recall at `t` would make current: the one before, not recalled (null: none). */
  replacementAt(type: DeviceTypeSeed, t: number): string | null {
    const recalled = new Set(this.recallsOf(type, t).map((recall) => recall.version));
    const left = [...type.earlierVersions, type.currentVersion].filter(
      (version) => !recalled.has(version),
    );
    return left.length > 1 ? (left[left.length - 2] as string) : null;
  }

  record(operation: Exclude<SiteOperation, { kind: 'site-recall' }>): void {
    const numbers = operation.kind === 'site-cancel' ? [operation.site] : operation.sites;
    for (const number of numbers) {
      const list = this.operations.get(number) ?? [];
      list.push(operation);
      this.operations.set(number, list);
    }
  }

  private timeline(seed: SiteSeed, type: DeviceTypeSeed, update: ActiveUpdate): Phase[] {
    const key = `${seed.number}:${update.attempt}:${update.queuedAt}`;
    let timeline = this.timelines.get(key);
    if (!timeline) {
      timeline = siteTimeline(seed, type, update);
      this.timelines.set(key, timeline);
    }
    return timeline;
  }

  /** The device type by its name, or the refusal an operator reads (404). */
  typeNamed(name: string): DeviceTypeSeed {
    const type = this.type(name);
    if (!type) {
      throw new RefusedError(
        404,
        'not_found',
        `There is no device type "${name}" on this receiver.`,
      );
    }
    return type;
  }

  /**
   * A site of the type, or the refusal an operator reads when it is not one (404, 409). A site
   * of another customer than the scope's is not one either: the same 404, never its type.
   */
  siteOfType(type: DeviceTypeSeed, siteNumber: number, scope?: Scope): SiteSeed {
    const seed = this.seed(siteNumber);
    if (!seed || !inScope(scope, siteCustomer(seed))) {
      throw new RefusedError(
        404,
        'site_not_found',
        `There is no site ${siteNumber} on this receiver. Check the site number.`,
      );
    }
    if (seed.deviceType !== type.name) {
      throw new RefusedError(
        409,
        'wrong_device_type',
        `Site ${siteNumber} is a ${seed.deviceType}, not a ${type.name}. Update it from the ${seed.deviceType} page.`,
      );
    }
    return seed;
  }

  /** The timings of every update of the type's sites seen by `now` (see rollout-forecast.ts). */
  observedTimings(type: DeviceTypeSeed, now: number): Timings {
    // Folding every site of the type computes the timeline of each update it has had.
    this.sitesOf(type, now);
    const seen = [...this.timelines].flatMap(([key, phases]) => {
      const seed = this.bySite.get(Number(key.slice(0, key.indexOf(':'))));
      return seed?.deviceType === type.name ? [{ channel: seed.channel, phases }] : [];
    });
    return observeTimings(seen, now);
  }

  /** The site's update history folded up to `now`: its version, running update and last outcome. */
  private fold(seed: SiteSeed, now: number): Folded {
    const type = this.types.get(seed.deviceType) as DeviceTypeSeed;
    let version = seed.version;
    let current = type.currentVersion;
    let update = seededUpdate(seed, type, this.epoch);
    let attempts = update ? 1 : 0;
    let lastFailure: Site['lastFailure'] = seed.lastFailure
      ? {
          at: new Date(this.epoch - seed.lastFailure.beforeEpochMs).toISOString(),
          code: seed.lastFailure.code,
          reason: seed.lastFailure.reason,
        }
      : null;
    // The last operation on the site was a cancellation (no attempt since).
    let cancelled = false;
    let lastUpdatedAt: string | null = null;
    let hold: { hold: Hold; until: number } | null = null;
    // When a queueing (a rollout's wave) left the site out because it was held.
    let heldOut: number | null = null;

    // Folds the running update up to `time`: once done or failed, it becomes history.
    const settle = (time: number): Phase | undefined => {
      if (!update) return undefined;
      const timeline = this.timeline(seed, type, update);
      const phase = timeline[phaseIndexAt(timeline, time)] as Phase;
      if (phase.from > time) return phase; // not begun (cannot happen: queued at `time`)
      if (phase.state === 'done') {
        version = update.target ?? type.currentVersion;
        lastUpdatedAt = new Date(phase.from).toISOString();
        lastFailure = null;
        update = null;
      } else if (phase.state === 'failed') {
        lastFailure = {
          at: new Date(phase.from).toISOString(),
          code: phase.failure ?? 'integrity',
          reason: phase.reason ?? '',
        };
        update = null;
      }
      return phase;
    };

    for (const operation of this.operations.get(seed.number) ?? []) {
      if (operation.at > now) break;
      const phase = settle(operation.at);
      if (hold && hold.until <= operation.at) hold = null;
      if (operation.kind === 'site-recall') {
        current = operation.replacedBy;
        const target = update ? (update.target ?? type.currentVersion) : null;
        // What was not yet downloaded is cancelled; what was is left to install.
        if (
          target === operation.version &&
          phase &&
          CANCELLABLE_STATES.includes(phase.state as never)
        ) {
          update = null;
          lastFailure = null;
          cancelled = true;
        }
      } else if (operation.kind === 'site-update') {
        const wanted = operation.targets?.[String(seed.number)] ?? current;
        // A held site is queued by nothing (the operations refuse it or leave it out).
        if (!update && !hold && version !== wanted) {
          attempts += 1;
          update = { queuedAt: operation.at, attempt: attempts, target: wanted };
          cancelled = false;
          heldOut = null;
        } else if (!update && hold && version !== wanted) {
          // A rollout's wave reached it while held: it is left out of that wave.
          heldOut = operation.at;
        }
      } else if (operation.kind === 'site-hold') {
        hold = {
          until: operation.until,
          hold: {
            reason: operation.reason,
            since: new Date(operation.at).toISOString(),
            until: new Date(operation.until).toISOString(),
            by: operation.by,
          },
        };
      } else if (operation.kind === 'site-release') {
        hold = null;
      } else if (update && phase && CANCELLABLE_STATES.includes(phase.state as never)) {
        update = null;
        lastFailure = null;
        cancelled = true;
      }
    }
    settle(now);
    // A hold ends by itself at its end.
    if (hold && hold.until <= now) hold = null;
    return {
      type,
      version,
      current,
      update,
      lastFailure,
      cancelled,
      lastUpdatedAt,
      hold: hold?.hold ?? null,
      heldOut,
    };
  }

  /**
   * Where the site stands at `t` and where it will end if nothing else is done to it: the
   * instant it installs, fails, is found cancelled, or starts waiting with no end in sight.
   */
  outlook(seed: SiteSeed, t: number, target?: string): SiteOutlook {
    const { type, version, current, update, lastFailure, cancelled, lastUpdatedAt, heldOut } =
      this.fold(seed, t);
    if (update) {
      const timeline = this.timeline(seed, type, update);
      const phase = timeline[phaseIndexAt(timeline, t)] as Phase;
      const last = timeline[timeline.length - 1] as Phase;
      return {
        now: phaseOutcome(phase.state),
        end: phaseOutcome(last.state),
        endAt: last.from,
        queuedAt: update.queuedAt,
        cancellable: CANCELLABLE_STATES.includes(phase.state as never),
        parts: phase.parts,
      };
    }
    const settled = { queuedAt: null, cancellable: false, parts: 0 };
    // Installed: on the version it was to go to (a rollback's), else on the current one.
    if (version === (target ?? current)) {
      const at = lastUpdatedAt ? Date.parse(lastUpdatedAt) : Number.NEGATIVE_INFINITY;
      return { now: 'installed', end: 'installed', endAt: at, ...settled };
    }
    // Left out of its wave by a hold: not queued, and not counted for or against the wave.
    if (heldOut !== null) {
      return { now: 'cancelled', end: 'cancelled', endAt: heldOut, held: true, ...settled };
    }
    if (cancelled) return { now: 'cancelled', end: 'cancelled', endAt: t, ...settled };
    if (lastFailure) {
      const at = Date.parse(lastFailure.at);
      return { now: 'failed', end: 'failed', endAt: at, ...settled };
    }
    return { now: 'idle', end: 'idle', endAt: Number.POSITIVE_INFINITY, ...settled };
  }

  at(seed: SiteSeed, now: number): SiteNow {
    const { type, version, current, update, lastFailure, cancelled, lastUpdatedAt, hold } =
      this.fold(seed, now);
    const running: ActiveUpdate | null = update;
    let view: Site['update'] = null;
    let moving = false;
    if (running) {
      const timeline = this.timeline(seed, type, running);
      const index = phaseIndexAt(timeline, now);
      view = siteUpdateView(timeline, index, type, running);
      moving = Number.isFinite((timeline[index] as Phase).to);
    }
    const group: SiteGroup =
      version === current ? 'current' : view ? 'updating' : hold ? 'held' : 'no-update';
    const recalled = this.recallsOf(type, now).some((recall) => recall.version === version);
    const site: Site = {
      number: seed.number,
      deviceType: seed.deviceType,
      version,
      channel: seed.channel,
      connected: seed.connected,
      disconnectedSince:
        seed.connected || seed.disconnectedBeforeEpochMs === undefined
          ? null
          : new Date(this.epoch - seed.disconnectedBeforeEpochMs).toISOString(),
      noUpdateCause:
        group !== 'no-update'
          ? null
          : !hasIpChannel(seed)
            ? 'no-ip-channel'
            : recalled
              ? 'recalled'
              : lastFailure
                ? lastFailure.code
                : cancelled
                  ? 'cancelled'
                  : seed.connected
                    ? 'never-queued'
                    : 'not-connected',
      boardRevision: seed.boardRevision,
      partitions: seed.partitions,
      update: view,
      lastFailure,
      lastUpdatedAt,
      ...customerField(siteCustomer(seed)),
      hold,
    };
    return { site, group, moving, failed: !view && lastFailure !== null && group !== 'current' };
  }

  private sitesOf(type: DeviceTypeSeed, now: number, scope?: Scope): SiteNow[] {
    return this.scenario.sites
      .filter((seed) => seed.deviceType === type.name && inScope(scope, siteCustomer(seed)))
      .map((seed) => this.at(seed, now));
  }

  private statsOf(type: DeviceTypeSeed, sites: SiteNow[], now: number): DeviceTypeStats {
    const count = (group: SiteGroup) => sites.filter((entry) => entry.group === group).length;
    return {
      deviceType: type.name,
      devices: sites.length,
      currentVersion: this.currentOf(type, now),
      recalled: this.recallsOf(type, now).map((recall) => ({
        version: recall.version,
        at: new Date(recall.at).toISOString(),
        by: recall.by,
        reason: recall.reason,
        replacedBy: recall.replacedBy,
      })),
      noUpdatePlanned: count('no-update'),
      updating: count('updating'),
      onCurrentVersion: count('current'),
      held: count('held'),
      noUpdateCauses: noUpdateCauses(sites),
    };
  }

  /** Every type's figures: of the scope's sites only, where a role is limited to a customer. */
  stats(now: number, scope?: Scope): DeviceTypeStatsList {
    let moving = false;
    const items = this.scenario.deviceTypes.map((type) => {
      const sites = this.sitesOf(type, now, scope);
      moving ||= sites.some((entry) => entry.moving);
      return this.statsOf(type, sites, now);
    });
    return { items, moving };
  }

  /** The type's sites matching the site list's search and filters, with all of them. */
  matching(
    type: DeviceTypeSeed,
    query: Pick<SiteListQuery, 'q' | 'state' | 'cause'>,
    now: number,
    only?: ReadonlySet<number>,
    scope?: Scope,
  ): { sites: SiteNow[]; matching: SiteNow[] } {
    const sites = this.sitesOf(type, now, scope);
    const q = query.q?.trim();
    const state = query.state;
    const matching = sites
      .filter((entry) => !only || only.has(entry.site.number))
      .filter((entry) => !q || String(entry.site.number).includes(q))
      .filter((entry) => !query.cause || entry.site.noUpdateCause === query.cause)
      .filter((entry) => {
        if (!state) return true;
        if (
          state === 'current' ||
          state === 'no-update' ||
          state === 'updating' ||
          state === 'held'
        ) {
          return entry.group === state;
        }
        if (state === 'failed') return entry.failed;
        return entry.site.update?.state === state;
      });
    return { sites, matching };
  }

  /** A page of the type's sites; `only`: those of a rollout or wave. */
  list(
    type: DeviceTypeSeed,
    query: SiteListQuery,
    now: number,
    only?: ReadonlySet<number>,
    scope?: Scope,
  ): SiteList {
    const { sites, matching } = this.matching(type, query, now, only, scope);
    matching.sort(siteOrder(query, now));
    const start = (query.page - 1) * query.pageSize;
    return {
      stats: this.statsOf(type, sites, now),
      items: matching.slice(start, start + query.pageSize).map((entry) => entry.site),
      total: matching.length,
      page: query.page,
      pageSize: query.pageSize,
      moving: sites.some((entry) => entry.moving),
    };
  }

  /**
   * The type's sites of a selection (by number: 404 for one that is not the type's, or the
   * scope's); `only`: a filter's rollout or wave.
   */
  select(
    type: DeviceTypeSeed,
    selection: SiteSelection,
    now: number,
    scope?: Scope,
    only?: ReadonlySet<number>,
  ): SiteNow[] {
    if (selection.mode === 'numbers') {
      return [...new Set(selection.numbers)].map((number) =>
        this.at(this.siteOfType(type, number, scope), now),
      );
    }
    const except = new Set(selection.except ?? []);
    return this.matching(type, selection.filter, now, only, scope).matching.filter(
      (entry) => !except.has(entry.site.number),
    );
  }

  /** What "Update all sites" would queue now, and what it leaves out and why. */
  plan(
    type: DeviceTypeSeed,
    now: number,
    scope?: Scope,
  ): { plan: UpdateAllPlan; numbers: number[] } {
    const { numbers, leftOut } = queueable(this.sitesOf(type, now, scope));
    const plan: UpdateAllPlan = {
      deviceType: type.name,
      currentVersion: this.currentOf(type, now),
      toQueue: numbers.length,
      leftOut,
    };
    return { plan, numbers };
  }
}
