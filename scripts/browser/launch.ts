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
export async function launchWithExtension(
  opts: { dir?: string; headless?: boolean; args?: string[]; handleSignals?: boolean; preferences?: object } = {},
): Promise<ExtensionBrowser> {
  const dir = opts.dir ?? extensionDir();
  const userDataDir = mkdtempSync(join(tmpdir(), 'cci-profile-'));
  // Profile preferences, e.g. { profile: { cookie_controls_mode: 0 } }: third-party cookies allowed.
  if (opts.preferences) {
    mkdirSync(join(userDataDir, 'Default'));
    writeFileSync(join(userDataDir, 'Default', 'Preferences'), JSON.stringify(opts.preferences));
  }
  const headless = opts.headless ?? true;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    // Playwright's own headless switch is off: we pass --headless=new, which runs extensions.
    headless: false,
    args: chromiumArgs([...(headless ? ['--headless=new'] : []), `--disable-extensions-except=${dir}`, `--load-extension=${dir}`, ...(opts.args ?? [])]),
    viewport: { width: 1280, height: 800 },
    ...(opts.handleSignals === false ? { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false } : {}),
  });
  const serviceWorker = async (): Promise<Worker> => {
    const live = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return live ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  };
  const sw = await serviceWorker();
  const extensionId = new URL(sw.url()).host;
  // The worker registers the page hook and bridge (chrome.scripting) as it starts: wait for them,
  // or a page opened at once would load without them.
  await sw.evaluate(async () => {
    for (let i = 0; i < 200 && chrome.scripting && (await chrome.scripting.getRegisteredContentScripts()).length < 2; i++)
      await new Promise((r) => setTimeout(r, 25));
  });
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
