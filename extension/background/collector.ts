// Joins webRequest events, normalised once by the reader (events.ts, request-event.ts), into
// request records. Pure: no extension API, no clock of its own; the reader feeds it events, main.ts
// page hints, and it gives back each finished cross-origin request. test/unit/collector.test.ts replays sequences recorded from Chromium 156.
//
// What Chromium 156 on this machine reports (test/fixtures/webrequest/lab-chromium-156.json):
// - The actual request's onBeforeRequest fires first; then its preflight, under a NEW requestId,
//   type 'xmlhttprequest', OPTIONS, with Access-Control-Request-Method/-Headers; then (if the
//   preflight passed) the actual request's onSendHeaders. A failed preflight still ends in
//   onCompleted; only the actual request gets onErrorOccurred 'net::ERR_FAILED', and it never
//   gets onSendHeaders (recorded in the fixture above).
// - A redirect keeps the requestId: onHeadersReceived(3xx) → onBeforeRedirect → onBeforeRequest
//   (new URL). A 3xx the CORS check rejects ends in onErrorOccurred with no onBeforeRedirect.
// - Sec-Fetch-Storage-Access IS visible on the actual request (we had first
//   believed Sec-Fetch-* were not): 'none' on cross-site requests with credentials 'include', absent otherwise.
import { maskPasswords, parseUrl, serializeOrigin } from '../../src/core/origin';
import { isForbiddenHeaderName, isSafelistedName } from '../../src/core/safelist';
import { isSecretHeader, VALUE_NOT_KEPT } from '../../src/core/secrets';
import type { HeaderLine, Hop, RequestRecord, ResponseSeen } from '../../src/core/types';
import type { PageHint } from '../../src/messages';
import { createHintBook, withoutUserinfo, type HintBook, type HintSender } from './hints';
import { lineOf, type RequestEvent } from './request-event';

export { withoutUserinfo, type HintSender } from './hints';

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
  /** The same while the extension session starts, and for a request seen from its end alone (`hintWaitOf`). */
  startingHintWaitMs?: number;
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
  /**
   * A cross-origin request the page hook saw that no listener of this extension session saw:
   * made before `watchingSince` and still unmatched `unwatchedWaitMs` after its hint came (it
   * ended before the first worker's listeners existed). Its outcome is unknown; the tab says so.
   */
  onUnwatched?(tabId: number, hint: PageHint): void;
  /** When this extension session first listened (epoch ms), once known. */
  watchingSince?(): number | undefined;
  unwatchedWaitMs?: number;
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
  /** Known from its end event alone (see `orphan`). */
  startUnseen?: true;
}
type Ended = Entry & { ended: NonNullable<Entry['ended']> };

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

export { REDACTED } from '../../src/core/secrets';
/** A value that makes any header name CORS-unsafe: we know only the names a preflight listed. */
export const UNSEEN = '(not seen)';

/**
 * The headers the page set: forbidden names (Cookie, Origin, Sec-*, User-Agent, …) are the browser's.
 * Values are kept only for the CORS-safelisted names, the only ones a rule reads (Fetch §2.2.2):
 * an `X-Api-Key` is stored by name alone.
 */
