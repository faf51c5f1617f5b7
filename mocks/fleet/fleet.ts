import { z } from 'zod';
import { DeviceSchedule } from '../../src/api/schedules';
import { MINUTE, now as clockNow } from './clock';
import { DeviceIndex, deviceView, type DevicePatch } from './devices';
import { memoryStore, type FleetStore } from './persistence';
import { buildScenario, type Scenario, type ScenarioName } from './scenarios';

const STORED_VERSION = 1;

/** What the fleet stores: the scenario's start and the changes since, never the fleet itself. */
const StoredChanges = z.object({
  version: z.literal(STORED_VERSION),
  scenario: z.string(),
  epoch: z.number(),
  devices: z.record(
    z.string(),
    z.object({
      name: z.string().nullable().optional(),
      schedule: DeviceSchedule.optional(),
      version: z.string().optional(),
    }),
  ),
});
type StoredChanges = z.infer<typeof StoredChanges>;

export interface FleetOptions {
  scenario: ScenarioName;
  store?: FleetStore;
  /** The fleet's clock; the page's `Date.now()` unless a test passes its own. */
  now?: () => number;
}

/**
 * The simulated fleet behind the built-in API. Everything it answers is derived from the
 * scenario, the stored changes and the elapsed time since the scenario began (`epoch`), so
 * moving the clock forward moves every state forward with it.
 */
export class Fleet {
  readonly scenario: Scenario;
  readonly now: () => number;
  private readonly store: FleetStore;
  private changes: StoredChanges;
  private revision = 0;
  private cached: { revision: number; minute: number; index: DeviceIndex } | undefined;

  constructor(options: FleetOptions) {
    this.scenario = buildScenario(options.scenario);
    this.now = options.now ?? clockNow;
    this.store = options.store ?? memoryStore();
    this.changes = this.loadChanges();
  }

  private fresh(): StoredChanges {
    return {
      version: STORED_VERSION,
      scenario: this.scenario.name,
      epoch: this.now(),
      devices: {},
    };
  }

  private loadChanges(): StoredChanges {
    const parsed = StoredChanges.safeParse(this.store.load());
    if (parsed.success && parsed.data.scenario === this.scenario.name) return parsed.data;
    // Nothing stored, or stored by an older console: start the scenario now.
    const fresh = this.fresh();
    this.store.save(fresh);
    return fresh;
  }

  /** When this scenario began in this browser (or server). */
  get epoch(): number {
    return this.changes.epoch;
  }

  get durable(): boolean {
    return this.store.durable;
  }

  /** All devices as they are now, indexed for list queries. Rebuilt when time or data moves. */
  devices(): DeviceIndex {
    const now = this.now();
    // Derived states move at most once a minute (heartbeats), so one index serves a minute.
    const minute = Math.floor(now / MINUTE);
    if (this.cached?.revision === this.revision && this.cached.minute === minute) {
      return this.cached.index;
    }
    const views = this.scenario.devices.map((seed) =>
      deviceView(seed, this.changes.devices[seed.id], this.epoch, now),
    );
    const index = new DeviceIndex(views);
    this.cached = { revision: this.revision, minute, index };
    return index;
  }

  patchDevices(ids: readonly string[], patch: DevicePatch): void {
    for (const id of ids) {
      this.changes.devices[id] = { ...this.changes.devices[id], ...patch };
    }
    this.commit();
  }

  private commit(): void {
    this.revision += 1;
    this.store.save(this.changes);
  }

  /** Forget every change and start the scenario again now. */
  reset(): void {
    this.store.clear();
    this.changes = this.fresh();
    this.commit();
  }
}
