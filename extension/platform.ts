// The one door to the extension API (test/unit/platform-door.test.ts holds it). Everything in extension/ imports `ext` (and the
// DevTools pages `devtools`) from here; only this file imports webextension-polyfill, so dropping
// it once the minimum Chrome is ≥ 152 (native promise `browser` namespace even with a DevTools
// page, crbug 500769389) is a one-file change.
// TODO [2027-06-01]: replace the polyfill by `globalThis.browser ?? globalThis.chrome` once Chrome ≥ 152.
import browser from 'webextension-polyfill';

export const ext = browser;

/**
 * DevTools' API, from the `chrome` namespace that Chrome and Firefox both give DevTools pages (the
 * anchors that ship a DevTools panel to Firefox do the same): once a native `browser` exists the
 * polyfill's `browser.devtools` can be missing (mozilla/webextension-polyfill#721, "Cannot read
 * properties of undefined (reading 'panels')"; apollographql/apollo-client-devtools#1743).
 * Undefined outside DevTools: the popup, or the panel opened as a plain page.
 */
export const devtools: typeof chrome.devtools | undefined = (globalThis as { chrome?: typeof chrome }).chrome?.devtools;

/** Firefox has no `extraHeaders` and throws on it (MDN, webRequest.onHeadersReceived, extraInfoSpec); Chromium needs it. */
const spec = (ext.webRequest as unknown as { OnSendHeadersOptions?: { EXTRA_HEADERS?: string } } | undefined)?.OnSendHeadersOptions;
export const EXTRA_HEADERS: 'extraHeaders' | undefined = spec?.EXTRA_HEADERS === 'extraHeaders' ? 'extraHeaders' : undefined;

/** Feature-detected, never sniffed from the user agent: only Firefox lacks `extraHeaders`. */
export const isFirefox = EXTRA_HEADERS === undefined && typeof (globalThis as { browser?: unknown }).browser === 'object';

/** An extraInfoSpec with `extraHeaders` added where the browser knows it. */
export function withExtraHeaders<T extends string>(base: T[]): (T | 'extraHeaders')[] {
  return EXTRA_HEADERS ? [...base, EXTRA_HEADERS] : base;
}
