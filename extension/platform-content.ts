// The content scripts' door to the extension API (test/unit/platform-door.test.ts holds it): the
// few calls the bridge makes, from the browser's own namespace, without webextension-polyfill,
// which was 10.3 KB of the bridge's 12.3 KB, loaded in every frame of every page.
// Each call used here returns a promise natively: Firefox's `browser` (MDN: Chrome incompatibilities,
// "Asynchronous APIs"), and Chrome's `chrome` in Manifest V3 (same page; runtime.sendMessage and
// storage.local.get without a callback).
// TODO [2027-06-01]: one door with platform.ts once it drops the polyfill (minimum Chrome ≥ 152).
import type { Browser } from 'webextension-polyfill';

/** What a content script may call: messages to the worker and the extension's storage. */
export type ContentApi = Pick<Browser, 'runtime' | 'storage'>;

// The native promise namespace: Firefox's, and Chrome's since 148 (152 with a DevTools page).
declare const browser: { runtime?: { getURL?: unknown } } | undefined;

/**
 * A global named `browser` could also be the page's (HTML: named access on the Window object, an
 * element with id="browser", and a form's named control for `browser.runtime`), but no element
 * has a method getURL, which the real `runtime` gives content scripts (MDN: Content scripts,
 * WebExtension APIs). Chrome's own `chrome` cannot be replaced that way.
 */
const hasBrowser = typeof browser === 'object' && typeof browser?.runtime?.getURL === 'function';

export const ext = (hasBrowser ? browser : chrome) as unknown as ContentApi;
