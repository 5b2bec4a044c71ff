// Normalises webRequest details, once, into request records. Pure: no extension
// API, no clock of its own; main.ts feeds it events and page hints and gets back each finished
// cross-origin request. test/unit/collector.test.ts replays sequences recorded from Chromium 156.
//
// What Chromium 156 on this machine reports (test/fixtures/webrequest/lab-chromium-156.json):
// - The actual request's onBeforeRequest fires first; then its preflight, under a NEW requestId,
//   type 'xmlhttprequest', OPTIONS, with Access-Control-Request-Method/-Headers; then (if the
//   preflight passed) the actual request's onSendHeaders. A failed preflight still ends in
//   onCompleted; only the actual request gets onErrorOccurred 'net::ERR_FAILED', and it never
//   gets onSendHeaders (recorded in the fixture above).
// - A redirect keeps the requestId: onHeadersReceived(3xx) → onBeforeRedirect → onBeforeRequest
//   (new URL). A 3xx the CORS check rejects ends in onErrorOccurred with no onBeforeRedirect.
// - Sec-Fetch-Storage-Access IS visible on the actual request (research §1.2 said Sec-Fetch-* were
//   not): 'none' on cross-site requests with credentials 'include', absent otherwise.
import { bytesText, headerText } from '../../src/core/bytes';
import { isList } from '../../src/core/headers';
import { maskPasswords, parseUrl, serializeOrigin } from '../../src/core/origin';
import { isForbiddenHeaderName, isSafelistedName, normalizeMethod } from '../../src/core/safelist';
import { isSecretHeader, REDACTED, VALUE_NOT_KEPT } from '../../src/core/secrets';
import type { HeaderLine, Hop, RequestRecord, ResponseSeen } from '../../src/core/types';
import type { PageHint } from '../../src/messages';

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

/** Where a page hint came from (runtime.MessageSender, narrowed). */
export interface HintSender {
  tabId: number;
  frameId: number;
}

/** One cross-origin request, finished. `record` has credentials/initiator 'unknown' unless hinted. */
export interface Finished {
  requestId: string;
  tabId: number;
  frameId: number;
  documentId?: string;
  /** The browser failed it with net::ERR_FAILED (Chromium's CORS failure). */
  blocked: boolean;
  error?: string;
  record: RequestRecord;
  /** A Cookie header went out on a cross-origin hop (only credentials 'include' sends one). */
  cookie: boolean;
  /** Sec-Fetch-Storage-Access went out (Chromium: cross-site and credentials 'include' only). */
  storageAccess: boolean;
  hint?: Pick<PageHint, 'credentials' | 'initiator'>;
  /**
   * Only the request's end was seen: it started while no worker ran (the browser stopped it, or
   * it was still starting), so its headers and responses are unknown.
   */
  startUnseen?: true;
  /** Made by a worker of the page (webRequest gives it no tab): attributed by its initiator. */
  fromWorker?: true;
}

export interface CollectorOptions {
  onFinished(f: Finished): void;
  /**
   * A request has ended (its verdict may still wait for the page hint): what is known now, for
   * main.ts to keep in storage.session until the verdict is stored. Called again if a late hint
   * completes it.
   */
  onEnded?(f: Finished): void;
  now(): number;
  /** Runs fn after ms; main.ts passes setTimeout, tests fake timers. */
  schedule(fn: () => void, ms: number): void;
  /** How long a finished request waits for its page hint (the hint can trail the terminal event). */
  hintWaitMs?: number;
  /** Bounds, so requests that never finish cannot grow memory. */
  maxPending?: number;
  /** Per tab: unfinished requests and queued hints (a flooding tab evicts only its own). */
  maxPendingPerTab?: number;
  maxHintsPerTab?: number;
  /** Hints a tab may send per second (a burst of twice as many), beyond the bridge's per-frame limit. */
  hintRate?: number;
  maxAgeMs?: number;
  /** Firefox's webRequest: header bytes as chars, repeated lines joined (see firefoxLines). */
  firefox?: boolean;
  /**
   * The tab a request without one belongs to (a page's service or shared worker: tabId -1), from
   * its initiator, the worker's origin: the tab whose page has that origin; undefined when none.
   */
  workerTab?(initiator: string): number | undefined;
}

