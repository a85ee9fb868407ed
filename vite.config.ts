// The renderer: Vite root renderer/, output dist/renderer, relative asset paths so the same build
// loads from file:// (Electron) and from the serve mode's HTTP server.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome120',
    modulePreload: { polyfill: false },
  },
});
