// One place that finds Debian's Firefox ESR and launches it over WebDriver BiDi (puppeteer-core;
// Playwright cannot drive stock Firefox). Used by `npm run record:firefox`, `npm start -- --firefox`
// and the Firefox browser tests. Nothing here downloads a browser.
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';

export const FIREFOX_INSTALL_HINT = 'Firefox ESR is missing. Install it with: apt-get install -y firefox-esr (or set FIREFOX_PATH).';

export function firefoxPath(): string {
  const path = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  // A skipped browser test is a failed one: never skip, fail loudly with the fix.
  if (!existsSync(path)) throw new Error(`${FIREFOX_INSTALL_HINT} Looked for ${path}.`);
  return path;
}

/** A closed network: no update checks, telemetry or captive-portal probes. */
const PREFS: Record<string, unknown> = {
  'app.update.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'extensions.update.enabled': false,
  // Temporary add-ons installed over BiDi get host permissions without a prompt (MV3 makes them
  // optional for the user); keep the DevTools toolbox off unless asked for.
  'devtools.chrome.enabled': false,
};

/** Firefox ESR, headless unless asked otherwise; extensions can be installed over BiDi. */
export async function launchFirefox(
  opts: { headless?: boolean; devtools?: boolean; dumpio?: boolean; prefs?: Record<string, unknown> } = {},
): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: opts.headless ?? true,
    // Firefox 153 lets WebDriver navigate to moz-extension:// pages (our panel, popup and message
    // API) only with system access allowed (bug 1579790; e.g. ghostery/ghostery-extension#3526).
    args: ['--remote-allow-system-access', ...(opts.devtools ? ['--devtools'] : [])],
    extraPrefsFirefox: { ...PREFS, ...opts.prefs },
    dumpio: opts.dumpio ?? false,
    // Puppeteer's default SIGINT handling kills Firefox before our own cleanup runs.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}