interface Entry {
  id: string;
  tabId: number;
  frameId: number;
  documentId?: string;
  origin: string;
  method: string;
  firstUrl: string;
  opened: number;
  hops: Hop[];
  headers?: HeaderLine[];
  acrh?: string[];
  awaitingPreflight: boolean;
  /** The method at the current hop (a 303 turns POST into GET; onBeforeRequest of the hop says so). */
  hopMethod?: string;
  cookie: boolean;
  storageAccess: boolean;
  hint?: PageHint;
  ended?: { blocked: boolean; error?: string };
  fromWorker?: true;
}

interface Preflight {
  id: string;
  tabId: number;
  frameId: number;
  origin: string;
  url: string;
  opened: number;
  actual?: Entry;
  hop: number;
}

interface QueuedHint {
  hint: PageHint;
  sender: HintSender;
  at: number;
}

export { REDACTED } from '../../src/core/secrets';
/** A value that makes any header name CORS-unsafe: we know only the names a preflight listed. */
export const UNSEEN = '(not seen)';

export function headerLines(raw: readonly RawHeader[] | undefined): HeaderLine[] {
  if (!isList(raw)) return [];
  return raw.map((h) => ({
    name: String(h.name),
    // webRequest gives `binaryValue` when the bytes are not UTF-8 (probed: lab edge-acao-latin1);
    // bytesText keeps each byte so the sentence prints it as Chromium does (src/core/bytes.ts).
    value: isSecretHeader(h.name) ? REDACTED : (h.value ?? (h.binaryValue ? bytesText(h.binaryValue) : '')),
  }));
}

const find = (raw: readonly RawHeader[] | undefined, lower: string): RawHeader | undefined => raw?.find((h) => h.name.toLowerCase() === lower);

