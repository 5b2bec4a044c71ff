// Launches Debian's Chromium with the built extension loaded, the way every browser test does.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './chromium';

/** The unpacked extension under test: `dist/` from `npm run build`, or $EXTENSION_DIR. */
export function extensionDir(): string {
  const dir = resolve(process.env.EXTENSION_DIR ?? 'dist');
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`No built extension at ${dir}. Run \`npm run build\` first (npm test does).`);
  }
  return dir;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The extension's service worker (re-fetch after a restart with `serviceWorker()`). */
  serviceWorker(): Promise<Worker>;
  close(): Promise<void>;
}

/** `handleSignals: false` leaves SIGINT/SIGTERM to the caller (Playwright's own handler exits 130). */
export interface LaunchOptions {
  dir?: string;
  headless?: boolean;
  args?: string[];
  handleSignals?: boolean;
  preferences?: object;
  /** Runs as soon as the browser is up, before the extension's worker is waited for (a page opened as the extension starts). */
  atStart?: (context: BrowserContext) => Promise<void>;
  /**
   * 'later': the browser starts without the extension, `atStart` runs (open the pages a user had
   * open), then the extension is installed as a user would load it unpacked (CDP
   * Extensions.loadUnpacked, which needs --enable-unsafe-extension-debugging and the pipe
   * Playwright uses).
   */
  install?: 'at-start' | 'later';
}

export async function launchWithExtension(opts: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const dir = opts.dir ?? extensionDir();
  const userDataDir = mkdtempSync(join(tmpdir(), 'cci-profile-'));
  // Profile preferences, e.g. { profile: { cookie_controls_mode: 0 } }: third-party cookies allowed.
  if (opts.preferences) {
    mkdirSync(join(userDataDir, 'Default'));
    writeFileSync(join(userDataDir, 'Default', 'Preferences'), JSON.stringify(opts.preferences));
  }
  const headless = opts.headless ?? true;
  const later = opts.install === 'later';
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    // Playwright's own headless switch is off: we pass --headless=new, which runs extensions.
    headless: false,
    args: chromiumArgs([
      ...(headless ? ['--headless=new'] : []),
      ...(later ? ['--enable-unsafe-extension-debugging'] : [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`]),
      ...(opts.args ?? []),
    ]),
    ...(later ? { ignoreDefaultArgs: ['--disable-extensions'] } : {}),
    viewport: { width: 1280, height: 800 },
    ...(opts.handleSignals === false ? { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false } : {}),
  });
  await opts.atStart?.(context);
  if (later) {
    const cdp = await context.browser()!.newBrowserCDPSession();
    await (cdp.send as (m: string, p: object) => Promise<unknown>)('Extensions.loadUnpacked', { path: dir });
    await cdp.detach();
  }
  const serviceWorker = async (): Promise<Worker> => {
    const live = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return live ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  };
  // The page hook and bridge are static content scripts (the built manifest): a page opened at once
  // has them, nothing to wait for.
  const sw = await serviceWorker();
  const extensionId = new URL(sw.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
