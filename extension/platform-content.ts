// The content scripts' door to the extension API (test/unit/platform-door.test.ts holds it): the
// few calls the bridge makes, from the browser's own namespace, without webextension-polyfill,
// which was 10.3 KB of the bridge's 12.4 KB, loaded in every frame of every page.
// Each call used here returns a promise natively: Firefox's `browser` (MDN: Chrome incompatibilities,
// "Asynchronous APIs"), and Chrome's `chrome` in Manifest V3 (same page; runtime.sendMessage and
// storage.local.get without a callback).
// TODO [2027-06-01]: one door with platform.ts once it drops the polyfill (minimum Chrome ≥ 152).
import type { Browser } from 'webextension-polyfill';

/** What a content script may call: messages to the worker and the extension's storage. */
export type ContentApi = Pick<Browser, 'runtime' | 'storage'>;

// Firefox's native namespace (undeclared where Chrome's types are the ambient ones).
declare const browser: { runtime?: { getBrowserInfo?: unknown } } | undefined;

/**
 * Firefox gives a content script its own `browser`, with `runtime.getBrowserInfo` (MDN: Firefox
 * only). In Chrome a global named `browser` could be the page's (HTML: named access on the Window
 * object, an element with id="browser"), and no element property is a function called
 * getBrowserInfo. Chrome's own `chrome` cannot be replaced that way, so Chrome always goes
 * through it.
 */
const firefox = typeof browser === 'object' && typeof browser?.runtime?.getBrowserInfo === 'function';

export const ext = (firefox ? browser : chrome) as unknown as ContentApi;
