// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { csrfHeader, resetFleet, testApiRoot } from '../node';
import { DEFAULT_RULES } from '../../src/api/rollout-plan';
import { FLEET_CUSTOMERS } from '../fleet/customers';
import type { Fleet } from '../fleet/fleet';

const url = (path: string) => new URL(path, testApiRoot);

async function get<T>(path: string): Promise<T> {
  const response = await fetch(url(path));
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

async function send(method: string, path: string, body: unknown) {
  return fetch(url(path), {
    method,
    headers: { 'Content-Type': 'application/json', ...(await csrfHeader()) },
    body: JSON.stringify(body),
  });
}

interface Owned {
  customer?: { id: string; name: string };
}
const NORD = 'device-types/Nord%20GSM';

/** The Nord GSM sites of the other customers, and their updates, seen from every customer. */
function othersSites(fleet: Fleet) {
  fleet.actor = undefined;
  return fleet
    .listSites('Nord GSM', { page: 1, pageSize: 100, sort: 'number', order: 'asc' })
    .items.filter((site) => site.customer?.id !== 'nordic')
    .map((site) => [site.number, site.update?.state ?? null]);
}

/** The demo fleet, signed in as an operator limited to Nordic Alarm AB. */
function nordicOperator(scenario: 'demo' | 'large' = 'demo') {
  return resetFleet(scenario, undefined, { role: 'operator', customer: 'nordic' });
}

describe('a role limited to one customer', () => {
  it('says its customer in the session', async () => {
    nordicOperator();
    expect(await get('session')).toMatchObject({
      role: 'operator',
      customer: { id: 'nordic', name: 'Nordic Alarm AB' },
    });
    resetFleet('demo', undefined, { role: 'operator' });
    expect(await get('session')).toMatchObject({ customer: null });
  });

  it('lists, counts and exports only that customer’s devices', async () => {
    const fleet = resetFleet('demo');
    const all = fleet.devices().all();
    const nordic = all.filter((device) => device.customer?.id === 'nordic');
    // Every customer has devices in the demo, so the scope really leaves some out.
    for (const { id } of FLEET_CUSTOMERS) {
      expect(all.some((device) => device.customer?.id === id)).toBe(true);
    }
    nordicOperator();
    const list = await get<{ items: Owned[]; total: number }>('devices?pageSize=200');
    expect(list.total).toBe(nordic.length);
    expect(list.items.every((device) => device.customer?.id === 'nordic')).toBe(true);
    // Asking for another customer's devices finds none, never theirs.
    expect((await get<{ total: number }>('devices?customer=harbour')).total).toBe(0);
    expect((await get<{ total: number }>('devices/facets')).total).toBe(nordic.length);
    const csv = await (await fetch(url('devices/export'))).text();
    expect(csv.trim().split('\n')).toHaveLength(nordic.length + 1);
  });

  it('answers 404 for another customer’s device, site or server, without its name', async () => {
    const other = resetFleet('demo')
      .devices()
      .all()
      .find((device) => device.customer?.id === 'harbour');
    nordicOperator();
    const device = await fetch(url(`devices/${other?.id ?? ''}`));
    expect(device.status).toBe(404);
    expect(await device.text()).not.toContain(other?.name ?? other?.model ?? '');
    // Site 1012 is Harbour Retail's; the Warehouse NVR is Nordic's, the Reception PC is not.
    const site = await send('POST', `${NORD}/updates`, { siteNumber: 1012 });
    expect(site.status).toBe(404);
    expect(await site.text()).not.toContain('Nord GSM');
    expect((await fetch(url('servers/srv-0b44e810'))).status).toBe(404);
    expect((await fetch(url('servers/srv-7f3a9c21'))).status).toBe(200);
    const servers = await get<{ items: { name: string }[] }>('servers');
    expect(servers.items.map((server) => server.name)).toEqual(['Warehouse NVR']);
  });

  it('counts only that customer’s sites in statistics, lists and “update all”', async () => {
    const fleet = resetFleet('demo');
    const everyone = fleet.siteStats().items.find((type) => type.deviceType === 'Nord GSM');
    const before = othersSites(fleet);
    fleet.sessions.renew();
    const scoped = nordicOperator();
    const stats = await get<{ items: { deviceType: string; devices: number }[] }>('device-types');
    const nord = stats.items.find((type) => type.deviceType === 'Nord GSM');
    expect(nord?.devices).toBeGreaterThan(0);
    expect(nord?.devices).toBeLessThan(everyone?.devices ?? 0);
    const sites = await get<{ items: Owned[]; total: number }>(`${NORD}/sites?pageSize=100`);
    expect(sites.total).toBe(nord?.devices);
    expect(sites.items.every((site) => site.customer?.id === 'nordic')).toBe(true);
    const plan = await get<{ toQueue: number }>(`${NORD}/update-all`);
    expect(plan.toQueue).toBeGreaterThan(0);
    const done = await send('POST', `${NORD}/update-all`, { requestId: 'nordic-update-all' });
    expect(done.status).toBe(202);
    expect(((await done.json()) as { queued: number }).queued).toBe(plan.toQueue);
    // The other customers' sites are as they were: nothing of theirs was queued.
    expect(othersSites(scoped)).toEqual(before);
  });

  it('plans and sees rollouts of that customer’s sites only', async () => {
    nordicOperator();
    const preview = await send('POST', `${NORD}/rollout-preview`, {
      selection: { exclude: [] },
      plan: { pilot: { kind: 'count', count: 1 }, waves: [{ kind: 'percent', percent: 100 }] },
      rules: DEFAULT_RULES,
    });
    const body = (await preview.json()) as { waves: { firstSites: number[] }[] };
    const planned = body.waves.flatMap((wave) => wave.firstSites);
    expect(planned.length).toBeGreaterThan(0);
    // 1011, 1013, 1014 are Nordic Alarm's old sites that can be queued; 1012 and 1015 are not theirs.
    expect(planned).not.toContain(1012);
    expect(planned).not.toContain(1015);
  });

  it('shows only what that customer’s people did in the activity', async () => {
    const fleet = resetFleet('demo', undefined, { role: 'operator' });
    expect((await send('POST', `${NORD}/updates`, { siteNumber: 1012 })).status).toBe(202);
    fleet.sessions.renew();
    const scoped = nordicOperator();
    expect((await send('POST', `${NORD}/updates`, { siteNumber: 1011 })).status).toBe(202);
    scoped.actor = undefined;
    const log = await get<{ items: { scope: { text: string } }[] }>('activity');
    expect(log.items).toHaveLength(1);
    expect(log.items[0]?.scope.text).toContain('1011');
  });
});

describe('a bulk change by filter of a role limited to one customer', () => {
  it('never touches another customer’s device, at 100,000 devices', async () => {
    const fleet = nordicOperator('large');
    const schedule = {
      mode: 'window',
      window: { repeat: 'weekly', weekday: 3, startTime: '03:00', timeZone: 'Europe/Oslo' },
    };
    const response = await send('PUT', 'devices/schedule', {
      selection: { mode: 'filter', filter: {}, except: [] },
      schedule,
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as { updated: number };
    const facts = fleet.devices().facts;
    const changed = facts.filter(
      (device) =>
        device.schedule.mode === 'window' && device.schedule.window.timeZone === 'Europe/Oslo',
    );
    expect(changed.length).toBe(result.updated);
    expect(changed.length).toBeGreaterThan(10_000);
    expect(changed.every((device) => device.customer === 'nordic')).toBe(true);
    const nordicScheduling = facts.filter(
      (device) => device.customer === 'nordic' && device.supportsScheduling && device.onboarded,
    );
    expect(changed.length).toBe(nordicScheduling.length);
  });
});
