import {
  FREEZE_AHEAD_DAYS,
  FREEZE_MAX_DAYS,
  type AddFreezeRequest,
  type Freeze,
  type FreezeList,
  type FreezeOverride,
} from '../../src/api/freezes';
import { ROLE_PERMISSIONS, roleCannot } from '../../src/api/permissions';
import {
  freezeAt,
  freezeInstants,
  freezesBinding,
  type FreezeSpan,
} from '../../src/domain/freezes';
import { frozenWords } from '../../src/domain/format-freeze';
import { DAY } from './clock';
import type { Actor, Operation } from './operations';
import { RefusedError } from './refusal';

type AddOperation = Extract<Operation, { kind: 'freeze-add' }>;
type EndOperation = Extract<Operation, { kind: 'freeze-end' }>;

/** Ended freezes stay in the list this long. */
const ENDED_LISTED_MS = 30 * DAY;

interface Entry {
  add: AddOperation;
  end: EndOperation | null;
}

/** The change freezes of the fleet, folded from the log. */
export class FreezeBook {
  private readonly entries = new Map<string, Entry>();
  /** Bumped on every change: who caches what the freezes decide reads it. */
  version = 0;

  apply(operation: AddOperation | EndOperation): void {
    this.version += 1;
    if (operation.kind === 'freeze-add') {
      this.entries.set(operation.freezeId, { add: operation, end: null });
      return;
    }
    const entry = this.entries.get(operation.freezeId);
    if (entry) entry.end = operation;
  }

  name(freezeId: string): string {
    return this.entries.get(freezeId)?.add.name ?? freezeId;
  }

  get size(): number {
    return this.entries.size;
  }

  private span({ add, end }: Entry): FreezeSpan {
    const stop = end ? Math.min(add.endsAt, end.at) : add.endsAt;
    return {
      id: add.freezeId,
      name: add.name,
      deviceType: add.deviceType,
      start: Math.min(Math.max(add.startsAt, add.at), stop),
      end: stop,
      since: add.at,
      timeZone: add.timeZone,
    };
  }

  /** Every freeze as the rules see it. */
  spans(): FreezeSpan[] {
    return [...this.entries.values()].map((entry) => this.span(entry));
  }

  private bound = new Map<string | null, FreezeSpan[]>();
  private boundVersion = 0;

  /** The freezes binding a device type (null: the devices, which the fleet's freezes bind). */
  binding(deviceType: string | null): readonly FreezeSpan[] {
    if (this.boundVersion !== this.version) {
      this.bound = new Map();
      this.boundVersion = this.version;
    }
    let spans = this.bound.get(deviceType);
    if (!spans) {
      spans = freezesBinding(this.spans(), deviceType);
      this.bound.set(deviceType, spans);
    }
    return spans;
  }

  present(entry: Entry, now: number): Freeze {
    const span = this.span(entry);
    const { add, end } = entry;
    const status = now >= span.end ? 'ended' : now >= span.start ? 'in-force' : 'upcoming';
    return {
      id: add.freezeId,
      name: add.name,
      deviceType: add.deviceType,
      firstDay: add.firstDay,
      lastDay: add.lastDay,
      timeZone: add.timeZone,
      startsAt: new Date(add.startsAt).toISOString(),
      endsAt: new Date(span.end).toISOString(),
      status,
      createdBy: add.actor?.name ?? 'Unknown operator',
      createdAt: new Date(add.at).toISOString(),
      endedBy: end && end.at < add.endsAt ? (end.actor?.name ?? 'Unknown operator') : null,
    };
  }

  list(now: number): FreezeList {
    const items = [...this.entries.values()]
      .map((entry) => this.present(entry, now))
      .filter((freeze) => Date.parse(freeze.endsAt) > now - ENDED_LISTED_MS)
      .sort(
        (a, b) =>
          Number(a.status === 'ended') - Number(b.status === 'ended') ||
          (a.status === 'ended'
            ? Date.parse(b.endsAt) - Date.parse(a.endsAt)
            : Date.parse(a.startsAt) - Date.parse(b.startsAt)),
      );
    return { items };
  }

  entry(id: string): Entry {
    const entry = this.entries.get(id);
    if (!entry) {
      throw new RefusedError(
        404,
        'freeze_not_found',
        `There is no change freeze ${id}. Open Change freezes to see those there are.`,
      );
    }
    return entry;
  }

