// Firefox's DevTools toolbox from outside: `npm start -- --firefox` opens it on the CORS panel, and
// the Firefox toolbox test reads the panel there. No WebExtension API selects a DevTools panel
// (MDN: devtools.panels), and Firefox names an extension's panel with an id made each time it is
// created (browser/components/extensions/parent/ext-devtools-panels.js, `newBasePanelId`), so
// `devtools.toolbox.selectedTool` cannot name it in advance. The toolbox lives in Firefox's
// privileged (chrome) scope, which WebDriver BiDi reaches when Firefox runs with
// --remote-allow-system-access (scripts/browser/firefox.ts): browsingContext.getTree with
// "moz:scope": "chrome" lists the browser windows, and script.callFunction runs there.
import type { Browser } from 'puppeteer-core';

type Bidi = { send(method: string, params: object): Promise<{ result: { contexts?: Array<{ context: string }>; result?: { value?: unknown } } }> };

/** Runs the source text of an async function, with string arguments, in the browser window's chrome scope. */
export type InChrome = (fn: string, ...args: string[]) => Promise<unknown>;

/** The chrome scope of the browser's first window. */
export async function chromeScope(browser: Browser): Promise<InChrome> {
  const bidi = (browser as unknown as { connection: Bidi }).connection;
  const tree = await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const window = tree.result.contexts?.[0]?.context;
  if (window === undefined) throw new Error('Firefox listed no browser window in its chrome scope');
  return async (fn, ...args) => {
    const { result } = await bidi.send('script.callFunction', {
      functionDeclaration: fn,
      target: { context: window },
      awaitPromise: true,
      arguments: args.map((value) => ({ type: 'string', value })),
    });
    if ((result as { type?: string }).type !== 'success') throw new Error(`chrome scope: ${JSON.stringify(result)}`);
    return result.result?.value;
  };
}

/** The lines that bring DevTools' `gDevTools` into a chrome-scope function (devtools/client/framework/devtools.js). */
export const DEVTOOLS = `const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
  const { gDevTools } = require('devtools/client/framework/devtools');`;

/**
 * Opens DevTools on the tab whose address starts with `url` and selects the CORS panel once the
 * extension's DevTools page has added it. Resolves to the tool's label if the toolbox then shows it,
 * or to the labels of the extension tools it found instead (empty when none came in `timeoutMs`).
 */
export async function selectFirefoxCorsPanel(inChrome: InChrome, url: string, timeoutMs = 20_000): Promise<string> {
  const label = await inChrome(
    `async (url, timeoutMs) => {
      ${DEVTOOLS}
      const tab = gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec.startsWith(url));
      if (!tab) return '';
      gBrowser.selectedTab = tab;
      const toolbox = await gDevTools.showToolboxForTab(tab, { toolId: 'webconsole' });
      for (const until = Date.now() + Number(timeoutMs); Date.now() < until; ) {
        const [cors] = toolbox.getAdditionalTools().filter((t) => t.label === 'CORS');
        if (cors) {
          await toolbox.selectTool(cors.id);
          await toolbox.getPanelWhenReady(cors.id);
          return toolbox.currentToolId === cors.id ? cors.label : '';
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      return toolbox.getAdditionalTools().map((t) => t.label).join(',');
    }`,
    url,
    String(timeoutMs),
  );
  return typeof label === 'string' ? label : '';
}

/** What the CORS panel's document shows: its address, its finding rows, its theme, whether the panel rendered. */
export interface PanelDocument {
  href: string;
  rows: number;
  theme?: string;
  rendered: boolean;
}

/**
 * The CORS panel's document in the selected tab's toolbox, or undefined while it is not loaded
 * (Firefox's --devtools opens a toolbox on its first tab too). It runs in
 * the extension's process, so a frame script sent to its <browser> reads it and answers.
 */
export async function corsPanelDocument(inChrome: InChrome): Promise<PanelDocument | undefined> {
  const json = await inChrome(`async () => {
    ${DEVTOOLS}
    const toolbox = gDevTools.getToolboxForTab(gBrowser.selectedTab);
    const frame = toolbox?.doc.querySelector('iframe[id^="toolbox-panel-iframe-webext-devtools-panel"]');
    const browser = frame?.contentDocument?.querySelector('browser');
    if (!browser || !browser.currentURI.spec.includes('/extension/panel/panel.html')) return '';
    const name = 'cors-probe-' + Math.random();
    return await new Promise((resolve) => {
      const mm = browser.messageManager;
      const got = (m) => { mm.removeMessageListener(name, got); resolve(JSON.stringify(m.data)); };
      mm.addMessageListener(name, got);
      mm.loadFrameScript('data:,sendAsyncMessage(' + JSON.stringify(name) + ', { href: content.location.href, rows: content.document.querySelectorAll("[data-testid=finding-row]").length, theme: content.document.documentElement.dataset.theme, rendered: content.document.querySelector(".cors-panel") !== null })', false);
      setTimeout(() => resolve(''), 5000);
    });
  }`);
  return typeof json === 'string' && json !== '' ? (JSON.parse(json) as PanelDocument) : undefined;
}
