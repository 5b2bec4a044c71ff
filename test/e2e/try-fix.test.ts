// "Try fix" in real Chromium: for every blocked lab scenario, the trial's session rules make the
// same request accepted by the browser (where the plan needs a status change, which an extension
// cannot make, the request stays blocked on that status alone and the trial says so); `off` makes
// it blocked again. Another tab and another URL are untouched, and no rule is left after Stop, tab
// close or expiry. The lab page's own fetch result is the truth.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withoutUserinfo } from '../../extension/background/collector';
import type { TabFinding } from '../../src/messages';
import { trialReader } from './trial-reader';
import { errorsOf, readFindings, runScenario, startRig, until, type Rig } from '../../scripts/browser/worker-rig';

let rig: Rig;

beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});
// A failed test must not leave its trial to the next one.
afterEach(async () => {
  await rig.reader.evaluate((t) => chrome.runtime.sendMessage({ type: 'cors/try-fix', tabId: t, off: true }), rig.tabId);
});

const tryFix = (msg: object) => trialReader(rig.reader).tryFix(msg);
const sessionRules = () => trialReader(rig.reader).sessionRules();
const trialOf = (tabId: number) => trialReader(rig.reader).trialOf(tabId);

/** The error finding of one run (its first URL is the run's URL, but for XHR credentials given to open(): userinfo). */
async function findingOf(url: string): Promise<TabFinding> {
  const isRun = (f: TabFinding) => withoutUserinfo(f.record.hops[0]!.url) === url;
  const reply = await until(
    () => readFindings(rig),
    (r) => errorsOf(r.findings).some(isRun),
    `the finding for ${url}`,
  );
  return errorsOf(reply.findings).find(isRun)!;
}

const blockedIds = () => rig.lab.scenarios.filter((s) => s.kind !== 'control' && s.kind !== 'net-error').map((s) => s.id);

