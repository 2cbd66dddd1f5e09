import { defineConfig } from 'vite';

// No inline scripts or styles end up in the build, so the server's CSP needs no 'unsafe-inline'.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8700' } },
});
