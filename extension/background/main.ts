// The service worker: wires webRequest → collector → verdict → store → badge / panel port.
// Every listener is registered synchronously at the top level, so an event that wakes a stopped
// worker finds its listener. Nothing here blocks or changes a request, except a "Try fix" trial
// the user starts (trials.ts: session rules on one tab, for minutes); the worker makes no network
// request of its own (a trial's re-send runs in the page).
import type { Runtime, WebNavigation } from 'webextension-polyfill';
import type { Channel } from '../../src/channel';
import { serializeOrigin } from '../../src/core/origin';
import { redactUrl } from '../../src/core/redact';
import { normalizeMethod } from '../../src/core/safelist';
import { serverFixes } from '../../src/core/fix/server';
import { validate } from '../../src/core/validate';
import { HINTS_PORT, isBackgroundRequest, isToBackground, type PageHint, type ToPanel } from '../../src/messages';
import { ext, isFirefox } from '../platform';
import { createDocuments } from './attribution';
import { createBadge } from './badge';
import { clipString, MAX_STRING } from './budget';
import { createCollector, type Finished, type HintSender } from './collector';
import { createFairQueue } from './fair-queue';
import { createCookieWatch, type JarCookie } from './cookies';
import { readRequests } from './events';
import { servePanel } from './port-server';
import { contentScriptFrame, isExtensionPage } from './senders';
import { createJournal } from './journal';
import { createStore } from './store';
import { hookOpenTabs, PAUSED_KEY, readPaused, switchable, syncContentScripts, type Switchable } from './watching';
import { createTrials, type SessionRules } from './trials';
import { packFinding, tabFindings } from './verdict';
import { createPassing } from './passing';
import { findingReply, serverFixesReply } from './replies';
import { versionedArea } from './shape';

/** Whose verdict and words the findings carry. */
const BROWSER = isFirefox ? 'firefox' : 'chromium';

// Findings of an older stored shape are dropped before the store reads them (shape.ts).
const session = versionedArea(ext.storage.session);
const store = createStore(session, {
  // A burst's findings go out in a few writes, not one per turn (docs/cost.md: each write sends the
  // tab's whole state to the browser process while the page's requests are still running).
  writeDelayMs: 100,
  pack: packFinding,
});
// Passing cross-origin requests, for the per-server fix (cors/server-fixes); emptied with the log.
const passing = createPassing(session);
store.subscribe((e) => {
  if (e.type === 'cleared') void passing.forget(e.tabId);
});
// "Try fix" (trials.ts): a blocked request's plan as session rules for that tab, for a while.
/** Open panels' ports, by the tab they subscribed to: they hear of its trial. */
const panelPorts = new Map<Runtime.Port, number>();
const dnr = (ext as unknown as { declarativeNetRequest: SessionRules }).declarativeNetRequest;
const trials = createTrials({
  dnr,
  area: ext.storage.session,
  now: Date.now,
  schedule: (fn, ms) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
  wake: (name, when) => void ext.alarms?.create(name, { when }),
  unwake: (name) => void ext.alarms?.clear(name),
  finding: (tabId, requestId) => store.stored(tabId).then((s) => s.findings.find((f) => f.requestId === requestId && f.severity === 'error')),
  server: async (tabId, origin) => {
    const [{ findings }, seen] = await Promise.all([store.stored(tabId), passing.seen(tabId)]);
    const all = [...findings, ...seen];
    const fix = serverFixes(all).find((x) => x.origin === origin);
    return fix && { fix, seen: all };
  },
  firstError: (record) => validate(record, BROWSER).find((f) => f.severity === 'error'),
  replay: (tabId, req) =>
    ext.scripting
      .executeScript({
        target: { tabId },
        world: 'MAIN',
        // Runs in the page: the same request, from the page's own origin and cookies; whether
        // fetch() resolved is the browser's verdict (the network events tell the rest).
        func: (url: string, method: string, headers: [string, string][], credentials: RequestCredentials) =>
          fetch(url, { method, headers, credentials, cache: 'no-store' }).then(
            () => true,
            () => false,
          ),
        args: [req.url, req.method, req.headers, req.credentials],
      })
      .then((results) => (typeof results[0]?.result === 'boolean' ? results[0].result : undefined)),
  reload: (tabId) => ext.tabs.reload(tabId),
  changed(tabId, trial) {
    badge.repaint(tabId);
    for (const [port, tab] of panelPorts) if (tab === tabId) postTo(port, { type: 'trial', tabId, trial });
  },
  firefox: isFirefox,
});

