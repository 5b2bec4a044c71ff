// The CORS panel inside Firefox ESR's own DevTools toolbox, not as a plain page with ?tabId=: the
// DevTools page creates it through platform.ts, the panel takes the inspected tab and the theme
// from `devtools` (inspectedWindow.tabId, panels.themeName, panels.onThemeChanged), and lists that
// tab's findings live. The toolbox lives in Firefox's privileged (chrome) scope, which WebDriver
// BiDi reaches with --remote-allow-system-access ("moz:scope": "chrome"); the panel's document
// runs in the extension process, so it is read with a frame script sent to its <browser>. Both are
// in scripts/browser/firefox-devtools.ts, which `npm start -- --firefox` uses the same way.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startLab, type Lab } from '../../lab/index';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/browser/firefox-extension';
import { chromeScope, corsPanelDocument, selectFirefoxCorsPanel, type InChrome } from '../../scripts/browser/firefox-devtools';

let lab: Lab;
let ff: FirefoxWithExtension;
let page: Page;
let inChrome: InChrome;

async function run(id: string): Promise<void> {
  const r = await page.evaluate((x) => (window as unknown as { lab: { run(id: string): Promise<{ ok: boolean }> } }).lab.run(x), id);
  expect(r.ok, id).toBe(false);
}

beforeAll(async () => {
  lab = await startLab();
  // The toolbox opens dark, so the panel's theme can only have come from DevTools.
  ff = await launchFirefoxWithExtension({ prefs: { 'devtools.theme': 'dark' } });
  page = await ff.browser.newPage();
  await page.goto(lab.pageUrl);
  inChrome = await chromeScope(ff.browser);
});

afterAll(async () => {
  await ff?.close();
  await lab?.close();
});

describe("the CORS panel in Firefox ESR's DevTools toolbox", () => {
  test('is created by the DevTools page, follows the inspected tab and the DevTools theme', async () => {
    await run('acao-wildcard');
    const label = await selectFirefoxCorsPanel(inChrome, lab.pageUrl);
    expect(label).toBe('CORS');
    await expect.poll(() => corsPanelDocument(inChrome), { timeout: 20_000 }).toMatchObject({ rows: 1, theme: 'dark', rendered: true });
    // No ?tabId= and no ?theme=: both came from DevTools.
    expect((await corsPanelDocument(inChrome))!.href).toMatch(/\/extension\/panel\/panel\.html$/);

    await run('preflight-401-with-cors');
    await expect.poll(() => corsPanelDocument(inChrome), { timeout: 20_000 }).toMatchObject({ rows: 2 });

    // The user switches DevTools to the light theme: panels.onThemeChanged restyles the open panel.
    await inChrome(`async () => Services.prefs.setCharPref('devtools.theme', 'light')`);
    await expect.poll(() => corsPanelDocument(inChrome), { timeout: 20_000 }).toMatchObject({ rows: 2, theme: 'light' });
  });
});
