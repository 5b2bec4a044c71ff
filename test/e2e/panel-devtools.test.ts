// The panel inside a real DevTools window: Chromium opens DevTools for the lab tab
// (--auto-open-devtools-for-tabs), we switch it to the "CORS" panel, and read the panel's frame
// over CDP. Proves what an extension page with ?tabId= cannot: the inspected tab id and the theme
// come from chrome.devtools, and a DevTools theme switch restyles the panel live.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab/index';
import { cdpTargets, type CdpTargets } from '../../scripts/browser/devtools-targets';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/browser/launch';
import { until } from '../../scripts/browser/worker-rig';

const LEGACY = 'devtools://devtools/bundled/ui/legacy/legacy.js';
let lab: Lab;
let browser: ExtensionBrowser;
let cdp: CdpTargets;
let devtools: string;
let tabId: number;

beforeAll(async () => {
  mkdirSync('test/artifacts', { recursive: true });
  lab = await startLab();
  browser = await launchWithExtension({ args: ['--auto-open-devtools-for-tabs'] });
  const page = await browser.context.newPage();
  await page.goto(lab.pageUrl);
  const reader = await browser.context.newPage();
  await reader.goto(`chrome-extension://${browser.extensionId}/extension/popup/popup.html?tabId=0`);
  tabId = await reader.evaluate(async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)!.id!, lab.pageUrl);
  await reader.close();
  cdp = cdpTargets(await browser.context.browser()!.newBrowserCDPSession());
  // The DevTools window of the lab tab: the one whose inspected URL is the lab page.
  devtools = await until(
    async () => {
      for (const t of (await cdp.list()).filter((x) => x.type === 'page' && x.url.startsWith('devtools://'))) {
        const url = await cdp
          .evaluate<string>(
            t.targetId,
            `(async () => (await import('devtools://devtools/bundled/core/sdk/sdk.js')).TargetManager.TargetManager.instance().primaryPageTarget()?.inspectedURL() ?? '')()`,
          )
          .catch(() => '');
        if (url === lab.pageUrl) return t.targetId;
      }
      return '';
    },
    (id) => id !== '',
    'the DevTools window of the lab tab',
  );
  const panelId = `chrome-extension://${browser.extensionId}CORS`;
  await until(
    () => cdp.evaluate<string[]>(devtools, `(async () => (await import('${LEGACY}')).InspectorView.InspectorView.instance().tabbedPane.tabIds())()`),
    (ids) => ids.includes(panelId),
    'the CORS panel tab',
  );
  await cdp.evaluate(
    devtools,
    `(async () => { await (await import('${LEGACY}')).InspectorView.InspectorView.instance().showPanel('${panelId}'); return true; })()`,
  );
  await page.evaluate(() => (window as unknown as { lab: { run(id: string): Promise<unknown> } }).lab.run('preflight-acao-wildcard'));
});
afterAll(async () => {
  await browser?.close();
  await lab?.close();
});

const panelFrame = async () => (await cdp.list()).find((t) => t.url.includes('/extension/panel/panel.html'))?.targetId ?? '';
const inPanel = async <T>(expr: string) => cdp.evaluate<T>(await panelFrame(), expr);

describe('the CORS panel inside DevTools', () => {
  it('is created by the devtools page and shows the inspected tab, found through chrome.devtools', async () => {
    await until(panelFrame, (id) => id !== '', 'the panel frame');
    expect(await inPanel<number>('chrome.devtools.inspectedWindow.tabId')).toBe(tabId);
    const rows = await until(
      () => inPanel<string[]>(`[...document.querySelectorAll('[data-testid=finding-row]')].map((r) => r.textContent)`),
      (r) => r.length === 1,
      'one row',
    );
    expect(rows[0]).toContain('ACAO is * with credentials');
    expect(await inPanel<string>(`document.querySelector('.cors-panel').dataset.theme`)).toBe('light');
  });

  it('follows a DevTools theme switch', async () => {
    await cdp.evaluate(
      devtools,
      `(async () => { (await import('devtools://devtools/bundled/core/common/common.js')).Settings.Settings.instance().moduleSetting('ui-theme').set('dark'); return true; })()`,
    );
    await until(
      () => inPanel<string>(`document.querySelector('.cors-panel').dataset.theme`),
      (t) => t === 'dark',
      'the dark theme',
    );
    await inPanel(`document.querySelector('[data-testid=finding-row]').dispatchEvent(new MouseEvent('mousedown', { bubbles: true })), true`);
    await until(
      () => inPanel<boolean>(`!!document.querySelector('[data-testid=detail]')`),
      (v) => v,
      'the detail pane',
    );
    await cdp.screenshot(devtools, 'test/artifacts/panel-in-devtools.png');
  });
});
