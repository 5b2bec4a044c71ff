// The one reader of webRequest: six listeners, registered once at the top level of the worker
// (main.ts calls readRequests synchronously, so an event that wakes a stopped worker finds them),
// each event normalised once (request-event.ts) and handed to the worker's consumers in order
// (the tab's activity clock, the collector, the cookie watch). The pause switch turns every
// listener off and on again (watching.ts `switchable`).
import { withExtraHeaders } from '../platform';
import { readEvent, type Details, type EventName, type RequestEvent } from './request-event';
import { switchable, type Switchable } from './watching';

// Only what fetch() and XHR produce: Chromium 156 reports both, and their preflights, as
// 'xmlhttprequest' ('other' kept for builds that report preflights with an empty destination).
// A narrow filter also keeps the extraHeaders cost (a header-client round trip) off page loads.
const FILTER = { urls: ['<all_urls>'], types: ['xmlhttprequest', 'other'] } as const;

/** webRequest's events, as the reader registers them. */
type WebRequestEvents = Record<'onBeforeRequest' | 'onSendHeaders' | 'onHeadersReceived' | 'onBeforeRedirect' | 'onCompleted' | 'onErrorOccurred', unknown>;

/**
 * Each event, its name and what its details must carry. Request headers feed the collector
 * (author headers, preflights, Cookie and Sec-Fetch-Storage-Access as credentials evidence) and the
 * cookie watch (Cookie names, Sec-Fetch-Site); response headers feed the collector (the CORS
 * headers) and the cookie watch (Set-Cookie). `extraHeaders` is added where the browser knows it
 * (platform.ts): without it Chromium hides Cookie, Set-Cookie and preflights (docs/cost.md).
 */
const EVENTS: readonly [keyof WebRequestEvents, EventName, ('requestHeaders' | 'responseHeaders')[]][] = [
  ['onBeforeRequest', 'beforeRequest', []],
  ['onSendHeaders', 'sendHeaders', ['requestHeaders']],
  ['onHeadersReceived', 'headersReceived', ['responseHeaders']],
  // The redirect's headers came with its onHeadersReceived; from this event only redirectUrl is read.
  ['onBeforeRedirect', 'beforeRedirect', []],
  ['onCompleted', 'completed', []],
  ['onErrorOccurred', 'errorOccurred', []],
];

export interface ReaderOptions {
  firefox: boolean;
  now(): number;
}

/** Registers the six listeners now; `deliver` gets every event, normalised. Returns them for the pause switch. */
export function readRequests(webRequest: WebRequestEvents, opts: ReaderOptions, deliver: (ev: RequestEvent) => void): Switchable[] {
  return EVENTS.map(([key, name, spec]) => {
    const listener = (d: Details) => deliver(readEvent(name, d, { firefox: opts.firefox, now: opts.now() }));
    const extra = withExtraHeaders(spec);
    // Firefox's onCompleted/onErrorOccurred take no extraInfoSpec at all, not even [].
    return extra.length > 0 ? switchable(webRequest[key], listener, FILTER, extra) : switchable(webRequest[key], listener, FILTER);
  });
}
