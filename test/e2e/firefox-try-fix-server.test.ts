// "Try fix" on a server's merged fix, in real Firefox ESR (WebDriver BiDi), on the lab's one-API
// page (lab/one-api.ts), as test/e2e/try-fix-server.test.ts does in Chromium: every covered
// request accepted when the page sends it again, except the preflight answered 401 (its status
// change is the server's part, reported as such); a URL the fix was not built from and another tab
// untouched; off makes them blocked again; no rule after Stop, expiry or tab close. The page's own
// fetch result is the truth.
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startLab, type Lab } from '../../lab/index';
import { ONE_API_PATH, oneApiRequests } from '../../lab/one-api';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/browser/firefox-extension';
import { askFindings, tabIdOf } from '../../scripts/start-firefox';
import type { TabFinding, TrialState } from '../../src/messages';
import { until } from '../../scripts/browser/worker-rig';

type Run = { ok: boolean; status?: number; url: string };
type Reply = { ok: boolean; rules?: number; expires?: number; untried?: string[]; covered?: string[]; error?: string };
const COVERED = ['me', 'put', 'post', 'account'];
/** Its preflight is answered 401: the fix's status change is the server's part. */
const STATUS = 'account';

let lab: Lab;
let ff: FirefoxWithExtension;
let page: Page;
let reader: Page;
let tabId: number;
let pageUrl: string;

const runIn = (p: Page, id: string): Promise<Run> => p.evaluate((x) => (window as unknown as { oneApi: { run(id: string): Promise<Run> } }).oneApi.run(x), id);
const tryFix = (msg: object): Promise<Reply> => reader.evaluate((m) => chrome.runtime.sendMessage(m), msg) as Promise<Reply>;
const sessionRules = () => reader.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.declarativeNetRequest.getSessionRules());
const trialOf = (t: number) =>
  reader.evaluate(
    async (x) => ((await chrome.storage.session.get('cors-trials'))['cors-trials'] as TrialState[] | undefined)?.find((s) => s.tabId === x) ?? null,
    t,
  );

/** The blocked findings of these runs, once the worker has judged them all. */
async function findingsOf(tab: number, runs: Run[]): Promise<TabFinding[]> {
  const isRun = (f: TabFinding, x: Run) => f.severity === 'error' && f.record.hops[0]!.url === x.url;
  const all = await until(
    () => askFindings(reader, tab),
    (fs) => runs.every((x) => fs.some((f) => isRun(f, x))),
    `the findings of ${runs.length} requests`,
  );
  return runs.map((x) => all.find((f) => isRun(f, x))!);
}

beforeAll(async () => {
  lab = await startLab();
  pageUrl = `${lab.pageOrigin}${ONE_API_PATH}`;
  ff = await launchFirefoxWithExtension();
  page = await ff.browser.newPage();
  await page.goto(pageUrl);
  reader = await ff.openExtensionPage('/extension/popup/popup.html?tabId=0');
  tabId = await tabIdOf(reader, pageUrl);
  await page.bringToFront();
});
afterAll(async () => {
  await ff?.close();
  await lab?.close();
});
afterEach(async () => {
  await tryFix({ type: 'cors/try-fix', tabId, off: true });
});

