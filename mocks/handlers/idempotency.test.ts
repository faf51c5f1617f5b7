// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { csrfHeader, currentFleet, testApiRoot } from '../node';

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(new URL(path, testApiRoot), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(await csrfHeader()) },
    body: JSON.stringify(body),
  });
}

/** What the fleet shows of its changes: every operation it recorded. */
function sitesUpdating(): number {
  return currentFleet()
    .siteStats()
    .items.reduce((sum, type) => sum + type.updating, 0);
}

describe('idempotency keys', () => {
  it('answer a repeated manual update with the first answer, and refuse the key for another selection', async () => {
    const selection = { mode: 'ids', ids: ['dev-0002'] };
    const first = await post('devices/updates', { selection, requestId: 'key-manual-1' });
    expect(first.status).toBe(202);
    const firstAnswer: unknown = await first.json();

    const again = await post('devices/updates', {
      requestId: 'key-manual-1',
      selection: { ids: ['dev-0002'], mode: 'ids' },
    });
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual(firstAnswer);

    const before = currentFleet().devices().all();
    const other = await post('devices/updates', {
      selection: { mode: 'ids', ids: ['dev-0003'] },
      requestId: 'key-manual-1',
    });
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ code: 'idempotency_key_reused' });
    expect(currentFleet().devices().all()).toEqual(before);
  });

  it('refuse a key reused on another path: update-all of another type, or a server upgrade', async () => {
    const first = await post('device-types/Nord%20GSM/update-all', { requestId: 'key-all-0001' });
    expect(first.status).toBe(202);
    const updating = sitesUpdating();

    const otherType = currentFleet()
      .siteStats()
      .items.find((type) => type.deviceType !== 'Nord GSM');
    expect(otherType).toBeDefined();
    const elsewhere = await post(
      `device-types/${encodeURIComponent(otherType?.deviceType ?? '')}/update-all`,
      { requestId: 'key-all-0001' },
    );
    expect(elsewhere.status).toBe(422);
    expect(await elsewhere.json()).toMatchObject({ code: 'idempotency_key_reused' });

    const server = currentFleet().listServers().items[0];
    const upgrade = await post(`servers/${server?.id ?? ''}/upgrades`, {
      requestId: 'key-all-0001',
    });
    expect(upgrade.status).toBe(422);
    const manual = await post('devices/updates', {
      selection: { mode: 'ids', ids: ['dev-0002'] },
      requestId: 'key-all-0001',
    });
    expect(manual.status).toBe(422);
    expect(sitesUpdating()).toBe(updating);
    expect(currentFleet().listServers().items[0]).toEqual(server);

    const again = await post('device-types/Nord%20GSM/update-all', { requestId: 'key-all-0001' });
    expect(again.status).toBe(202);
  });

  it('bind a server upgrade key to its server', async () => {
    const [registered, other] = currentFleet().listServers().items;
    const id = registered?.id ?? '';
    currentFleet().setServerTarget(id, {
      modules: [{ name: 'banalytics-core', version: '2.5.0' }],
    });
    const first = await post(`servers/${id}/upgrades`, { requestId: 'key-server-1' });
    expect(first.status).toBe(202);
    const job = (await first.json()) as { id: string };
    const again = await post(`servers/${id}/upgrades`, { requestId: 'key-server-1' });
    expect(again.status).toBe(202);
    expect(await again.json()).toMatchObject({ id: job.id });
    const reused = await post(`servers/${other?.id ?? ''}/upgrades`, {
      requestId: 'key-server-1',
    });
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({ code: 'idempotency_key_reused' });
  });
});

describe('changes', () => {
  it('take JSON only: every other content type is refused with 415 and changes nothing', async () => {
    const before = sitesUpdating();
    const response = await fetch(new URL('device-types/Nord%20GSM/updates', testApiRoot), {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', ...(await csrfHeader()) },
      body: JSON.stringify({ siteNumber: 1011 }),
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ code: 'unsupported_media_type' });
    expect(sitesUpdating()).toBe(before);
  });
});
