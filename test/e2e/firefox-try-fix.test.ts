// "Try fix" in real Firefox ESR (WebDriver BiDi): Firefox's declarativeNetRequest sets response
// headers with session rules as Chromium's does (MDN declarativeNetRequest.ModifyHeaderInfo,
// "responseHeaders"), so the same worker code runs. For every blocked lab scenario the trial makes
// the same request accepted (a status change aside, reported as such), and off makes it blocked
// again; another tab is untouched; no rule is left after Stop, tab close or expiry. The lab
// page's own fetch result is the truth.
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { withoutUserinfo } from '../../extension/background/collector';
import { startLab, type Lab } from '../../lab/index';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/browser/firefox-extension';
import { askFindings, tabIdOf } from '../../scripts/start-firefox';
import type { TabFinding, TrialState } from '../../src/messages';
import { until } from '../../scripts/browser/worker-rig';

type RunResult = { ok: boolean; status?: number; url: string };
type Reply = { ok: boolean; rules?: number; expires?: number; untried?: string[]; error?: string };

/** The server sends the header the plan sets twice: Firefox's DNR "set" replaces one of the lines. */
const REPEATED = ['acao-two-lines', 'acao-two-lines-xhr', 'preflight-acao-two-lines', 'second-layer-copy'];

let lab: Lab;
let ff: FirefoxWithExtension;
let page: Page;
let reader: Page;
let tabId: number;

const runIn = (p: Page, id: string): Promise<RunResult> =>
  p.evaluate((x) => (window as unknown as { lab: { run(id: string): Promise<RunResult> } }).lab.run(x), id);
const run = (id: string) => runIn(page, id);
const tryFix = (msg: object): Promise<Reply> => reader.evaluate((m) => chrome.runtime.sendMessage(m), msg) as Promise<Reply>;
const sessionRules = () => reader.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.declarativeNetRequest.getSessionRules());
const trialOf = (t: number) =>
  reader.evaluate(
    async (x) => ((await chrome.storage.session.get('cors-trials'))['cors-trials'] as TrialState[] | undefined)?.find((s) => s.tabId === x) ?? null,
    t,
  );

async function findingOf(tab: number, url: string): Promise<TabFinding> {
  const all = await until(
    () => askFindings(reader, tab),
    (fs) => fs.some((f) => f.severity === 'error' && withoutUserinfo(f.record.hops[0]!.url) === url),
    `the finding for ${url}`,
  );
  // XHR credentials given to open() are the finding's URL's userinfo (lab xhr-open-credentials-*).
  return all.find((f) => f.severity === 'error' && withoutUserinfo(f.record.hops[0]!.url) === url)!;
}

beforeAll(async () => {
  lab = await startLab();
  ff = await launchFirefoxWithExtension();
  page = await ff.browser.newPage();
  await page.goto(lab.pageUrl);
  reader = await ff.openExtensionPage('/extension/popup/popup.html?tabId=0');
  tabId = await tabIdOf(reader, lab.pageUrl);
  await page.bringToFront();
});
afterAll(async () => {
  await ff?.close();
  await lab?.close();
});
afterEach(async () => {
  await tryFix({ type: 'cors/try-fix', tabId, off: true });
});

