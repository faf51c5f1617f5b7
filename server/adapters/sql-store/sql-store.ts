/**
 * The store port in PostgreSQL: PGlite in a data folder by default, or a PostgreSQL server
 * (`--database postgres://…`) shared by several console servers behind a load balancer. The
 * same SQL serves both; each table is read and written here only. Several servers on one
 * database agree: keys, log positions and claims are decided by the database's unique
 * constraints, never by a process.
 */
import type { ActivityEntry, ActivityExportQuery } from '../../../src/api/activity';
import type { DeviceSchedule } from '../../../src/api/schedules';
import type {
  KeyClaim,
  LoggedOperation,
  SessionRecord,
  DeliveryRecord,
  Store,
  TokenRecord,
  WebhookRecord,
} from '../../ports/store';
import { migrate } from './migrate';
import { openPglite, openPostgres, type Sql } from './sql';

/** A timestamptz as an ISO string, whichever driver read it. */
function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

interface SessionRow {
  id: string;
  csrf_token: string;
  operator_id: string;
  operator_name: string;
  username: string;
  role: SessionRecord['role'];
  created_at: unknown;
  expires_at: unknown;
  data: Record<string, unknown>;
}

function sessionOf(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    csrfToken: row.csrf_token,
    operator: { id: row.operator_id, name: row.operator_name, username: row.username },
    role: row.role,
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    data: row.data,
  };
}

interface TokenRow {
  id: string;
  name: string;
  role: TokenRecord['role'];
  customer_id: string | null;
  customer_name: string | null;
  hash: string;
  hint: string;
  created_by_id: string;
  created_by_name: string;
  created_at: unknown;
  expires_at: unknown;
  last_used_at: unknown;
  revoked_at: unknown;
  revoked_by_id: string | null;
  revoked_by_name: string | null;
}

function tokenOf(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    customer:
      row.customer_id === null
        ? null
        : { id: row.customer_id, name: row.customer_name ?? row.customer_id },
    hash: row.hash,
    hint: row.hint,
    createdBy: { id: row.created_by_id, name: row.created_by_name },
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    lastUsedAt: row.last_used_at === null ? null : iso(row.last_used_at),
    revokedAt: row.revoked_at === null ? null : iso(row.revoked_at),
    revokedBy:
      row.revoked_by_id === null
        ? null
        : { id: row.revoked_by_id, name: row.revoked_by_name ?? row.revoked_by_id },
  };
}

interface WebhookRow {
  id: string;
  url: string;
  events: WebhookRecord['events'];
  secret: string;
  created_by_id: string;
  created_by_name: string;
  created_at: unknown;
  removed_at: unknown;
}

function webhookOf(row: WebhookRow): WebhookRecord {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    secret: row.secret,
    createdBy: { id: row.created_by_id, name: row.created_by_name },
    createdAt: iso(row.created_at),
    removedAt: row.removed_at === null ? null : iso(row.removed_at),
  };
}

interface DeliveryRow {
  id: string;
  webhook_id: string;
  event: DeliveryRecord['event'];
  title: string;
  body: string;
  created_at: unknown;
  status: DeliveryRecord['status'];
  attempts: DeliveryRecord['attempts'] | string;
  next_attempt_at: unknown;
}

function deliveryOf(row: DeliveryRow): DeliveryRecord {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    event: row.event,
    title: row.title,
    body: row.body,
    createdAt: iso(row.created_at),
    status: row.status,
    attempts:
      typeof row.attempts === 'string'
        ? (JSON.parse(row.attempts) as DeliveryRecord['attempts'])
        : row.attempts,
    nextAttemptAt: row.next_attempt_at === null ? null : iso(row.next_attempt_at),
  };
}

