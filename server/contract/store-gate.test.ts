// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../adapters/sql-store/migrate';
import { openPglite, type Sql } from '../adapters/sql-store/sql';
import { sqlStore } from '../adapters/sql-store/sql-store';
import { sealer } from './seal';
import { storeGate, type Directory } from './store-gate';

/** A directory that, like hawkBit, says exactly what a user may do and keeps their password. */
const directory: Directory = {
  verify: (username, password) =>
    Promise.resolve(
      username === 'operator' && password === 'hunter2-but-longer'
        ? {
            operator: { id: 'hawkbit:operator', name: 'operator' },
            role: 'operator',
            // hawkBit grants schedules and cancelling, not site updates.
            permissions: ['change-schedules', 'cancel-site-updates'],
            secret: { username, password },
          }
        : undefined,
    ),
  find: () => Promise.resolve(undefined),
};

describe('a session for a backend that acts as the operator', () => {
  let sql: Sql;
  beforeAll(async () => {
    sql = await openPglite();
    await migrate(sql);
  });
  afterAll(async () => {
    await sql.close();
  });

  it('keeps the exact permissions, and the credentials sealed, never in clear', async () => {
    const gate = storeGate({
      store: sqlStore(sql),
      directory,
      capabilities: { areas: ['devices'], signOut: true },
      record: () => Promise.resolve(),
      sealer: await sealer('a-secret-shared-by-every-console-server!'),
    });
    const signIn = gate.signIn;
    if (!signIn) throw new Error('The store gate signs in');
    const { value, headers } = await signIn(new Request('http://console.local/api/session'), {
      username: 'operator',
      password: 'hunter2-but-longer',
    });
    expect(value.permissions).toEqual(['change-schedules', 'cancel-site-updates']);

    const cookie = (headers['Set-Cookie'] ?? '').split(';')[0] ?? '';
    const request = (method: string) =>
      new Request('http://console.local/api/x', {
        method,
        headers: { Cookie: cookie, 'X-CSRF-Token': value.csrfToken ?? '' },
      });
    const actor = await gate.authenticate(request('GET'));
    // An operator's role would allow site updates; this user's hawkBit permissions do not.
    await expect(gate.admit(request('POST'), actor, 'update-sites')).rejects.toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    await expect(gate.admit(request('POST'), actor, 'change-schedules')).resolves.toBeUndefined();
    expect(await gate.credentials?.(request('GET'))).toEqual({
      username: 'operator',
      password: 'hunter2-but-longer',
    });
    const rows = await sql.query<{ data: unknown }>('SELECT data FROM sessions');
    expect(JSON.stringify(rows)).not.toContain('hunter2');
  });
});
