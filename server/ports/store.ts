/**
 * The store port: everything the console's server keeps between requests and across
 * processes — sessions, sign-in failures, the activity, idempotency keys, a backend's
 * operation log, and claims on timed steps. The contract layer and the backends use only
 * this interface; adapters keep it in PostgreSQL (PGlite embedded, or a real server) or, in a
 * browser, in memory and `localStorage`. It imports nothing from Node.
 *
 * Every method may be called by several servers at once on one database: each says what it
 * guarantees then.
 */
import type { ActivityEntry, ActivityExportQuery } from '../../src/api/activity';
import type { CustomerRef } from '../../src/api/customers';
import type { Role } from '../../src/api/permissions';
import type { DeviceSchedule } from '../../src/api/schedules';
import type { DeliveryStatus, WebhookAttempt, WebhookEvent } from '../../src/api/webhooks';

/** A signed-in operator's session, found by the id in its HttpOnly cookie. */
export interface SessionRecord {
  id: string;
  csrfToken: string;
  operator: { id: string; name: string; username: string };
  role: Role;
  /** ISO instants. */
  createdAt: string;
  expiresAt: string;
  /** What a backend or an identity provider keeps with the session (tokens, tenant). */
  data: Record<string, unknown>;
}

/** An API token as the store keeps it: its secret only as a SHA-256 hash. */
export interface TokenRecord {
  id: string;
  name: string;
  role: Role;
  /** The one customer the token's role is limited to; null: every customer. */
  customer: CustomerRef | null;
  /** Hex SHA-256 of the secret. */
  hash: string;
  /** The secret's first characters, to tell tokens apart. */
  hint: string;
  createdBy: { id: string; name: string };
  /** ISO instants. */
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: { id: string; name: string } | null;
}

/** A webhook as the store keeps it: its secret too, to sign with (never answered). */
export interface WebhookRecord {
  id: string;
  url: string;
  events: WebhookEvent[];
  secret: string;
  createdBy: { id: string; name: string };
  /** ISO instants. */
  createdAt: string;
  removedAt: string | null;
}

/** One event for one webhook: the body exactly as sent, every attempt, and the next one. */
export interface DeliveryRecord {
  id: string;
  webhookId: string;
  event: WebhookEvent;
  title: string;
  body: string;
  createdAt: string;
  status: DeliveryStatus;
  attempts: WebhookAttempt[];
  /** null: no attempt is left to make. */
  nextAttemptAt: string | null;
}

/** What an idempotency key already did: nothing yet, the first answer, or another request. */
export type KeyClaim =
  | { state: 'new' }
  | { state: 'pending' }
  | { state: 'answered'; status: number; body: unknown }
  | { state: 'reused' };

/** One operation of a backend's log, with its place in it. */
export interface LoggedOperation<T = unknown> {
  seq: number;
  operation: T;
}

export interface ActivityPage {
  items: ActivityEntry[];
  total: number;
}

