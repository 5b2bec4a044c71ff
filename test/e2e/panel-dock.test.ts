// The panel where DevTools puts it: docked at the bottom (1280×320) and narrow at the side (560 px
// wide), in real Chromium with the extension and the lab. The cure (the action sentences and the
// fix) is on screen without scrolling, the list's cause is not cut, the key hint is whole; and
// "Try fix" from the panel: the banner, a re-send from the page, "accepted" beside the browser's
// sentence, Stop. Screenshots go to docs/ (linked from docs/panel.md).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { causeWords } from '../../src/ui/format';
import { errorsOf, readFindings, runScenario, startRig, until, type Rig } from '../../scripts/browser/worker-rig';

let rig: Rig;
const SCENARIOS = ['acac-missing', 'acao-wildcard', 'preflight-401-no-cors', 'acah-missing-header', 'control-no-vary', 'redirect-login'];

beforeAll(async () => {
  rig = await startRig();
  const runs = [];
  for (const id of SCENARIOS) runs.push(await runScenario(rig, id));
  const blocked = runs.filter((r) => !r.ok).map((r) => r.url);
  await until(
    () => readFindings(rig),
    (x) => blocked.every((u) => errorsOf(x.findings).some((f) => f.record.hops[0]!.url === u)),
    'the findings',
  );
});
afterAll(async () => {
  await rig?.close();
});

async function openPanel(width: number, height: number): Promise<Page> {
  const page = await rig.browser.context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(`chrome-extension://${rig.browser.extensionId}/extension/panel/panel.html?tabId=${rig.tabId}`);
  await page.getByTestId('finding-row').first().waitFor();
  return page;
}

async function select(page: Page, scenario: string) {
  await page.getByTestId('filter').fill(`/s/${scenario}/`);
  await until(
    () => page.getByTestId('finding-row').count(),
    (n) => n === 1,
    `one row for ${scenario}`,
  );
  await page.getByTestId('finding-row').first().click();
  await page.getByTestId('detail').waitFor();
}

/** The element is wholly inside the viewport (no scrolling needed to see it). */
async function onScreen(page: Page, testId: string): Promise<boolean> {
  const box = await page.getByTestId(testId).first().boundingBox();
  const vp = page.viewportSize()!;
  return !!box && box.y >= 0 && box.x >= 0 && box.y + box.height <= vp.height && box.x + box.width <= vp.width + 1;
}

/** Not cut: the text fits its box (no ellipsis). */
const fits = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => el.scrollWidth <= el.clientWidth + 1);

describe.each([
  { name: 'docked at the bottom', width: 1280, height: 320, shot: 'docs/panel-1280x320.png' },
  { name: 'narrow at the side', width: 560, height: 720, shot: 'docs/panel-560.png' },
])('the panel $name ($width×$height)', ({ width, height, shot }) => {
  it('shows the cure first, the cause whole, every key in the hint', async () => {
    const page = await openPanel(width, height);
    await select(page, 'preflight-401-no-cors');
    const sentences = await page.getByTestId('action-sentence').allTextContents();
    expect(sentences[0]).toMatch(/^On the OPTIONS response: answer 204 before auth \(not 401\), with these \d headers\.$/);
    expect(await onScreen(page, 'action')).toBe(true);
    // The fix's first lines too: its top is on screen.
    const fix = (await page.getByTestId('fix-text').boundingBox())!;
    expect(fix.y + 20).toBeLessThan(height);
    // The list's cause: the searchable words, whole, with the browser's check on hover.
    const f = errorsOf((await readFindings(rig)).findings).find((x) => x.record.hops[0]!.url.includes('/s/preflight-401-no-cors/'))!;
    const cause = page.getByTestId('row-cause').first();
    expect(await cause.textContent()).toContain('preflight answered 401 (auth before CORS?)');
    expect(await cause.getAttribute('title')).toContain('Access-Control-Allow-Origin');
    expect(causeWords(f).text).toBe('preflight answered 401 (auth before CORS?)');
    expect(await fits(page, '[data-testid=row-cause]')).toBe(true);
    // The hint wraps rather than cuts, and names Ctrl+F.
    const hint = page.getByTestId('key-hint');
    expect(await hint.textContent()).toContain('Ctrl+F');
    expect(await onScreen(page, 'key-hint')).toBe(true);
    expect(await page.locator('[data-testid=key-hint] .key').evaluateAll((els) => els.every((e) => e.scrollWidth <= e.clientWidth + 1))).toBe(true);
    await page.screenshot({ path: shot });
    await page.close();
  });
});

describe('Try fix from the panel', () => {
  it('starts a trial, re-sends from the page, shows "accepted" beside the sentence before, and stops', async () => {
    const page = await openPanel(1280, 720);
    await select(page, 'acac-missing');
    const before = await page.getByTestId('console-message').textContent();
    await page.getByTestId('try-fix').click();
    await page.getByTestId('trial-banner').waitFor();
    expect(await page.getByTestId('trial-banner').textContent()).toMatch(/Trying fix for localhost:\d+\/c\/s\/acac-missing\/0 - this tab only/);
    const sw = await rig.browser.serviceWorker();
    // The badge is painted in a batch (badge.ts): wait for it, as for any other event.
    const badge = () => sw.evaluate((t) => chrome.action.getBadgeText({ tabId: t }), rig.tabId);
    await until(badge, (b) => b === 'try', 'the try badge');
    await page.getByTestId('trial-resend').click();
    await until(
      () => page.getByTestId('trial-after').textContent(),
      (t) => /^accepted/.test(t ?? ''),
      'accepted after the re-send',
      20_000,
    );
    expect(await page.getByTestId('trial-compare').textContent()).toContain(before!);
    await page.screenshot({ path: 'docs/panel-try-fix.png' });
    await page.getByTestId('trial-banner-stop').click();
    await until(
      () => page.getByTestId('trial-banner').count(),
      (n) => n === 0,
      'the banner gone',
    );
    expect(await rig.reader.evaluate(() => chrome.declarativeNetRequest.getSessionRules())).toEqual([]);
    await until(badge, (b) => b !== 'try', 'the badge back to its count');
    expect((await runScenario(rig, 'acac-missing')).ok).toBe(false);
    await page.close();
  });

  it('says the status is the server\u2019s part when the plan changes one', async () => {
    const page = await openPanel(1280, 720);
    await select(page, 'preflight-401-no-cors');
    expect(await page.getByTestId('trial').textContent()).toContain('only the headers are tried, the status is the server\u2019s part');
    await page.getByTestId('try-fix').click();
    await page.getByTestId('trial-untried').first().waitFor();
    expect(await page.getByTestId('trial-untried').first().textContent()).toMatch(/answer 204 instead of 401\. An extension cannot change a status code/);
    // A GET with an Authorization header is not replayed (its value is never kept): a reload is offered.
    expect(await page.getByTestId('trial-resend').textContent()).toBe('Reload the page');
    expect((await runScenario(rig, 'preflight-401-no-cors')).ok).toBe(false);
    await until(
      () => page.getByTestId('trial-after').textContent(),
      (t) => /status/i.test(t ?? ''),
      'the status left',
    );
    await page.getByTestId('trial-stop').click();
    await until(
      () => page.getByTestId('trial-banner').count(),
      (n) => n === 0,
      'the banner gone',
    );
    await page.close();
  });
});