function authorHeaders(lines: readonly HeaderLine[], url = ''): HeaderLine[] {
  // Credentials given to XHR open() are the URL's userinfo; Firefox ESR shows the Authorization it
  // makes of them among the request headers, though no author set it and no preflight lists it
  // (lab xhr-open-credentials-preflight-401, fixed form): the browser's, like a Cookie.
  const browserAuth = withoutUserinfo(url) !== url;
  return lines
    .filter((h) => !isForbiddenHeaderName(h.name.toLowerCase()) && !(browserAuth && h.name.toLowerCase() === 'authorization'))
    .map((h) => (isSecretHeader(h.name) || isSafelistedName(h.name.toLowerCase()) ? h : { name: h.name, value: VALUE_NOT_KEPT }));
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
export function responseSeen(status: number | undefined, lines: readonly HeaderLine[]): ResponseSeen {
  let context = 0;
  const headers: HeaderLine[] = [];
  for (const h of lines) {
    if (/^location$/i.test(h.name)) headers.push({ name: h.name, value: maskPasswords(h.value) });
    else if (CORS_RELEVANT.test(h.name)) headers.push(h);
    else if (++context <= MAX_CONTEXT_LINES)
      headers.push(h.value.length > MAX_CONTEXT_VALUE ? { name: h.name, value: `${h.value.slice(0, MAX_CONTEXT_VALUE)}…` } : h);
  }
  return { status: status ?? 0, headers };
}

/**
 * The errors a CORS block ends in. Chromium: net::ERR_FAILED (test/fixtures/webrequest/lab-chromium-156.json). Firefox ESR 153:
 * NS_ERROR_DOM_BAD_URI after a failed preflight, NS_ERROR_UNEXPECTED after a redirect it refused
 * (probed on the lab). A simple request Firefox blocks ends in onCompleted with its real status,
 * so the Firefox build judges those from the headers (verdict.ts `judgeFromHeaders`). Firefox's
 * error for a refused redirect varies with timing (NS_ERROR_UNEXPECTED, NS_ERROR_NET_ON_RECEIVING_FROM
 * on the lab's redirect-userinfo), so in Firefox every error but an abort is judged from the headers too.
 */
const CORS_BLOCK_ERRORS = new Set(['net::ERR_FAILED', 'NS_ERROR_DOM_BAD_URI', 'NS_ERROR_UNEXPECTED']);

/** What is known of an ended request, as the verdict reads it. */
function finishedOf(e: Ended): Finished {
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
    ...(e.startUnseen ? { startUnseen: true as const } : {}),
  };
}

/** A request to another origin, as its first hop starts. */
const entryOf = (ev: RequestEvent, origin: string, opened: number): Entry => ({
  id: ev.requestId,
  tabId: ev.tabId,
  frameId: ev.frameId,
  ...(ev.documentId ? { documentId: ev.documentId } : {}),
  origin,
  method: ev.method,
  firstUrl: ev.url,
  opened,
  hops: [{ url: maskPasswords(ev.url) }],
  awaitingPreflight: false,
  cookie: false,
  storageAccess: false,
});

/** Access-Control-Request-Headers as the names it lists. */
const listedNames = (acrh: string): string[] =>
  acrh
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A redirect's status: the only responses whose Location the browser follows. */
const isRedirect = (status: number | undefined): boolean => (status ?? 0) >= 300 && (status ?? 0) <= 399;

/** Everything the collector holds; its steps below are plain functions of it. */
interface State {
  opts: CollectorOptions;
  hintWaitMs: number;
  startingHintWaitMs: number;
  unwatchedWaitMs: number;
  maxPending: number;
  maxAgeMs: number;
  maxPendingPerTab: number;
  pending: Map<string, Entry>;
  /** The same entries by tab, oldest first, so a hint or a cap looks at its own tab only. */
  pendingByTab: Map<number, Set<Entry>>;
  preflights: Map<string, Preflight>;
  hints: HintBook<Entry>;
  /** Tabs closed while this worker ran (the newest 256): a late end of theirs is no orphan. */
  closedTabs: Set<number>;
  events: number;
}

function track(s: State, e: Entry): void {
  s.pending.set(e.id, e);
  let set = s.pendingByTab.get(e.tabId);
  if (!set) s.pendingByTab.set(e.tabId, (set = new Set()));
  set.add(e);
  // A tab over its own cap loses its own oldest unfinished request, never another tab's.
  if (set.size > s.maxPendingPerTab) for (const old of set) if (!old.ended) return void forget(s, old);
}

function forget(s: State, e: Entry): void {
  s.pending.delete(e.id);
  if (!e.hint) s.hints.unlist(e);
  const set = s.pendingByTab.get(e.tabId);
  set?.delete(e);
  if (set?.size === 0) s.pendingByTab.delete(e.tabId);
}

function finish(s: State, e: Entry): void {
  if (!s.pending.has(e.id) || !e.ended) return;
  forget(s, e);
  s.opts.onFinished(finishedOf(e as Ended));
}

function end(s: State, e: Entry, blocked: boolean, error?: string): void {
  e.ended = { blocked, ...(error ? { error } : {}) };
  s.opts.onEnded?.(finishedOf(e as Ended));
  // The page hint travels page → bridge → worker and may trail a fast local response: wait a
  // little for it rather than judge with the wrong credentials mode or initiator. A worker's
  // request gets none (the page hook runs in the page only).
  if (e.hint || e.fromWorker) finish(s, e);
  else s.opts.schedule(() => finish(s, e), hintWaitOf(s, e));
}

