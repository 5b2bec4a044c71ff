// The service worker: wires webRequest → collector → verdict → store → badge / panel port.
// Every listener is registered synchronously at the top level, so an event that wakes a stopped
// worker finds its listener (Chrome's guide "Handle events with service workers",
// developer.chrome.com/docs/extensions/develop/concepts/service-workers/events). Nothing here blocks or
// changes a request, and the worker makes no network request of its own.
import type { Runtime, WebNavigation } from 'webextension-polyfill';
import type { Channel } from '../../src/channel';
import { validate } from '../../src/core/validate';
import { isBackgroundRequest, type ToPanel } from '../../src/messages';
import { ext, isFirefox, withExtraHeaders } from '../platform';
import { createBadge } from './badge';
import { createCollector, type Details, type EventName, type Finished } from './collector';
import { createFairQueue } from './fair-queue';
import { createCookieWatch, type JarCookie } from './cookies';
import { servePanel } from './port-server';
import { contentScriptFrame, isExtensionPage } from './senders';
import { createStore } from './store';
import { PAUSED_KEY, readPaused, switchable, syncContentScripts, type Switchable } from './watching';
import { packFinding, tabFindings, withSnippets } from './verdict';

/** Whose verdict and words the findings carry. */
const BROWSER = isFirefox ? 'firefox' : 'chromium';

const store = createStore(ext.storage.session, {
  // A burst's findings go out in a few writes, not one per turn (docs/cost.md: each write sends the
  // tab's whole state to the browser process while the page's requests are still running).
  writeDelayMs: 100,
  // Cookie findings keep their snippets: the validator cannot rebuild them from the record.
  pack: (f) => (f.kind === 'cookie' ? f : packFinding(f)),
});
const badge = createBadge(ext.action, (tabId) => store.ready.then(() => store.blockedCount(tabId)));
store.subscribe((e) => badge.mark(e.tabId));

// The credentials that never left: cookies refused or not sent, HTTP auth challenges, client certificates.
const cookieWatch = createCookieWatch({
  getAll: (d) => (ext.cookies.getAll as (d: object) => Promise<JarCookie[]>)(d),
  thirdPartyBlocked: async () => {
    // `privacy` permission; the polyfill's types lack this setting.
    const setting = (ext.privacy?.websites as unknown as { thirdPartyCookiesAllowed?: { get(d: object): Promise<{ value: unknown }> } } | undefined)
      ?.thirdPartyCookiesAllowed;
    const v = (await setting?.get({}))?.value;
    return typeof v === 'boolean' ? !v : undefined;
  },
  add: (tabId, findings) => store.add(tabId, findings),
  now: Date.now,
  schedule: (fn, ms) => void setTimeout(fn, ms),
});

// Verdicts take turns between tabs (extension/background/fair-queue.ts): a flooding tab's thousand finished requests do not
// stand in front of a quiet tab's one. Within a tab, first finished, first judged.
// A tab's verdicts also wait while that tab's own requests keep coming (up to HOLD_MAX_MS after
// the oldest finished), so the validator, the cookie jar reads, the storage writes and the badge
// run when the page is quiet instead of competing with its burst for the CPU (docs/cost.md).
const lastEvent = new Map<number, number>();
const QUIET_MS = 150;
const HOLD_MAX_MS = 3_000;
const verdicts = createFairQueue<Finished>({
  now: Date.now,
  schedule: (fn, ms) => void setTimeout(fn, ms),
  holdMs: (tabId, since) => {
    const now = Date.now();
    return Math.max(0, Math.min((lastEvent.get(tabId) ?? 0) + QUIET_MS, since + HOLD_MAX_MS) - now);
  },
  run(f) {
    const findings = tabFindings(f, (r) => validate(r, BROWSER), Date.now(), isFirefox);
    if (findings.length > 0) store.add(f.tabId, findings);
    cookieWatch.finished(f);
  },
});

const collector = createCollector({
  firefox: isFirefox,
  now: Date.now,
  schedule: (fn, ms) => void setTimeout(fn, ms),
  onFinished: (f) => verdicts.push(f.tabId, f),
});

// Only what fetch() and XHR produce: Chromium 156 reports both, and their preflights, as
// 'xmlhttprequest' ('other' kept for builds that report preflights with an empty destination).
// A narrow filter also keeps the extraHeaders cost (a header-client round trip) off page loads.
const FILTER = { urls: ['<all_urls>'], types: ['xmlhttprequest', 'other'] } as const;
const on = (event: unknown, name: EventName, spec: string[]): Switchable => {
  const handle = (d: Details) => {
    if (d.tabId >= 0) lastEvent.set(d.tabId, Date.now());
    collector.handle(name, d);
    // The same events feed the cookie watch: one listener each, no second dispatch per request.
    cookieWatch.handle(name, d);
  };
  const extra = withExtraHeaders(spec);
  // Firefox's onCompleted/onErrorOccurred take no extraInfoSpec at all, not even [].
  return extra.length > 0 ? switchable(event, handle, FILTER, extra) : switchable(event, handle, FILTER);
};