describe('Try fix in Firefox ESR', () => {
  test('for every blocked lab scenario: accepted under the trial (a status change reported as the server\u2019s part), blocked again after off', async () => {
    const wrong: string[] = [];
    let tried = 0;
    // TRY_SCENARIOS=a,b runs only those (while working on one); the suite runs them all.
    const only = process.env.TRY_SCENARIOS?.split(',');
    for (const s of lab.scenarios.filter((x) => x.kind !== 'control' && x.kind !== 'net-error' && (!only || only.includes(x.id)))) {
      const before = await run(s.id);
      if (before.ok) continue;
      const f = await findingOf(tabId, before.url);
      if (f.unexplained) continue;
      const needsStatus = f.fix.steps.some((x) => x.status !== undefined);
      const reply = await tryFix({ type: 'cors/try-fix', tabId, requestId: f.requestId });
      if (!reply.ok) {
        wrong.push(`${s.id}: ${reply.error}`);
        continue;
      }
      const during = await run(s.id);
      const trial = await until(
        () => trialOf(tabId),
        (t) => t?.requestId === f.requestId && t.outcome !== undefined,
        `the outcome of ${s.id}`,
      );
      // Never a false claim: where Firefox itself said (an error), the trial says the same.
      if (trial!.outcome!.confirmed && trial!.outcome!.accepted !== during.ok)
        wrong.push(`${s.id}: the trial says ${trial!.outcome!.accepted}, Firefox ${during.ok}`);
      if (needsStatus) {
        if (!/cannot change a status code/.test(reply.untried!.join(' '))) wrong.push(`${s.id}: the status change is not reported`);
      } else if (REPEATED.includes(s.id)) {
        // Known limit (docs/firefox-notes.md): the server sends a header twice; Firefox's "set"
        // replaces one line and the block stays. Pinned, so a Firefox that changes is noticed.
        if (during.ok) wrong.push(`${s.id}: Firefox now accepts it under the trial: take it off REPEATED`);
        if (trial!.outcome!.accepted && trial!.outcome!.confirmed) wrong.push(`${s.id}: claimed accepted`);
      } else if (!during.ok) wrong.push(`${s.id}: still blocked under the trial (${trial?.outcome?.message ?? ''})`);
      else if (!trial!.outcome!.accepted) wrong.push(`${s.id}: accepted by Firefox, the trial says blocked (${trial?.outcome?.message ?? ''})`);
      await tryFix({ type: 'cors/try-fix', tabId, off: true });
      if ((await sessionRules()).length) wrong.push(`${s.id}: rules left after off`);
      if ((await run(s.id)).ok) wrong.push(`${s.id}: accepted after off`);
      tried++;
    }
    expect(wrong).toEqual([]);
    expect(tried).toBeGreaterThanOrEqual(only ? only.length : 25);
  }, 900_000);

  test('another tab is untouched; no rule after its tab closes or after expiry', async () => {
    const first = await run('acac-missing');
    const f = await findingOf(tabId, first.url);
    expect((await tryFix({ type: 'cors/try-fix', tabId, requestId: f.requestId })).ok).toBe(true);
    const other = await ff.browser.newPage();
    await other.goto(lab.pageUrl);
    expect((await runIn(other, 'acac-missing')).ok, 'another tab').toBe(false);
    expect((await runIn(other, 'acac-missing')).ok).toBe(false);
    expect((await run('acac-missing')).ok).toBe(true);
    await tryFix({ type: 'cors/try-fix', tabId, off: true });

    // Where the headers mislead (a repeated line), a re-send from the page gives Firefox's own verdict.
    const two = await run('acao-two-lines');
    const t2 = await findingOf(tabId, two.url);
    expect((await tryFix({ type: 'cors/try-fix', tabId, requestId: t2.requestId })).ok).toBe(true);
    expect(await tryFix({ type: 'cors/try-fix', tabId, resend: true })).toEqual({ ok: true });
    const resent = await until(
      () => trialOf(tabId),
      (t) => t?.outcome?.fromPage === true,
      'the re-send outcome',
    );
    expect(resent!.outcome).toMatchObject({ accepted: (await run('acao-two-lines')).ok, confirmed: true });
    await tryFix({ type: 'cors/try-fix', tabId, off: true });

    // A trial in the other tab, which then closes.
    const otherTab = (
      await reader.evaluate(async (u) => (await chrome.tabs.query({})).filter((t) => t.url?.startsWith(u)).map((t) => t.id!), lab.pageUrl)
    ).find((id) => id !== tabId)!;
    await other.bringToFront();
    const r = await runIn(other, 'acac-missing');
    const g = await findingOf(otherTab, r.url);
    expect((await tryFix({ type: 'cors/try-fix', tabId: otherTab, requestId: g.requestId })).ok).toBe(true);
    expect((await runIn(other, 'acac-missing')).ok).toBe(true);
    await other.close();
    await until(sessionRules, (rules) => rules.length === 0, 'no rule after the tab closed');

    await page.bringToFront();
    const again = await run('acac-missing');
    const h = await findingOf(tabId, again.url);
    expect((await tryFix({ type: 'cors/try-fix', tabId, requestId: h.requestId, ttlMs: 1500 })).ok).toBe(true);
    expect((await run('acac-missing')).ok).toBe(true);
    await until(sessionRules, (rules) => rules.length === 0, 'no rule after expiry');
    expect((await run('acac-missing')).ok).toBe(false);
  });
});