const badge = createBadge(ext.action, (tabId) => store.ready.then(() => store.blockedCount(tabId)), {
  trial: (tabId) => trials.get(tabId)?.url.replace(/^[a-z]+:\/\//, ''),
});
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
  add: (tabId, findings) => void store.add(tabId, findings),
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
    // A request made under a trial shows the trial's outcome, not findings on headers the browser did not act on.
    if (trials.observe(f)) {
      journal.done(f.requestId);
      return cookieWatch.finished(f);
    }
    // A request of the page the tab has since left belongs to its log only while that is preserved.
    if (documents.isReplaced(f)) return void store.stored(f.tabId).then((s) => (s.preserveLog ? judgeInto(f) : journal.done(f.requestId)));
    judgeInto(f);
  },
});

function judgeInto(f: Finished): void {
  const findings = tabFindings(f, (r) => validate(r, BROWSER), Date.now(), isFirefox);
  // Out of the journal once its findings are stored: a stop before that leaves it to the next worker.
  void store.add(f.tabId, findings).then(() => journal.done(f.requestId));
  if (!findings.some((x) => x.severity === 'error')) passing.add(f);
  cookieWatch.finished(f);
}

const documents = createDocuments();

// Every request that has ended is in storage.session within JOURNAL_MS (one key per request), until
// its verdict is stored: the verdict waits for the tab to be quiet, and a worker the browser stops
// meanwhile would otherwise lose it (journal.ts). The requests that end within JOURNAL_MS go out in
// one write: each storage.session.set costs the worker and the browser process a fixed price
// whatever it carries, paid while the page's requests run (docs/cost.md), and a hint that trails
// its request's end by less than that is written with it instead of in a second write.
const JOURNAL_MS = 30;
const journal = createJournal(ext.storage.session, { schedule: (fn, ms) => void setTimeout(fn, ms), delayMs: JOURNAL_MS });

/**
 * The tab of each page origin, the most recently committed: a page's service or shared worker
 * makes requests with no tab (tabId -1) and its own origin as initiator, so they go to that page.
 */
const pageTabs = new Map<string, number>();
const notePage = (tabId: number, url: string | undefined) => {
  const origin = url === undefined ? undefined : serializeOrigin(url);
  // Web pages only: an extension's pages and workers are not the page's.
  if (origin === undefined || !/^https?:/.test(origin)) return;
  pageTabs.delete(origin); // re-inserted last: the newest wins
  pageTabs.set(origin, tabId);
};
void ext.tabs.query({}).then((tabs) => {
  for (const t of tabs) if (typeof t.id === 'number' && !pageTabs.has(serializeOrigin(t.url ?? '') ?? '')) notePage(t.id, t.url);
});

// When this extension session first listened. storage.session starts empty with each session
// (install, update, reload, browser start) and outlives the worker: a stopped worker's listeners
// stay registered, so the browser wakes the next one with its events (MDN, "Background scripts":
// events of listeners added at the top level), and only the first worker can have missed a request.
const WATCHING_KEY = 'watching-since';
const startedAt = Date.now();
let watchingSince: number | undefined;
// After the shape check, which drops every key of a session it does not know (shape.ts).
void session.checked().then(async () => {
  const got = await ext.storage.session.get(WATCHING_KEY);
  const kept = got[WATCHING_KEY];
  watchingSince = typeof kept === 'number' ? kept : startedAt;
  if (typeof kept !== 'number') await ext.storage.session.set({ [WATCHING_KEY]: startedAt });
});

const collector = createCollector({
  firefox: isFirefox,
  workerTab: (origin) => pageTabs.get(origin),
  watchingSince: () => watchingSince,
  onUnwatched: (tabId, hint) =>
    void store.addUnwatched(tabId, { method: clipString(normalizeMethod(hint.method), 64), url: clipString(redactUrl(hint.url), MAX_STRING) }),
  now: Date.now,
  schedule: (fn, ms) => void setTimeout(fn, ms),
  onEnded: (f) => journal.put(f),
  onFinished: (f) => {
    if (!f.startUnseen) return verdicts.push(f.tabId, f);
    // Only its end was seen. The browser may hand a new worker the end event of a request the
    // stopped one had already kept (journal.ts): that fuller record wins.
    void leftovers.then((kept) => {
      if (kept.has(f.requestId)) return;
      journal.put(f);
      verdicts.push(f.tabId, f);
    });
  },
});

