// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../../src/api/activity';
import type { SessionRecord, Store } from '../../ports/store';
import { migrate, migrations } from './migrate';
import { openSqlStore, sqlStore } from './sql-store';
import { testDatabases, type TestDatabase } from './test-databases';

const session = (id: string, expiresAt: string): SessionRecord => ({
  id,
  csrfToken: `csrf-${id}`,
  operator: { id: 'op-omar', name: 'Omar Haddad', username: 'omar' },
  role: 'operator',
  createdAt: '2026-12-03T10:00:00.000Z',
  expiresAt,
  data: { tenant: 'default' },
});

const entry = (id: string, at: string, who: [string, string], kind: ActivityEntry['kind']) =>
  ({
    id,
    at,
    operator: { id: who[0], name: who[1] },
    role: 'operator',
    kind,
    summary: `Change ${id}`,
    scope: { text: 'Nord GSM site 1011', devices: null, sites: null, server: null },
    result: { status: 'accepted', text: 'Queued.' },
  }) satisfies ActivityEntry;

describe.each(testDatabases())('the store on $name', (kind) => {
  let database: TestDatabase;
  let store: Store;

  // One database for the tests of a kind (PGlite takes seconds to start), emptied before each.
  beforeAll(async () => {
    database = await kind.open();
    await migrate(database.sql);
    store = sqlStore(database.sql);
  });
  afterAll(async () => {
    await database.drop();
  });
  beforeEach(async () => {
    await database.sql.script(
      'TRUNCATE sessions, sign_in_refusals, activity, idempotency_keys, operations, claims, device_schedules',
    );
  });

  it('runs each migration once, and refuses a database a newer server migrated', async () => {
    const own = await kind.open();
    try {
      expect(await migrate(own.sql)).toEqual(migrations().map((migration) => migration.name));
      expect(await migrate(own.sql)).toEqual([]);
      const newer = [...migrations(), { version: 999, name: '999-later.sql', text: 'SELECT 1' }];
      expect(await migrate(own.sql, newer)).toEqual(['999-later.sql']);
      await expect(migrate(own.sql)).rejects.toThrow(/migrated by a newer console server/);
    } finally {
      await own.drop();
    }
  });

  it('keeps sessions until they expire or end', async () => {
    await store.sessions.create(session('s1', '2026-12-03T11:00:00.000Z'));
    await store.sessions.create(session('s2', '2026-12-03T10:30:00.000Z'));
    const found = await store.sessions.find('s1', '2026-12-03T10:45:00.000Z');
    expect(found).toEqual(session('s1', '2026-12-03T11:00:00.000Z'));
    expect(await store.sessions.find('s2', '2026-12-03T10:45:00.000Z')).toBeUndefined();
    await store.sessions.extend('s2', '2026-12-03T12:00:00.000Z');
    expect(await store.sessions.find('s2', '2026-12-03T10:45:00.000Z')).toBeDefined();
    await store.sessions.update('s2', { token: 'refreshed' });
    expect((await store.sessions.find('s2', '2026-12-03T10:45:00.000Z'))?.data).toEqual({
      token: 'refreshed',
    });
    await store.sessions.remove('s1');
    expect(await store.sessions.find('s1', '2026-12-03T10:45:00.000Z')).toBeUndefined();
    expect(await store.sessions.removeExpired('2026-12-03T13:00:00.000Z')).toBe(1);
  });

  it('counts refused sign-ins in a window', async () => {
    for (const second of [0, 20, 40, 70]) {
      await store.signIns.refused(
        'omar',
        new Date(Date.UTC(2026, 11, 3, 10, 0, second)).toISOString(),
      );
    }
    await store.signIns.refused('ada', '2026-12-03T10:00:50.000Z');
    expect(await store.signIns.refusedSince('omar', '2026-12-03T10:00:15.000Z')).toBe(3);
    expect(await store.signIns.refusedSince('ines', '2026-12-03T10:00:00.000Z')).toBe(0);
  });

  it('lists the activity newest first, filtered and paged, each entry once', async () => {
    const omar: [string, string] = ['op-omar', 'Omar Haddad'];
    const ada: [string, string] = ['op-ada', 'Ada Novak'];
    await store.activity.record(entry('a1', '2026-12-03T10:00:00.000Z', omar, 'site-update'), [
      'site:Nord GSM:1011',
    ]);
    await store.activity.record(entry('a2', '2026-12-03T10:05:00.000Z', ada, 'device-schedule'), [
      'device:dev-0001',
      'device:dev-0002',
    ]);
    await store.activity.record(entry('a3', '2026-12-03T10:10:00.000Z', omar, 'site-cancel'), [
      'site:Nord GSM:1011',
    ]);
    // Recorded again (a retried request): still once.
    await store.activity.record(entry('a3', '2026-12-03T10:10:00.000Z', omar, 'site-cancel'), []);
    const all = await store.activity.list({}, { offset: 0, limit: 10 });
    expect(all.total).toBe(3);
    expect(all.items.map((item) => item.id)).toEqual(['a3', 'a2', 'a1']);
    expect(all.items[1]).toEqual(entry('a2', '2026-12-03T10:05:00.000Z', ada, 'device-schedule'));
    const page = await store.activity.list({}, { offset: 1, limit: 1 });
    expect(page).toMatchObject({ total: 3, items: [{ id: 'a2' }] });
    const site = await store.activity.list(
      { resource: 'site:Nord GSM:1011' },
      { offset: 0, limit: 10 },
    );
    expect(site.items.map((item) => item.id)).toEqual(['a3', 'a1']);
    const window = await store.activity.list(
      { operator: 'op-omar', from: '2026-12-03T10:00:00.000Z', to: '2026-12-03T10:10:00.000Z' },
      { offset: 0, limit: 10 },
    );
    expect(window.items.map((item) => item.id)).toEqual(['a1']);
    expect(
      (await store.activity.list({ kind: 'device-schedule' }, { offset: 0, limit: 10 })).total,
    ).toBe(1);
    expect(await store.activity.operators()).toEqual([
      { id: 'op-omar', name: 'Omar Haddad' },
      { id: 'op-ada', name: 'Ada Novak' },
    ]);
  });

  it('gives an idempotency key to one request, across servers', async () => {
    const other = sqlStore(await database.another());
    const at = '2026-12-03T10:00:00.000Z';
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        (index % 2 ? other : store).idempotency.claim('req-1', 'POST /updates {"a":1}', at),
      ),
    );
    expect(claims.filter((claim) => claim.state === 'new')).toHaveLength(1);
    expect(claims.filter((claim) => claim.state === 'pending')).toHaveLength(9);
    await store.idempotency.answer('req-1', 202, { queued: 3 });
    expect(await other.idempotency.claim('req-1', 'POST /updates {"a":1}', at)).toEqual({
      state: 'answered',
      status: 202,
      body: { queued: 3 },
    });
    expect(await other.idempotency.claim('req-1', 'POST /updates {"a":2}', at)).toEqual({
      state: 'reused',
    });
    expect(await store.idempotency.claim('req-2', 'x', at)).toEqual({ state: 'new' });
    await store.idempotency.release('req-2');
    expect(await other.idempotency.claim('req-2', 'x', at)).toEqual({ state: 'new' });
  });

  it('appends each place of an operation log once, whoever races for it', async () => {
    const other = sqlStore(await database.another());
    expect(await store.operations.append('fleet:demo', 1, { kind: 'first' })).toBe(true);
    const raced = await Promise.all([
      store.operations.append('fleet:demo', 2, { kind: 'from one' }),
      other.operations.append('fleet:demo', 2, { kind: 'from the other' }),
    ]);
    expect(raced.filter(Boolean)).toHaveLength(1);
    // A gap is never made: only the place one past the last one is taken.
    expect(await store.operations.append('fleet:demo', 5, { kind: 'far' })).toBe(false);
    const log = await other.operations.since<{ kind: string }>('fleet:demo', 0);
    expect(log.map((each) => each.seq)).toEqual([1, 2]);
    expect(log[0]?.operation).toEqual({ kind: 'first' });
    expect(await store.operations.since('fleet:demo', 2)).toEqual([]);
    expect(await store.operations.since('fleet:large', 0)).toEqual([]);
    await store.operations.clear('fleet:demo');
    expect(await store.operations.since('fleet:demo', 0)).toEqual([]);
  });

  it('lets exactly one server take a timed step', async () => {
    const other = sqlStore(await database.another());
    const taken = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        (index % 2 ? other : store).claims.take(
          'rollout:1:wave:2',
          `server-${index}`,
          '2026-12-03T10:00:00.000Z',
        ),
      ),
    );
    expect(taken.filter(Boolean)).toHaveLength(1);
  });

  it('keeps each device’s window per backend, seen by every server, and forgets it for asap', async () => {
    const other = sqlStore(await database.another());
    const window = {
      mode: 'window' as const,
      window: {
        repeat: 'weekly' as const,
        weekday: 2,
        startTime: '02:00',
        timeZone: 'America/New_York',
      },
    };
    const at = '2026-12-03T10:00:00.000Z';
    await store.schedules.set('hawkbit', ['A', 'B', 'C'], window, at);
    await store.schedules.set(
      'fleet',
      ['A'],
      { mode: 'window', window: { ...window.window, weekday: 5 } },
      at,
    );
    expect([...(await other.schedules.get('hawkbit', ['A', 'C', 'Z'])).entries()]).toEqual([
      ['A', window],
      ['C', window],
    ]);
    await other.schedules.set('hawkbit', ['B'], { mode: 'asap' }, at);
    expect([...(await store.schedules.windows('hawkbit')).keys()]).toEqual(['A', 'C']);
    expect((await store.schedules.get('fleet', ['A'])).get('A')).toMatchObject({
      window: { weekday: 5 },
    });
  });
});

describe('the embedded store (PGlite in a data folder)', () => {
  it('keeps what it holds across a restart', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'fleet-data-'));
    try {
      const first = await openSqlStore({ dataDir: folder });
      expect(first.migrated).toEqual(migrations().map((migration) => migration.name));
      await first.store.sessions.create(session('kept', '2030-01-01T00:00:00.000Z'));
      await first.store.operations.append('fleet:demo', 1, { kind: 'schedule' });
      await first.store.close();
      const second = await openSqlStore({ dataDir: folder });
      expect(second.migrated).toEqual([]);
      expect(await second.store.sessions.find('kept', '2026-12-03T10:00:00.000Z')).toBeDefined();
      expect(await second.store.operations.since('fleet:demo', 0)).toHaveLength(1);
      await second.store.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