const wr = ext.webRequest;
/** Everything the pause switch turns off; all registered now, at the top level (see the head of this file). */
const watchers: Switchable[] = [
  on(wr.onBeforeRequest, 'beforeRequest', []),
  on(wr.onSendHeaders, 'sendHeaders', ['requestHeaders']),
  on(wr.onHeadersReceived, 'headersReceived', ['responseHeaders']),
  on(wr.onBeforeRedirect, 'beforeRedirect', ['responseHeaders']),
  on(wr.onCompleted, 'completed', []),
  on(wr.onErrorOccurred, 'errorOccurred', []),
  switchable(ext.cookies.onChanged, (change: { cookie: unknown; removed: boolean }) => cookieWatch.cookieChanged(change.cookie as JarCookie, change.removed)),
  switchable(ext.webNavigation.onCommitted, (d: WebNavigation.OnCommittedDetailsType) => {
    if (d.frameId !== 0) return;
    // Chromium has just cleared the tab's badge (a cross-document navigation); our log follows,
    // unless "preserve log" is on; either way the badge is painted again from the store.
    void store.navigated(d.tabId).then(() => badge.repaint(d.tabId));
  }),
  switchable(ext.webNavigation.onDOMContentLoaded, (d: WebNavigation.OnDOMContentLoadedDetailsType) => {
    if (d.frameId === 0) badge.repaint(d.tabId);
  }),
];

/** Applies the pause switch: listeners, page scripts and badges follow it. */
let applied: Promise<unknown> = Promise.resolve();
function applyPaused(paused: boolean): Promise<unknown> {
  applied = applied
    .then(async () => {
      for (const w of watchers) {
        if (paused) w.off();
        else w.on();
      }
      await badge.setPaused(paused);
      // A tab's own badge value wins over the default: repaint every tab.
      for (const t of await ext.tabs.query({})) if (typeof t.id === 'number') badge.mark(t.id);
      await syncContentScripts(paused);
    })
    .catch((e: unknown) => console.error('[cors-inspector] pause', e));
  return applied;
}
void readPaused().then(applyPaused, () => applyPaused(false));
ext.storage.onChanged.addListener((changes: Record<string, { newValue?: unknown }>, area: string) => {
  if (area === 'local' && PAUSED_KEY in changes) void applyPaused(changes[PAUSED_KEY].newValue === true);
});

ext.tabs.onRemoved.addListener((tabId: number) => {
  collector.forgetTab(tabId);
  verdicts.forgetTab(tabId);
  lastEvent.delete(tabId);
  badge.forget(tabId);
  void store.removeTab(tabId);
});

const EXTENSION_ORIGIN = ext.runtime.getURL('');
const OWN_ID = ext.runtime.id;

ext.runtime.onMessage.addListener((msg: unknown, sender: Runtime.MessageSender) => {
  if (!isBackgroundRequest(msg)) return undefined; // not ours: let another listener answer
  if (msg.type === 'cors/page-hints') {
    // Hints only from our content script, tied to the tab and frame the browser says sent them.
    const from = contentScriptFrame(sender, OWN_ID, EXTENSION_ORIGIN);
    if (from) for (const hint of msg.hints) collector.hint(hint, from);
    return undefined;
  }
  // Reading: our own pages only (a content script is refused). Clearing and preserve log are
  // commands on the cors-panel port (port-server.ts), the panel's one way in.
  if (!isExtensionPage(sender, OWN_ID, EXTENSION_ORIGIN)) return Promise.resolve({ error: 'not allowed' });
  switch (msg.type) {
    case 'cors/findings':
      return store
        .stored(msg.tabId)
        .then(({ findings, dropped, preserveLog, blocked }) => ({ findings: withSnippets(findings), dropped, preserveLog, blocked }));
  }
});

ext.runtime.onConnect.addListener((port: Runtime.Port) => {
  if (port.name !== 'cors-panel') return;
  if (!isExtensionPage(port.sender, OWN_ID, EXTENSION_ORIGIN)) return port.disconnect();
  const channel: Channel<unknown, ToPanel> = {
    listen(fn) {
      const l = (m: unknown) => fn(m);
      port.onMessage.addListener(l);
      return () => port.onMessage.removeListener(l);
    },
    post(msg) {
      try {
        port.postMessage(msg);
      } catch {
        // the panel went away between two events
      }
    },
  };
  const stop = servePanel(channel, store);
  port.onDisconnect.addListener(() => stop());
});

// Forget tabs that closed while no worker ran, then paint the badges the last worker left (a
// stopped worker loses timers, not storage).
void store.ready
  .then(() => ext.tabs.query({}))
  .then((tabs) => store.sweep(tabs.flatMap((t) => (typeof t.id === 'number' ? [t.id] : []))))
  .catch((e: unknown) => console.error('[cors-inspector] sweep', e))
  .then(() => store.tabs().forEach((t) => badge.mark(t)));