  /** The instants of a freeze asked for, or its refusal in words. */
  instants(asked: AddFreezeRequest, now: number): { start: number; end: number } {
    const span = freezeInstants(asked.firstDay, asked.lastDay, asked.timeZone);
    if (!span) {
      throw new RefusedError(
        400,
        'validation_failed',
        'Choose a first and a last day (YYYY-MM-DD), the last on or after the first.',
      );
    }
    if (span.end <= now) {
      throw new RefusedError(
        400,
        'validation_failed',
        'That freeze would already be over: choose a last day from today on.',
      );
    }
    if (span.end - span.start > FREEZE_MAX_DAYS * DAY + 2 * 60 * 60_000) {
      throw new RefusedError(
        400,
        'validation_failed',
        `A freeze lasts at most ${FREEZE_MAX_DAYS} days: choose an earlier last day, or add a second freeze after this one.`,
      );
    }
    if (span.start > now + FREEZE_AHEAD_DAYS * DAY) {
      throw new RefusedError(
        400,
        'validation_failed',
        `A freeze begins at most ${FREEZE_AHEAD_DAYS} days ahead: choose an earlier first day.`,
      );
    }
    return span;
  }
}

/**
 * Whether a change of `deviceType` (null: devices) may start at `at`: not inside a freeze,
 * or inside one with an administrator's written reason. Returns the override to record.
 */
export function checkFreeze(
  spans: readonly FreezeSpan[],
  deviceType: string | null,
  at: number,
  actor: Actor,
  override: FreezeOverride | undefined,
): { freezeId: string; reason: string } | undefined {
  const frozen = freezeAt(freezesBinding(spans, deviceType), at);
  if (!frozen) return undefined;
  const what = frozenWords(deviceType, frozen);
  if (!override) {
    throw new RefusedError(
      409,
      'frozen',
      `${what}: nothing starts until then. Start it after the freeze, or, as an administrator, give a written reason to start it now.`,
    );
  }
  if (!ROLE_PERMISSIONS[actor.role].includes('override-freezes')) {
    throw new RefusedError(
      403,
      'forbidden',
      `${roleCannot(actor.role, 'override-freezes')} ${what}: ask an administrator, or start it after the freeze.`,
    );
  }
  return { freezeId: frozen.id, reason: override.reason.trim() };
}

/** What the freeze desk needs of the fleet. */
export interface FreezeHost {
  now(): number;
  /** Throws 404 `not_found` for a type the fleet does not have. */
  typeNamed(name: string): unknown;
  record(operation: Operation): void;
  claimKey(requestId: string, request: string, what: string): Operation | undefined;
  canonical(value: unknown): string;
}

/** The change freezes' endpoints. */
export class FreezeDesk {
  constructor(
    private readonly host: FreezeHost,
    private readonly book: FreezeBook,
  ) {}

  list(): FreezeList {
    return this.book.list(this.host.now());
  }

  add(asked: AddFreezeRequest): Freeze {
    const { requestId, ...rest } = asked;
    const request = `freeze-add ${this.host.canonical(rest)}`;
    const earlier = this.host.claimKey(requestId, request, 'this change freeze');
    if (earlier?.kind === 'freeze-add') {
      return this.book.present(this.book.entry(earlier.freezeId), this.host.now());
    }
    const at = this.host.now();
    if (asked.deviceType !== null) this.host.typeNamed(asked.deviceType);
    const { start, end } = this.book.instants(asked, at);
    const freezeId = `F${this.book.size + 1}`;
    this.host.record({
      kind: 'freeze-add',
      at,
      freezeId,
      name: asked.name.trim(),
      deviceType: asked.deviceType,
      firstDay: asked.firstDay,
      lastDay: asked.lastDay,
      timeZone: asked.timeZone,
      startsAt: start,
      endsAt: end,
      requestId,
      request,
    });
    return this.book.present(this.book.entry(freezeId), at);
  }

  end(freezeId: string, requestId: string): Freeze {
    const request = `freeze-end ${freezeId}`;
    const earlier = this.host.claimKey(requestId, request, 'this end of a change freeze');
    const entry = this.book.entry(freezeId);
    const at = this.host.now();
    if (earlier?.kind === 'freeze-end') return this.book.present(entry, at);
    if (this.book.present(entry, at).status === 'ended') {
      throw new RefusedError(
        409,
        'freeze_ended',
        `The change freeze “${entry.add.name}” has ended already: nothing to end.`,
      );
    }
    this.host.record({
      kind: 'freeze-end',
      at,
      freezeId,
      deviceType: entry.add.deviceType,
      requestId,
      request,
    });
    return this.book.present(entry, at);
  }
}
