import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { contractDescriptions } from './scripts/strip-descriptions.ts';

/** `vite build` (the dev server and Vitest keep React Router's development build). */
const building = process.argv.includes('build');

export default defineConfig({
  // Relative asset URLs: one build serves from any sub-path of a web server.
  base: './',
  // The contract's descriptions are for the OpenAPI document, not the page.
  plugins: [react(), contractDescriptions()],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      // React Router's package points every import at its development build (warnings and
      // checks included); a build takes its production build, which it ships beside it.
      ...(building
        ? {
            'react-router': fileURLToPath(
              new URL('./node_modules/react-router/dist/production/index.mjs', import.meta.url),
            ),
          }
        : {}),
    },
  },
  build: {
    target: 'es2022',
    // Maps for the tools, not advertised in the code (`npm run serve -- --source-maps` names
    // them in a SourceMap header): the first load carries no comment per chunk.
    sourcemap: 'hidden',
    // Read by `npm run size` to find what the first page loads.
    manifest: true,
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      output: {
        // MUI's styling core, which the first page needs whole, as one chunk: left to itself,
        // the bundler cut it into many small pieces shared with lazy screens, and each piece
        // costs the first page its own gzip overhead (`npm run size`: 224 KB → 219 KB).
        codeSplitting: {
          groups: [
            {
              name: 'mui-base',
              test: /node_modules[\\/](@mui[\\/](utils|system|styled-engine)|@emotion|@mui[\\/]material[\\/](styles|utils|internal|ButtonBase|useLazyRipple|Typography|Paper|Stack)[\\/])/,
            },
            // The same for what every screen's data goes through (the API client, the session,
            // TanStack Query): one chunk, not pieces cut by which lazy screens share them.
            {
              name: 'data-core',
              test: /(node_modules[\\/]@tanstack[\\/](query-core|react-query)[\\/]|src[\\/]api[\\/](client|errors|endpoint|registry|session|simulation|permissions|customers|freeze-override|paging)\.ts$|src[\\/]domain[\\/](maintenance-window|format-window)\.ts$|src[\\/]lib[\\/](time-zone|zoned-format|format)\.ts$|src[\\/]queries[\\/](session|meta)\.ts$)/,
            },
          ],
        },
      },
    },
  },
  // The built-in fleet's worker carries the contract too.
  worker: { plugins: () => [contractDescriptions()] },
  server: { port: 5173, strictPort: false },
});
