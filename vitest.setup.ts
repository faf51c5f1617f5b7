import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { resetFleet, server } from './mocks/node';
import { forgetCredentials } from './src/api/client';
import { resetSimulation } from './src/api/simulation';
import { resetPreferences } from './src/lib/preferences';

// Full screens render many MUI components under jsdom: give findBy/waitFor room.
configure({ asyncUtilTimeout: 15_000 });

// Every request must be answered by the built-in fleet or a test's own override.
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  // Tests that count requests listen to the server's events; each starts without listeners.
  server.events.removeAllListeners();
  resetFleet();
  // The next fleet's session has its own CSRF token.
  forgetCredentials();
  // Each test starts with the defaults: no remembered preference, no simulation seen.
  resetPreferences();
  resetSimulation();
});
afterAll(() => server.close());