const USERINFO = /^([a-z][a-z\d+.-]*:\/\/)([^/?#@]*)@/i;
/**
 * A URL without its user:password@, for matching: XHR credentials given to open() become the
 * request URL's userinfo (XHR "open()" step 9), which webRequest shows on the request but neither
 * on its preflight nor in the page's own URL (probed: lab xhr-open-credentials-preflight-401).
 */
export const withoutUserinfo = (url: string): string => url.replace(USERINFO, '$1');

/**
 * The headers the page set: forbidden names (Cookie, Origin, Sec-*, User-Agent, …) are the browser's.
 * Values are kept only for the CORS-safelisted names, the only ones a rule reads (Fetch §2.2.2):
 * an `X-Api-Key` is stored by name alone.
 */
function authorHeaders(raw: readonly RawHeader[] | undefined, url = ''): HeaderLine[] {
  // Credentials given to XHR open() are the URL's userinfo; Firefox ESR shows the Authorization it
  // makes of them among the request headers, though no author set it and no preflight lists it
  // (lab xhr-open-credentials-preflight-401, fixed form): the browser's, like a Cookie.
  const browserAuth = withoutUserinfo(url) !== url;
  return headerLines(raw)
    .filter((h) => !isForbiddenHeaderName(h.name.toLowerCase()) && !(browserAuth && h.name.toLowerCase() === 'authorization'))
    .map((h) => (isSecretHeader(h.name) || isSafelistedName(h.name.toLowerCase()) ? h : { name: h.name, value: VALUE_NOT_KEPT }));
}

/**
 * Firefox ESR 153's webRequest gives each header byte as one char (a UTF-8 "ü" arrives as "Ã¼")
 * and joins repeated lines of a name with ", " (probed on the lab: edge-acao-utf8,
 * acao-two-lines). Decode the bytes like Chromium's `value`/`binaryValue` (src/core/bytes.ts).
 * Firefox counts Access-Control-Allow-Origin LINES ("Multiple CORS header") but quotes one line
 * that holds a list whole ("does not match 'a, b'"), and webRequest shows both alike; see
 * twoLayers for how the extension reads them (docs/firefox-notes.md).
 */
function firefoxLines(raw: readonly RawHeader[] | undefined): HeaderLine[] {
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

/** A Location resolved against the URL it came with ('undefined' when it does not parse). */
function resolveUrl(location: string, base: string): string | undefined {
  return parseUrl(location, base)?.href;
}

/** The response headers the validator reads; every other line is context only. */
const CORS_RELEVANT = /^(access-control-|vary$|location$)/i;
const MAX_CONTEXT_LINES = 64;
const MAX_CONTEXT_VALUE = 1024;

/**
 * A response as the record keeps it. Lines the validator reads stay verbatim (Chromium quotes
 * them whole); the others, context for the reader, are bounded so that a hostile server cannot
 * fill storage.session through us.
 */
export function response(d: Pick<Details, 'statusCode' | 'responseHeaders'>, firefox = false): ResponseSeen {
  let context = 0;
  const headers: HeaderLine[] = [];
  for (const h of firefox ? firefoxLines(d.responseHeaders) : headerLines(d.responseHeaders)) {
    if (/^location$/i.test(h.name)) headers.push({ name: h.name, value: maskPasswords(h.value) });
    else if (CORS_RELEVANT.test(h.name)) headers.push(h);
    else if (++context <= MAX_CONTEXT_LINES)
      headers.push(h.value.length > MAX_CONTEXT_VALUE ? { name: h.name, value: `${h.value.slice(0, MAX_CONTEXT_VALUE)}…` } : h);
  }
  return { status: d.statusCode ?? 0, headers };
}

/**
 * The errors a CORS block ends in. Chromium: net::ERR_FAILED (research §1.4). Firefox ESR 153:
 * NS_ERROR_DOM_BAD_URI after a failed preflight, NS_ERROR_UNEXPECTED after a redirect it refused
 * (probed on the lab). A simple request Firefox blocks ends in onCompleted with its real status,
 * so the Firefox build judges those from the headers (verdict.ts `judgeFromHeaders`). Firefox's
 * error for a refused redirect varies with timing (NS_ERROR_UNEXPECTED, NS_ERROR_NET_ON_RECEIVING_FROM
 * on the lab's redirect-userinfo), so in Firefox every error but an abort is judged from the headers too.
 */
const CORS_BLOCK_ERRORS = new Set(['net::ERR_FAILED', 'NS_ERROR_DOM_BAD_URI', 'NS_ERROR_UNEXPECTED']);

export function createCollector(opts: CollectorOptions) {
  const hintWaitMs = opts.hintWaitMs ?? 400;
  const maxPending = opts.maxPending ?? 2000;
  const maxAgeMs = opts.maxAgeMs ?? 60_000;
  const maxPendingPerTab = opts.maxPendingPerTab ?? 500;
  const maxHintsPerTab = opts.maxHintsPerTab ?? 256;
  const hintRate = opts.hintRate ?? 500;
  const pending = new Map<string, Entry>();
  /** The same entries by tab, oldest first, so a hint or a cap looks at its own tab only. */
  const pendingByTab = new Map<number, Set<Entry>>();
  const preflights = new Map<string, Preflight>();
  const hints = new Map<number, QueuedHint[]>();
  /**
   * Unfinished requests still waiting for their hint, by what a hint names (tab, frame, method,
   * URL), oldest first: a hint finds its request at once instead of scanning the tab's requests
   * (a burst of 300 hints against 300 requests was 45,000 comparisons; docs/cost.md).
   */
  const unhinted = new Map<string, Entry[]>();
  const hintKey = (tabId: number, frameId: number, method: string, url: string) => `${tabId} ${frameId} ${method} ${withoutUserinfo(url)}`;
  const entryKey = (e: Entry) => hintKey(e.tabId, e.frameId, e.method, e.firstUrl);
  function unlistHint(e: Entry): void {
    const key = entryKey(e);
    const list = unhinted.get(key);
    const i = list ? list.indexOf(e) : -1;
    if (i < 0) return;
    list!.splice(i, 1);
    if (list!.length === 0) unhinted.delete(key);
  }
  const buckets = new Map<number, { tokens: number; at: number }>();
  /** Tabs closed while this worker ran (the newest 256): a late end of theirs is no orphan. */
  const closedTabs = new Set<number>();
  let events = 0;

  function track(e: Entry): void {
    pending.set(e.id, e);
    let set = pendingByTab.get(e.tabId);
    if (!set) pendingByTab.set(e.tabId, (set = new Set()));
    set.add(e);
    // A tab over its own cap loses its own oldest unfinished request, never another tab's.
    if (set.size > maxPendingPerTab) for (const old of set) if (!old.ended) return void forget(old);
  }

  function forget(e: Entry): void {
    pending.delete(e.id);
    if (!e.hint) unlistHint(e);
    const set = pendingByTab.get(e.tabId);
    set?.delete(e);
    if (set?.size === 0) pendingByTab.delete(e.tabId);
  }

  function allowHint(tabId: number): boolean {
    const now = opts.now();
    const b = buckets.get(tabId) ?? { tokens: hintRate * 2, at: now };
    b.tokens = Math.min(hintRate * 2, b.tokens + ((now - b.at) / 1000) * hintRate);
    b.at = now;
    buckets.set(tabId, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  const initiatorOf = (d: Details): string | undefined => d.initiator ?? (typeof d.originUrl === 'string' ? serializeOrigin(d.originUrl) : undefined);

  const sameKey = (e: Entry, h: PageHint, s: HintSender): boolean =>
    e.tabId === s.tabId && e.frameId === s.frameId && withoutUserinfo(e.firstUrl) === withoutUserinfo(h.url) && e.method === normalizeMethod(h.method);

  /** What is known of an ended request, as the verdict reads it. */
  function finishedOf(e: Entry & { ended: NonNullable<Entry['ended']> }): Finished {
    const requestHeaders = e.headers ?? (e.acrh ?? []).map((name) => ({ name, value: UNSEEN }));
    return {
      requestId: e.id,
      tabId: e.tabId,
      frameId: e.frameId,
      ...(e.documentId ? { documentId: e.documentId } : {}),
      blocked: e.ended.blocked,
      ...(e.ended.error ? { error: e.ended.error } : {}),
      record: {
        method: e.method,
        origin: e.origin,
        credentials: e.hint?.credentials ?? 'unknown',
        initiator: e.hint?.initiator ?? 'unknown',
        requestHeaders,
        hops: e.hops,
      },
      cookie: e.cookie,
      storageAccess: e.storageAccess,
      ...(e.hint ? { hint: { credentials: e.hint.credentials, initiator: e.hint.initiator } } : {}),
      ...(e.fromWorker ? { fromWorker: true as const } : {}),
    };
  }

  function finish(e: Entry): void {
    if (!pending.has(e.id) || !e.ended) return;
    forget(e);
    opts.onFinished(finishedOf(e as Entry & { ended: NonNullable<Entry['ended']> }));
  }

  function end(e: Entry, blocked: boolean, error?: string): void {
    e.ended = { blocked, ...(error ? { error } : {}) };
    opts.onEnded?.(finishedOf(e as Entry & { ended: NonNullable<Entry['ended']> }));
    // The page hint travels page → bridge → worker and may trail a fast local response: wait a
    // little for it rather than judge with the wrong credentials mode or initiator. A worker's
    // request gets none (the page hook runs in the page only).
    if (e.hint || e.fromWorker) finish(e);
    else opts.schedule(() => finish(e), hintWaitMs);
  }

  /**
   * A blocked request whose start this worker never saw (it began while no worker ran): counted
   * and listed from what its end event tells (URL, method, initiator, error), never dropped.
   */
  function orphan(d: Details): void {
    const origin = initiatorOf(d);
    if (d.tabId < 0 || closedTabs.has(d.tabId) || origin === undefined || serializeOrigin(d.url) === origin) return;
    opts.onFinished({
      requestId: d.requestId,
      tabId: d.tabId,
      frameId: d.frameId ?? 0,
      ...(d.documentId ? { documentId: d.documentId } : {}),
      blocked: true,
      ...(d.error ? { error: d.error } : {}),
      record: { method: d.method, origin, credentials: 'unknown', initiator: 'unknown', requestHeaders: [], hops: [{ url: d.url }] },
      cookie: false,
      storageAccess: false,
      startUnseen: true,
    });
  }

  function sweep(): void {
    const cutoff = opts.now() - maxAgeMs;
    for (const e of pending.values()) if (!e.ended && (e.opened < cutoff || pending.size > maxPending)) forget(e);
    for (const [id, p] of preflights) if (p.opened < cutoff || preflights.size > maxPending) preflights.delete(id);
    for (const [tabId, q] of hints) {
      while (q.length > 0 && q[0]!.at < opts.now() - 10_000) q.shift();
      if (q.length === 0) hints.delete(tabId);
    }
  }

  function open(d: Details, origin: string): Entry {
    const e: Entry = {
      id: d.requestId,
      tabId: d.tabId,
      frameId: d.frameId ?? 0,
      ...(d.documentId ? { documentId: d.documentId } : {}),
      origin,
      method: d.method,
      firstUrl: d.url,
      opened: opts.now(),
      hops: [{ url: maskPasswords(d.url) }],
      awaitingPreflight: false,
      cookie: false,
      storageAccess: false,
    };
    track(e);
    const q = hints.get(e.tabId);
    const i = q ? q.findIndex((x) => sameKey(e, x.hint, x.sender)) : -1;
    if (i >= 0) e.hint = q!.splice(i, 1)[0]!.hint;
    else {
      const key = entryKey(e);
      const list = unhinted.get(key);
      if (list) list.push(e);
      else unhinted.set(key, [e]);
    }
    return e;
  }

  function onBeforeRequest(d: Details): void {
    const next = pending.get(d.requestId);
    if (next) next.hopMethod = d.method;
    if (next || preflights.has(d.requestId)) return; // the next hop of a redirect
    const origin = initiatorOf(d);
    if (origin === undefined || serializeOrigin(d.url) === origin) return; // browser-initiated, or same-origin
    if (d.tabId < 0) {
      // No tab: a page's service or shared worker (Chromium gives their requests tabId -1). The
      // page of the worker's origin gets them; without one (the browser's own) they are not ours.
      const tabId = opts.workerTab?.(origin);
      if (tabId === undefined) return;
      d = { ...d, tabId, frameId: -1 };
    }
    if (++events % 256 === 0 || pending.size + preflights.size > maxPending) sweep();
    if (d.method === 'OPTIONS') {
      // A preflight until onSendHeaders shows no Access-Control-Request-Method.
      preflights.set(d.requestId, { id: d.requestId, tabId: d.tabId, frameId: d.frameId ?? 0, origin, url: d.url, opened: opts.now(), hop: 0 });
      return;
    }
    const e = open(d, origin);
    if (d.frameId === -1) e.fromWorker = true;
  }

  function onSendHeaders(d: Details): void {
    const p = preflights.get(d.requestId);
    if (p) {
      const acrm = find(d.requestHeaders, 'access-control-request-method')?.value;
      if (acrm === undefined) {
        // The page's own cross-origin OPTIONS request, not a preflight.
        preflights.delete(d.requestId);
        const e = open({ ...d, tabId: p.tabId, frameId: p.frameId }, p.origin);
        if (p.frameId === -1) e.fromWorker = true;
        e.headers = authorHeaders(d.requestHeaders);
        return;
      }
      // research §1.5: no shared id; the oldest actual request waiting on this URL with this method.
      for (const e of pending.values()) {
        if (e.ended || e.awaitingPreflight || e.tabId !== p.tabId || e.frameId !== p.frameId || e.origin !== p.origin) continue;
        const method = e.hopMethod ?? e.method;
        if (
          withoutUserinfo(e.hops.at(-1)!.url) !== withoutUserinfo(p.url) ||
          e.hops.at(-1)!.response ||
          (method !== acrm && method.toUpperCase() !== acrm.toUpperCase())
        )
          continue;
        p.actual = e;
        p.hop = e.hops.length - 1;
        e.awaitingPreflight = true;
        const acrh = find(d.requestHeaders, 'access-control-request-headers')?.value;
        if (acrh !== undefined)
          e.acrh = acrh
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
        break;
      }
      return;
    }
    const e = pending.get(d.requestId);
    if (!e) return;
    // The first hop's, or (a request that started at the page's own origin) the first cross-origin one's.
    if (!e.headers) e.headers = authorHeaders(d.requestHeaders, d.url);
    if (serializeOrigin(d.url) !== e.origin) {
      if (find(d.requestHeaders, 'cookie')) e.cookie = true;
      if (find(d.requestHeaders, 'sec-fetch-storage-access')) e.storageAccess = true;
    }
  }

  function onHeadersReceived(d: Details): void {
    const p = preflights.get(d.requestId);
    if (p) {
      const hop = p.actual?.hops[p.hop];
      if (hop) hop.preflight = response(d, opts.firefox);
      return;
    }
    const e = pending.get(d.requestId) ?? redirectingAway(d);
    if (e) e.hops.at(-1)!.response = response(d, opts.firefox);
  }

  /**
   * A request to the page's own origin is not followed (it is no CORS matter) until it redirects
   * away: to another origin, or with user:password@ in its Location. From then on it is in CORS
   * mode, and the browser names both URLs in its sentence ("… (redirected from '…')") or refuses the
   * Location itself (Fetch "HTTP-redirect fetch"; lab same-origin-redirect-away,
   * redirect-userinfo-from-page). A rejected redirect gets no onBeforeRedirect, so this is the place.
   */
  function redirectingAway(d: Details): Entry | undefined {
    const status = d.statusCode ?? 0;
    if (d.tabId < 0 || status < 300 || status > 399 || d.method === 'OPTIONS' || preflights.has(d.requestId)) return undefined;
    const origin = initiatorOf(d);
    const location = find(d.responseHeaders, 'location')?.value;
    if (origin === undefined || location === undefined || serializeOrigin(d.url) !== origin) return undefined;
    const next = resolveUrl(location, d.url);
    if (next === undefined || (serializeOrigin(next) === origin && withoutUserinfo(next) === next)) return undefined;
    return open(d, origin);
  }

  function onBeforeRedirect(d: Details): void {
    const e = pending.get(d.requestId);
    if (!e || typeof d.redirectUrl !== 'string') return;
    e.hops.push({ url: maskPasswords(d.redirectUrl) });
    e.awaitingPreflight = false;
  }

  function onEnd(d: Details, blocked: boolean): void {
    const p = preflights.get(d.requestId);
    if (p) {
      preflights.delete(d.requestId);
      if (p.actual) p.actual.awaitingPreflight = false;
      return;
    }
    const e = pending.get(d.requestId);
    if (!e) {
      // A preflight's own end is never a block (research: it ends in onCompleted); an OPTIONS
      // request whose start was not seen could be one, and must not count twice.
      if (blocked && d.method !== 'OPTIONS') orphan(d);
      return;
    }
    if (e.ended) return;
    if (!blocked && d.error !== undefined && (!opts.firefox || d.error === 'NS_BINDING_ABORTED')) {
      forget(e); // aborted, offline, …: not a CORS matter
      return;
    }
    end(e, blocked, d.error);
  }

  return {
    handle(event: EventName, d: Details): void {
      switch (event) {
        case 'beforeRequest':
          return onBeforeRequest(d);
        case 'sendHeaders':
          return onSendHeaders(d);
        case 'headersReceived':
          return onHeadersReceived(d);
        case 'beforeRedirect':
          return onBeforeRedirect(d);
        case 'completed':
          return onEnd(d, false);
        case 'errorOccurred':
          return onEnd(d, d.error !== undefined && CORS_BLOCK_ERRORS.has(d.error));
      }
    },
    /** A MAIN-world hint: it refines a request's credentials mode and initiator, nothing more. */
    hint(hint: PageHint, sender: HintSender): void {
      if (!allowHint(sender.tabId)) return; // a flood: the request is still judged, from the headers
      const key = hintKey(sender.tabId, sender.frameId, normalizeMethod(hint.method), hint.url);
      const list = unhinted.get(key);
      const e = list?.shift();
      if (list?.length === 0) unhinted.delete(key);
      if (e) {
        e.hint = hint;
        if (e.ended) {
          opts.onEnded?.(finishedOf(e as Entry & { ended: NonNullable<Entry['ended']> }));
          finish(e);
        }
        return;
      }
      let q = hints.get(sender.tabId);
      if (!q) hints.set(sender.tabId, (q = []));
      q.push({ hint, sender, at: opts.now() });
      if (q.length > maxHintsPerTab) q.shift(); // the tab's own oldest hint, never another tab's
    },
    /** The tab is gone: nothing of it is kept, and its late events find nothing to finish. */
    forgetTab(tabId: number): void {
      closedTabs.add(tabId);
      if (closedTabs.size > 256) closedTabs.delete(closedTabs.values().next().value!);
      for (const e of [...(pendingByTab.get(tabId) ?? [])]) forget(e);
      for (const [id, p] of preflights) if (p.tabId === tabId) preflights.delete(id);
      hints.delete(tabId);
      buckets.delete(tabId);
    },
    /** For tests and the soak: how much the collector holds. */
    size: () => ({ pending: pending.size, preflights: preflights.size, hints: [...hints.values()].reduce((n, q) => n + q.length, 0) }),
    sweep,
  };
}

export type Collector = ReturnType<typeof createCollector>;
