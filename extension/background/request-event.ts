// One webRequest event, normalised once (events.ts reads the browser; this file is pure, so the
// recorded sequences in test/fixtures/webrequest replay through it in unit tests). The collector
// and the cookie watch read only this plain event, never the browser's `details`:
// - the page's origin: Chromium's `initiator`; Firefox has none (it declined one, bugzilla 1442874)
//   and gives `originUrl`, the URL of the document that made the request;
// - header lines as text (Chromium's `binaryValue` for bytes that are not UTF-8; Firefox's response
//   header bytes decoded, see firefoxLines), with the values of Cookie, Set-Cookie and
//   Authorization replaced (src/core/secrets.ts);
// - of those secrets, only what the cookie watch reads: the names a Cookie header sent, and each
//   Set-Cookie's name and attributes (src/core/cookies/set-cookie.ts). No value passes this file.
import { bytesText, headerText } from '../../src/core/bytes';
import { parseSetCookie } from '../../src/core/cookies/set-cookie';
import type { CookieFacts } from '../../src/core/cookies/types';
import { isList } from '../../src/core/headers';
import { serializeOrigin } from '../../src/core/origin';
import { isSecretHeader, REDACTED } from '../../src/core/secrets';
import type { HeaderLine } from '../../src/core/types';
import { cookieNames } from './cookie-jar';

export interface RawHeader {
  name: string;
  value?: string;
  binaryValue?: ArrayLike<number>;
}

/** The webRequest fields we read, Chrome and Firefox (originUrl) alike. */
export interface Details {
  requestId: string;
  url: string;
  method: string;
  tabId: number;
  frameId?: number;
  type?: string;
  documentId?: string;
  initiator?: string;
  originUrl?: string;
  requestHeaders?: RawHeader[];
  responseHeaders?: RawHeader[];
  statusCode?: number;
  redirectUrl?: string;
  error?: string;
}

export type EventName = 'beforeRequest' | 'sendHeaders' | 'headersReceived' | 'beforeRedirect' | 'completed' | 'errorOccurred';

/** One webRequest event as every consumer reads it. Header lists are empty where the event has none. */
export interface RequestEvent {
  type: EventName;
  requestId: string;
  url: string;
  method: string;
  /** -1: no tab (a page's service or shared worker, or the browser itself). */
  tabId: number;
  frameId: number;
  documentId?: string;
  /** The origin of the page (or worker) that made the request; undefined when the browser did. */
  origin?: string;
  requestHeaders: HeaderLine[];
  responseHeaders: HeaderLine[];
  /** The cookie names the Cookie header sent (values dropped). */
  sentCookies: string[];
  /** Each Set-Cookie line's name and attributes (the first 50 lines). */
  setCookies: CookieFacts[];
  statusCode?: number;
  redirectUrl?: string;
  error?: string;
}

export function headerLines(raw: readonly RawHeader[] | undefined): HeaderLine[] {
  if (!isList(raw)) return [];
  return raw.map((h) => ({
    name: String(h.name),
    // webRequest gives `binaryValue` when the bytes are not UTF-8 (probed: lab edge-acao-latin1);
    // bytesText keeps each byte so the sentence prints it as Chromium does (src/core/bytes.ts).
    value: isSecretHeader(h.name) ? REDACTED : (h.value ?? (h.binaryValue ? bytesText(h.binaryValue) : '')),
  }));
}

/**
 * Firefox ESR 153's webRequest gives each header byte as one char (a UTF-8 "ü" arrives as "Ã¼")
 * and joins repeated lines of a name with ", " (probed on the lab: edge-acao-utf8,
 * acao-two-lines). Decode the bytes like Chromium's `value`/`binaryValue` (src/core/bytes.ts).
 * Firefox counts Access-Control-Allow-Origin LINES ("Multiple CORS header") but quotes one line
 * that holds a list whole ("does not match 'a, b'"), and webRequest shows both alike; see
 * twoLayers for how the extension reads them (docs/firefox-notes.md).
 */
export function firefoxLines(raw: readonly RawHeader[] | undefined): HeaderLine[] {
  return headerLines(raw).flatMap((h) => {
    const value = h.value === REDACTED ? h.value : headerText(h.value);
    if (h.name.toLowerCase() !== 'access-control-allow-origin' || !value.includes(', ')) return [{ name: h.name, value }];
    const items = value.split(', ');
    return twoLayers(items) ? items.map((v) => ({ name: h.name, value: v })) : [{ name: h.name, value }];
  });
}

/**
 * Were these joined items sent as separate lines? A `*` beside anything else, or the same value
 * twice, is what two layers adding the header send (a proxy's `*` and the app's origin, or both
 * echoing it: lab acao-two-lines, second-layer-copy); nobody writes either in one line. Distinct
 * origins are read as the one line a configured allow-list makes (lab acao-comma-list,
 * acao-comma-list-foreign). Two layers sending two different origins would read as one line too:
 * the sentence then differs from Firefox's, the cure (one exact origin, once) does not.
 */
function twoLayers(items: readonly string[]): boolean {
  return items.includes('*') || new Set(items).size < items.length;
}

/** The text values of a secret header's lines, read here only to be cut to names and attributes. */
const secretValues = (raw: readonly RawHeader[] | undefined, lower: string): string[] =>
  (isList(raw) ? raw : [])
    .filter((h) => typeof h?.name === 'string' && h.name.toLowerCase() === lower)
    .map((h) => (typeof h.value === 'string' ? h.value : ''));

/** Set-Cookie lines read per response: a hostile server cannot make us parse thousands. */
const MAX_SET_COOKIE = 50;

/** `now` dates a Set-Cookie's Max-Age. */
export function readEvent(type: EventName, d: Details, opts: { firefox?: boolean; now: number }): RequestEvent {
  const origin = d.initiator ?? (typeof d.originUrl === 'string' ? serializeOrigin(d.originUrl) : undefined);
  return {
    type,
    requestId: d.requestId,
    url: d.url,
    method: d.method,
    tabId: d.tabId,
    frameId: d.frameId ?? 0,
    ...(d.documentId ? { documentId: d.documentId } : {}),
    ...(origin !== undefined ? { origin } : {}),
    requestHeaders: headerLines(d.requestHeaders),
    responseHeaders: opts.firefox ? firefoxLines(d.responseHeaders) : headerLines(d.responseHeaders),
    sentCookies: cookieNames(secretValues(d.requestHeaders, 'cookie')),
    setCookies: secretValues(d.responseHeaders, 'set-cookie')
      .slice(0, MAX_SET_COOKIE)
      .flatMap((line) => parseSetCookie(line, opts.now) ?? []),
    ...(d.statusCode !== undefined ? { statusCode: d.statusCode } : {}),
    ...(d.redirectUrl !== undefined ? { redirectUrl: d.redirectUrl } : {}),
    ...(d.error !== undefined ? { error: d.error } : {}),
  };
}

/** The first line of a header (names compared lower-cased), or undefined. */
export const lineOf = (lines: readonly HeaderLine[], lower: string): HeaderLine | undefined => lines.find((h) => h.name.toLowerCase() === lower);
