import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { apiRoot, configureApiClient } from './api/client';
import { App } from './app/App';
import { BootError } from './app/BootError';
import { loadConfig } from './app/config';
import { configureEmbedding, embeddingWindow } from './app/embed';
import { listenForPortalTokens, requestPortalToken } from './app/portal-token';
import { configureAuth, markSessionEnded } from './app/session-state';
import { detectBasePath } from './lib/base-path';

async function boot(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  const root = createRoot(container);
  const basePath = detectBasePath(window.location.pathname);
  try {
    const config = await loadConfig(basePath);
    configureAuth(config.auth);
    configureApiClient({
      baseUrl: config.apiBaseUrl,
      auth: config.auth.mode,
      onUnauthorized: markSessionEnded,
    });
    configureEmbedding(config.embedAllowedOrigins);
    // What API calls wait for before they go (see `ready`).
    const waits: Promise<unknown>[] = [];
    // In a portal with bearer tokens, the first calls wait for the portal's token (or 10 s,
    // after which they go without and the session-ended dialog asks again).
    if (config.auth.mode === 'bearer' && embeddingWindow() !== null) {
      listenForPortalTokens();
      waits.push(requestPortalToken(10_000));
    }
    if (config.mockApi) {
      // The one place src/ reaches into mocks/: loaded only when the built-in fleet is on.
      // It starts while the console renders; API calls wait for it.
      const fleet = import('../mocks/browser').then(({ startBrowserFleet }) =>
        startBrowserFleet({
          apiRoot: apiRoot(config.apiBaseUrl).href,
          basePath,
          search: window.location.search,
          auth: config.auth.mode,
        }),
      );
      waits.push(fleet);
    }
    configureApiClient({ ready: Promise.all(waits) });
    root.render(
      <StrictMode>
        <App basePath={basePath} />
      </StrictMode>,
    );
  } catch (error) {
    const message =
      error instanceof Error
        ? error.message
        : 'An unknown error stopped the console from starting.';
    root.render(<BootError message={message} />);
  }
}

void boot();
