import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  // Relative asset URLs: one build serves from any sub-path of a web server.
  base: './',
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    // Read by `npm run size` to find what the first page loads.
    manifest: true,
    chunkSizeWarningLimit: 600,
  },
  server: { port: 5173, strictPort: false },
});