/** How long after the session first listened its hints may still be on their way (below). */
const STARTING_MS = 5_000;
/**
 * While the extension session starts, a hint can trail its request by seconds: the bridge's first
 * sendMessage finds no listener yet and tries again later (bridge.iife.ts `RETRY_MS`). A request
 * seen from its end alone is of that moment too.
 */
function hintWaitOf(s: State, e: Entry): number {
  if (e.startUnseen) return s.startingHintWaitMs;
  if (!s.opts.watchingSince) return s.hintWaitMs;
  const since = s.opts.watchingSince();
  return since === undefined || s.opts.now() - since < STARTING_MS ? s.startingHintWaitMs : s.hintWaitMs;
}

/**
 * A blocked request whose start this worker never saw (it began while no worker ran): counted
 * and listed from what its end event tells (URL, method, initiator, error), never dropped. Its
 * page hint may still come, or have come: a page that loads as the browser starts is hooked from
 * its first script (the manifest's content scripts), while the worker's listeners exist only once
 * the worker first ran, so the hint can be all that tells the credentials mode.
 */
function orphan(s: State, ev: RequestEvent): void {
  const origin = ev.origin;
  if (ev.tabId < 0 || s.closedTabs.has(ev.tabId) || origin === undefined || serializeOrigin(ev.url) === origin) return;
  const e = open(s, ev, origin);
  e.startUnseen = true;
  end(s, e, true, ev.error);
}

function sweep(s: State): void {
  const cutoff = s.opts.now() - s.maxAgeMs;
  for (const e of s.pending.values()) if (!e.ended && (e.opened < cutoff || s.pending.size > s.maxPending)) forget(s, e);
  for (const [id, p] of s.preflights) if (p.opened < cutoff || s.preflights.size > s.maxPending) s.preflights.delete(id);
  s.hints.sweep();
}

function open(s: State, ev: RequestEvent, origin: string): Entry {
  const e = entryOf(ev, origin, s.opts.now());
  track(s, e);
  s.hints.adopt(e);
  return e;
}

function onBeforeRequest(s: State, ev: RequestEvent): void {
  const next = s.pending.get(ev.requestId);
  if (next) next.hopMethod = ev.method;
  if (next || s.preflights.has(ev.requestId)) return; // the next hop of a redirect
  const origin = ev.origin;
  if (origin === undefined || serializeOrigin(ev.url) === origin) return; // browser-initiated, or same-origin
  if (ev.tabId < 0) {
    // No tab: a page's service or shared worker (Chromium gives their requests tabId -1). The
    // page of the worker's origin gets them; without one (the browser's own) they are not ours.
    const tabId = s.opts.workerTab?.(origin);
    if (tabId === undefined) return;
    ev = { ...ev, tabId, frameId: -1 };
  }
  if (++s.events % 256 === 0 || s.pending.size + s.preflights.size > s.maxPending) sweep(s);
  if (ev.method === 'OPTIONS') {
    // A preflight until onSendHeaders shows no Access-Control-Request-Method.
    s.preflights.set(ev.requestId, { id: ev.requestId, tabId: ev.tabId, frameId: ev.frameId, origin, url: ev.url, opened: s.opts.now(), hop: 0 });
    return;
  }
  const e = open(s, ev, origin);
  if (ev.frameId === -1) e.fromWorker = true;
}

/** The OPTIONS request went out without Access-Control-Request-Method: the page's own, not a preflight. */
function ownOptions(s: State, ev: RequestEvent, p: Preflight): void {
  s.preflights.delete(ev.requestId);
  const e = open(s, { ...ev, tabId: p.tabId, frameId: p.frameId }, p.origin);
  if (p.frameId === -1) e.fromWorker = true;
  e.headers = authorHeaders(ev.requestHeaders);
}

