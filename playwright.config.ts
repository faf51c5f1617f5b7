import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, systemChromium } from './scripts/chromium';

const PORT = 4173;
const SUBPATH_PORT = 4174;

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
    trace: 'retain-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      // Debian's Chromium when present, otherwise Playwright's own browser.
      executablePath: systemChromium(),
      args: chromiumArgs,
    },
  },
  projects: [{ name: 'chromium' }],
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
  ],
});

export const subpathOrigin = `http://127.0.0.1:${SUBPATH_PORT}`;
