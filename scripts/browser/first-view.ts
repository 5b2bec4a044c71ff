// What the browser `npm start` opens shows at once: the extension's toolbar button pinned (its badge
// counts the tab's blocked requests) and DevTools on the CORS panel, as a user would set them up.
// Chromium keeps both in the profile's Preferences; neither has a command-line switch.
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { cdpTargets, type CdpTargets } from './devtools-targets';
import type { ExtensionBrowser } from './launch';

/**
 * Chromium's id for an unpacked extension, known before it loads: the first 128 bits of SHA-256
 * over its absolute path, each hex digit written as a letter a–p (components/crx_file/id_util.cc,
 * GenerateIdForPath; on Windows the path's UTF-16 units, drive letter upper-cased).
 */
export function unpackedExtensionId(dir: string, platform: NodeJS.Platform = process.platform): string {
  const path = realpathSync(dir);
  const bytes =
    platform === 'win32'
      ? Buffer.from(
          path.replace(/^[a-z]:/, (d) => d.toUpperCase()),
          'utf16le',
        )
      : Buffer.from(path);
  const hex = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** DevTools' id for an extension panel: the extension's origin, then the panel's title (ExtensionServer.ts, onCreatePanel). */
export const corsPanelId = (extensionId: string): string => `chrome-extension://${extensionId}CORS`;

/**
 * Profile preferences: the extension's action pinned to the toolbar (extensions.pinned_extensions,
 * the list the puzzle-piece menu's pin edits), and the CORS tab placed before Elements in DevTools'
 * tab strip, so a narrow DevTools still shows it rather than hiding it behind ».
 */
export function firstViewPreferences(extensionId: string): object {
  return {
    extensions: { pinned_extensions: [extensionId] },
    devtools: { preferences: { 'panel-tab-order': JSON.stringify({ [corsPanelId(extensionId)]: 5, elements: 10 }) } },
  };
}

const isPanelFrame = (extensionId: string) => (t: { type: string; url: string }) =>
  t.type === 'iframe' && t.url.startsWith(`chrome-extension://${extensionId}/extension/panel/panel.html`);

/** Whether a CORS panel frame is on screen: loaded (DevTools loads it when first shown) and laid out (a hidden panel is display: none). */
export async function corsPanelShown(cdp: CdpTargets, extensionId: string): Promise<boolean> {
  for (const t of (await cdp.list()).filter(isPanelFrame(extensionId))) {
    if (await cdp.evaluate<boolean>(t.targetId, 'innerWidth > 0 && innerHeight > 0').catch(() => false)) return true;
  }
  return false;
}

/**
 * Switches every open DevTools window to the CORS panel, as soon as the extension's DevTools page
 * has added it. The last selected panel is restored only for DevTools' own panels, never for an
 * extension's, which arrives later (ui/legacy/ViewManager.ts, TabbedLocation): so the panel is
 * selected through DevToolsAPI.showPanel, the embedder's entry point that devtools_compatibility.js
 * defines for showing a panel by id.
 */
export async function showCorsPanel(browser: ExtensionBrowser, timeoutMs = 20_000): Promise<boolean> {
  const cdp = cdpTargets(await browser.context.browser()!.newBrowserCDPSession());
  const call = `DevToolsAPI.showPanel(${JSON.stringify(corsPanelId(browser.extensionId))})`;
  for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
    if (await corsPanelShown(cdp, browser.extensionId)) return true;
    const windows = (await cdp.list()).filter((t) => t.url.startsWith('devtools://devtools/bundled/devtools_app.html'));
    for (const w of windows) await cdp.evaluate(w.targetId, call).catch(() => {});
  }
  return false;
}

/** Whether the extension's action is on the toolbar, as Chromium reports it to the extension (chrome.action.getUserSettings). */
export async function actionPinned(browser: ExtensionBrowser): Promise<boolean> {
  const sw = await browser.serviceWorker();
  return sw.evaluate(async () => (await chrome.action.getUserSettings()).isOnToolbar === true);
}
