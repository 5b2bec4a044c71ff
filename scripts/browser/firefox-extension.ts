// Firefox ESR with the built extension (dist-firefox/) installed over WebDriver BiDi
// (webExtension.install, puppeteer's browser.installExtension), as `npm start -- --firefox` and the
// Firefox browser tests use it. The add-on's internal UUID is fixed through the
// `extensions.webextensions.uuids` pref, so its pages have a known moz-extension:// origin.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { GECKO_ID } from '../manifest';
import { launchFirefox } from './firefox';

export const EXTENSION_UUID = '3c0b5a52-9f1e-4c2a-8d7b-1e6f0c9a4b21';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

/** The Firefox build under test: dist-firefox/ from `npm run build`, or $FIREFOX_EXTENSION_DIR. */
export function firefoxExtensionDir(): string {
  const dir = resolve(process.env.FIREFOX_EXTENSION_DIR ?? 'dist-firefox');
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`No Firefox build at ${dir}. Run \`npm run build\` first (npm test does).`);
  return dir;
}

export interface FirefoxWithExtension {
  browser: Browser;
  /** Open one of the extension's own pages (panel, popup) in a new tab. */
  openExtensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(
  opts: { headless?: boolean; dir?: string; devtools?: boolean; prefs?: Record<string, unknown> } = {},
): Promise<FirefoxWithExtension> {
  const dir = resolve(opts.dir ?? firefoxExtensionDir());
  const browser = await launchFirefox({
    headless: opts.headless ?? true,
    devtools: opts.devtools ?? false,
    prefs: { ...opts.prefs, 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }) },
  });
  try {
    await browser.installExtension(dir);
  } catch (err) {
    await browser.close();
    throw err;
  }
  return {
    browser,
    async openExtensionPage(path) {
      const page = await browser.newPage();
      const url = `${EXTENSION_ORIGIN}${path.startsWith('/') ? path : `/${path}`}`;
      // Firefox 153's BiDi loads moz-extension:// pages but never reports the navigation as done
      // (NavigationManager "context is null"), so do not wait on goto: wait for the document.
      void page.goto(url, { timeout: 60_000 }).catch(() => {});
      for (let i = 0; i < 200; i++) {
        const href = await page.evaluate(() => `${location.href}|${document.readyState}`).catch(() => '');
        if (href.startsWith(url) && href.endsWith('|complete')) return page;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`Firefox did not open ${url}`);
    },
    close: () => browser.close(),
  };
}
