// ISOLATED world, document_start, every frame. Forwards the MAIN-world hook's hints to the worker.
// One synchronous file (crxjs builds `*.iife.ts` without its async loader), so the listener exists
// before the page's first script can call fetch.
//
// The hook and the bridge agree on a random event name for this document (see handshake below), so
// no fixed, guessable name is left for a page to probe or to flood. A page could still forge hints
// once it learned the name; the worker treats them as hints that refine a record and never create
// one, and evidence the page cannot forge (a Cookie header) outranks them.
//
// Cost and floods: hints arrive in batches after the page's call has returned and leave in batches
// (never a message inside the page's fetch()), at most RATE per second per frame with a burst of
// BURST, in events of at most MAX_DETAIL characters. What exceeds is dropped here: the worker still
// judges the request from the headers and the browser's outcome.
import { MAX_HINT_URL, MAX_HINTS_PER_MESSAGE, type PageHint } from '../../src/messages';
import { ext } from '../platform-content';
import { decodeHints, HANDSHAKE, isKey } from './handshake';

/** Longest batch string one event may carry; a longer one is dropped whole. */
const MAX_DETAIL = 64 * 1024;
/** Hints per second per frame, and the burst a page may spend at once. */
const RATE = 200;
const BURST = 400;
/** Hints waiting to be sent, at most (the rest of a flood is dropped). */
const MAX_QUEUE = 4 * MAX_HINTS_PER_MESSAGE;
const FLUSH_MS = 25;

let tokens = BURST;
let refilled = performance.now();
let queue: PageHint[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let dead = false;
/** The pause switch as storage.local holds it; undefined until read (hints wait until then). */
let paused: boolean | undefined;
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

function hintOf([url, base, method, credentials, initiator, time]: string[]): PageHint | undefined {
  if (url!.length > MAX_HINT_URL || method!.length > 64) return undefined;
  if (credentials !== 'include' && credentials !== 'same-origin' && credentials !== 'omit') return undefined;
  if (initiator !== 'fetch' && initiator !== 'xmlhttprequest') return undefined;
  try {
    const u = new URL(url!, base || undefined);
    u.hash = '';
    return { url: u.href, method: method!, credentials, initiator, time: Number(time) || Date.now() };
  } catch {
    return undefined;
  }
}

/**
 * No reply is expected. A worker still being installed has no receiving end yet ("Receiving end
 * does not exist": a page that loads as the extension is installed or updated): try again a few
 * times, within the time the worker waits for a request's hint; then the hint is lost.
 */
const RETRY_MS = [50, 150, 300];
function send(hints: PageHint[], attempt: number): void {
  ext.runtime.sendMessage({ type: 'cors/page-hints', hints }).catch(() => {
    const wait = RETRY_MS[attempt];
    if (wait !== undefined && !dead) setTimeout(() => send(hints, attempt + 1), wait);
  });
}

function flush(): void {
  timer = undefined;
  if (paused !== false) return; // unknown yet: sent once the switch is read; paused: never
  while (queue.length > 0 && !dead) {
    const hints = queue.slice(0, MAX_HINTS_PER_MESSAGE);
    queue = queue.slice(MAX_HINTS_PER_MESSAGE);
    try {
      send(hints, 0);
    } catch {
      dead = true; // extension context invalidated (reloaded): stop listening to the page
      queue = [];
    }
  }
}

function onHints(e: Event): void {
  const detail: unknown = (e as CustomEvent).detail;
  if (dead || typeof detail !== 'string' || detail.length > MAX_DETAIL) return;
  for (const fields of decodeHints(detail)) {
    if (queue.length >= MAX_QUEUE || !allow()) break;
    const hint = hintOf(fields);
    if (hint) queue.push(hint);
  }
  if (queue.length > 0) timer ??= setTimeout(flush, FLUSH_MS);
}

/** Paused: nothing more leaves this document, and the hook gives the page its natives back. */
function stop(): void {
  dead = true;
  queue = [];
  if (key === undefined) return;
  window.removeEventListener(key, onHints, true);
  window.dispatchEvent(new CustomEvent(key, { detail: 'pause' }));
}

function setPaused(on: boolean): void {
  if (dead) return;
  paused = on;
  if (on) stop();
  else if (queue.length > 0) timer ??= setTimeout(flush, FLUSH_MS);
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
  ext.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.paused) setPaused(changes.paused.newValue === true);
  });
}

const prior = (globalThis as Record<string, unknown>)[MARK];
if (!(typeof prior === 'function' && (prior as () => unknown)() === true)) start();
