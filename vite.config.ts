import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig, type Rolldown } from 'vite';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import manifest from './manifest.json' with { type: 'json' };
import { forBrowser } from './scripts/manifest.ts';

// The page hook and the bridge are static content scripts (added to the built manifest here), so
// the browser injects them into every document from its first script on, whether or not the
// service worker is running yet (a registration by the worker came too late for pages that load
// as the browser or the extension starts). Chrome and Firefox 128+ both take `world: "MAIN"` in
// the manifest (MDN: content_scripts). crxjs turns a manifest content script into an async
// loader, which would run after the page's first script, so the manifest names the one-file IIFE
// builds crxjs makes for the worker's `?script` imports (extension/background/watching.ts injects
// the same files into tabs that were open before the extension started).
const PAGE_SCRIPTS = { hook: 'extension/content/page-hook.iife.js', bridge: 'extension/content/bridge.iife.js' };
const contentScripts = () => {
  const common = { matches: ['<all_urls>'], run_at: 'document_start', all_frames: true, match_about_blank: true, match_origin_as_fallback: true };
  // The hook first: the bridge, second, completes the handshake (extension/content/handshake.ts).
  return [
    { ...common, js: [PAGE_SCRIPTS.hook], world: 'MAIN' },
    { ...common, js: [PAGE_SCRIPTS.bridge], world: 'ISOLATED' },
  ];
};

// crxjs lists `?script` content scripts under web_accessible_resources, so any page could fetch
// chrome-extension://<id>/…/page-hook.iife.js to learn the extension is installed. Content scripts
// (static or injected with chrome.scripting) need no such entry
// (developer.chrome.com/docs/extensions/reference/manifest/web-accessible-resources: only
// resources a web page loads itself need listing).
const finishManifest = (defaultOutDir: string) => {
  let outDir = defaultOutDir;
  return {
    name: 'finish-manifest',
    // `npm start` builds into its own directory (build.outDir): write where the build went.
    configResolved(c: { build: { outDir: string } }) {
      outDir = c.build.outDir;
    },
    // crxjs also emits each `?script` content script as an ES chunk that nothing loads (its
    // plugin-contentScripts_iife.ts: "the extra chunk is unreferenced"): the manifest and the
    // worker name the IIFE builds. Every chunk no other entry reaches is deleted once written.
    writeBundle(_: unknown, bundle: Rolldown.OutputBundle) {
      const live = new Set<string>();
      const visit = (file: string) => {
        const c = bundle[file];
        if (live.has(file) || c?.type !== 'chunk') return;
        live.add(file);
        for (const f of [...c.imports, ...c.dynamicImports]) visit(f);
      };
      for (const c of Object.values(bundle)) if (c.type === 'chunk' && c.isEntry && !c.facadeModuleId?.includes('.iife.')) visit(c.fileName);
      for (const c of Object.values(bundle)) if (c.type === 'chunk' && !live.has(c.fileName)) rmSync(`${outDir}/${c.fileName}`, { force: true });
    },
    closeBundle() {
      const path = `${outDir}/manifest.json`;
      const m = JSON.parse(readFileSync(path, 'utf8')) as { web_accessible_resources?: { resources: string[] }[]; content_scripts?: unknown[] };
      for (const file of Object.values(PAGE_SCRIPTS)) if (!existsSync(`${outDir}/${file}`)) throw new Error(`${file} was not built`);
      const war = (m.web_accessible_resources ?? [])
        .map((r) => ({ ...r, resources: r.resources.filter((x) => !x.includes('/content/')) }))
        .filter((r) => r.resources.length > 0);
      if (war.length > 0) m.web_accessible_resources = war;
      else delete m.web_accessible_resources;
      m.content_scripts = contentScripts();
      writeFileSync(path, JSON.stringify(m, null, 2));
    },
  };
};

// One source tree, two builds: `vite build` → dist/ (Chrome), `vite build --mode firefox` → dist-firefox/.
export default defineConfig(({ mode }) => {
  const browser = mode === 'firefox' ? 'firefox' : 'chrome';
  const outDir = browser === 'firefox' ? 'dist-firefox' : 'dist';
  return {
    plugins: [preact(), crx({ manifest: forBrowser(manifest, browser), browser }), finishManifest(outDir)],
    build: {
      outDir,
      emptyOutDir: true,
      // The browsers the manifest allows (Chrome 119+, Firefox 128+) preload modules themselves
      // (MDN: rel=modulepreload, Chrome 66, Firefox 115): the polyfill would only add a file.
      modulePreload: { polyfill: false },
      // crxjs bundles only pages the manifest names; the panel is opened by devtools.panels.create.
      rollupOptions: { input: { panel: 'extension/panel/panel.html' } },
    },
    server: { strictPort: true, port: 5173, hmr: { port: 5173 } },
  };
});
