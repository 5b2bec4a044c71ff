// Findings right from the first request in real Firefox ESR: the page is opened the moment the
// extension is installed and started (WebDriver BiDi webExtension.install resolves), in a fresh
// browser and profile each round, and makes its cookie-less credentialed requests as it loads.
// Each gets Firefox's own sentence (its live console) and a credentialed fix, which needs the
// credentials mode only the page hook can tell.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab/index';
import { EXTENSION_ORIGIN, EXTENSION_UUID, firefoxExtensionDir } from '../../scripts/browser/firefox-extension';
import { launchFirefox } from '../../scripts/browser/firefox';
import { GECKO_ID } from '../../scripts/manifest';
import { askFindings, tabIdOf } from '../../scripts/start-firefox';
import { until } from '../../scripts/browser/worker-rig';
import { renderSnippet } from '../../src/core/fix/stacks/index';
import type { FindingReply } from '../../src/messages';

/** Preflighted requests to the cross-site API (no cookie goes there): only the hook knows 'include'. */
const SCENARIOS = ['preflight-acao-missing', 'acam-missing-method', 'preflight-401-no-cors'];
const ROUNDS = 3;
const ACAC_TRUE = /^access-control-allow-credentials: true$/i;
const tagOf = (text: string): string | undefined => /[?&]run=([\w-]+)/.exec(text)?.[1];

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
});
afterAll(async () => {
  await lab?.close();
});

interface Started {
  scenarios: { id: string; ok: boolean; url: string }[];
}

/** The extension's page that asks the worker, opened without waiting on the navigation (firefox-extension.ts says why). */
async function reader(page: Page): Promise<Page> {
  const r = await page.browser().newPage();
  void r.goto(`${EXTENSION_ORIGIN}/extension/popup/popup.html?tabId=0`).catch(() => {});
  await until(
    () => r.evaluate(() => `${location.href}|${document.readyState}`).catch(() => ''),
    (h) => h.startsWith(EXTENSION_ORIGIN) && h.endsWith('|complete'),
    'the extension page',
  );
  return r;
}

function checkFinding(f: FindingReply | undefined, id: string, sentence: string | undefined): void {
  expect({ id, message: f?.message }).toEqual({ id, message: sentence });
  expect({ id, credentials: f?.credentials, evidence: f?.credentialsEvidence }).toEqual({ id, credentials: 'include', evidence: 'page-hook' });
  const acac = f!.fix.steps.map((s) => s.headers.some((l) => ACAC_TRUE.test(l)));
  expect({ id, acac }).toEqual({ id, acac: f!.fix.steps.map(() => true) });
  expect({ id, express: /\bcredentials: true\b/.test(renderSnippet(f!.fix.spec, 'express')) }).toEqual({ id, express: true });
}

describe('Firefox: a page opened the moment the extension starts', () => {
  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: its first requests are hooked, in Firefox's words, with a credentialed fix`, async () => {
      const browser = await launchFirefox({ prefs: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }) } });
      try {
        const page = await browser.newPage();
        const sentences: string[] = [];
        // Firefox's CORS lines reach BiDi as log entries of either kind (as in firefox.test.ts).
        const said = (t: string) => void (t.startsWith('Cross-Origin Request Blocked:') && sentences.push(t));
        page.on('pageerror', (e: unknown) => said(e instanceof Error ? e.message : String(e)));
        page.on('console', (m) => void (m.type() === 'error' && said(m.text())));
        await browser.installExtension(firefoxExtensionDir());
        await page.goto(`${lab.pageUrl}#start=${SCENARIOS.join(',')}`);
        const started = await page.evaluate(() => (window as unknown as { labStarted: Promise<Started> }).labStarted);
        expect(started.scenarios.map((r) => [r.id, r.ok])).toEqual(SCENARIOS.map((id) => [id, false]));
        const r = await reader(page);
        const tabId = await tabIdOf(r, lab.pageUrl);
        const errorOf = (fs: readonly FindingReply[], url: string) => fs.find((f) => f.severity === 'error' && f.url === url);
        const fs = await until(
          () => askFindings(r, tabId),
          (x) => started.scenarios.every((s) => errorOf(x, s.url)),
          'every finding',
        );
        for (const s of started.scenarios)
          checkFinding(
            errorOf(fs, s.url),
            s.id,
            sentences.find((t) => tagOf(t) === tagOf(s.url)),
          );
      } finally {
        await browser.close();
      }
    });
  }
});
