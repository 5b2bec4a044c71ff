// ISOLATED world, document_start, every frame. Forwards the MAIN-world hook's hints to the worker.
// One synchronous file (crxjs builds `*.iife.ts` without its async loader), so the listener exists
// before the page's first script can call fetch.
//
// The hook and the bridge agree on a random event name for this document (see handshake below), so
// no fixed, guessable name is left for a page to probe or to flood. A page could still forge hints
// once it learned the name; the worker treats them as hints that refine a record and never create
// one (beyond naming, as text, a request made before the extension listened: see DOCUMENT_START),
// and evidence the page cannot forge (a Cookie header) outranks them.
//
// Cost and floods: the hook hands hints over in batches once the page's call has returned (never
// inside the page's fetch()), and each batch leaves at once, as one message per MAX_HINTS_PER_MESSAGE
// hints (on a port while hints flow, see send()): no timer, since a page that is still loading runs timers late (page-hook.iife.ts), and a
// hint that trails its request by more than the worker waits is lost. At most RATE hints per second
// per frame with a burst of BURST, in events of at most MAX_DETAIL characters. What exceeds is
// dropped here: the worker still judges the request from the headers and the browser's outcome.
import { HINTS_PORT, MAX_HINT_URL, MAX_HINTS_PER_MESSAGE, type PageHint } from '../../src/messages';
import { ext } from '../platform-content';
import { decodeHints, HANDSHAKE, isKey } from './handshake';

/** Longest batch string one event may carry; a longer one is dropped whole. */
const MAX_DETAIL = 64 * 1024;
/** Hints per second per frame, and the burst a page may spend at once. */
const RATE = 200;
const BURST = 400;

let tokens = BURST;
let refilled = performance.now();
let dead = false;
/** This document's event name, once the handshake is done. */
let key: string | undefined;

function allow(): boolean {
  const now = performance.now();
  tokens = Math.min(BURST, tokens + ((now - refilled) / 1000) * RATE);
  refilled = now;
  if (tokens < 1) return false;
  tokens -= 1;
  return true;
}

/**
 * When this document began (this world's own `performance`, which the page cannot reach): a hint
 * is never older than its document. The worker names a hint made before it listened as a request
 * it never saw (extension/background/collector.ts `watchForUnwatched`): a page that forges hints
 * can then do so only if it began loading before the extension did, never later.
 */
const DOCUMENT_START = Math.floor(performance.timeOrigin);

function hintOf([url, base, method, credentials, initiator, time]: string[]): PageHint | undefined {
  if (url!.length > MAX_HINT_URL || method!.length > 64) return undefined;
  if (credentials !== 'include' && credentials !== 'same-origin' && credentials !== 'omit') return undefined;
  if (initiator !== 'fetch' && initiator !== 'xmlhttprequest') return undefined;
  try {
    const u = new URL(url!, base || undefined);
    u.hash = '';
    return { url: u.href, method: method!, credentials, initiator, time: Math.max(Number(time) || Date.now(), DOCUMENT_START) };
  } catch {
    return undefined;
  }
}

/**
 * The port hints take while they flow ("cors-hints", extension/background/main.ts). A one-shot
 * runtime.sendMessage opens a channel to the worker, sends and closes it, each time; a port's
 * postMessage is one message on a channel already open, which matters when every request is its
 * own batch (a page awaiting one request after another, docs/cost.md). The port opens only after
 * a sendMessage reached the worker (its listeners exist, so the port is not refused), and closes
 * after PORT_IDLE_MS without a batch: no page keeps a channel, or a worker, open while it is idle
 * (the browser stops an idle worker, and that closes its ports; the next batch goes by sendMessage,
 * which starts the worker again).
 */
const PORT_IDLE_MS = 2000;
type HintPort = ReturnType<typeof ext.runtime.connect>;
let port: HintPort | undefined;
let lastUse = 0;
let idleCheck = false;

function closeIdle(): void {
  idleCheck = false;
  if (!port) return;
  const idle = performance.now() - lastUse;
  if (idle < PORT_IDLE_MS) return void armIdle(PORT_IDLE_MS - idle);
  port.disconnect();
  port = undefined;
}

function armIdle(ms: number): void {
  if (idleCheck) return;
  idleCheck = true;
  setTimeout(closeIdle, ms);
}

/**
 * The hints sent lately. A worker that stops closes the port (the bridge's own disconnect, after
 * PORT_IDLE_MS, fires no onDisconnect here), and takes along what it knew of the requests still
 * in flight: their hints were in its memory only (journal.ts keeps the ended ones). The next worker
 * sees those requests from their end alone; sent again, their hints still tell their credentials
 * mode. The newest RECENT_MAX of the last RECENT_MS (the collector forgets an unfinished request
 * after 60 s: extension/background/collector.ts `maxAgeMs`).
 */
const RECENT_MS = 60_000;
const RECENT_MAX = 256;
let recent: PageHint[] = [];

/** Amortised: the list is cut back to the newest RECENT_MAX once it holds twice as many. */
function remember(hints: PageHint[]): void {
  for (const h of hints) recent.push(h);
  if (recent.length > 2 * RECENT_MAX) recent = recent.slice(-RECENT_MAX);
}