describe('Try fix on a server fix in Firefox ESR', () => {
  test('accepts every covered request (the status change reported as the server\u2019s part), leaves another URL and another tab alone, and off blocks them again', async () => {
    const before: Run[] = [];
    for (const id of COVERED) before.push(await runIn(page, id));
    expect(before.map((r) => r.ok)).toEqual(COVERED.map(() => false));
    const fs = await findingsOf(tabId, before);

    const reply = await tryFix({ type: 'cors/try-fix', tabId, server: lab.crossSiteOrigin });
    expect(reply).toMatchObject({ ok: true });
    expect(new Set(reply.covered)).toEqual(new Set(fs.map((f) => f.requestId)));
    expect((await sessionRules()).length).toBe(reply.rules);
    expect(reply.untried!.join(' ')).toMatch(/cannot change a status code/);

    const during: Record<string, Run> = {};
    for (const id of COVERED) during[id] = await runIn(page, id);
    for (const id of COVERED) expect(during[id]!.ok, `${id} under the trial`).toBe(id !== STATUS);
    const trial = await until(
      () => trialOf(tabId),
      (t) => t?.covered?.every((c) => c.outcome !== undefined) === true,
      'an outcome for every covered request',
    );
    expect(trial!.server).toBe(lab.crossSiteOrigin);
    for (const c of trial!.covered!) {
      const id = oneApiRequests.find((x) => c.url.endsWith(`${ONE_API_PATH}${x.path}`))!.id;
      expect(c.before, id).toBe(fs[COVERED.indexOf(id)]!.message);
      // Never a false claim: Firefox's verdict (or the headers it showed) matches the page's.
      expect(c.outcome!.accepted, id).toBe(during[id]!.ok);
      if (id === STATUS) {
        expect(c.needsStatus, id).toBe(true);
        expect(c.outcome!.statusOnly, `${id}: blocked on the status alone`).toBe(true);
      }
    }

    const later = await runIn(page, 'later');
    expect(later.ok, 'an uncovered URL').toBe(false);
    await findingsOf(tabId, [later]);
    const other = await ff.browser.newPage();
    await other.goto(pageUrl);
    expect((await runIn(other, 'me')).ok, 'another tab').toBe(false);
    await other.close();
    await page.bringToFront();

    expect(await tryFix({ type: 'cors/try-fix', tabId, off: true })).toEqual({ ok: true });
    expect(await sessionRules()).toEqual([]);
    expect(await trialOf(tabId)).toBeNull();
    for (const id of COVERED) expect((await runIn(page, id)).ok, `${id} after off`).toBe(false);
  });

  test('replaces a single-request trial without leaving its rules, and leaves no rule after expiry or after its tab closes', async () => {
    const [me] = await findingsOf(tabId, [await runIn(page, 'me')]);
    expect((await tryFix({ type: 'cors/try-fix', tabId, requestId: me!.requestId })).ok).toBe(true);
    const oneIds = (await sessionRules()).map((r) => r.id);
    const server = await tryFix({ type: 'cors/try-fix', tabId, server: lab.crossSiteOrigin, ttlMs: 2000 });
    expect(server.ok).toBe(true);
    const now = await sessionRules();
    expect(now.length).toBe(server.rules);
    expect(now.filter((r) => oneIds.includes(r.id))).toEqual([]);
    expect((await runIn(page, 'post')).ok).toBe(true);
    await until(sessionRules, (rules) => rules.length === 0, 'no rule after expiry');
    expect(await trialOf(tabId)).toBeNull();
    expect((await runIn(page, 'post')).ok).toBe(false);

    const other = await ff.browser.newPage();
    await other.goto(pageUrl);
    const otherTab = (await reader.evaluate(async (u) => (await chrome.tabs.query({})).filter((t) => t.url?.startsWith(u)).map((t) => t.id!), pageUrl)).find(
      (id) => id !== tabId,
    )!;
    expect(otherTab).toBeDefined();
    await findingsOf(otherTab, [await runIn(other, 'me'), await runIn(other, 'post')]);
    const reply = await tryFix({ type: 'cors/try-fix', tabId: otherTab, server: lab.crossSiteOrigin });
    expect(reply).toMatchObject({ ok: true });
    expect(reply.covered).toHaveLength(2);
    expect((await runIn(other, 'me')).ok).toBe(true);
    await page.bringToFront();
    expect((await runIn(page, 'me')).ok, 'the first tab').toBe(false);
    await other.close();
    await until(sessionRules, (rules) => rules.length === 0, 'no rule after the tab closed');
  });
});
