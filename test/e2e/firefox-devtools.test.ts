// The CORS panel inside Firefox ESR's own DevTools toolbox, not as a plain page with ?tabId=: the
// DevTools page creates it through platform.ts, the panel takes the inspected tab and the theme
// from `devtools` (inspectedWindow.tabId, panels.themeName, panels.onThemeChanged), and lists that
// tab's findings live. The toolbox lives in Firefox's privileged (chrome) scope, which WebDriver
// BiDi reaches with --remote-allow-system-access ("moz:scope": "chrome"); the panel's document
// runs in the extension process, so it is read with a frame script sent to its <browser>.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startLab, type Lab } from '../../lab/index';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/browser/firefox-extension';

type Bidi = { send(method: string, params: object): Promise<{ result: { contexts?: Array<{ context: string }>; result?: { value?: unknown } } }> };
type PanelState = { href: string; rows: number; theme?: string };

let lab: Lab;
let ff: FirefoxWithExtension;
let page: Page;
let bidi: Bidi;
let chromeWindow: string;

/** Runs `fn` (source text of an async function) in the browser window's privileged scope. */
async function inChrome(fn: string, ...args: string[]): Promise<unknown> {
  const { result } = await bidi.send('script.callFunction', {
    functionDeclaration: fn,
    target: { context: chromeWindow },
    awaitPromise: true,
    arguments: args.map((value) => ({ type: 'string', value })),
  });
  if ((result as { type?: string }).type !== 'success') throw new Error(`chrome scope: ${JSON.stringify(result)}`);
  return result.result?.value;
}

const DEVTOOLS = `const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
  const { gDevTools } = require('devtools/client/framework/devtools');`;

/** What the CORS panel's document shows now, or undefined while it is not loaded. */
async function panelState(): Promise<PanelState | undefined> {
  const json = await inChrome(`async () => {
    ${DEVTOOLS}
    const toolbox = [...gDevTools.getToolboxes()][0];
    const frame = toolbox?.doc.querySelector('iframe[id^="toolbox-panel-iframe-webext-devtools-panel"]');
    const browser = frame?.contentDocument?.querySelector('browser');
    if (!browser || !browser.currentURI.spec.includes('/extension/panel/panel.html')) return '';
    const name = 'cors-probe-' + Math.random();
    return await new Promise((resolve) => {
      const mm = browser.messageManager;
      const got = (m) => { mm.removeMessageListener(name, got); resolve(JSON.stringify(m.data)); };
      mm.addMessageListener(name, got);
      mm.loadFrameScript('data:,sendAsyncMessage(' + JSON.stringify(name) + ', { href: content.location.href, rows: content.document.querySelectorAll("[data-testid=finding-row]").length, theme: content.document.documentElement.dataset.theme })', false);
      setTimeout(() => resolve(''), 5000);
    });
  }`);
  return json ? (JSON.parse(json as string) as PanelState) : undefined;
}

async function run(id: string): Promise<void> {
  const r = await page.evaluate((x) => (window as unknown as { lab: { run(id: string): Promise<{ ok: boolean }> } }).lab.run(x), id);
  expect(r.ok, id).toBe(false);
}

beforeAll(async () => {
  lab = await startLab();
  // The toolbox opens dark, so the panel's theme can only have come from DevTools.
  ff = await launchFirefoxWithExtension({ prefs: { 'devtools.theme': 'dark' } });
  page = await ff.browser.newPage();
  await page.goto(lab.pageUrl);
  bidi = (ff.browser as unknown as { connection: Bidi }).connection;
  const tree = await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  chromeWindow = tree.result.contexts![0]!.context;
});

afterAll(async () => {
  await ff?.close();
  await lab?.close();
});

describe("the CORS panel in Firefox ESR's DevTools toolbox", () => {
  test('is created by the DevTools page, follows the inspected tab and the DevTools theme', async () => {
    await run('acao-wildcard');
    const label = await inChrome(
      `async (url) => {
        ${DEVTOOLS}
        const tab = gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec.startsWith(url));
        const toolbox = await gDevTools.showToolboxForTab(tab, { toolId: 'webconsole' });
        for (let i = 0; i < 200; i++) {
          const [cors] = toolbox.getAdditionalTools().filter((t) => t.label === 'CORS');
          if (cors) {
            await toolbox.selectTool(cors.id);
            return cors.label;
          }
          await new Promise((r) => setTimeout(r, 50));
        }
        return toolbox.getAdditionalTools().map((t) => t.label).join(',');
      }`,
      lab.pageUrl,
    );
    expect(label).toBe('CORS');
    await expect.poll(panelState, { timeout: 20_000 }).toMatchObject({ rows: 1, theme: 'dark' });
    // No ?tabId= and no ?theme=: both came from DevTools.
    expect((await panelState())!.href).toMatch(/\/extension\/panel\/panel\.html$/);

    await run('preflight-401-with-cors');
    await expect.poll(panelState, { timeout: 20_000 }).toMatchObject({ rows: 2 });

    // The user switches DevTools to the light theme: panels.onThemeChanged restyles the open panel.
    await inChrome(`async () => Services.prefs.setCharPref('devtools.theme', 'light')`);
    await expect.poll(panelState, { timeout: 20_000 }).toMatchObject({ rows: 2, theme: 'light' });
  });
});
