// @vitest-environment node
/**
 * The console's server on hawkBit where hawkBit is configured for the same identity provider
 * (`--backend hawkbit --oidc-issuer …`): operators sign in at a real OpenID provider
 * (mocks/idp), the server asks hawkBit with their access token what they may do, and calls
 * hawkBit with it as a bearer token — no hawkBit password anywhere. hawkBit is played by the
 * stand-in, which takes a bearer token as hawkBit's resource server would.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceList } from '../src/api/devices';
import type { Session } from '../src/api/session';
import { createIdp } from '../mocks/idp/idp';
import { createStandin, oidcBearerUsers } from '../mocks/hawkbit/standin';
import { buildScenario } from '../mocks/fleet/scenarios';
import { siteCustomer } from '../mocks/fleet/sites';
import { customerAt } from '../mocks/fleet/customers';
import type { SiteList } from '../src/api/sites';
import { server as interceptor } from '../mocks/node';
import { openHawkbitBackend } from './adapters/hawkbit/hawkbit-backend';
import { openOidc, type OidcIdentity } from './adapters/oidc/oidc';
import { signInThrough, testProviderSettings } from './adapters/oidc/oidc-test-support';
import { migrate } from './adapters/sql-store/migrate';
import { sqlStore } from './adapters/sql-store/sql-store';
import { openPglite, type Sql } from './adapters/sql-store/sql';
import { createApi, type Api } from './api';
import { call } from './api-test-support';
import { sealer } from './contract/seal';

const CONSOLE = 'http://console.test/';

let idpServer: Server;
let issuer: string;
let sql: Sql;
let api: Api;
let identity: OidcIdentity;
const authorizations: string[] = [];

beforeAll(async () => {
  interceptor.close();
  idpServer = createServer();
  await new Promise<void>((done) => idpServer.listen(0, '127.0.0.1', done));
  issuer = `http://127.0.0.1:${(idpServer.address() as AddressInfo).port}`;
  idpServer.on('request', createIdp({ issuer, consoles: [CONSOLE] }).listener);
  const standin = createStandin({ scenario: 'demo', bearer: oidcBearerUsers(issuer) });
  sql = await openPglite();
  await migrate(sql);
  const store = sqlStore(sql);
  const sealing = await sealer('a-secret-of-at-least-32-characters-for-tests');
  identity = await openOidc({
    // Roles come from hawkBit; the claim may still limit a person to one customer.
    settings: testProviderSettings(issuer, { 'operator:nordic': ['nordic-operators'] }),
    store,
    sealer: sealing,
  });
  const backend = openHawkbitBackend({
    store,
    url: 'http://hawkbit.test',
    fetch: (request) => {
      authorizations.push(request.headers.get('Authorization') ?? '');
      return standin.handle(request);
    },
  });
  api = createApi({ store, backend, sealer: sealing, identity });
}, 60_000);

afterAll(async () => {
  await new Promise<void>((done) => idpServer.close(() => done()));
  idpServer.closeAllConnections();
  await sql.close();
});

/** Signs in at the provider as a browser does: the callback's answer and the session. */
function signIn(username: string) {
  return signInThrough({ identity, api, issuer, address: CONSOLE }, username);
}

