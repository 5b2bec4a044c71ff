import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { readFileSync, writeFileSync } from 'node:fs';
import manifest from './manifest.json' with { type: 'json' };
import { forBrowser } from './scripts/manifest.ts';

// crxjs lists `?script` content scripts under web_accessible_resources, so any page could fetch
// chrome-extension://<id>/…/page-hook.iife.js to learn the extension is installed. We inject them
// with chrome.scripting, which needs no such entry (developer.chrome.com/docs/extensions/reference/
// manifest/web-accessible-resources: only resources a web page loads itself need listing).
const unlistContentScripts = (outDir: string) => ({
  name: 'unlist-content-scripts',
  closeBundle() {
    const path = `${outDir}/manifest.json`;
    const m = JSON.parse(readFileSync(path, 'utf8')) as { web_accessible_resources?: { resources: string[] }[] };
    const war = (m.web_accessible_resources ?? [])
      .map((r) => ({ ...r, resources: r.resources.filter((x) => !x.includes('/content/')) }))
      .filter((r) => r.resources.length > 0);
    if (war.length > 0) m.web_accessible_resources = war;
    else delete m.web_accessible_resources;
    writeFileSync(path, JSON.stringify(m, null, 2));
  },
});

// One source tree, two builds: `vite build` → dist/ (Chrome), `vite build --mode firefox` → dist-firefox/.
export default defineConfig(({ mode }) => {
  const browser = mode === 'firefox' ? 'firefox' : 'chrome';
  const outDir = browser === 'firefox' ? 'dist-firefox' : 'dist';
  return {
    plugins: [preact(), crx({ manifest: forBrowser(manifest, browser), browser }), unlistContentScripts(outDir)],
    build: {
      outDir,
      emptyOutDir: true,
      // crxjs bundles only pages the manifest names; the panel is opened by devtools.panels.create.
      rollupOptions: { input: { panel: 'extension/panel/panel.html' } },
    },
    server: { strictPort: true, port: 5173, hmr: { port: 5173 } },
  };
});
