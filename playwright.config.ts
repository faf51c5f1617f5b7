import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, systemChromium } from './scripts/chromium';

const PORT = 4173;
const SUBPATH_PORT = 4174;
const EMBED_PORT = 4175;
const NO_BACKEND_PORT = 4178;
/** The built-in fleet as a real HTTP backend (`npm run mock-server`). */
const BACKEND_PORT = 4179;
/** The console with its fleet off, under a sub-path, passing /api to that backend. */
const PROXIED_PORT = 4181;
/** The console for a portal that hands it bearer tokens (`auth.mode: "bearer"`). */
const BEARER_PORT = 4182;
/** The built-in fleet on its own origin, and a console whose apiBaseUrl names it (CORS). */
const CROSS_BACKEND_PORT = 4183;
const CROSS_ORIGIN_PORT = 4184;
/** The hawkBit stand-in, and the console's server in front of it (`--backend hawkbit`). */
const HAWKBIT_STANDIN_PORT = 8190;
const HAWKBIT_CONSOLE_PORT = 4187;
/** A data folder of this run's own: schedules and the activity start empty. */
const hawkbitDataDir = join(tmpdir(), `fuc-e2e-hawkbit-${Date.now()}`);
/** The test OpenID provider (`npm run idp`), and the console's server signing in with it. */
const IDP_PORT = 8191;
const OIDC_CONSOLE_PORT = 4188;
const oidcDataDir = join(tmpdir(), `fuc-e2e-oidc-${Date.now()}`);
/** A hawkBit stand-in configured for that provider, and the console's server in front of it. */
const OIDC_HAWKBIT_STANDIN_PORT = 8192;
const OIDC_HAWKBIT_CONSOLE_PORT = 4189;
const oidcHawkbitDataDir = join(tmpdir(), `fuc-e2e-oidc-hawkbit-${Date.now()}`);
/** Stand-in portals (e2e/portal-server.ts): `localhost` is another site than `127.0.0.1`. */
const PORTAL_PORT = 4176;
const STRANGER_PORT = 4177;
export const portalOrigin = `http://localhost:${PORTAL_PORT}`;
export const strangerOrigin = `http://localhost:${STRANGER_PORT}`;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // A trace records DOM snapshots at every action, slowing each key press several times
    // over: only a retried test records one (CI retries once).
    trace: 'on-first-retry',
    ...devices['Desktop Chrome'],
    launchOptions: {
      // Debian's Chromium when present, otherwise Playwright's own browser.
      executablePath: systemChromium(),
      args: chromiumArgs,
    },
  },
  projects: [
    { name: 'chromium', testIgnore: /(console-server|hawkbit|identity)\.spec\.ts$/ },
    {
      // The console's server on hawkBit: the stand-in behind `--backend hawkbit`.
      name: 'hawkbit',
      testMatch: /hawkbit\.spec\.ts$/,
      use: { baseURL: `http://127.0.0.1:${HAWKBIT_CONSOLE_PORT}` },
    },
    {
      // The console's server signing operators in with an OpenID provider (`--oidc-issuer`).
      name: 'identity',
      testMatch: /identity\.spec\.ts$/,
      use: { baseURL: `http://127.0.0.1:${OIDC_CONSOLE_PORT}` },
    },
    {
      // The console on its own server (`--backend fleet`), which the tests start and restart.
      name: 'server',
      testMatch: /console-server\.spec\.ts$/,
    },
    {
      // The automation contract's journeys on a phone (layout.spec.ts sets its own sizes).
      name: 'phone',
      testMatch: /(devices|scheduling|firmware|rollouts|servers)\.spec\.ts$/,
      use: { viewport: { width: 390, height: 844 }, isMobile: false, hasTouch: false },
    },
  ],
  webServer: [
    {
      command: `tsx scripts/serve.ts --port ${PORT}`,
      url: `http://127.0.0.1:${PORT}/devices`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
    },
    {
      // The same build mounted under a sub-path, as a deployment behind a portal might be.
      command: `tsx scripts/serve.ts --port ${SUBPATH_PORT} --base /tools/console/`,
      url: `http://127.0.0.1:${SUBPATH_PORT}/tools/console/`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
    },
    {
      // For a portal: both test portals may frame it, only one is an allowed embedding origin.
      command: `tsx scripts/serve.ts --port ${EMBED_PORT} --frame-ancestors "'self' ${portalOrigin} ${strangerOrigin}" --config '${JSON.stringify({ embedAllowedOrigins: [portalOrigin] })}'`,
      url: `http://127.0.0.1:${EMBED_PORT}/devices`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
    },
    {
      // For a portal that signs the console in with bearer tokens (token-request / set-token).
      command: `tsx scripts/serve.ts --port ${BEARER_PORT} --frame-ancestors "'self' ${portalOrigin}" --config '${JSON.stringify({ embedAllowedOrigins: [portalOrigin], auth: { mode: 'bearer' } })}'`,
      url: `http://127.0.0.1:${BEARER_PORT}/devices`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
    },
    {
      // The built-in fleet off and no backend deployed.
      command: `tsx scripts/serve.ts --port ${NO_BACKEND_PORT} --config '${JSON.stringify({ mockApi: false })}'`,
      url: `http://127.0.0.1:${NO_BACKEND_PORT}/devices`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
    },
    {
      // Only the proxied console may call it from a browser (its pages send their Origin).
      command: `tsx mocks/server.ts --port ${BACKEND_PORT} --allow-origin http://127.0.0.1:${PROXIED_PORT}`,
      url: `http://127.0.0.1:${BACKEND_PORT}/openapi.json`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
    },
    {
      // Deployed as a portal would have it: fleet off, a real backend behind /api, a sub-path.
      command: `tsx scripts/serve.ts --port ${PROXIED_PORT} --base /console/ --api http://127.0.0.1:${BACKEND_PORT} --frame-ancestors "'self' ${portalOrigin}" --config '${JSON.stringify({ mockApi: false, embedAllowedOrigins: [portalOrigin] })}'`,
      url: `http://127.0.0.1:${PROXIED_PORT}/console/devices`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
    },
    {
      // Only the cross-origin console's pages may call it from a browser.
      command: `tsx mocks/server.ts --port ${CROSS_BACKEND_PORT} --allow-origin http://127.0.0.1:${CROSS_ORIGIN_PORT}`,
      url: `http://127.0.0.1:${CROSS_BACKEND_PORT}/openapi.json`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
    },
    {
      // The README's cross-origin setup: the API on another origin, named in config.json.
      command: `tsx scripts/serve.ts --port ${CROSS_ORIGIN_PORT} --config '${JSON.stringify({ mockApi: false, apiBaseUrl: `http://127.0.0.1:${CROSS_BACKEND_PORT}/api` })}'`,
      url: `http://127.0.0.1:${CROSS_ORIGIN_PORT}/devices`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
    },
    {
      // --clock-control: the rollout journey moves the stand-in's panels on by hours.
      command: `tsx mocks/hawkbit/server.ts --port ${HAWKBIT_STANDIN_PORT} --clock-control`,
      // hawkBit asks who calls: its 401 says it is up.
      url: `http://127.0.0.1:${HAWKBIT_STANDIN_PORT}/rest/v1/userinfo`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
    },
    {
      command: `tsx scripts/serve.ts --port ${HAWKBIT_CONSOLE_PORT} --backend hawkbit --hawkbit-url http://127.0.0.1:${HAWKBIT_STANDIN_PORT} --data-dir ${hawkbitDataDir}`,
      url: `http://127.0.0.1:${HAWKBIT_CONSOLE_PORT}/devices`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
    },
    {
      // Access tokens of 30 s: the console's server renews them at nearly every request.
      command: `tsx mocks/idp/server.ts --port ${IDP_PORT} --console http://127.0.0.1:${OIDC_CONSOLE_PORT}/ --console http://127.0.0.1:${OIDC_HAWKBIT_CONSOLE_PORT}/ --access-token-ttl 30`,
      url: `http://127.0.0.1:${IDP_PORT}/.well-known/openid-configuration`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
    },
    {
      // After the provider: the console's server reads its discovery document as it starts.
      command: `tsx scripts/serve.ts --port ${OIDC_CONSOLE_PORT} --backend fleet --data-dir ${oidcDataDir} --oidc-issuer http://127.0.0.1:${IDP_PORT} --oidc-client-id fleet-console --oidc-client-secret fleet-console-secret-for-tests-only --oidc-scopes "openid profile email groups" --oidc-role-claim groups --oidc-roles administrator=fleet-admins,operator=fleet-operators,viewer=fleet-viewers,operator:nordic=nordic-operators`,
      url: `http://127.0.0.1:${OIDC_CONSOLE_PORT}/devices`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
    },
    {
      command: `tsx mocks/hawkbit/server.ts --port ${OIDC_HAWKBIT_STANDIN_PORT} --oidc-issuer http://127.0.0.1:${IDP_PORT}`,
      url: `http://127.0.0.1:${OIDC_HAWKBIT_STANDIN_PORT}/rest/v1/userinfo`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
    },
    {
      command: `tsx scripts/serve.ts --port ${OIDC_HAWKBIT_CONSOLE_PORT} --backend hawkbit --hawkbit-url http://127.0.0.1:${OIDC_HAWKBIT_STANDIN_PORT} --data-dir ${oidcHawkbitDataDir} --oidc-issuer http://127.0.0.1:${IDP_PORT} --oidc-client-id fleet-console --oidc-client-secret fleet-console-secret-for-tests-only --oidc-scopes "openid profile email groups"`,
      url: `http://127.0.0.1:${OIDC_HAWKBIT_CONSOLE_PORT}/devices`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
    },
    ...[PORTAL_PORT, STRANGER_PORT].map((port) => ({
      command: `tsx e2e/portal-server.ts --port ${port}`,
      url: `http://localhost:${port}/`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore' as const,
    })),
  ],
});

export const subpathOrigin = `http://127.0.0.1:${SUBPATH_PORT}`;
export const embedOrigin = `http://127.0.0.1:${EMBED_PORT}`;
export const bearerOrigin = `http://127.0.0.1:${BEARER_PORT}`;
export const noBackendOrigin = `http://127.0.0.1:${NO_BACKEND_PORT}`;
export const proxiedOrigin = `http://127.0.0.1:${PROXIED_PORT}`;
export const crossOrigin = `http://127.0.0.1:${CROSS_ORIGIN_PORT}`;
export const crossBackendOrigin = `http://127.0.0.1:${CROSS_BACKEND_PORT}`;
export const idpOrigin = `http://127.0.0.1:${IDP_PORT}`;
export const oidcHawkbitOrigin = `http://127.0.0.1:${OIDC_HAWKBIT_CONSOLE_PORT}`;
export const hawkbitStandinOrigin = `http://127.0.0.1:${HAWKBIT_STANDIN_PORT}`;