describe('hawkBit on the same identity provider', () => {
  it('gives the role hawkBit grants the token, and calls hawkBit with it, never a password', async () => {
    const omar = await signIn('omar');
    expect(omar.page.status).toBe(303);
    const session = (await (await call(api, 'GET', '/session', { as: omar.as })).json()) as Session;
    expect(session).toMatchObject({ operator: { name: 'Omar Haddad' }, role: 'operator' });
    expect(session.permissions).toContain('update-sites');
    expect(session.permissions).not.toContain('change-servers');

    authorizations.length = 0;
    const list = await call(api, 'GET', '/devices?page=1&pageSize=5', { as: omar.as });
    expect(list.status).toBe(200);
    expect(((await list.json()) as DeviceList).items).toHaveLength(5);
    expect(authorizations.length).toBeGreaterThan(0);
    for (const header of authorizations) expect(header).toMatch(/^Bearer \S{20,}$/);

    const vera = await signIn('vera');
    const refused = await call(api, 'POST', '/device-types/Nord%20GSM/update-all', {
      body: { requestId: 'hawkbit-oidc-0001' },
      as: vera.as,
    });
    expect(refused.status).toBe(403);
  });

  it('tells a person hawkBit knows no user for that they have no access, with hawkBit’s words', async () => {
    const eve = await signIn('eve');
    expect(eve.page.status).toBe(403);
    const text = await eve.page.text();
    expect(text).toContain('No access in this console');
    expect(text).toContain('hawkBit does not accept your sign-in');
    expect(eve.as.cookie).toBeUndefined();
  });

  it('limits a person whose claim grants one customer to the targets tagged customer:<id>, 404 for the others', async () => {
    const { devices, sites } = buildScenario('demo');
    const nordicSerials = new Set(
      devices.filter((device) => device.customer === 'nordic').map((device) => device.serial),
    );
    const nils = await signIn('nils');
    expect(nils.page.status).toBe(303);
    const session = (await (await call(api, 'GET', '/session', { as: nils.as })).json()) as Session;
    expect(session).toMatchObject({
      operator: { name: 'Nils Ek' },
      role: 'operator',
      customer: { id: 'nordic' },
    });
    const list = (await (
      await call(api, 'GET', '/devices?page=1&pageSize=200', { as: nils.as })
    ).json()) as DeviceList;
    expect(list.total).toBe(nordicSerials.size);
    expect(list.items.every((device) => nordicSerials.has(device.serial))).toBe(true);
    const other = devices.find((device) => device.customer !== 'nordic');
    const outside = await call(api, 'GET', `/devices/${encodeURIComponent(other?.serial ?? '')}`, {
      as: nils.as,
    });
    expect(outside.status).toBe(404);
    const own = await call(
      api,
      'GET',
      `/devices/${encodeURIComponent([...nordicSerials][0] ?? '')}`,
      {
        as: nils.as,
      },
    );
    expect(own.status).toBe(200);

    const numbers = (list: SiteList) => list.items.map((site) => site.number);
    const nord = sites.filter((site) => site.deviceType === 'Nord GSM');
    const seen = (await (
      await call(api, 'GET', '/device-types/Nord%20GSM/sites?page=1&pageSize=100', { as: nils.as })
    ).json()) as SiteList;
    expect(numbers(seen).sort()).toEqual(
      nord
        .filter((site) => siteCustomer(site) === 'nordic')
        .map((site) => site.number)
        .sort(),
    );
    // Every customer's sites, for a person with every customer.
    const omar = await signIn('omar');
    const everyone = (await (
      await call(api, 'GET', '/device-types/Nord%20GSM/sites?page=1&pageSize=100', { as: omar.as })
    ).json()) as SiteList;
    expect(everyone.total).toBe(nord.length);
    expect(everyone.total).toBeGreaterThan(seen.total);
    const untouched = (list: SiteList) =>
      list.items
        .filter((site) => customerAt(site.number) !== 'nordic')
        .map((site) => [site.number, site.update?.state ?? null]);
    const before = untouched(everyone);

    // "Update all sites" of a person limited to Nordic Alarm queues Nordic Alarm's sites only.
    const all = await call(api, 'POST', '/device-types/Nord%20GSM/update-all', {
      body: { requestId: 'hawkbit-oidc-nordic-0001' },
      as: nils.as,
    });
    expect(all.status).toBe(202);
    const after = (await (
      await call(api, 'GET', '/device-types/Nord%20GSM/sites?page=1&pageSize=100', { as: omar.as })
    ).json()) as SiteList;
    expect(untouched(after)).toEqual(before);
    const queued = after.items.filter(
      (site) => site.update && customerAt(site.number) === 'nordic',
    );
    expect(queued.length).toBeGreaterThan(0);
  });
});
