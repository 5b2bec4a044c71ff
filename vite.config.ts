import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

export default defineConfig({
  plugins: [preact(), crx({ manifest })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // crxjs bundles only pages the manifest names; the panel is opened by devtools.panels.create.
    rollupOptions: { input: { panel: 'extension/panel/panel.html' } },
  },
  server: { strictPort: true, port: 5173, hmr: { port: 5173 } },
});