/** The WHERE clause of the activity's filters, and its parameters. */
function activityFilter(query: ActivityExportQuery): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    clauses.push(clause.replace('?', `$${params.length}`));
  };
  if (query.operator) add('operator_id = ?', query.operator);
  if (query.kind) add('kind = ?', query.kind);
  if (query.resource) add('? = ANY(resources)', query.resource);
  if (query.from) add('at >= ?', query.from);
  if (query.to) add('at < ?', query.to);
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export function sqlStore(sql: Sql): Store {
  const tokenById = async (id: string): Promise<TokenRecord | undefined> => {
    const rows = await sql.query<TokenRow>('SELECT * FROM api_tokens WHERE id = $1', [id]);
    return rows[0] ? tokenOf(rows[0]) : undefined;
  };
  return {
    sessions: {
      async create(session) {
        await sql.query(
          `INSERT INTO sessions (id, csrf_token, operator_id, operator_name, username, role, created_at, expires_at, data)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            session.id,
            session.csrfToken,
            session.operator.id,
            session.operator.name,
            session.operator.username,
            session.role,
            session.createdAt,
            session.expiresAt,
            JSON.stringify(session.data),
          ],
        );
      },
      async find(id, now) {
        const rows = await sql.query<SessionRow>(
          'SELECT * FROM sessions WHERE id = $1 AND expires_at > $2',
          [id, now],
        );
        return rows[0] ? sessionOf(rows[0]) : undefined;
      },
      async extend(id, expiresAt) {
        await sql.query('UPDATE sessions SET expires_at = $2 WHERE id = $1', [id, expiresAt]);
      },
      async update(id, data) {
        await sql.query('UPDATE sessions SET data = $2 WHERE id = $1', [id, JSON.stringify(data)]);
      },
      async remove(id) {
        await sql.query('DELETE FROM sessions WHERE id = $1', [id]);
      },
      exclusive: (id, work) => sql.exclusive(`sessions:${id}`, work),
      async removeExpired(now) {
        const rows = await sql.query('DELETE FROM sessions WHERE expires_at <= $1 RETURNING id', [
          now,
        ]);
        return rows.length;
      },
    },
    tokens: {
      async create(token) {
        await sql.query(
          `INSERT INTO api_tokens (id, name, role, customer_id, customer_name, hash, hint, created_by_id, created_by_name, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            token.id,
            token.name,
            token.role,
            token.customer?.id ?? null,
            token.customer?.name ?? null,
            token.hash,
            token.hint,
            token.createdBy.id,
            token.createdBy.name,
            token.createdAt,
            token.expiresAt,
          ],
        );
      },
      async list() {
        const rows = await sql.query<TokenRow>(
          'SELECT * FROM api_tokens ORDER BY created_at DESC, id',
        );
        return rows.map(tokenOf);
      },
      byId: tokenById,
      async byHash(hash) {
        const rows = await sql.query<TokenRow>('SELECT * FROM api_tokens WHERE hash = $1', [hash]);
        return rows[0] ? tokenOf(rows[0]) : undefined;
      },
      async revoke(id, at, by) {
        // Only the first revocation counts: who and when stay as they were.
        const changed = await sql.query<TokenRow>(
          `UPDATE api_tokens SET revoked_at = $2, revoked_by_id = $3, revoked_by_name = $4
           WHERE id = $1 AND revoked_at IS NULL RETURNING *`,
          [id, at, by.id, by.name],
        );
        if (changed[0]) return { token: tokenOf(changed[0]), now: true };
        const token = await tokenById(id);
        return token ? { token, now: false } : undefined;
      },
      async used(id, at) {
        await sql.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [id, at]);
      },
    },
    signIns: {
      async refused(username, at) {
        await sql.query('INSERT INTO sign_in_refusals (username, at) VALUES ($1, $2)', [
          username,
          at,
        ]);
      },
      async refusedSince(username, since) {
        const rows = await sql.query<{ count: unknown }>(
          'SELECT count(*) AS count FROM sign_in_refusals WHERE username = $1 AND at >= $2',
          [username, since],
        );
        return Number(rows[0]?.count ?? 0);
      },
    },
    activity: {
      async record(entry: ActivityEntry, resources) {
        await sql.query(
          `INSERT INTO activity (id, at, operator_id, operator_name, kind, resources, entry)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
          [
            entry.id,
            entry.at,
            entry.operator.id,
            entry.operator.name,
            entry.kind,
            [...resources],
            JSON.stringify(entry),
          ],
        );
      },
      async list(query, page) {
        const { where, params } = activityFilter(query);
        const [count] = await sql.query<{ total: unknown }>(
          `SELECT count(*) AS total FROM activity ${where}`,
          params,
        );
        const rows = await sql.query<{ entry: ActivityEntry }>(
          `SELECT entry FROM activity ${where} ORDER BY at DESC, seq DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
          [...params, page.limit, page.offset],
        );
        return { items: rows.map((row) => row.entry), total: Number(count?.total ?? 0) };
      },
      async operators() {
        const rows = await sql.query<{ operator_id: string; operator_name: string }>(
          `SELECT operator_id, operator_name FROM (
             SELECT DISTINCT ON (operator_id) operator_id, operator_name, seq
             FROM activity ORDER BY operator_id, seq
           ) AS first ORDER BY seq`,
        );
        return rows.map((row) => ({ id: row.operator_id, name: row.operator_name }));
      },
    },
    idempotency: {
      async claim(key, fingerprint, at): Promise<KeyClaim> {
        const claimed = await sql.query(
          `INSERT INTO idempotency_keys (key, fingerprint, claimed_at) VALUES ($1, $2, $3)
           ON CONFLICT (key) DO NOTHING RETURNING key`,
          [key, fingerprint, at],
        );
        if (claimed.length > 0) return { state: 'new' };
        const [row] = await sql.query<{
          fingerprint: string;
          status: number | null;
          body: unknown;
        }>('SELECT fingerprint, status, body FROM idempotency_keys WHERE key = $1', [key]);
        // Released between the two statements: the caller may claim it again.
        if (!row) return this.claim(key, fingerprint, at);
        if (row.fingerprint !== fingerprint) return { state: 'reused' };
        if (row.status === null) return { state: 'pending' };
        return { state: 'answered', status: Number(row.status), body: row.body };
      },
      async answer(key, status, body) {
        await sql.query('UPDATE idempotency_keys SET status = $2, body = $3 WHERE key = $1', [
          key,
          status,
          JSON.stringify(body ?? null),
        ]);
      },
      async release(key) {
        await sql.query('DELETE FROM idempotency_keys WHERE key = $1 AND status IS NULL', [key]);
      },
    },
    operations: {
      async append(stream, seq, operation) {
        // Only one past the last one, and only once: the primary key decides between servers.
        const rows = await sql.query(
          `INSERT INTO operations (stream, seq, operation)
           SELECT $1, $2, $3
           WHERE $2 = (SELECT coalesce(max(seq), 0) + 1 FROM operations WHERE stream = $1)
           ON CONFLICT (stream, seq) DO NOTHING RETURNING seq`,
          [stream, seq, JSON.stringify(operation)],
        );
        return rows.length > 0;
      },
      async since<T>(stream: string, seq: number): Promise<LoggedOperation<T>[]> {
        const rows = await sql.query<{ seq: unknown; operation: T }>(
          'SELECT seq, operation FROM operations WHERE stream = $1 AND seq > $2 ORDER BY seq',
          [stream, seq],
        );
        return rows.map((row) => ({ seq: Number(row.seq), operation: row.operation }));
      },
      exclusive: (stream, work) => sql.exclusive(`operations:${stream}`, work),
      async clear(stream) {
        await sql.query('DELETE FROM operations WHERE stream = $1', [stream]);
      },
    },
    schedules: {
      async set(backend, ids, schedule, at) {
        if (ids.length === 0) return;
        if (schedule.mode === 'asap') {
          await sql.query(
            'DELETE FROM device_schedules WHERE backend = $1 AND device_id = ANY($2)',
            [backend, [...ids]],
          );
          return;
        }
        await sql.query(
          `INSERT INTO device_schedules (backend, device_id, schedule, updated_at)
           SELECT $1, id, $3, $4 FROM unnest($2::text[]) AS id
           ON CONFLICT (backend, device_id)
           DO UPDATE SET schedule = EXCLUDED.schedule, updated_at = EXCLUDED.updated_at`,
          [backend, [...ids], JSON.stringify(schedule), at],
        );
      },
      async get(backend, ids) {
        if (ids.length === 0) return new Map();
        const rows = await sql.query<{ device_id: string; schedule: DeviceSchedule }>(
          'SELECT device_id, schedule FROM device_schedules WHERE backend = $1 AND device_id = ANY($2)',
          [backend, [...ids]],
        );
        return new Map(rows.map((row) => [row.device_id, row.schedule]));
      },
      async windows(backend) {
        const rows = await sql.query<{ device_id: string; schedule: DeviceSchedule }>(
          'SELECT device_id, schedule FROM device_schedules WHERE backend = $1 ORDER BY device_id',
          [backend],
        );
        return new Map(rows.map((row) => [row.device_id, row.schedule]));
      },
    },
    webhooks: {
      async create(webhook) {
        await sql.query(
          `INSERT INTO webhooks (id, url, events, secret, created_by_id, created_by_name, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            webhook.id,
            webhook.url,
            [...webhook.events],
            webhook.secret,
            webhook.createdBy.id,
            webhook.createdBy.name,
            webhook.createdAt,
          ],
        );
      },
      async list() {
        const rows = await sql.query<WebhookRow>(
          'SELECT * FROM webhooks WHERE removed_at IS NULL ORDER BY created_at DESC, id',
        );
        return rows.map(webhookOf);
      },
      async byId(id) {
        const rows = await sql.query<WebhookRow>(
          'SELECT * FROM webhooks WHERE id = $1 AND removed_at IS NULL',
          [id],
        );
        return rows[0] ? webhookOf(rows[0]) : undefined;
      },
      async remove(id, at) {
        return sql.transaction(async (tx) => {
          const rows = await tx.query<WebhookRow>(
            'UPDATE webhooks SET removed_at = $2 WHERE id = $1 AND removed_at IS NULL RETURNING *',
            [id, at],
          );
          if (!rows[0]) return undefined;
          await tx.query(
            `UPDATE webhook_deliveries SET next_attempt_at = NULL,
               status = CASE WHEN status = 'delivered' THEN status ELSE 'failed' END
             WHERE webhook_id = $1 AND next_attempt_at IS NOT NULL`,
            [id],
          );
          return webhookOf(rows[0]);
        });
      },
    },
    deliveries: {
      async create(delivery) {
        await sql.query(
          `INSERT INTO webhook_deliveries (id, webhook_id, event, title, body, created_at, status, attempts, next_attempt_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            delivery.id,
            delivery.webhookId,
            delivery.event,
            delivery.title,
            delivery.body,
            delivery.createdAt,
            delivery.status,
            JSON.stringify(delivery.attempts),
            delivery.nextAttemptAt,
          ],
        );
      },
      async claimDue(now, until, limit) {
        // One statement: a row another server claimed (until later than now) is passed over.
        const rows = await sql.query<DeliveryRow>(
          `UPDATE webhook_deliveries SET claimed_until = $2
           WHERE id IN (
             SELECT id FROM webhook_deliveries
             WHERE next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
             ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
           RETURNING *`,
          [now, until, limit],
        );
        return rows.map(deliveryOf);
      },
      async attempted(id, outcome) {
        await sql.query(
          `UPDATE webhook_deliveries SET status = $2, attempts = $3, next_attempt_at = $4, claimed_until = NULL
           WHERE id = $1`,
          [id, outcome.status, JSON.stringify(outcome.attempts), outcome.nextAttemptAt],
        );
      },
      async list(webhookId, limit) {
        const rows = await sql.query<DeliveryRow>(
          'SELECT * FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2',
          [webhookId, limit],
        );
        return rows.map(deliveryOf);
      },
      async byId(id) {
        const rows = await sql.query<DeliveryRow>(
          'SELECT * FROM webhook_deliveries WHERE id = $1',
          [id],
        );
        return rows[0] ? deliveryOf(rows[0]) : undefined;
      },
    },
    events: {
      async note(ids, at) {
        if (ids.length === 0) return [];
        const rows = await sql.query<{ id: string }>(
          `INSERT INTO webhook_events_seen (id, seen_at) SELECT unnest($1::text[]), $2
           ON CONFLICT (id) DO NOTHING RETURNING id`,
          [[...ids], at],
        );
        return rows.map((row) => row.id);
      },
    },
    claims: {
      async take(name, by, at) {
        const rows = await sql.query(
          `INSERT INTO claims (name, claimed_by, claimed_at) VALUES ($1, $2, $3)
           ON CONFLICT (name) DO NOTHING RETURNING name`,
          [name, by, at],
        );
        return rows.length > 0;
      },
    },
    async ping() {
      await sql.query('SELECT 1');
    },
    close: () => sql.close(),
  };
}

/**
 * The store a server opens at start: PostgreSQL at `database` (a `postgres://` URL), or PGlite
 * in `dataDir` (or in memory without one). Migrations run before it answers.
 */
export async function openSqlStore(options: {
  database?: string;
  dataDir?: string;
}): Promise<{ store: Store; describe: string; migrated: string[] }> {
  const sql = options.database ? openPostgres(options.database) : await openPglite(options.dataDir);
  try {
    const migrated = await migrate(sql);
    return { store: sqlStore(sql), describe: sql.describe, migrated };
  } catch (error) {
    await sql.close().catch(() => undefined);
    throw error;
  }
}
