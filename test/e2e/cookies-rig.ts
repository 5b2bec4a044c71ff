// What the cookie e2e tests share: the lab, Chromium with the extension and a chosen cookie
// setting, DevTools' own verdict on each cookie (the truth: CDP Network.*ExtraInfo blocked
// reasons, recorded live on the lab page), and the worker's findings.
import type { Page } from 'playwright-core';
import { startLab, type Lab } from '../../lab/index';
import type { TabFinding } from '../../src/messages';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/browser/launch';

export type CookieSetting = 'allowed' | 'blocked';

/** Resolved to the cookie API by Chromium (--host-resolver-rules): a host that is not potentially trustworthy. */
export const NAMED_HOST = 'cookie-api.test';

/** DevTools' reasons for one cookie on one request: 'set' from the response, 'send' from the request. */
export interface DevtoolsVerdict {
  url: string;
  phase: 'set' | 'send';
  name: string;
  reasons: string[];
}

export interface CookieRig {
  lab: Lab;
  browser: ExtensionBrowser;
  page: Page;
  reader: Page;
  devtools: DevtoolsVerdict[];
  tabIdOf(url: string): Promise<number>;
  findings(tabId: number): Promise<TabFinding[]>;
  close(): Promise<void>;
}

interface ExtraInfo {
  requestId: string;
  blockedCookies?: { blockedReasons: string[]; cookieLine: string; cookie?: { name: string } }[];
  associatedCookies?: { blockedReasons: string[]; cookie: { name: string } }[];
}

/** Records DevTools' cookie verdicts on `page` (names and reasons only). */
export async function watchDevtools(page: Page, into: DevtoolsVerdict[]): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const urls = new Map<string, string>();
  // The ExtraInfo events can arrive before Network.requestWillBeSent: read the URL lazily.
  const verdict = (requestId: string, v: Omit<DevtoolsVerdict, 'url'>): DevtoolsVerdict =>
    Object.defineProperty(v, 'url', { enumerable: true, get: () => urls.get(requestId) ?? '' }) as DevtoolsVerdict;
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => void urls.set(e.requestId, e.request.url));
  cdp.on('Network.responseReceivedExtraInfo', (e: ExtraInfo) => {
    for (const b of e.blockedCookies ?? [])
      into.push(verdict(e.requestId, { phase: 'set', name: b.cookie?.name ?? b.cookieLine.split('=')[0]!.trim(), reasons: b.blockedReasons }));
  });
  cdp.on('Network.requestWillBeSentExtraInfo', (e: ExtraInfo) => {
    for (const a of e.associatedCookies ?? [])
      if (a.blockedReasons.length) into.push(verdict(e.requestId, { phase: 'send', name: a.cookie.name, reasons: a.blockedReasons }));
  });
  await cdp.send('Network.enable');
}

export async function startCookieRig(setting: CookieSetting): Promise<CookieRig> {
  const lab = await startLab();
  // cookie_controls_mode 0: third-party cookies allowed; Chromium 156's default blocks them.
  // A name for the cookie API that is not loopback, so plain http is not "secure" (Secure cookies).
  const args = [`--host-resolver-rules=MAP ${NAMED_HOST} ${new URL(lab.cookieOrigin).hostname}`];
  const browser = await launchWithExtension({ args, ...(setting === 'allowed' ? { preferences: { profile: { cookie_controls_mode: 0 } } } : {}) }).catch(
    async (e: unknown) => {
      await lab.close();
      throw e;
    },
  );
  const devtools: DevtoolsVerdict[] = [];
  const page = await browser.context.newPage();
  await watchDevtools(page, devtools);
  await page.goto(lab.pageUrl);
  const reader = await browser.context.newPage();
  await reader.goto(`chrome-extension://${browser.extensionId}/extension/popup/popup.html`);
  const tabIdOf = async (url: string): Promise<number> => {
    const id = await reader.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);
    if (typeof id !== 'number') throw new Error(`no tab for ${url}`);
    return id;
  };
  return {
    lab,
    browser,
    page,
    reader,
    devtools,
    tabIdOf,
    findings: async (tabId) =>
      (await reader.evaluate<{ findings: TabFinding[] }, number>((t) => chrome.runtime.sendMessage({ type: 'cors/findings', tabId: t }), tabId)).findings,
    async close() {
      await browser.close();
      await lab.close();
    },
  };
}

export interface CookieRun {
  id: string;
  status: number;
  cookies: string[];
  sent: boolean;
}

export const runCookieFlows = (page: Page): Promise<CookieRun[]> =>
  page.evaluate(() => (window as unknown as { cookieLab: { runAll(): Promise<CookieRun[]> } }).cookieLab.runAll());

export const caseOf = (url: string): string | undefined => /\/ck\/([a-z0-9-]+)\//.exec(url)?.[1];