export interface Store {
  readonly sessions: {
    create(session: SessionRecord): Promise<void>;
    /** The session, unless it is unknown or has expired by `now`. */
    find(id: string, now: string): Promise<SessionRecord | undefined>;
    /** Moves its expiry on (an active operator stays signed in). */
    extend(id: string, expiresAt: string): Promise<void>;
    update(id: string, data: Record<string, unknown>): Promise<void>;
    remove(id: string): Promise<void>;
    /** Forgets sessions expired by `now`; answers how many. */
    removeExpired(now: string): Promise<number>;
    /**
     * Runs `work` as the only one working on this session across every server on the database
     * (renewing its tokens once, whichever servers its requests reach together).
     */
    exclusive<T>(id: string, work: () => Promise<T>): Promise<T>;
  };
  readonly tokens: {
    create(token: TokenRecord): Promise<void>;
    /** Every token, the newest first. */
    list(): Promise<TokenRecord[]>;
    /** The token with this id, live or not. */
    byId(id: string): Promise<TokenRecord | undefined>;
    /** The token whose secret has this hash, live or not. */
    byHash(hash: string): Promise<TokenRecord | undefined>;
    /**
     * Revokes it at `at`, once: a revoked one stays as it was (`now` false). Answers it, or
     * undefined for no such token.
     */
    revoke(
      id: string,
      at: string,
      by: { id: string; name: string },
    ): Promise<{ token: TokenRecord; now: boolean } | undefined>;
    /** Notes a use at `at`. */
    used(id: string, at: string): Promise<void>;
  };
  readonly signIns: {
    /** Notes a refused sign-in of `username` at `at`. */
    refused(username: string, at: string): Promise<void>;
    /** How many sign-ins of `username` were refused at or after `since`. */
    refusedSince(username: string, since: string): Promise<number>;
  };
  readonly activity: {
    /** Records an entry; an entry's id is recorded once, whoever records it again. */
    record(entry: ActivityEntry, resources: readonly string[]): Promise<void>;
    /** Newest first; `resource` matches the keys recorded with the entry. */
    list(
      query: ActivityExportQuery,
      page: { offset: number; limit: number },
    ): Promise<ActivityPage>;
    /** Everyone with an entry, in order of their first one. */
    operators(): Promise<{ id: string; name: string }[]>;
  };
  readonly idempotency: {
    /**
     * Claims `key` for the request `fingerprint` (its method, path and body): `new` to exactly
     * one caller, across servers; the others see `pending` until it is answered, then the
     * answer; another request with the same key sees `reused`.
     */
    claim(key: string, fingerprint: string, at: string): Promise<KeyClaim>;
    answer(key: string, status: number, body: unknown): Promise<void>;
    /** Lets a claim whose request failed without an answer be claimed again. */
    release(key: string): Promise<void>;
  };
  readonly operations: {
    /**
     * Appends to `stream` at `seq` (one past the last one the caller has seen). False when
     * another server appended there first: the caller reads what it missed and decides again.
     */
    append(stream: string, seq: number, operation: unknown): Promise<boolean>;
    /** The operations of `stream` after `seq`, in order. */
    since<T>(stream: string, seq: number): Promise<LoggedOperation<T>[]>;
    /**
     * Runs `work` as the only writer of `stream` across every server on the database: it
     * reads what it missed, decides and appends while no other server appends there.
     */
    exclusive<T>(stream: string, work: () => Promise<T>): Promise<T>;
    /** Forgets a stream (a scenario started again). */
    clear(stream: string): Promise<void>;
  };
  /**
   * Device schedules kept for a backend that has none per device (hawkBit), by backend and
   * device id. A device without one upgrades as soon as new software is available.
   */
  readonly schedules: {
    /** Sets the schedule of each device; `asap` forgets a kept window. */
    set(
      backend: string,
      ids: readonly string[],
      schedule: DeviceSchedule,
      at: string,
    ): Promise<void>;
    /** The kept windows of these devices (the others have none). */
    get(backend: string, ids: readonly string[]): Promise<Map<string, DeviceSchedule>>;
    /** Every device with a kept window, with it. */
    windows(backend: string): Promise<Map<string, DeviceSchedule>>;
  };
  readonly webhooks: {
    create(webhook: WebhookRecord): Promise<void>;
    /** Every webhook not removed, the newest first. */
    list(): Promise<WebhookRecord[]>;
    /** The webhook with this id, unless it was removed. */
    byId(id: string): Promise<WebhookRecord | undefined>;
    /** Removes it at `at` and drops its retries; answers it, or undefined for none. */
    remove(id: string, at: string): Promise<WebhookRecord | undefined>;
  };
  readonly deliveries: {
    create(delivery: DeliveryRecord): Promise<void>;
    /**
     * Claims up to `limit` deliveries due by `now` until `until`: across servers, each is
     * handed to one caller, and to no other before `until` unless `attempted` frees it.
     */
    claimDue(now: string, until: string, limit: number): Promise<DeliveryRecord[]>;
    /** Keeps an attempt's outcome (status, attempts, the next time) and frees the claim. */
    attempted(
      id: string,
      outcome: Pick<DeliveryRecord, 'status' | 'attempts' | 'nextAttemptAt'>,
    ): Promise<void>;
    /** A webhook's deliveries, the newest first. */
    list(webhookId: string, limit: number): Promise<DeliveryRecord[]>;
    byId(id: string): Promise<DeliveryRecord | undefined>;
  };
  readonly events: {
    /**
     * Notes the ids of events seen at `at`; answers those no one had noted before, each to
     * exactly one caller across servers (who then makes their deliveries).
     */
    note(ids: readonly string[], at: string): Promise<string[]>;
  };
  readonly claims: {
    /** True for exactly one caller of `name` (a timed step, across servers); false after. */
    take(name: string, by: string, at: string): Promise<boolean>;
  };
  /** Answers when the database answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
