import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The dashboard of integration-settings: built to web/dist and served at `/` by the
// service, which also answers the API on the same origin. `vite --config <this file>`
// serves it in development with /v1 proxied to DASHBOARD_API (default the local service).
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 300,
  },
  server: {
    proxy: { '/v1': process.env.DASHBOARD_API ?? 'http://127.0.0.1:3002' },
  },
});
