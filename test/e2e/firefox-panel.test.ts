// The extension's pages in real Firefox ESR: the CORS panel, the popup, the badge, copy-fix and the
// exports, all showing Firefox's own sentence; and with host access withheld, the popup and the
// panel say so and offer the grant, and granting it brings the findings back.
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startLab, type Lab } from '../../lab/index';
import { normalizeSentence } from '../../lab/oracle';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/browser/firefox-extension';
import { askFindings, tabIdOf } from '../../scripts/start-firefox';
import type { FindingReply } from '../../src/messages';

type RunResult = { ok: boolean; url: string };

let lab: Lab;
let ff: FirefoxWithExtension;
let page: Page;
let reader: Page;
let tabId: number;
let errors: FindingReply[];
const said: string[] = [];

const IDS = ['acao-wildcard', 'preflight-401-with-cors'];

beforeAll(async () => {
  lab = await startLab();
  // The "Allow" click runs the real permissions.request (a trusted click, Firefox's user-input
  // check); only the doorhanger, which a headless test cannot answer, is off: with this pref
  // Firefox grants at once and fires permissions.onAdded as after a user's "Allow"
  // (toolkit/components/extensions/parent/ext-permissions.js, `promptsEnabled`).
  ff = await launchFirefoxWithExtension({ prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
  page = await ff.browser.newPage();
  page.on('pageerror', (e: unknown) => void said.push(e instanceof Error ? e.message : String(e)));
  await page.goto(lab.pageUrl);
  reader = await ff.openExtensionPage('/extension/popup/popup.html?tabId=0');
  tabId = await tabIdOf(reader, lab.pageUrl);
  await page.bringToFront();
  for (const id of IDS) {
    const r = await page.evaluate((x) => (window as unknown as { lab: { run(id: string): Promise<RunResult> } }).lab.run(x), id);
    expect(r.ok, id).toBe(false);
  }
  for (let i = 0; i < 100; i++) {
    errors = (await askFindings(reader, tabId)).filter((f) => f.severity === 'error');
    if (errors.length >= IDS.length) break;
    await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  await ff?.close();
  await lab?.close();
});

/** Captures what the page copies and downloads (headless Firefox has no clipboard to read back). */
async function capture(p: Page): Promise<void> {
  await p.evaluate(() => {
    const w = window as unknown as { copied: string[]; downloads: Array<{ name: string; url: string }> };
    w.copied = [];
    w.downloads = [];
    navigator.clipboard.writeText = async (t: string) => void w.copied.push(t);
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      w.downloads.push({ name: this.download, url: this.href });
    };
  });
}

describe('the extension pages in Firefox ESR', () => {
  test("two blocked requests, in Firefox's words, with MDN codes", () => {
    expect(errors.map((e) => e.code).sort()).toEqual(['CORSNotSupportingCredentials', 'CORSPreflightDidNotSucceed']);
    for (const e of errors) expect(said).toContain(e.message);
    for (const e of errors) expect(e.docs).toBe(`https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/${e.code}`);
  });

  test('the toolbar badge counts them', async () => {
    await expect.poll(() => reader.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId), { timeout: 10_000 }).toBe('2');
  });

  test("the panel lists them, shows Firefox's sentence, copies the fix and exports", async () => {
    const panel = await ff.openExtensionPage(`/extension/panel/panel.html?tabId=${tabId}`);
    await panel.waitForSelector('[data-testid="finding-row"]');
    await capture(panel);
    expect(await panel.$$eval('[data-testid="finding-row"]', (rows) => rows.length)).toBe(2);
    await panel.click('[data-testid="finding-row"]');
    const shown = await panel.$eval('[data-testid="console-message"]', (el) => el.textContent ?? '');
    expect(errors.map((e) => e.message)).toContain(shown.trim());
    // Under it, the other engines' words: Chrome's and Safari's (as WebKitGTK recorded it), once
    // the detail has loaded the validator (src/ui/lazy.ts).
    await panel.waitForSelector('[data-testid="engine-messages"]');
    expect(await panel.$$eval('[data-testid="engine-messages"] dt', (els) => els.map((e) => e.textContent))).toEqual(['In Chrome', 'In Safari']);
    const selected = errors.find((e) => e.message === shown.trim())!;
    // Each row: the lines Firefox logged after the sentence for the same request, under it, as logged
    // (the failed preflight's "CORS request did not succeed"; none after the '*' one).
    const followUps: string[][] = [];
    for (const row of await panel.$$('[data-testid="finding-row"]')) {
      await row.click();
      const message = (await panel.$eval('[data-testid="console-message"]', (el) => el.textContent ?? '')).trim();
      const lines = await panel.$$eval('[data-testid="console-follow-up"]', (els) => els.map((e) => e.textContent ?? ''));
      expect(lines).toEqual(errors.find((e) => e.message === message)!.followUp ?? []);
      for (const line of lines) expect(said).toContain(line);
      followUps.push(lines);
    }
    expect(followUps.map((l) => l.length).sort()).toEqual([0, 1]);
    await panel.click('[data-testid="finding-row"]');
    const id = IDS.find((x) => selected.url.includes(`/s/${x}/`))!;
    const wk = JSON.parse(readFileSync('test/fixtures/webkit.json', 'utf8')) as {
      origins: { page: string; sameSite: string; crossSite: string };
      scenarios: { id: string; mode: string; messages: string[] }[];
    };
    const safari = await panel.$eval('[data-testid="engine-webkit"] dd', (el) => el.textContent ?? '');
    const ours = { page: lab.pageOrigin, sameSite: lab.sameSiteOrigin, crossSite: lab.crossSiteOrigin };
    expect(normalizeSentence(safari, ours)).toBe(normalizeSentence(wk.scenarios.find((s) => s.id === id && s.mode === 'broken')!.messages[0]!, wk.origins));
    expect(await panel.$eval('[data-testid="engine-chromium"] dd', (el) => el.textContent ?? '')).toBe(selected.messages?.chromium);
    await panel.click('[data-testid="detail"] [data-testid="copy-fix"]');
    await expect
      .poll(() => panel.evaluate(() => (window as unknown as { copied: string[] }).copied.join('\n')))
      .toContain('Access-Control-Allow-Credentials: true');
    await panel.click('[data-testid="export-json"]');
    const [download] = await panel.evaluate(() => (window as unknown as { downloads: Array<{ name: string; url: string }> }).downloads);
    expect(download!.name).toMatch(/^cors-findings-.*\.json$/);
    const json = await panel.evaluate((u) => fetch(u).then((r) => r.text()), download!.url);
    expect(json).toContain('CORSNotSupportingCredentials');
    expect(json).not.toContain('lab-token'); // the Authorization value never leaves
    await panel.close();
  });

  test('the popup counts them and copies a fix', async () => {
    const popup = await ff.openExtensionPage(`/extension/popup/popup.html?tabId=${tabId}`);
    await popup.waitForSelector('[data-testid="popup-row"]');
    expect(await popup.$eval('[data-testid="popup-count"]', (el) => el.textContent)).toBe('2 blocked');
    await capture(popup);
    await popup.click('[data-testid="popup-row"] [data-testid="copy-fix"]');
    await expect.poll(() => popup.evaluate(() => (window as unknown as { copied: string[] }).copied.join('\n'))).toContain('Access-Control-Allow-Origin: ');
    expect(await popup.$('[data-testid="access-banner"]')).toBeNull();
    await popup.close();
  });

  test('host access withheld: the popup and the panel say so and offer the grant', async () => {
    expect(await reader.evaluate(() => chrome.permissions.remove({ origins: ['<all_urls>'] }))).toBe(true);
    expect(await reader.evaluate(() => chrome.permissions.contains({ origins: ['<all_urls>'] }))).toBe(false);
    for (const path of [`/extension/popup/popup.html?tabId=${tabId}`, `/extension/panel/panel.html?tabId=${tabId}`]) {
      const p = await ff.openExtensionPage(path);
      await p.waitForSelector('[data-testid="access-banner"]');
      expect(await p.$eval('[data-testid="access-request"]', (b) => b.textContent)).toBe('Allow access to all sites');
      await p.close();
    }
  });

  test('granted from the banner: every open page drops its banner and findings arrive again', async () => {
    await reader.evaluate(() => chrome.permissions.remove({ origins: ['<all_urls>'] }));
    expect(await reader.evaluate(() => chrome.permissions.contains({ origins: ['<all_urls>'] }))).toBe(false);
    const popup = await ff.openExtensionPage(`/extension/popup/popup.html?tabId=${tabId}`);
    await popup.waitForSelector('[data-testid="access-banner"]');
    const panel = await ff.openExtensionPage(`/extension/panel/panel.html?tabId=${tabId}`);
    await panel.waitForSelector('[data-testid="access-banner"]');
    await panel.waitForSelector('[data-testid="finding-row"]');
    await panel.click('[data-testid="clear"]');
    await panel.waitForSelector('[data-testid="empty-state"]');
    await expect.poll(async () => (await askFindings(reader, tabId)).length).toBe(0);

    // Withheld: Firefox still blocks the request, but the extension cannot see it.
    await page.bringToFront();
    const unseen = await page.evaluate((x) => (window as unknown as { lab: { run(id: string): Promise<RunResult> } }).lab.run(x), 'acao-wildcard');
    expect(unseen.ok).toBe(false);

    await panel.bringToFront();
    await panel.click('[data-testid="access-request"]');
    await panel.waitForSelector('[data-testid="access-banner"]', { hidden: true });
    expect(await reader.evaluate(() => chrome.permissions.contains({ origins: ['<all_urls>'] }))).toBe(true);
    // The popup was not the page that asked: only permissions.onAdded can have told it.
    await popup.waitForSelector('[data-testid="access-banner"]', { hidden: true });

    await page.bringToFront();
    const seen = await page.evaluate((x) => (window as unknown as { lab: { run(id: string): Promise<RunResult> } }).lab.run(x), 'preflight-401-with-cors');
    expect(seen.ok).toBe(false);
    await panel.waitForSelector('[data-testid="finding-row"]');
    const after = (await askFindings(reader, tabId)).filter((f) => f.severity === 'error');
    // Only the request made after the grant: the one made while withheld was never seen.
    expect(after.map((f) => f.code)).toEqual(['CORSPreflightDidNotSucceed']);
    expect(said).toContain(after[0]!.message);
    expect(await panel.$$eval('[data-testid="finding-row"]', (rows) => rows.length)).toBe(1);
    await popup.waitForSelector('[data-testid="popup-row"]');
    await popup.close();
    await panel.close();
  });
});
