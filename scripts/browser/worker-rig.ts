// What the worker's end-to-end tests and the recorders (scripts/record-findings.ts, record-har.ts)
// share: the lab, Chromium with the built extension, the lab page's tab, Chromium's own console
// sentences (the truth), and the documented message API read from an extension page, as an external
// suite would. It lives under scripts/ so tools never import from test/.
import type { CDPSession, Page } from 'playwright-core';
import { startLab, type Lab } from '../../lab/index';
import type { FindingReply, TabFinding, Unwatched } from '../../src/messages';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/browser/launch';

export interface Rig {
  lab: Lab;
  browser: ExtensionBrowser;
  /** The lab page: the inspected tab. */
  page: Page;
  tabId: number;
  /** An extension page, for the message API. */
  reader: Page;
  /** Chromium's console sentences on the lab page ("Access to …"), in order. */
  sentences: string[];
  close(): Promise<void>;
}

export interface FindingsReply {
  /** Stored findings with `fix.snippets` and an error's `messages` rendered at reply time. */
  findings: FindingReply[];
  dropped: number;
  preserveLog: boolean;
  blocked: number;
  unhooked?: boolean;
  unwatched?: Unwatched;
}

export async function startRig(): Promise<Rig> {
  const lab = await startLab();
  const browser = await launchWithExtension();
  try {
    const page = await browser.context.newPage();
    const sentences: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && m.text().startsWith('Access to ')) sentences.push(m.text());
    });
    await page.goto(lab.pageUrl);
    const reader = await browser.context.newPage();
    await reader.goto(`chrome-extension://${browser.extensionId}/extension/popup/popup.html`);
    const tabId = await reader.evaluate(async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id, lab.pageUrl);
    if (typeof tabId !== 'number') throw new Error('lab tab not found');
    return {
      lab,
      browser,
      page,
      tabId,
      reader,
      sentences,
      async close() {
        await browser.close();
        await lab.close();
      },
    };
  } catch (e) {
    await browser.close();
    await lab.close();
    throw e;
  }
}

/** `chrome.runtime.sendMessage({ type: 'cors/findings', tabId })`, from an extension page. */
export function readFindings(rig: Rig): Promise<FindingsReply> {
  return rig.reader.evaluate<FindingsReply, number>((tabId) => chrome.runtime.sendMessage({ type: 'cors/findings', tabId }), rig.tabId);
}

export async function badgeText(rig: Rig): Promise<string> {
  const sw = await rig.browser.serviceWorker();
  return sw.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), rig.tabId);
}

export function runScenario(rig: Rig, id: string): Promise<{ ok: boolean; status?: number; url: string }> {
  return rig.page.evaluate((x) => (window as unknown as { lab: { run(id: string): Promise<{ ok: boolean; status?: number; url: string }> } }).lab.run(x), id);
}

/** Polls `read` until `done` holds; throws with the last value after `timeoutMs`. */
export async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, what: string, timeoutMs = 20_000, intervalMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
    last = await read();
  }
  return last;
}

/** The scenario a URL belongs to (lab URLs are …/s/<id>/<hop>?run=…). */
export const scenarioOf = (url: string): string | undefined => /\/s\/([a-z0-9-]+)\//.exec(url)?.[1];

export const errorsOf = <F extends TabFinding>(fs: readonly F[]): F[] => fs.filter((f) => f.severity === 'error');

/**
 * A CDP session on the extension's service worker, through the lab page's session (Playwright
 * exposes no Worker session): Target.attachToTarget without flatten, messages wrapped in
 * Target.sendMessageToTarget.
 */
export async function workerCdp(rig: Rig) {
  const session: CDPSession = await rig.browser.context.newCDPSession(rig.reader);
  const send0 = (method: string, params: object = {}) => (session.send as (m: string, p: object) => Promise<unknown>)(method, params);
  const { targetInfos } = (await send0('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${rig.browser.extensionId}/`));
  if (!target) throw new Error('extension service worker target not found');
  const { sessionId } = (await send0('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
  let id = 0;
  const waiting = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  const events: { method: string; params: Record<string, unknown> }[] = [];
  (session.on as (e: string, fn: (p: { sessionId: string; message: string }) => void) => void)('Target.receivedMessageFromTarget', (p) => {
    if (p.sessionId !== sessionId) return;
    const m = JSON.parse(p.message) as { id?: number; method?: string; params?: Record<string, unknown>; result?: unknown };
    if (m.id !== undefined) waiting.get(m.id)?.(m);
    else if (m.method) events.push({ method: m.method, params: m.params ?? {} });
  });
  return {
    events,
    send<T = unknown>(method: string, params: object = {}): Promise<T> {
      const mine = ++id;
      return new Promise<T>((resolve, reject) => {
        waiting.set(mine, (m) => (m.error ? reject(new Error(m.error.message)) : resolve(m.result as T)));
        void send0('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: mine, method, params }) }).catch(reject);
      });
    },
    /** Stops every service worker of the extension's storage partition (Chromium 156: works). */
    stopAllWorkers: async () => {
      await send0('ServiceWorker.enable');
      await send0('ServiceWorker.stopAllWorkers');
    },
    detach: () => session.detach().catch(() => {}),
  };
}