/** The actual request a preflight is for: the two share no id (test/fixtures/webrequest/lab-chromium-156.json); the oldest actual request waiting on this URL with this method. */
function actualOf(s: State, p: Preflight, acrm: string): Entry | undefined {
  // The preflight's URL once, and the URL compared last: a burst has hundreds of requests pending.
  const url = withoutUserinfo(p.url);
  for (const e of s.pending.values()) {
    if (e.ended || e.awaitingPreflight || e.tabId !== p.tabId || e.frameId !== p.frameId || e.origin !== p.origin) continue;
    const method = e.hopMethod ?? e.method;
    const hop = e.hops.at(-1)!;
    if (hop.response || (method !== acrm && method.toUpperCase() !== acrm.toUpperCase()) || withoutUserinfo(hop.url) !== url) continue;
    return e;
  }
  return undefined;
}

function preflightSent(s: State, ev: RequestEvent, p: Preflight): void {
  const acrm = lineOf(ev.requestHeaders, 'access-control-request-method')?.value;
  if (acrm === undefined) return ownOptions(s, ev, p);
  const e = actualOf(s, p, acrm);
  if (!e) return;
  p.actual = e;
  p.hop = e.hops.length - 1;
  e.awaitingPreflight = true;
  const acrh = lineOf(ev.requestHeaders, 'access-control-request-headers')?.value;
  if (acrh !== undefined) e.acrh = listedNames(acrh);
}

function onSendHeaders(s: State, ev: RequestEvent): void {
  const p = s.preflights.get(ev.requestId);
  if (p) return preflightSent(s, ev, p);
  const e = s.pending.get(ev.requestId);
  if (!e) return;
  // The first hop's, or (a request that started at the page's own origin) the first cross-origin one's.
  if (!e.headers) e.headers = authorHeaders(ev.requestHeaders, ev.url);
  if (serializeOrigin(ev.url) !== e.origin) {
    if (lineOf(ev.requestHeaders, 'cookie')) e.cookie = true;
    if (lineOf(ev.requestHeaders, 'sec-fetch-storage-access')) e.storageAccess = true;
  }
}

function onHeadersReceived(s: State, ev: RequestEvent): void {
  const p = s.preflights.get(ev.requestId);
  if (p) {
    const hop = p.actual?.hops[p.hop];
    if (hop) hop.preflight = responseSeen(ev.statusCode, ev.responseHeaders);
    return;
  }
  const e = s.pending.get(ev.requestId) ?? redirectingAway(s, ev);
  if (e) e.hops.at(-1)!.response = responseSeen(ev.statusCode, ev.responseHeaders);
}

/**
 * A request to the page's own origin is not followed (it is no CORS matter) until it redirects
 * away: to another origin, or with user:password@ in its Location. From then on it is in CORS
 * mode, and the browser names both URLs in its sentence ("… (redirected from '…')") or refuses the
 * Location itself (Fetch "HTTP-redirect fetch"; lab same-origin-redirect-away,
 * redirect-userinfo-from-page). A rejected redirect gets no onBeforeRedirect, so this is the place.
 */
function redirectingAway(s: State, ev: RequestEvent): Entry | undefined {
  if (ev.tabId < 0 || !isRedirect(ev.statusCode) || ev.method === 'OPTIONS' || s.preflights.has(ev.requestId)) return undefined;
  const origin = ev.origin;
  const location = lineOf(ev.responseHeaders, 'location')?.value;
  if (origin === undefined || location === undefined || serializeOrigin(ev.url) !== origin) return undefined;
  const next = resolveUrl(location, ev.url);
  if (next === undefined || (serializeOrigin(next) === origin && withoutUserinfo(next) === next)) return undefined;
  return open(s, ev, origin);
}

function onBeforeRedirect(s: State, ev: RequestEvent): void {
  const e = s.pending.get(ev.requestId);
  if (!e || typeof ev.redirectUrl !== 'string') return;
  e.hops.push({ url: maskPasswords(ev.redirectUrl) });
  e.awaitingPreflight = false;
}

function onEnd(s: State, ev: RequestEvent, blocked: boolean): void {
  const p = s.preflights.get(ev.requestId);
  if (p) {
    s.preflights.delete(ev.requestId);
    if (p.actual) p.actual.awaitingPreflight = false;
    return;
  }
  const e = s.pending.get(ev.requestId);
  if (!e) {
    // A preflight's own end is never a block (it ends in onCompleted, as the recorded fixture shows); an OPTIONS
    // request whose start was not seen could be one, and must not count twice.
    if (blocked && ev.method !== 'OPTIONS') orphan(s, ev);
    return;
  }
  if (e.ended) return;
  if (!blocked && ev.error !== undefined && (!s.opts.firefox || ev.error === 'NS_BINDING_ABORTED')) {
    forget(s, e); // aborted, offline, …: not a CORS matter
    return;
  }
  end(s, e, blocked, ev.error);
}