describe('Try fix in Chromium', () => {
  it('for every blocked lab scenario: accepted under the trial (a status change reported as the server\u2019s part), blocked again after off', async () => {
    const summary: string[] = [];
    let tried = 0;
    for (const id of blockedIds()) {
      console.log(`try-fix: ${id}`);
      const before = await runScenario(rig, id);
      if (before.ok) continue; // not blocked in this browser: nothing to try
      const f = await findingOf(before.url);
      if (f.unexplained) continue;
      const needsStatus = f.fix.steps.some((s) => s.status !== undefined);
      const reply = await tryFix({ type: 'cors/try-fix', tabId: rig.tabId, requestId: f.requestId });
      expect(reply, id).toMatchObject({ ok: true });
      expect(reply.rules, id).toBeGreaterThan(0);
      expect((await sessionRules()).length, id).toBe(reply.rules);
      const during = await runScenario(rig, id);
      const trial = await until(
        () => trialOf(rig.tabId),
        (t) => t?.requestId === f.requestId && t.outcome !== undefined,
        `the outcome of ${id}`,
      );
      if (needsStatus) {
        // DNR changes headers, never a status: the trial says what it could not do.
        expect(reply.untried!.join(' '), id).toMatch(/cannot change a status code/);
        expect(trial!.outcome!.accepted, id).toBe(during.ok);
        if (!during.ok) expect(trial!.outcome!.message, id).toBeTruthy();
      } else {
        expect(during.ok, `${id}: accepted under the trial`).toBe(true);
        expect(trial!.outcome!.accepted, id).toBe(true);
      }
      summary.push(`${id}: ${during.ok ? 'accepted' : 'blocked (status)'}`);
      expect(await tryFix({ type: 'cors/try-fix', tabId: rig.tabId, off: true })).toEqual({ ok: true });
      expect(await sessionRules(), id).toEqual([]);
      const after = await runScenario(rig, id);
      expect(after.ok, `${id}: blocked again after off`).toBe(false);
      tried++;
    }
    console.log(`try-fix: ${tried} scenarios\n${summary.join('\n')}`);
    expect(tried).toBeGreaterThanOrEqual(25);
  }, 900_000);

  it("touches no other tab and no other URL, and keeps the trial's requests out of the findings", async () => {
    const first = await runScenario(rig, 'acac-missing');
    const f = await findingOf(first.url);
    expect((await tryFix({ type: 'cors/try-fix', tabId: rig.tabId, requestId: f.requestId })).ok).toBe(true);
    const other = await rig.browser.context.newPage();
    await other.goto(rig.lab.pageUrl);
    const run = (id: string) => other.evaluate((x) => (window as unknown as { lab: { run(id: string): Promise<{ ok: boolean }> } }).lab.run(x), id);
    expect((await run('acac-missing')).ok, 'another tab').toBe(false);
    const xhr = await runScenario(rig, 'acac-missing-xhr');
    expect(xhr.ok, 'another URL in the same tab').toBe(false);
    // Judged as usual: its finding arrives (the trial's own requests add none, below).
    await findingOf(xhr.url);
    const count = (await readFindings(rig)).findings.length;
    expect((await runScenario(rig, 'acac-missing')).ok).toBe(true);
    await until(
      () => trialOf(rig.tabId),
      (t) => t?.outcome?.accepted === true,
      'the accepted outcome',
    );
    expect((await readFindings(rig)).findings.length).toBe(count);
    await other.close();
    expect(await tryFix({ type: 'cors/try-fix', tabId: rig.tabId, off: true })).toEqual({ ok: true });
  });

  it('leaves no rule after its tab closes, or after it expires', async () => {
    const page = await rig.browser.context.newPage();
    await page.goto(rig.lab.pageUrl);
    const tabId = await rig.reader.evaluate(async () =>
      (await chrome.tabs.query({}))
        .filter((t) => t.url?.startsWith('http'))
        .map((t) => t.id!)
        .at(-1)!,
    );
    expect(tabId).not.toBe(rig.tabId);
    const run = () => page.evaluate(() => (window as unknown as { lab: { run(id: string): Promise<{ ok: boolean; url: string }> } }).lab.run('acac-missing'));
    const r = await run();
    const reply = await until(
      () => rig.reader.evaluate<{ findings: TabFinding[] }, number>((t) => chrome.runtime.sendMessage({ type: 'cors/findings', tabId: t }), tabId),
      (x) => x.findings.some((f) => f.record.hops[0]!.url === r.url),
      'the second tab finding',
    );
    const f = reply.findings.find((x) => x.record.hops[0]!.url === r.url)!;
    expect((await tryFix({ type: 'cors/try-fix', tabId, requestId: f.requestId })).ok).toBe(true);
    expect((await run()).ok).toBe(true);
    await page.close();
    await until(sessionRules, (rules) => rules.length === 0, 'no rule after the tab closed');

    // Expiry, shortened for the test (the same code path as the 10 minutes).
    const again = await runScenario(rig, 'acac-missing');
    const g = await findingOf(again.url);
    const short = await tryFix({ type: 'cors/try-fix', tabId: rig.tabId, requestId: g.requestId, ttlMs: 1500 });
    expect(short.ok).toBe(true);
    expect(short.expires! - Date.now()).toBeLessThanOrEqual(1500);
    expect((await runScenario(rig, 'acac-missing')).ok).toBe(true);
    await until(sessionRules, (rules) => rules.length === 0, 'no rule after expiry');
    expect(await trialOf(rig.tabId)).toBeNull();
    expect((await runScenario(rig, 'acac-missing')).ok).toBe(false);
  });

  it('refuses senders that are not our pages, and requests it does not know', async () => {
    expect(await tryFix({ type: 'cors/try-fix', tabId: rig.tabId, requestId: 'no-such-request' })).toMatchObject({ ok: false });
    // The lab page is a web page: chrome.runtime is not even there for it to message us.
    expect(await rig.page.evaluate(() => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage)).toBe(
      'undefined',
    );
    expect(await sessionRules()).toEqual([]);
  });
});
