import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { apiRoot, configureApiClient } from './api/client';
import { App } from './app/App';
import { BootError } from './app/BootError';
import { loadConfig } from './app/config';
import { configureEmbedding } from './app/embed';
import { detectBasePath } from './lib/base-path';

async function boot(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  const root = createRoot(container);
  const basePath = detectBasePath(window.location.pathname);
  try {
    const config = await loadConfig(basePath);
    configureApiClient({ baseUrl: config.apiBaseUrl });
    configureEmbedding(config.embedAllowedOrigins);
    if (config.mockApi) {
      // The one place src/ reaches into mocks/: loaded only when the built-in fleet is on.
      // It starts while the console renders; API calls wait for it (see `ready`).
      const ready = import('../mocks/browser').then(({ startBrowserFleet }) =>
        startBrowserFleet({
          apiRoot: apiRoot(config.apiBaseUrl).href,
          basePath,
          search: window.location.search,
        }),
      );
      configureApiClient({ ready });
    }
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
