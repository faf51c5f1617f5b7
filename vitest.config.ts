import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'jsdom',
      environmentOptions: { jsdom: { url: 'http://localhost/' } },
      include: [
        'src/**/*.test.{ts,tsx}',
        'mocks/**/*.test.ts',
        'server/**/*.test.ts',
        'scripts/**/*.test.ts',
      ],
      setupFiles: ['./vitest.setup.ts'],
      restoreMocks: true,
      testTimeout: 30_000,
      // A database opens in seconds, and in more on a busy two-core machine.
      hookTimeout: 60_000,
    },
  }),
);