/** Everything the pause switch turns off; all registered now, at the top level (see the head of this file). */
const watchers: Switchable[] = [
  // The one reader of webRequest (events.ts): each event normalised once, then to each consumer.
  ...readRequests(ext.webRequest, { firefox: isFirefox, now: Date.now }, (ev) => {
    if (ev.tabId >= 0) lastEvent.set(ev.tabId, Date.now());
    collector.handle(ev);
    // Chromium only: the watch's cookie rules are Chromium's (DevTools' reason names), proven
    // there alone (test/e2e/cookies.test.ts); in Firefox it judges HTTP auth challenges, from the
    // finished record.
    if (!isFirefox) cookieWatch.handle(ev);
  }),
  switchable(ext.cookies.onChanged, (change: { cookie: unknown; removed: boolean }) => cookieWatch.cookieChanged(change.cookie as JarCookie, change.removed)),
  switchable(ext.webNavigation.onCommitted, (d: WebNavigation.OnCommittedDetailsType) => {
    documents.committed(d.tabId, d.frameId, (d as { documentId?: string }).documentId);
    if (d.frameId !== 0) return;
    notePage(d.tabId, d.url);
    // Chromium has just cleared the tab's badge (a cross-document navigation); our log follows,
    // unless "preserve log" is on; either way the badge is painted again from the store.
    void store.navigated(d.tabId).then(() => badge.repaint(d.tabId));
  }),
  switchable(ext.webNavigation.onDOMContentLoaded, (d: WebNavigation.OnDOMContentLoadedDetailsType) => {
    if (d.frameId === 0) badge.repaint(d.tabId);
  }),
];

/**
 * Gives the page hook to documents that were open before this extension session began (installed,
 * enabled, updated, reloaded, or the browser restarted: storage.session is empty each time) or
 * while it was paused; new documents get it from the manifest. A tab that could not be hooked is
 * marked, and its panel says what that means.
 */
const HOOKED_KEY = 'hooked-open-tabs';
async function hookOpenDocuments(resumed: boolean): Promise<void> {
  await session.checked(); // a key written before the shape check could be dropped by it (shape.ts)
  if (!resumed && (await ext.storage.session.get(HOOKED_KEY))[HOOKED_KEY] === true) return; // a restarted worker: done already
  const failed = await hookOpenTabs(await ext.tabs.query({}));
  await ext.storage.session.set({ [HOOKED_KEY]: true });
  await Promise.all(failed.map((tabId) => store.setUnhooked(tabId, true)));
}

/** Applies the pause switch: listeners, page hints, page scripts and badges follow it. */
let applied: Promise<unknown> = Promise.resolve();
/** Whether hints are dropped; false until the switch is read, as the listeners are on until then. */
let paused = false;
function applyPaused(on: boolean, resumed = false): Promise<unknown> {
  paused = on;
  applied = applied
    .then(async () => {
      for (const w of watchers) {
        if (on) w.off();
        else w.on();
      }
      await badge.setPaused(on);
      // A tab's own badge value wins over the default: repaint every tab.
      for (const t of await ext.tabs.query({})) if (typeof t.id === 'number') badge.mark(t.id);
      await syncContentScripts(on);
      if (!on) await hookOpenDocuments(resumed);
    })
    .catch((e: unknown) => console.error('[cors-inspector] pause', e));
  return applied;
}
void readPaused().then(
  (p) => applyPaused(p),
  () => applyPaused(false),
);
// storage.local's own event, not storage.onChanged: that one also fires for every storage.session
// write (the journal's, the store's), each carrying the old and new values back to this worker
// (docs/cost.md).
ext.storage.local.onChanged.addListener((changes: Record<string, { newValue?: unknown }>) => {
  if (PAUSED_KEY in changes) void applyPaused(changes[PAUSED_KEY].newValue === true, true);
});

// Trials end with their tab, and when it leaves for another origin (a reload keeps them), paused or not.
ext.webNavigation.onCommitted.addListener((d: WebNavigation.OnCommittedDetailsType) => {
  if (d.frameId === 0) trials.navigated(d.tabId, d.url);
});
ext.alarms?.onAlarm.addListener((a: { name: string }) => trials.alarm(a.name));

ext.tabs.onRemoved.addListener((tabId: number) => {
  for (const [origin, t] of pageTabs) if (t === tabId) pageTabs.delete(origin);
  void trials.closed(tabId);
  collector.forgetTab(tabId);
  journal.forgetTab(tabId);
  documents.forgetTab(tabId);
  verdicts.forgetTab(tabId);
  lastEvent.delete(tabId);
  badge.forget(tabId);
  void store.removeTab(tabId);
  void passing.forget(tabId);
});

const EXTENSION_ORIGIN = ext.runtime.getURL('');
const OWN_ID = ext.runtime.id;