function sendRecentAgain(): void {
  const since = Date.now() - RECENT_MS;
  const again = recent.slice(-RECENT_MAX).filter((h) => h.time >= since);
  recent = [];
  if (again.length > 0) forward(again);
}

function openPort(): void {
  if (port || dead) return;
  const p = ext.runtime.connect({ name: HINTS_PORT });
  p.onDisconnect.addListener(() => {
    if (port !== p) return;
    port = undefined;
    sendRecentAgain(); // the worker stopped (or the extension went away: then sending fails, below)
  });
  port = p;
  lastUse = performance.now();
  armIdle(PORT_IDLE_MS);
}

/**
 * No reply is expected. A worker still being installed has no receiving end yet ("Receiving end
 * does not exist": a page that loads as the browser starts, or as the extension is installed or
 * updated), and a starting browser can take seconds to run it: try again, further apart, for about
 * 5 s; then the hint is lost. The gaps stay under the time the worker waits for a hint while the
 * session starts (extension/background/collector.ts `hintWaitOf`).
 */
const RETRY_MS = [50, 150, 300, 600, 1200, 2400];
function send(hints: PageHint[], attempt: number): void {
  const msg = { type: 'cors/page-hints', hints } as const;
  if (port) {
    try {
      port.postMessage(msg);
      lastUse = performance.now();
      return;
    } catch {
      port = undefined; // closed meanwhile (the worker stopped): by sendMessage instead
    }
  }
  ext.runtime.sendMessage(msg).then(
    () => {
      try {
        openPort();
      } catch {
        dead = true; // extension context invalidated
      }
    },
    () => {
      const wait = RETRY_MS[attempt];
      if (wait !== undefined && !dead) setTimeout(() => send(hints, attempt + 1), wait);
    },
  );
}

/**
 * Sends one batch now, whether or not the pause switch has been read yet: while the browser starts,
 * that read can end after the page's first requests have (storage.local answers late then), and a
 * hint held for it would trail its request by more than the worker waits. A paused worker drops
 * what it is sent (extension/background/main.ts); once this bridge has read the switch as on, it
 * stops (below) and nothing more leaves the page.
 */
function forward(hints: PageHint[]): void {
  remember(hints);
  for (let at = 0; at < hints.length && !dead; at += MAX_HINTS_PER_MESSAGE) {
    try {
      send(hints.slice(at, at + MAX_HINTS_PER_MESSAGE), 0);
    } catch {
      dead = true; // extension context invalidated (reloaded): stop listening to the page
    }
  }
}

function onHints(e: Event): void {
  const detail: unknown = (e as CustomEvent).detail;
  if (dead || typeof detail !== 'string' || detail.length > MAX_DETAIL) return;
  const hints: PageHint[] = [];
  for (const fields of decodeHints(detail)) {
    if (!allow()) break;
    const hint = hintOf(fields);
    if (hint) hints.push(hint);
  }
  forward(hints);
}

/** Paused: nothing more leaves this document, and the hook gives the page its natives back. */
function stop(): void {
  dead = true;
  port?.disconnect();
  port = undefined;
  if (key === undefined) return;
  window.removeEventListener(key, onHints, true);
  window.dispatchEvent(new CustomEvent(key, { detail: 'pause' }));
}

function setPaused(on: boolean): void {
  if (on && !dead) stop();
}

// The handshake: whichever of hook and bridge runs second completes it, synchronously, before any
// page script runs (both are document_start content scripts), and both then stop listening to it.
function onHandshake(e: Event): void {
  const k: unknown = (e as CustomEvent).detail;
  if (!isKey(k) || dead) return;
  key = k;
  window.removeEventListener(HANDSHAKE, onHandshake, true);
  window.addEventListener(k, onHints, true);
  window.dispatchEvent(new CustomEvent(HANDSHAKE, { detail: 'ok' }));
}

/**
 * The mark the worker's probe reads (extension/background/watching.ts `bridgeAlive`), in this
 * ISOLATED world only (the page cannot see it): a second copy of the bridge, injected into a tab
 * that was open when the extension started, steps aside when this one still runs; a bridge of a
 * reloaded extension (its runtime gone) does not count.
 */
const MARK = '__corsInspectorBridge';
const alive = (): boolean => {
  try {
    return !dead && ext.runtime.id !== undefined;
  } catch {
    return false;
  }
};

function start(): void {
  (globalThis as Record<string, unknown>)[MARK] = alive;
  window.addEventListener(HANDSHAKE, onHandshake, true);
  window.dispatchEvent(new CustomEvent(HANDSHAKE, { detail: 'ask' }));
  // The pause switch (extension/background/watching.ts), read once as the document starts (a
  // static content script runs before the worker can say anything) and followed from then on.
  ext.storage.local.get('paused').then(
    (v) => setPaused(v.paused === true),
    () => setPaused(false),
  );
  // storage.local's own event: storage.onChanged would also be the worker's storage.session writes'
  // (journal.ts, store.ts) wherever the browser hands those to content scripts.
  ext.storage.local.onChanged.addListener((changes) => {
    if (changes.paused) setPaused(changes.paused.newValue === true);
  });
}

const prior = (globalThis as Record<string, unknown>)[MARK];
if (!(typeof prior === 'function' && (prior as () => unknown)() === true)) start();
