// `npm start -- --firefox`: build the Firefox extension (dist-firefox/), start the CORS lab and
// open it in Firefox ESR with the extension installed. With a display: DevTools open on the CORS
// panel (scripts/browser/firefox-devtools.ts), stays up until Ctrl+C. Headless: clicks "Run all",
// prints the extension's findings as a table (Firefox's own sentences), screenshots the panel;
// --once exits.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { build } from 'vite';
import { startLab, type Lab } from '../lab/index';
import type { BackgroundRequest, FindingReply } from '../src/messages';
import { chromeScope, corsPanelDocument, selectFirefoxCorsPanel } from './browser/firefox-devtools';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './browser/firefox-extension';
import { findingsTable, settledFindings } from './findings-table';
import { devtoolsLine, toolbarLine } from './session';

const ARTIFACTS = resolve('test/artifacts');

/** The lab tab's id, as the extension sees it (asked from one of its pages). */
export async function tabIdOf(extPage: Page, url: string): Promise<number> {
  const id = await extPage.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url?.startsWith(u))?.id, url);
  if (typeof id !== 'number') throw new Error('The lab tab is not visible to the extension');
  return id;
}

/** The worker's findings for a tab, asked through the message API from an extension page. */
export async function askFindings(extPage: Page, tabId: number): Promise<FindingReply[]> {
  const request: BackgroundRequest = { type: 'cors/findings', tabId };
  const reply = await extPage
    .evaluate((m: BackgroundRequest): Promise<unknown> => chrome.runtime.sendMessage(m), request)
    .catch((err: Error) => {
      throw new Error(`The extension's background did not answer ${JSON.stringify(request)}: ${err.message}`);
    });
  const findings = (reply as { findings?: unknown } | undefined)?.findings;
  if (!Array.isArray(findings)) throw new Error(`The extension's background answered ${JSON.stringify(request)} without findings: ${JSON.stringify(reply)}`);
  return findings as FindingReply[];
}

/** Whether Firefox shows the button on the toolbar (the manifest's action.default_area), as it tells the extension. */
async function pinned(ff: FirefoxWithExtension): Promise<boolean> {
  const page = await ff.openExtensionPage('/extension/popup/popup.html?tabId=0');
  try {
    return await page.evaluate(async () => (await chrome.action.getUserSettings()).isOnToolbar === true);
  } finally {
    await page.close();
  }
}

/**
 * DevTools on the lab tab, showing the CORS panel: true once Firefox's toolbox has it selected and
 * the panel's document has rendered, as Firefox reports them; false (never a throw) otherwise.
 */
async function openCorsPanel(ff: FirefoxWithExtension, url: string): Promise<boolean> {
  try {
    const inChrome = await chromeScope(ff.browser);
    if ((await selectFirefoxCorsPanel(inChrome, url)) !== 'CORS') return false;
    for (const until = Date.now() + 10_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
      if ((await corsPanelDocument(inChrome))?.rendered === true) return true;
    }
    return false;
  } catch {
    return false;
  }
}

async function headlessRun(lab: Lab, ff: FirefoxWithExtension, page: Page): Promise<void> {
  await page.click('[data-testid="run-all"]');
  await page.waitForSelector('body[data-state="done"]', { timeout: 120_000 });
  const blocked = await page.$$eval('.status.blocked', (els) => els.length);
  const panel = await ff.openExtensionPage('/extension/popup/popup.html?tabId=0');
  const tabId = await tabIdOf(panel, lab.pageUrl);
  const findings = await settledFindings(() => askFindings(panel, tabId), blocked);
  console.log(`Ran all ${lab.scenarios.length} lab scenarios: Firefox blocked ${blocked}.\n`);
  console.log(findingsTable(findings));
  mkdirSync(ARTIFACTS, { recursive: true });
  const json = resolve(ARTIFACTS, 'start-findings-firefox.json');
  writeFileSync(
    json,
    `${JSON.stringify({ origins: { page: lab.pageOrigin, sameSite: lab.sameSiteOrigin, crossSite: lab.crossSiteOrigin }, tabId, findings }, null, 2)}\n`,
  );
  const shot = await ff.openExtensionPage(`/extension/panel/panel.html?tabId=${tabId}`);
  await shot.setViewport({ width: 1280, height: 900 });
  await shot.waitForSelector('[data-testid="finding-row"]', { timeout: 10_000 }).catch(() => console.warn('Warning: the panel showed no rows within 10 s.'));
  const png = resolve(ARTIFACTS, 'start-panel-firefox.png');
  await shot.screenshot({ path: png, fullPage: true });
  console.log(`\nPanel screenshot: ${png}\nFindings as JSON: ${json}`);
}

export async function startFirefox(opts: { headless: boolean; once: boolean; build: boolean }): Promise<void> {
  if (opts.build) {
    const t = Date.now();
    await build({ configFile: resolve('vite.config.ts'), mode: 'firefox', logLevel: 'warn' });
    console.log(`Built the Firefox extension into dist-firefox/ in ${Date.now() - t} ms`);
  }
  const lab = await startLab();
  let ff: FirefoxWithExtension | undefined;
  let stopping = false;
  const stop = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      await ff?.close().catch(() => {});
      await lab.close().catch(() => {});
      console.log(code === 0 ? 'Stopped Firefox and the lab.' : 'Stopped.');
      process.exit(code);
    }
    return new Promise<never>(() => {});
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  try {
    ff = await launchFirefoxWithExtension({ headless: opts.headless, devtools: !opts.headless });
  } catch (err) {
    await lab.close();
    throw err;
  }
  // The window's first tab, not a second one beside it (with a display, --devtools opened DevTools there).
  const page = (await ff.browser.pages())[0] ?? (await ff.browser.newPage());
  await page.goto(lab.pageUrl);
  const panel = !opts.headless && (await openCorsPanel(ff, lab.pageUrl));
  console.log(
    [
      '',
      'CORS Credentials Inspector',
      `  lab page        ${lab.pageUrl}`,
      `  same-site API   ${lab.sameSiteOrigin}`,
      `  cross-site API  ${lab.crossSiteOrigin}`,
      `  Firefox         ${await ff.browser.version()}, ${opts.headless ? 'headless' : 'with DevTools open'}`,
      toolbarLine(await pinned(ff), true),
      ...(opts.headless ? [] : [devtoolsLine(panel)]),
      '  stop            Ctrl+C (or SIGTERM) stops Firefox and the lab',
      '',
    ].join('\n'),
  );
  if (!opts.headless) {
    console.log(`${panel ? 'In the CORS panel' : 'Open the "CORS" panel in DevTools'}: press "Run all" on the lab page, then toggle an endpoint to "fixed".`);
  } else {
    try {
      await headlessRun(lab, ff, page);
    } catch (err) {
      console.error(`\n${err instanceof Error ? err.message : String(err)}`);
      await stop(1);
    }
    if (opts.once) await stop(0);
  }
  console.log(`\nStill running (lab at ${lab.pageUrl}). Press Ctrl+C to stop.`);
}
