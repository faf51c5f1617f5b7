/**
 * Versioned migrations: the numbered files in `migrations/` (`001-initial.sql`, …), each run
 * once, in order, when a server starts. Servers starting together on one database take turns
 * (an advisory lock), so each file runs exactly once; a database migrated by a newer server
 * is refused rather than written to.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Sql } from './sql';

const folder = new URL('./migrations/', import.meta.url);

export interface Migration {
  version: number;
  name: string;
  text: string;
}

export function migrations(): Migration[] {
  return readdirSync(folder)
    .filter((file) => /^\d{3}-[a-z0-9-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file,
      text: readFileSync(new URL(file, folder), 'utf8'),
    }));
}

/** An arbitrary key of the advisory lock the migrations hold. */
const MIGRATION_LOCK = 7_203_341;

/** Runs the migrations this database has not had; answers their names. */
export async function migrate(sql: Sql, known: Migration[] = migrations()): Promise<string[]> {
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.script(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((row) => Number(row.version)));
    const newest = Math.max(0, ...known.map((migration) => migration.version));
    const ahead = [...done].filter((version) => version > newest);
    if (ahead.length > 0) {
      throw new Error(
        `The database was migrated by a newer console server (migration ${Math.max(...ahead)}; this one knows up to ${newest}). Run the newer server, or another database.`,
      );
    }
    const applied: string[] = [];
    for (const migration of known) {
      if (done.has(migration.version)) continue;
      await tx.script(migration.text);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.name);
    }
    return applied;
  });
}
