// What `npm start` and `npm run dev` share: display detection, the lab + Chromium session, and
// a clean stop on Ctrl+C / SIGTERM.
import type { Page } from 'playwright-core';
import { startLab, type Lab } from '../lab/index';
import { actionPinned, firstViewPreferences, showCorsPanel, unpackedExtensionId } from './browser/first-view';
import { launchWithExtension, type ExtensionBrowser } from './browser/launch';

export const hasDisplay = (): boolean => Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

export interface Session {
  lab: Lab;
  browser: ExtensionBrowser;
  page: Page;
  headless: boolean;
  /** With a display: whether the toolbar button is pinned and DevTools shows the CORS panel, as the browser reports them. */
  shown?: { pinned: boolean; panel: boolean };
  stop(code?: number): Promise<never>;
}

/** Start the lab and Chromium with the extension in `dir` on the lab page; stop cleanly on signals. */
export async function startSession(dir: string, headless: boolean, cleanup: Array<() => Promise<void> | void> = []): Promise<Session> {
  const lab = await startLab();
  let browser: ExtensionBrowser | undefined;
  let stopping = false;
  const stop = async (code = 0): Promise<never> => {
    if (!stopping) {
      stopping = true;
      // Under `npm start`, Ctrl+C reaches npm, tsx and us, and npm and tsx relay it again. tsx
      // SIGKILLs a child that does not acknowledge a relayed signal within 30 ms, and the
      // cleanup below blocks the event loop (a synchronous profile delete), so let the relays
      // land first.
      await new Promise((r) => setTimeout(r, 250));
      for (const fn of cleanup) await Promise.resolve(fn()).catch(() => {});
      await browser?.close().catch(() => {});
      await lab.close().catch(() => {});
      console.log(code === 0 ? 'Stopped Chromium and the lab.' : 'Stopped.');
      process.exit(code);
    }
    return new Promise<never>(() => {});
  };
  // `on`, not `once`: Ctrl+C reaches us twice (the terminal's process group, and tsx relaying it),
  // and a second signal must not fall through to Node's default (death by signal, no cleanup).
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  try {
    browser = await launchWithExtension({
      dir,
      headless,
      handleSignals: false,
      args: headless ? [] : ['--auto-open-devtools-for-tabs'],
      preferences: firstViewPreferences(unpackedExtensionId(dir)),
    });
  } catch (err) {
    await lab.close();
    throw err;
  }
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(lab.pageUrl);
  // Closing the last browser window ends the session too.
  browser.context.on('close', () => void stop(0));
  const shown = headless ? undefined : { panel: await showCorsPanel(browser), pinned: await actionPinned(browser) };
  return { lab, browser, page, headless, ...(shown ? { shown } : {}), stop };
}

export function banner(s: Session, extra: string[] = []): string {
  return [
    '',
    'CORS Credentials Inspector',
    `  lab page        ${s.lab.pageUrl}`,
    `  same-site API   ${s.lab.sameSiteOrigin}`,
    `  cross-site API  ${s.lab.crossSiteOrigin}`,
    `  cookie API      ${s.lab.cookieOrigin}`,
    `  Chromium        ${s.headless ? 'headless' : 'with DevTools open'}, extension ${s.browser.extensionId}`,
    ...(s.shown ? shownLines(s.shown) : []),
    ...extra,
    '',
  ].join('\n');
}

/** Whether DevTools shows the CORS panel, or where to find it by hand. */
export const devtoolsLine = (shown: boolean): string =>
  shown ? '  DevTools        on the CORS panel' : '  DevTools        choose the CORS tab (behind » when DevTools is narrow)';

/** Where the toolbar button is, or how to pin it by hand when the browser did not take the pin. */
export const toolbarLine = (pinned: boolean, firefox = false): string =>
  pinned
    ? "  toolbar         extension pinned: its badge counts the tab's blocked requests"
    : `  toolbar         not pinned: puzzle-piece Extensions button, then ${firefox ? 'the gear, Pin to Toolbar' : 'the pin'} beside CORS Credentials Inspector`;

/** What the user should see, or how to get there by hand when the browser did not take it. */
function shownLines(shown: { pinned: boolean; panel: boolean }): string[] {
  return [toolbarLine(shown.pinned), devtoolsLine(shown.panel)];
}