/**
 * Hints only from our content script, tied to the tab and frame the browser says sent them
 * (`from`), by runtime.sendMessage or on the bridge's hints port (bridge.iife.ts).
 */
function takeHints(msg: { hints: PageHint[] }, from: HintSender | undefined): void {
  // Paused, nothing is recorded: a bridge that has not read the switch yet still sends (bridge.iife.ts).
  if (from && !paused) for (const hint of msg.hints) collector.hint(hint, from);
}

ext.runtime.onMessage.addListener((msg: unknown, sender: Runtime.MessageSender) => {
  if (!isBackgroundRequest(msg)) return undefined; // not ours: let another listener answer
  if (msg.type === 'cors/page-hints') return void takeHints(msg, contentScriptFrame(sender, OWN_ID, EXTENSION_ORIGIN));
  // Reading: our own pages only (a content script is refused). Clearing and preserve log are
  // commands on the cors-panel port (port-server.ts), the panel's one way in.
  if (!isExtensionPage(sender, OWN_ID, EXTENSION_ORIGIN)) return Promise.resolve({ error: 'not allowed' });
  switch (msg.type) {
    case 'cors/findings':
      return store.stored(msg.tabId).then(({ findings, dropped, preserveLog, blocked, unhooked, unwatched }) => ({
        findings: findings.map(findingReply),
        dropped,
        preserveLog,
        blocked,
        ...(unhooked ? { unhooked } : {}),
        ...(unwatched ? { unwatched } : {}),
      }));
    case 'cors/server-fixes':
      return Promise.all([store.stored(msg.tabId), passing.seen(msg.tabId)]).then(([{ findings }, seen]) => serverFixesReply(findings, seen));
    case 'cors/clear':
      return store.clear(msg.tabId).then(() => ({ ok: true }));
    case 'cors/preserve-log':
      return store.setPreserveLog(msg.tabId, msg.on).then(() => ({ ok: true }));
    case 'cors/try-fix':
      return trials.handle(msg).catch((e: unknown) => ({ ok: false, error: e instanceof Error ? e.message : String(e) }));
  }
});

ext.runtime.onConnect.addListener((port: Runtime.Port) => {
  if (port.name === HINTS_PORT) {
    const from = contentScriptFrame(port.sender, OWN_ID, EXTENSION_ORIGIN);
    if (!from) return port.disconnect();
    return port.onMessage.addListener((m: unknown) => {
      if (isBackgroundRequest(m) && m.type === 'cors/page-hints') takeHints(m, from);
    });
  }
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
  const stop = servePanel(channel, store, passing);
  // The trial of the tab the panel subscribed to: now, and whenever it changes.
  port.onMessage.addListener((m: unknown) => {
    if (!isToBackground(m) || m.type !== 'subscribe') return;
    panelPorts.set(port, m.tabId);
    void trials.ready.then(() => postTo(port, { type: 'trial', tabId: m.tabId, trial: trials.get(m.tabId) }));
  });
  port.onDisconnect.addListener(() => {
    panelPorts.delete(port);
    stop();
  });
});

function postTo(port: Runtime.Port, msg: ToPanel): void {
  try {
    port.postMessage(msg);
  } catch {
    panelPorts.delete(port); // the panel went away
  }
}

/**
 * What the last worker left unjudged (journal.ts) is judged now; a request whose findings it had
 * already stored, or whose tab is gone, is only forgotten. Resolves to every request id it left.
 */
async function judgeLeftovers(open: readonly number[]): Promise<Set<string>> {
  const left = await journal.load();
  for (const f of left) {
    if (!open.includes(f.tabId) || store.has(f.tabId, f.requestId)) journal.done(f.requestId);
    else verdicts.push(f.tabId, f);
  }
  return new Set(left.map((f) => f.requestId));
}

// Forget tabs that closed while no worker ran, judge what the last worker left, then paint the
// badges (a stopped worker loses timers, not storage).
const leftovers: Promise<Set<string>> = store.ready
  .then(() => ext.tabs.query({}))
  .then(async (tabs) => {
    const open = tabs.flatMap((t) => (typeof t.id === 'number' ? [t.id] : []));
    await trials.sweep(open).catch((e: unknown) => console.error('[cors-inspector] trials', e));
    await Promise.all([store.sweep(open), passing.sweep(open)]);
    return judgeLeftovers(open);
  })
  .catch((e: unknown) => {
    console.error('[cors-inspector] sweep', e);
    return new Set<string>();
  });
void leftovers.then(() => store.tabs().forEach((t) => badge.mark(t)));
