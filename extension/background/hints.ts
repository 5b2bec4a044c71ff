// Page hints (the page hook's credentials mode and initiator, through the bridge) matched to the
// collector's requests. A hint and its request meet in either order: a hint that comes first
// waits in its tab's queue for the request; a request that comes first waits, listed by what a
// hint names, for its hint. Bounded per tab, so a flooding tab evicts and is cut off alone.
import { normalizeMethod } from '../../src/core/safelist';
import type { PageHint } from '../../src/messages';

/** Where a page hint came from (runtime.MessageSender, narrowed). */
export interface HintSender {
  tabId: number;
  frameId: number;
  /** The sending document's origin, where the browser says. */
  origin?: string;
}

/** What a hint is matched on: the request's tab, frame, method and first URL. */
export interface Hintable {
  tabId: number;
  frameId: number;
  method: string;
  firstUrl: string;
  hint?: PageHint;
}

export interface HintBookOptions {
  now(): number;
  /** Hints a tab may send per second (a burst of twice as many), beyond the bridge's per-frame limit. */
  hintRate: number;
  maxHintsPerTab: number;
}

interface QueuedHint {
  hint: PageHint;
  sender: HintSender;
  at: number;
}

const USERINFO = /^([a-z][a-z\d+.-]*:\/\/)([^/?#@]*)@/i;
/**
 * A URL without its user:password@, for matching: XHR credentials given to open() become the
 * request URL's userinfo (XHR "open()" step 9), which webRequest shows on the request but neither
 * on its preflight nor in the page's own URL (probed: lab xhr-open-credentials-preflight-401).
 */
export const withoutUserinfo = (url: string): string => url.replace(USERINFO, '$1');

const hintKey = (tabId: number, frameId: number, method: string, url: string) => `${tabId} ${frameId} ${method} ${withoutUserinfo(url)}`;
const keyOf = (e: Hintable) => hintKey(e.tabId, e.frameId, e.method, e.firstUrl);

const sameKey = (e: Hintable, h: PageHint, s: HintSender): boolean =>
  e.tabId === s.tabId && e.frameId === s.frameId && withoutUserinfo(e.firstUrl) === withoutUserinfo(h.url) && e.method === normalizeMethod(h.method);

/** How long a hint waits for its request. */
const QUEUED_HINT_MS = 10_000;

type Buckets = Map<number, { tokens: number; at: number }>;

/** A token bucket per tab: `rate` a second, a burst of twice as many. */
function allow(buckets: Buckets, tabId: number, now: number, rate: number): boolean {
  const b = buckets.get(tabId) ?? { tokens: rate * 2, at: now };
  b.tokens = Math.min(rate * 2, b.tokens + ((now - b.at) / 1000) * rate);
  b.at = now;
  buckets.set(tabId, b);
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

function queue(queued: Map<number, QueuedHint[]>, item: QueuedHint, max: number): void {
  let q = queued.get(item.sender.tabId);
  if (!q) queued.set(item.sender.tabId, (q = []));
  q.push(item);
  if (q.length > max) q.shift(); // the tab's own oldest hint, never another tab's
}

function unlist<E extends Hintable>(unhinted: Map<string, E[]>, e: E): void {
  const key = keyOf(e);
  const list = unhinted.get(key);
  const i = list ? list.indexOf(e) : -1;
  if (i < 0) return;
  list!.splice(i, 1);
  if (list!.length === 0) unhinted.delete(key);
}

export function createHintBook<E extends Hintable>(opts: HintBookOptions) {
  const queued = new Map<number, QueuedHint[]>();
  /**
   * Requests still waiting for their hint, by what a hint names (tab, frame, method, URL), oldest
   * first: a hint finds its request at once instead of scanning the tab's requests (a burst of
   * 300 hints against 300 requests was 45,000 comparisons; docs/cost.md).
   */
  const unhinted = new Map<string, E[]>();
  const buckets: Buckets = new Map();

  return {
    /** A new request: it takes the hint that came before it, or is listed to wait for one. */
    adopt(e: E): void {
      const q = queued.get(e.tabId);
      const i = q ? q.findIndex((x) => sameKey(e, x.hint, x.sender)) : -1;
      if (i >= 0) {
        e.hint = q!.splice(i, 1)[0]!.hint;
        return;
      }
      const key = keyOf(e);
      const list = unhinted.get(key);
      if (list) list.push(e);
      else unhinted.set(key, [e]);
    },
    /** A request that is forgotten no longer waits. */
    unlist: (e: E): void => unlist(unhinted, e),
    /**
     * A hint: the oldest request waiting for it, now hinted; else it is queued for a request yet
     * to come. A tab beyond its rate is refused (its requests are still judged, from the headers).
     */
    take(hint: PageHint, sender: HintSender): E | undefined {
      if (!allow(buckets, sender.tabId, opts.now(), opts.hintRate)) return undefined;
      const key = hintKey(sender.tabId, sender.frameId, normalizeMethod(hint.method), hint.url);
      const list = unhinted.get(key);
      const e = list?.shift();
      if (list?.length === 0) unhinted.delete(key);
      if (!e) return void queue(queued, { hint, sender, at: opts.now() }, opts.maxHintsPerTab);
      e.hint = hint;
      return e;
    },
    /** Drops hints that waited too long for their request. */
    sweep(): void {
      for (const [tabId, q] of queued) {
        while (q.length > 0 && q[0]!.at < opts.now() - QUEUED_HINT_MS) q.shift();
        if (q.length === 0) queued.delete(tabId);
      }
    },
    /** Whether this very hint still waits for its request (no request has taken it). */
    isQueued: (hint: PageHint, tabId: number): boolean => queued.get(tabId)?.some((x) => x.hint === hint) === true,
    forgetTab(tabId: number): void {
      queued.delete(tabId);
      buckets.delete(tabId);
    },
    queuedCount: () => [...queued.values()].reduce((n, q) => n + q.length, 0),
  };
}

export type HintBook<E extends Hintable> = ReturnType<typeof createHintBook<E>>;
