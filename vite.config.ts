import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

// The staff web app. The server serves dist/web under a strict CSP
// (script-src 'self'; style-src 'self'; nothing from other hosts), so the
// build must emit no inline script or style and reference no other origin.
export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  plugins: [react()],
  build: {
    // outDir is resolved against `root`, so give it absolutely.
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    // Every supported browser has modulepreload; the polyfill is only weight.
    modulePreload: { polyfill: false },
    // Inlined assets become data: URLs, which font-src 'self' refuses; keep them files.
    assetsInlineLimit: 0,
  },
  server: {
    // The dev server may read src/shared from the repository root.
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
});
