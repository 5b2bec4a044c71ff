// Requests a page's workers make, in real Firefox ESR with the extension: a service worker's and a
// shared worker's requests reach webRequest with tabId -1 (their script's URL as originUrl), a
// dedicated worker's with the page's tab. Each blocked credentialed fetch is listed on the page's
// tab, once, the first two marked as a worker's. Firefox passes a worker's console lines to no
// WebDriver BiDi log, so the words are checked against Firefox's recorded sentence for the same
// request made from the page (test/fixtures/firefox.json, acao-wildcard): its sentence depends only
// on the URL and the headers.
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startLab, type Lab } from '../../lab/index';
import { normalizeSentence } from '../../lab/oracle';
import { WORKERS_PATH } from '../../lab/workers';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/browser/firefox-extension';
import { askFindings, tabIdOf } from '../../scripts/start-firefox';

const fixture = JSON.parse(readFileSync('test/fixtures/firefox.json', 'utf8')) as {
  origins: { page: string; sameSite: string; crossSite: string };
  scenarios: { id: string; mode: string; messages: string[] }[];
};

let lab: Lab;
let ff: FirefoxWithExtension;
let page: Page;
let reader: Page;
let tabId: number;

beforeAll(async () => {
  lab = await startLab();
  ff = await launchFirefoxWithExtension();
  page = await ff.browser.newPage();
  await page.goto(`${lab.pageOrigin}${WORKERS_PATH}`);
  await page.evaluate(() => (window as unknown as { workersLab: { ready: Promise<boolean> } }).workersLab.ready);
  reader = await ff.openExtensionPage('/extension/popup/popup.html?tabId=0');
  tabId = await tabIdOf(reader, `${lab.pageOrigin}${WORKERS_PATH}`);
  await page.bringToFront();
});
afterAll(async () => {
  await ff?.close();
  await lab?.close();
});

describe("requests from a page's workers, in Firefox ESR", () => {
  test("each blocked credentialed fetch is on the page's tab, once, in Firefox's words; the tab-less ones marked", async () => {
    const recorded = fixture.scenarios.find((s) => s.id === 'acao-wildcard' && s.mode === 'broken')!.messages[0]!;
    const ours = { page: lab.pageOrigin, sameSite: lab.sameSiteOrigin, crossSite: lab.crossSiteOrigin };
    const urls: Record<string, string> = {};
    for (const kind of ['service', 'shared', 'dedicated']) {
      urls[kind] = `${lab.crossSiteOrigin}/s/acao-wildcard/0?run=ff-worker-${kind}`;
      const r = await page.evaluate(
        ([k, u]) => (window as unknown as { workersLab: { run(k: string, u: string): Promise<{ ok: boolean }> } }).workersLab.run(k!, u!),
        [kind, urls[kind]],
      );
      expect(r.ok, kind).toBe(false);
    }
    let findings = await askFindings(reader, tabId);
    for (let i = 0; i < 100 && !Object.values(urls).every((u) => findings.some((f) => f.url === u)); i++) {
      await new Promise((r) => setTimeout(r, 100));
      findings = await askFindings(reader, tabId);
    }
    for (const [kind, url] of Object.entries(urls)) {
      const mine = findings.filter((f) => f.severity === 'error' && f.url === url);
      expect(mine, kind).toHaveLength(1);
      expect(normalizeSentence(mine[0]!.message, ours), kind).toBe(normalizeSentence(recorded, fixture.origins));
      expect(mine[0]!.fromWorker, kind).toBe(kind === 'dedicated' ? undefined : true);
    }
  });
});
