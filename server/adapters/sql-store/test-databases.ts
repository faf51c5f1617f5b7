/**
 * The databases the store's tests run on: PGlite always, and a PostgreSQL server when the test
 * script started one (`FLEET_TEST_DATABASE_URL`, see scripts/throwaway-postgres.ts). Each
 * test gets a database of its own; `another` opens a second connection pool on it, as a
 * second console server behind a load balancer would.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { migrate } from './migrate';
import { openPglite, openPostgres, type Sql } from './sql';

export const TEST_DATABASE_ENV = 'FLEET_TEST_DATABASE_URL';

export interface TestDatabase {
  sql: Sql;
  another(): Promise<Sql>;
  drop(): Promise<void>;
}

export interface TestDatabaseKind {
  name: string;
  open(): Promise<TestDatabase>;
}

const pglite: TestDatabaseKind = {
  name: 'PGlite',
  async open() {
    const sql = await openPglite();
    // One process holds a PGlite database: a second server shares its connection.
    return { sql, another: () => Promise.resolve(sql), drop: () => sql.close() };
  },
};

function postgres(url: string): TestDatabaseKind {
  return {
    name: 'PostgreSQL',
    async open() {
      const admin = openPostgres(url, { maxConnections: 1 });
      const name = `store_test_${randomUUID().replace(/-/g, '')}`;
      await admin.query(`CREATE DATABASE ${name}`);
      const at = new URL(url);
      at.pathname = `/${name}`;
      const pools: Sql[] = [openPostgres(at.href)];
      return {
        sql: pools[0] as Sql,
        another: () => {
          const pool = openPostgres(at.href);
          pools.push(pool);
          return Promise.resolve(pool);
        },
        drop: async () => {
          await Promise.all(pools.map((pool) => pool.close()));
          await admin.query(`DROP DATABASE ${name}`);
          await admin.close();
        },
      };
    },
  };
}

export function testDatabases(): TestDatabaseKind[] {
  const url = process.env[TEST_DATABASE_ENV];
  return url ? [pglite, postgres(url)] : [pglite];
}

/** Every table of the store, emptied between tests. */
const STORE_TABLES = [
  'sessions',
  'sign_in_refusals',
  'activity',
  'idempotency_keys',
  'operations',
  'claims',
  'device_schedules',
  'api_tokens',
  'webhook_deliveries',
  'webhooks',
  'webhook_events_seen',
];

/**
 * For the tests of one kind in a file: one migrated database (PGlite takes seconds to start),
 * opened before them, emptied before each and dropped after them. Answers it.
 */
export function migratedDatabase(kind: TestDatabaseKind): () => TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await kind.open();
    await migrate(database.sql);
  });
  afterAll(async () => {
    await database?.drop();
  });
  beforeEach(async () => {
    await database?.sql.script(`TRUNCATE ${STORE_TABLES.join(', ')}`);
  });
  return () => {
    if (!database) throw new Error('The test database is opened before the tests.');
    return database;
  };
}
