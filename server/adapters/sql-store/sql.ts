/**
 * One SQL client for both databases the console's server keeps its state in: PGlite
 * (PostgreSQL in WebAssembly, in a data folder: nothing to install) and a PostgreSQL server
 * (`pg`). The store's SQL is written once, in PostgreSQL's dialect with `$1` parameters,
 * and runs on either.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface Sql {
  /** The rows a statement answers (none for most changes). */
  query<Row extends object>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs `work` in one transaction on one connection: all of it, or none of it. */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  /**
   * Runs `work` while holding the lock `key`, which one caller holds at a time across every
   * process on the database (PostgreSQL's advisory locks; PGlite has one process).
   */
  exclusive<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  script(text: string): Promise<void>;
  close(): Promise<void>;
  /** Which database this is, for logs and errors: `PGlite at <folder>` or `PostgreSQL`. */
  readonly describe: string;
}

/** One holder at a time per key, within this process. */
function processLocks() {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const before = tails.get(key) ?? Promise.resolve();
    const run = before.then(work, work);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}

/** PGlite in `dataDir` (created when missing), or in memory without one. */
export async function openPglite(dataDir?: string): Promise<Sql> {
  const db = await PGlite.create(dataDir);
  const exclusive = processLocks();
  type Queries = Pick<PGlite, 'query' | 'exec'>;
  const over = (target: Queries, inTransaction: boolean): Sql => ({
    describe: dataDir ? `PGlite at ${dataDir}` : 'PGlite in memory',
    query: async <Row extends object>(text: string, params: readonly unknown[] = []) =>
      (await target.query<Row>(text, [...params])).rows,
    transaction: (work) =>
      inTransaction ? work(over(target, true)) : db.transaction((tx) => work(over(tx, true))),
    exclusive,
    script: async (text) => {
      await target.exec(text);
    },
    close: () => db.close(),
  });
  return over(db, false);
}

/** A PostgreSQL server, by its connection URL (`postgres://user:password@host:5432/db`). */
export function openPostgres(url: string, options: { maxConnections?: number } = {}): Sql {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
  // An idle connection that breaks (the server restarts) is dropped by the pool, not thrown.
  pool.on('error', () => undefined);
  const over = (target: pg.Pool | pg.PoolClient, inTransaction: boolean): Sql => ({
    describe: 'PostgreSQL',
    query: async <Row extends object>(text: string, params: readonly unknown[] = []) =>
      (await target.query<Row>(text, [...params])).rows,
    transaction: async (work) => {
      if (inTransaction) return work(over(target, true));
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(over(client, true));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    exclusive: async (key, work) => {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
        try {
          return await work();
        } finally {
          await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => {
            // A connection that broke has lost its locks with it: never hand it out again.
            broken = true;
          });
        }
      } finally {
        client.release(broken);
      }
    },
    script: async (text) => {
      await target.query(text);
    },
    close: () => pool.end(),
  });
  return over(pool, false);
}
