// `npm start`: build the extension, start the CORS lab, open it in Chromium with the extension
// (`npm start -- --firefox`: in Firefox ESR, scripts/start-firefox.ts).
// With a display: the extension pinned, DevTools open on the CORS panel, stays up until Ctrl+C.
// Without one (or --headless): clicks "Run all", prints the extension's findings as a table,
// screenshots the panel; --once exits.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';
import type { BackgroundRequest, TabFinding } from '../src/messages';
import { ensureBrowser } from './browser/find';
import { findingsTable, settledFindings } from './findings-table';
import { banner, hasDisplay, startSession, type Session } from './session';
import { startFirefox } from './start-firefox';

const args = new Set(process.argv.slice(2));
const headless = args.has('--headless') || !hasDisplay();
const once = args.has('--once');
const dir = resolve(process.env.EXTENSION_DIR ?? 'dist');
const ARTIFACTS = resolve('test/artifacts');

async function buildExtension(): Promise<void> {
  const t = Date.now();
  await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn', build: { outDir: dir, emptyOutDir: true } });
  console.log(`Built the extension into ${dir} in ${Date.now() - t} ms`);
}

/** The lab tab's id, as the extension knows it. */
async function labTabId(s: Session): Promise<number> {
  const sw = await s.browser.serviceWorker();
  const id = await sw.evaluate(async (url) => (await chrome.tabs.query({})).find((t) => t.url?.startsWith(url))?.id, s.lab.pageUrl);
  if (typeof id !== 'number') throw new Error('The lab tab is not visible to the extension');
  return id;
}

async function headlessRun(s: Session): Promise<void> {
  await s.page.getByTestId('run-all').click();
  await s.page.waitForSelector('body[data-state="done"]', { timeout: 60_000 });
  // A 'net-error' scenario fails before any CORS check: blocked on the page, but no finding.
  const netErrors = s.lab.scenarios.filter((x) => x.kind === 'net-error').map((x) => `[data-testid="status-${x.id}"].blocked`);
  const blocked = (await s.page.locator('.status.blocked').count()) - (netErrors.length ? await s.page.locator(netErrors.join(', ')).count() : 0);
  // The Cookies section: a cross-site login flow per cookie fate (lab/cookies.ts).
  const cookieRuns = await s.page.evaluate(() => (window as unknown as { cookieLab: { runAll(): Promise<{ sent: boolean }[]> } }).cookieLab.runAll());
  const cookiesBack = cookieRuns.filter((r) => r.sent).length;
  const tabId = await labTabId(s);

  const panelUrl = `chrome-extension://${s.browser.extensionId}/extension/panel/panel.html?tabId=${tabId}`;
  const panel = await s.browser.context.newPage();
  await panel.goto(panelUrl);
  const ask = async (): Promise<TabFinding[]> => {
    const request: BackgroundRequest = { type: 'cors/findings', tabId };
    const reply = await panel
      .evaluate<unknown, BackgroundRequest>((m) => chrome.runtime.sendMessage(m), request)
      .catch((err: Error) => {
        throw new Error(`The extension's worker did not answer ${JSON.stringify(request)}: ${err.message}`);
      });
    const findings = (reply as { findings?: unknown } | undefined)?.findings;
    if (!Array.isArray(findings)) throw new Error(`The extension's worker answered ${JSON.stringify(request)} without findings: ${JSON.stringify(reply)}`);
    return findings as TabFinding[];
  };
  const findings = await settledFindings(ask, blocked + cookieRuns.length - cookiesBack);

  console.log(`Ran all ${s.lab.scenarios.length} lab scenarios: Chromium blocked ${blocked}.`);
  console.log(`Ran the ${cookieRuns.length} cookie flows: ${cookiesBack} of ${cookieRuns.length} cookies came back.\n`);
  console.log(findingsTable(findings));
  mkdirSync(ARTIFACTS, { recursive: true });
  const json = resolve(ARTIFACTS, 'start-findings.json');
  writeFileSync(
    json,
    `${JSON.stringify({ origins: { page: s.lab.pageOrigin, sameSite: s.lab.sameSiteOrigin, crossSite: s.lab.crossSiteOrigin }, tabId, findings }, null, 2)}\n`,
  );
  const png = resolve(ARTIFACTS, 'start-panel.png');
  await panel.setViewportSize({ width: 1280, height: 900 });
  await panel.reload();
  await panel.waitForLoadState('networkidle');
  // The panel fills in from the worker over a port (newest first, windowed): wait for its rows,
  // then open a preflight failure so the screenshot shows the detail pane with its fix.
  const rows = panel.getByTestId('finding-row');
  const shown = await rows
    .first()
    .waitFor({ timeout: 10_000 })
    .then(
      () => true,
      () => false,
    );
  if (!shown) console.warn('Warning: the panel showed no rows within 10 s; the screenshot may be incomplete.');
  else
    await rows
      .filter({ hasText: 'preflight' })
      .first()
      .click()
      .catch(() => rows.first().click());
  await panel.screenshot({ path: png, fullPage: true });
  console.log(`\nPanel screenshot: ${png}\nFindings as JSON: ${json}`);
}

async function main(): Promise<void> {
  // The launchers read CHROMIUM_PATH / FIREFOX_PATH: point them at the browser this machine has.
  const firefox = args.has('--firefox');
  const browser = ensureBrowser(firefox ? 'firefox' : 'chromium');
  if (browser === undefined) process.exit(1);
  process.env[firefox ? 'FIREFOX_PATH' : 'CHROMIUM_PATH'] = browser;
  if (firefox) return startFirefox({ headless, once, build: !args.has('--no-build') });
  if (!args.has('--no-build')) await buildExtension();
  const s = await startSession(dir, headless);
  console.log(banner(s, [`  stop            Ctrl+C (or SIGTERM) stops Chromium and the lab`]));
  if (!headless) {
    console.log(
      `${s.shown?.panel ? 'In the CORS panel' : 'Open the "CORS" panel in DevTools'}: press "Run all" on the lab page, then toggle an endpoint to "fixed".`,
    );
  } else {
    try {
      await headlessRun(s);
    } catch (err) {
      console.error(`\n${err instanceof Error ? err.message : String(err)}`);
      await s.stop(1);
    }
    if (once) await s.stop(0);
  }
  console.log(`\nStill running (lab at ${s.lab.pageUrl}). Press Ctrl+C to stop.`);
}

main().catch((err: unknown) => {
  // One line for the user; the stack only when asked for (DEBUG=1).
  console.error(process.env.DEBUG ? err : `npm start failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
