import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web app is served by the API server in production (from web/dist);
// in development `vite` proxies /api to the server on :3000.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://localhost:3000', '/.well-known': 'http://localhost:3000' } },
});
