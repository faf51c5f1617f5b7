// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { csrfHeader, resetFleet, testApiRoot } from '../node';

const url = (path: string) => new URL(path, testApiRoot);

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url(path), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(await csrfHeader()), ...headers },
    body: JSON.stringify(body),
  });
}

async function activity(query = '') {
  const response = await fetch(url(`activity${query}`));
  return (await response.json()) as {
    total: number;
    items: {
      kind: string;
      operator: { name: string };
      role: string;
      scope: { text: string };
      result: { status: string; code?: string; text?: string };
    }[];
  };
}

describe('who calls the built-in fleet', () => {
  it('says who is signed in, with the role’s permissions and a CSRF token', async () => {
    resetFleet('demo', undefined, { role: 'operator' });
    const session = (await (await fetch(url('session'))).json()) as Record<string, unknown>;
    expect(session).toMatchObject({
      operator: { id: 'op-omar', name: 'Omar Haddad' },
      role: 'operator',
      permissions: ['change-schedules', 'update-devices', 'update-sites', 'cancel-site-updates'],
    });
    expect(session.csrfToken).toEqual(expect.any(String));
  });

  it('refuses a viewer’s change with 403 in words, changes nothing, and records the refusal', async () => {
    resetFleet('demo', undefined, { role: 'viewer' });
    const refused = await post('device-types/Nord%20GSM/updates', { siteNumber: 1011 });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      code: 'forbidden',
      message: 'Your role, Viewer, cannot update sites. Ask an administrator.',
    });
    const { items } = await activity('?resource=site:Nord%20GSM:1011');
    expect(items[0]).toMatchObject({
      kind: 'site-update',
      operator: { name: 'Ines Berg' },
      role: 'viewer',
      scope: { text: 'Nord GSM site 1011' },
      result: { status: 'refused', code: 'forbidden' },
    });
  });

  it('lets an operator update sites but not change servers', async () => {
    resetFleet('demo', undefined, { role: 'operator' });
    expect((await post('device-types/Nord%20GSM/updates', { siteNumber: 1012 })).status).toBe(202);
    const server = await fetch(url('servers/srv-7f3a9c21/settings'), {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...(await csrfHeader()) },
      body: JSON.stringify({ updateType: 'manual', restartOnFailure: '10s' }),
    });
    expect(server.status).toBe(403);
    const { items } = await activity();
    expect(items.map((entry) => [entry.kind, entry.result.status])).toEqual([
      ['server-settings', 'refused'],
      ['site-update', 'accepted'],
    ]);
  });

  it('answers 401 once the session is expired, and again after a new sign-in', async () => {
    resetFleet('demo');
    expect((await fetch(url('devices'))).status).toBe(200);
    await fetch(url('simulation/session'), { method: 'DELETE' });
    const ended = await fetch(url('devices'));
    expect(ended.status).toBe(401);
    expect(await ended.json()).toMatchObject({ code: 'session_expired' });
    expect((await fetch(url('session'))).status).toBe(401);
    await fetch(url('simulation/session'), { method: 'POST' });
    expect((await fetch(url('devices'))).status).toBe(200);
  });

  it('in bearer mode, takes any token until the session expires, then only a new one', async () => {
    resetFleet('demo', undefined, { auth: 'bearer' });
    expect((await fetch(url('devices'))).status).toBe(401);
    const first = { Authorization: 'Bearer portal-token-1' };
    const session = (await (await fetch(url('session'), { headers: first })).json()) as {
      csrfToken: string | null;
    };
    expect(session.csrfToken).toBeNull();
    // No CSRF header needed with a bearer token.
    const change = await fetch(url('device-types/Nord%20GSM/updates'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...first },
      body: JSON.stringify({ siteNumber: 1013 }),
    });
    expect(change.status).toBe(202);
    await fetch(url('simulation/session'), { method: 'DELETE' });
    expect((await fetch(url('devices'), { headers: first })).status).toBe(401);
    const second = { Authorization: 'Bearer portal-token-2' };
    expect((await fetch(url('devices'), { headers: second })).status).toBe(200);
  });
});

describe('the activity', () => {
  it('records each change with who, what, to what and the result, newest first, filtered', async () => {
    resetFleet('demo');
    await post('devices/updates', {
      selection: { mode: 'ids', ids: ['dev-0002'] },
      requestId: 'req-activity-1',
    });
    await post('device-types/Nord%20GSM/updates', { siteNumber: 1001 });
    const all = await activity();
    expect(all.total).toBe(2);
    expect(all.items[0]).toMatchObject({
      kind: 'site-update',
      result: { status: 'refused', code: 'already_current' },
    });
    expect(all.items[1]).toMatchObject({
      kind: 'device-update',
      operator: { name: 'Ada Novak' },
      scope: { text: 'AXIS P3227-LV (172.26.180.2)' },
      result: { status: 'accepted', text: '1 device started updating.' },
    });
    expect((await activity('?resource=device:dev-0002')).total).toBe(1);
    expect((await activity('?resource=device:dev-0003')).total).toBe(0);
    expect((await activity('?kind=site-update')).total).toBe(1);
    expect((await activity('?operator=op-ines')).total).toBe(0);
    expect((await activity('?from=2100-01-01T00:00:00Z')).total).toBe(0);
    const csv = await (await fetch(url('activity/export?kind=device-update'))).text();
    expect(csv.split('\r\n')[0]).toBe(
      'time,operator,role,change,summary,scope,result,code,message',
    );
    expect(csv).toContain('Ada Novak,administrator,Manual device update,Update now');
  });
});
