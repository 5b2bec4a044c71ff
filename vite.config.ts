import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import { forBrowser } from './scripts/manifest';

// One source tree, two builds: `vite build` → dist/ (Chrome), `vite build --mode firefox` → dist-firefox/.
export default defineConfig(({ mode }) => {
  const browser = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    plugins: [preact(), crx({ manifest: forBrowser(manifest, browser), browser })],
    build: {
      outDir: browser === 'firefox' ? 'dist-firefox' : 'dist',
      emptyOutDir: true,
      // crxjs bundles only pages the manifest names; the panel is opened by devtools.panels.create.
      rollupOptions: { input: { panel: 'extension/panel/panel.html' } },
    },
    server: { strictPort: true, port: 5173, hmr: { port: 5173 } },
  };
});