const STEPS: Record<RequestEvent['type'], (s: State, ev: RequestEvent) => void> = {
  beforeRequest: onBeforeRequest,
  sendHeaders: onSendHeaders,
  headersReceived: onHeadersReceived,
  beforeRedirect: onBeforeRedirect,
  completed: (s, ev) => onEnd(s, ev, false),
  errorOccurred: (s, ev) => onEnd(s, ev, ev.error !== undefined && CORS_BLOCK_ERRORS.has(ev.error)),
};

/** A MAIN-world hint: it refines a request's credentials mode and initiator, nothing more. */
function onHint(s: State, hint: PageHint, sender: HintSender): void {
  const e = s.hints.take(hint, sender);
  if (!e) return watchForUnwatched(s, hint, sender);
  if (!e.ended) return;
  s.opts.onEnded?.(finishedOf(e as Ended));
  finish(s, e);
}

/**
 * A hint no request took, made before this extension session listened: its request may still end
 * (seen from its end alone, `orphan`) or may have ended unseen. Still unmatched after the wait, it
 * was unseen. Same-origin requests are not ours (hints come for every fetch and XHR).
 */
function watchForUnwatched(s: State, hint: PageHint, sender: HintSender): void {
  if (!s.opts.onUnwatched) return;
  // Made after the session listened (nearly every hint): no timer. Before the session's start time
  // is read from storage.session (as the worker starts), the check waits with the hint.
  const known = s.opts.watchingSince?.();
  if (known !== undefined && !(hint.time < known)) return;
  // webRequest sees http(s) only: a data: or blob: fetch has no events to miss.
  if (!/^https?:/i.test(hint.url) || sender.origin === undefined || serializeOrigin(hint.url) === sender.origin) return;
  s.opts.schedule(() => {
    const since = s.opts.watchingSince?.();
    if (since !== undefined && hint.time < since && s.hints.isQueued(hint, sender.tabId)) s.opts.onUnwatched!(sender.tabId, hint);
  }, s.unwatchedWaitMs);
}

/** The tab is gone: nothing of it is kept, and its late events find nothing to finish. */
function forgetTab(s: State, tabId: number): void {
  s.closedTabs.add(tabId);
  if (s.closedTabs.size > 256) s.closedTabs.delete(s.closedTabs.values().next().value!);
  for (const e of [...(s.pendingByTab.get(tabId) ?? [])]) forget(s, e);
  for (const [id, p] of s.preflights) if (p.tabId === tabId) s.preflights.delete(id);
  s.hints.forgetTab(tabId);
}

export function createCollector(opts: CollectorOptions) {
  const s: State = {
    opts,
    hintWaitMs: opts.hintWaitMs ?? 400,
    startingHintWaitMs: opts.startingHintWaitMs ?? 3_000,
    unwatchedWaitMs: opts.unwatchedWaitMs ?? 5_000,
    maxPending: opts.maxPending ?? 2000,
    maxAgeMs: opts.maxAgeMs ?? 60_000,
    maxPendingPerTab: opts.maxPendingPerTab ?? 500,
    pending: new Map(),
    pendingByTab: new Map(),
    preflights: new Map(),
    hints: createHintBook<Entry>({ now: opts.now, hintRate: opts.hintRate ?? 500, maxHintsPerTab: opts.maxHintsPerTab ?? 256 }),
    closedTabs: new Set(),
    events: 0,
  };
  return {
    /** One normalised webRequest event (events.ts). */
    handle: (ev: RequestEvent): void => STEPS[ev.type](s, ev),
    hint: (hint: PageHint, sender: HintSender): void => onHint(s, hint, sender),
    forgetTab: (tabId: number): void => forgetTab(s, tabId),
    /** For tests and the soak: how much the collector holds. */
    size: () => ({ pending: s.pending.size, preflights: s.preflights.size, hints: s.hints.queuedCount() }),
    sweep: (): void => sweep(s),
  };
}

export type Collector = ReturnType<typeof createCollector>;
