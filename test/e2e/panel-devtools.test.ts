// The panel inside a real DevTools window: Chromium opens DevTools for the lab tab
// (--auto-open-devtools-for-tabs), we switch it to the "CORS" panel, and read the panel's frame
// over CDP. Proves what an extension page with ?tabId= cannot: the inspected tab id and the theme
// come from chrome.devtools, and a DevTools theme switch restyles the panel live.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab/index';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/browser/launch';
import { until } from '../../scripts/browser/worker-rig';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/** Runtime.evaluate in any target (DevTools' own page, an OOPIF), through the browser session. */
function targets(session: CDPSession) {
  const send = (method: string, params: object = {}) => (session.send as (m: string, p: object) => Promise<unknown>)(method, params);
  let id = 0;
  const waiting = new Map<number, (m: { result?: { result?: { value?: unknown }; exceptionDetails?: unknown } }) => void>();
  (session.on as (e: string, fn: (p: { sessionId: string; message: string }) => void) => void)('Target.receivedMessageFromTarget', (p) => {
    const m = JSON.parse(p.message) as { id?: number; result?: { result?: { value?: unknown }; exceptionDetails?: unknown } };
    if (m.id !== undefined) waiting.get(m.id)?.(m);
  });
  const sessions = new Map<string, string>();
  return {
    list: async () => ((await send('Target.getTargets')) as { targetInfos: TargetInfo[] }).targetInfos,
    async evaluate<T>(targetId: string, expression: string): Promise<T> {
      let sessionId = sessions.get(targetId);
      if (!sessionId) {
        sessionId = ((await send('Target.attachToTarget', { targetId, flatten: false })) as { sessionId: string }).sessionId;
        sessions.set(targetId, sessionId);
      }
      const mine = ++id;
      const reply = await new Promise<{ result?: { result?: { value?: unknown }; exceptionDetails?: unknown } }>((resolve) => {
        waiting.set(mine, resolve);
        void send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id: mine, method: 'Runtime.evaluate', params: { expression, awaitPromise: true, returnByValue: true } }),
        });
      });
      if (reply.result?.exceptionDetails) throw new Error(`evaluate failed: ${JSON.stringify(reply.result.exceptionDetails).slice(0, 300)}`);
      return reply.result?.result?.value as T;
    },
    async screenshot(targetId: string, path: string) {
      const sessionId = sessions.get(targetId)!;
      const mine = ++id;
      const reply = await new Promise<{ result?: { data?: string } }>((resolve) => {
        waiting.set(mine, resolve as never);
        void send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id: mine, method: 'Page.captureScreenshot', params: { format: 'png' } }),
        });
      });
      writeFileSync(path, Buffer.from(reply.result!.data!, 'base64'));
    },
  };
}

const LEGACY = 'devtools://devtools/bundled/ui/legacy/legacy.js';
let lab: Lab;
let browser: ExtensionBrowser;
let cdp: ReturnType<typeof targets>;
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
  cdp = targets(await browser.context.browser()!.newBrowserCDPSession());
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
