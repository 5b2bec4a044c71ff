// Requests a page's workers make, in real Chromium with the extension: a service worker's and a
// shared worker's requests reach webRequest with no tab (tabId -1), a dedicated worker's with the
// page's tab; none runs the page hook. Each blocked credentialed fetch must be listed on the page's
// tab, once, in the words Chromium printed in that worker's own console (read over CDP), the first
// two marked as coming from a worker.
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKERS_PATH } from '../../lab/workers';
import type { TabFinding } from '../../src/messages';
import { errorsOf, startRig, until, type Rig } from '../../scripts/browser/worker-rig';

type Kind = 'service' | 'shared' | 'dedicated';
const TARGET_TYPE: Record<Kind, string> = { service: 'service_worker', shared: 'shared_worker', dedicated: 'worker' };
const SCRIPT: Record<Kind, string> = { service: 'sw.js', shared: 'shared.js', dedicated: 'dedicated.js' };

let rig: Rig;
let page: Page;
let cdp: CDPSession;
let tabId: number;
/** Chromium's console sentences in each worker (Log.entryAdded, category 'cors'). */
const said: Record<Kind, string[]> = { service: [], shared: [], dedicated: [] };

/** Attach to one of the page's worker targets and keep its CORS console lines. */
async function listenToWorker(kind: Kind): Promise<void> {
  const send = (method: string, params: object = {}) => (cdp.send as (m: string, p: object) => Promise<unknown>)(method, params);
  const { targetInfos } = (await send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const target = targetInfos.find((t) => t.type === TARGET_TYPE[kind] && t.url === `${rig.lab.pageOrigin}${WORKERS_PATH}${SCRIPT[kind]}`);
  if (!target) throw new Error(`no ${kind} worker target`);
  const { sessionId } = (await send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
  (cdp.on as (e: string, fn: (p: { sessionId: string; message: string }) => void) => void)('Target.receivedMessageFromTarget', (p) => {
    if (p.sessionId !== sessionId) return;
    const m = JSON.parse(p.message) as { method?: string; params?: { entry?: { category?: string; text?: string } } };
    if (m.method === 'Log.entryAdded' && m.params?.entry?.category === 'cors') said[kind].push(m.params.entry.text ?? '');
  });
  await send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Log.enable', params: {} }) });
}

const run = (kind: Kind, url: string) =>
  page.evaluate(([k, u]) => (window as unknown as { workersLab: { run(k: string, u: string): Promise<{ ok: boolean }> } }).workersLab.run(k, u), [
    kind,
    url,
  ] as const);

async function findingsOf(tab: number): Promise<TabFinding[]> {
  const reply = await rig.reader.evaluate<{ findings: TabFinding[] }, number>((t) => chrome.runtime.sendMessage({ type: 'cors/findings', tabId: t }), tab);
  return reply.findings;
}

beforeAll(async () => {
  rig = await startRig();
  page = await rig.browser.context.newPage();
  await page.goto(`${rig.lab.pageOrigin}${WORKERS_PATH}`);
  await page.evaluate(() => (window as unknown as { workersLab: { ready: Promise<boolean> } }).workersLab.ready);
  cdp = await rig.browser.context.newCDPSession(page);
  for (const kind of ['service', 'shared', 'dedicated'] as const) await listenToWorker(kind);
  const id = await rig.reader.evaluate(async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id, `${rig.lab.pageOrigin}${WORKERS_PATH}`);
  if (typeof id !== 'number') throw new Error('workers tab not found');
  tabId = id;
});
afterAll(async () => {
  await cdp?.detach().catch(() => {});
  await rig?.close();
});

describe("requests from a page's workers", () => {
  const cases = [
    // A '*' with credentials, cross-site; no ACAC, same-site (no cookie in scope: the outcome tells 'include').
    { scenario: 'acao-wildcard', origin: () => rig.lab.crossSiteOrigin },
    { scenario: 'acac-missing-same-host', origin: () => rig.lab.sameSiteOrigin },
  ];

  it("each blocked credentialed fetch is listed on the page's tab, once, in the worker console's words", async () => {
    const urls: { kind: Kind; url: string }[] = [];
    for (const c of cases) {
      for (const kind of ['service', 'shared', 'dedicated'] as const) {
        const url = `${c.origin()}/s/${c.scenario}/0?run=worker-${kind}-${c.scenario}`;
        expect((await run(kind, url)).ok, `${kind} ${c.scenario}`).toBe(false);
        urls.push({ kind, url });
      }
    }
    const findings = await until(
      () => findingsOf(tabId),
      (fs) => urls.every((u) => fs.some((f) => f.url === u.url)),
      'a finding for every worker request',
    );
    for (const { kind, url } of urls) {
      const mine = errorsOf(findings).filter((f) => f.url === url);
      const sentence = said[kind].filter((s) => s.includes(`'${url}'`));
      expect(sentence, `${kind} ${url}`).toHaveLength(1);
      expect(
        mine.map((f) => f.message),
        `${kind} ${url}`,
      ).toEqual(sentence);
      expect(mine[0]!.credentials, url).toBe('include');
      // webRequest gave the service and shared workers' requests no tab: they are marked as such.
      expect(mine[0]!.fromWorker, `${kind} ${url}`).toBe(kind === 'dedicated' ? undefined : true);
    }
  });

  it('a tab-less worker request is listed on the most recently loaded tab of its origin, and on no other', async () => {
    const url = `${rig.lab.crossSiteOrigin}/s/acao-wildcard/0?run=worker-one-tab`;
    expect((await run('service', url)).ok).toBe(false);
    // The workers page is the newest page of the lab's origin; the lab page (the rig's tab, same
    // origin, loaded first) and a page of another origin get nothing.
    await until(
      () => findingsOf(tabId),
      (fs) => fs.some((f) => f.url === url),
      'the finding on the workers tab',
    );
    expect((await findingsOf(tabId)).filter((f) => f.url === url)).toHaveLength(1);
    expect((await findingsOf(rig.tabId)).filter((f) => f.url === url)).toEqual([]);
    const other = await rig.browser.context.newPage();
    const otherUrl = `${rig.lab.crossSiteOrigin}/s/control-get-cross-site/0?run=another-tab`;
    await other.goto(otherUrl);
    const otherId = await rig.reader.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, otherUrl);
    expect(typeof otherId).toBe('number');
    expect((await findingsOf(otherId!)).filter((f) => f.url === url)).toEqual([]);
    await other.close();
  });
});
