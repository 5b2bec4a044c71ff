// Per-tab findings. storage.session is the truth (the worker can be stopped at any moment and
// storage.session outlives it: MDN, "storage.session"); the Map is a cache, hydrated before any operation runs. Every operation goes
// through one promise chain, so writes never interleave, and adds are coalesced into one write
// per turn of the chain. Listeners hear about findings only once they are stored.
//
// Bounded: at most `cap` findings and `tabBytes` bytes per tab, and `totalBytes` for every tab
// together (well under storage.session's 10 MB), the oldest finding dropped first across tabs.
// A closed tab keeps nothing: its key is removed, later results for it are ignored, and keys of
// tabs that no longer exist are swept when the worker starts.
import type { TabFinding, TabSnapshot, Unwatched, UnwatchedRequest } from '../../src/messages';
import { bytesOf } from './budget';

/** The slice of storage.session the store uses (tests pass an in-memory one). */
export interface SessionArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface TabState {
  findings: TabFinding[];
  /** Findings dropped to respect the cap, oldest first. */
  dropped: number;
  /** Blocked requests seen (dropped ones included): the badge number. */
  blocked: number;
  preserveLog: boolean;
  /** The page hook could not be given to the tab's open document (watching.ts `hookOpenTabs`). */
  unhooked?: boolean;
  /** Requests the page made before the extension listened (collector.ts `watchForUnwatched`). */
  unwatched?: Unwatched;
}

/** The newest requests an unwatched notice names; the count goes on. */
export const UNWATCHED_LISTED = 50;

export type StoreEvent =
  /** `removed`: how many of the tab's oldest stored findings went (the budget), for the panel to drop too. */
  | { type: 'added'; tabId: number; findings: TabFinding[]; dropped: number; removed: number }
  | { type: 'cleared'; tabId: number }
  | { type: 'changed'; tabId: number };

export const keyOf = (tabId: number): string => `tab:${tabId}`;
const tabOf = (key: string): number | undefined => (/^tab:\d+$/.test(key) ? Number(key.slice(4)) : undefined);

function isTabState(v: unknown): v is TabState {
  const s = v as TabState;
  return (
    typeof v === 'object' &&
    v !== null &&
    Array.isArray(s.findings) &&
    typeof s.dropped === 'number' &&
    typeof s.blocked === 'number' &&
    typeof s.preserveLog === 'boolean'
  );
}

/** What a reader of the tab is shown (the panel's snapshot). */
const view = (tabId: number, s: TabState): TabSnapshot => ({
  tabId,
  findings: s.findings,
  dropped: s.dropped,
  preserveLog: s.preserveLog,
  ...(s.unhooked ? { unhooked: true } : {}),
  ...(s.unwatched ? { unwatched: s.unwatched } : {}),
});

const fresh = (preserveLog = false): TabState => ({ findings: [], dropped: 0, blocked: 0, preserveLog });

/** Counts toward the badge: the one error finding a blocked request gets. */
const isBlockedFinding = (f: TabFinding): boolean => f.severity === 'error';

export interface StoreOptions {
  cap?: number;
  /** Bytes of findings per tab, and for every tab together. */
  tabBytes?: number;
  totalBytes?: number;
  onError?: (e: unknown) => void;
  /**
   * How long adds gather before they are written: each write sends the tab's whole state to the
   * browser process, so a burst of findings written one turn at a time costs the page (docs/cost.md).
   */
  writeDelayMs?: number;
  /** Shrinks a finding for storage (storage.session holds 10 MB for all tabs together). */
  pack?: (f: TabFinding) => TabFinding;
}

export const TAB_BYTES = 2 * 1024 * 1024;
/** Findings of one tab stored per turn of the chain, at most. */
const PER_FLUSH = 256;
export const TOTAL_BYTES = 6 * 1024 * 1024;

// eslint-disable-next-line max-lines-per-function -- one closure over the tab cache, the gathered writes and the subscribers, which no other code may reach; its steps are named inner functions (a later change may lift them out as pure functions of a state object, as collector.ts does)
export function createStore(area: SessionArea, opts: StoreOptions = {}) {
  const cap = opts.cap ?? 500;
  const tabBytes = opts.tabBytes ?? TAB_BYTES;
  const totalBytes = opts.totalBytes ?? TOTAL_BYTES;
  const pack = opts.pack ?? ((f: TabFinding) => f);
  const writeDelayMs = opts.writeDelayMs ?? 0;
  const cache = new Map<number, TabState>();
  /** What storage.session holds for each tab, as of the last write that finished. */
  const stored = new Map<number, TabState>();
  /** The stored size of each finding, parallel to TabState.findings (rebuilt on hydration). */
  const sizes = new Map<number, number[]>();
  /** Tabs closed while this worker ran: a late result must not bring their key back. */
  const closed = new Set<number>();
  const listeners = new Set<(e: StoreEvent) => void>();
  const onError = opts.onError ?? ((e: unknown) => console.error('[cors-inspector] store', e));

  let chain: Promise<unknown> = area.get(null).then((all) => {
    for (const [key, value] of Object.entries(all)) {
      const tabId = tabOf(key);
      if (tabId !== undefined && isTabState(value)) {
        cache.set(tabId, value);
        stored.set(tabId, value);
        sizes.set(tabId, value.findings.map(bytesOf));
      }
    }
  });
  const hydrated = chain.catch(onError);

  function run<T>(task: () => Promise<T> | T): Promise<T> {
    const next = chain.then(task);
    chain = next.catch(onError);
    return next;
  }

  const emit = (e: StoreEvent) => {
    for (const fn of listeners) {
      try {
        fn(e);
      } catch (err) {
        onError(err);
      }
    }
  };
  const state = (tabId: number): TabState => cache.get(tabId) ?? fresh();

  let batch: Map<number, TabFinding[]> | null = null;
  /** Per batch: resolves once its findings are written, those it passed on to a later batch included. */
  const written = new WeakMap<Map<number, TabFinding[]>, { done: Promise<void>; resolve: () => void; later: Promise<void>[] }>();

  const sum = (xs: readonly number[] | undefined) => (xs ?? []).reduce((n, x) => n + x, 0);

  /** A batch waiting for its write delay to pass (then it joins the chain). */
  let delayed: ReturnType<typeof setTimeout> | undefined;
  const enqueue = (b: Map<number, TabFinding[]>) =>
    void run(() => {
      if (batch === b) batch = null;
      return flush(b);
    })
      .catch(() => {}) // reported by the chain (onError)
      .then(() => {
        const w = written.get(b);
        if (w) void Promise.allSettled(w.later).then(w.resolve);
      });
  /** A batch still waiting for its delay joins the chain now (before a clear or navigation). */
  function enqueueDelayed(): void {
    if (delayed === undefined) return;
    clearTimeout(delayed);
    delayed = undefined;
    if (batch) enqueue(batch);
  }

  function newBatch(): Map<number, TabFinding[]> {
    const b = new Map<number, TabFinding[]>();
    let resolve = () => {};
    const done = new Promise<void>((r) => (resolve = r));
    written.set(b, { done, resolve, later: [] });
    if (writeDelayMs > 0)
      delayed = setTimeout(() => {
        delayed = undefined;
        enqueue(b);
      }, writeDelayMs);
    else enqueue(b);
    return b;
  }

  /** Resolves once these findings are in storage.session (or were dropped: the tab closed, the budget). */
  function add(tabId: number, findings: readonly TabFinding[]): Promise<void> {
    if (findings.length === 0 || closed.has(tabId)) return Promise.resolve();
    const b = (batch ??= newBatch());
    const list = b.get(tabId);
    if (list) list.push(...findings);
    else b.set(tabId, [...findings]);
    return written.get(b)!.done;
  }

  async function flush(b: Map<number, TabFinding[]>): Promise<void> {
    const touched = new Map<number, { added: TabFinding[]; removed: number; old: number }>();
    for (const [tabId, all] of b) {
      if (closed.has(tabId)) continue; // the tab closed meanwhile: nothing of it is kept
      // A flooding tab gets PER_FLUSH findings per turn; the rest waits for the next turn, so the
      // work ahead of another tab's finding stays bounded.
      const added = all.slice(0, PER_FLUSH);
      if (all.length > PER_FLUSH) written.get(b)?.later.push(add(tabId, all.slice(PER_FLUSH)));
      const s = state(tabId);
      const packed = added.map(pack);
      const next: TabState = { ...s, findings: s.findings.concat(packed), blocked: s.blocked + added.filter(isBlockedFinding).length };
      cache.set(tabId, next);
      sizes.set(tabId, (sizes.get(tabId) ?? []).concat(packed.map(bytesOf)));
      touched.set(tabId, { added: packed, removed: 0, old: s.findings.length });
      while (state(tabId).findings.length > cap || (state(tabId).findings.length > 1 && sum(sizes.get(tabId)) > tabBytes)) dropOldest(tabId, touched);
    }
    // Every tab together: the oldest finding goes first, whichever tab it belongs to.
    let total = 0;
    for (const xs of sizes.values()) total += sum(xs);
    while (total > totalBytes) {
      let oldest: number | undefined;
      for (const [tabId, s] of cache)
        if (s.findings.length > 0 && (oldest === undefined || s.findings[0]!.time < cache.get(oldest)!.findings[0]!.time)) oldest = tabId;
      if (oldest === undefined) break;
      total -= dropOldest(oldest, touched);
    }
    // One write per tab, smallest first, each announced as soon as it is stored: a tab with 2 MB
    // of findings does not hold back a quiet tab's one finding.
    const order = [...touched.keys()].sort((a, b) => sum(sizes.get(a)) - sum(sizes.get(b)));
    for (const tabId of order) {
      await setWithinQuota(tabId, touched);
      const t = touched.get(tabId)!;
      const kept = new Set(state(tabId).findings);
      emit({ type: 'added', tabId, findings: t.added.filter((f) => kept.has(f)), dropped: state(tabId).dropped, removed: t.removed });
    }
  }

  /** Drops a tab's oldest finding; counts it as dropped, and for the panel as removed if it had it. */
  function dropOldest(tabId: number, touched: Map<number, { added: TabFinding[]; removed: number; old: number }>): number {
    const s = state(tabId);
    const xs = sizes.get(tabId) ?? [];
    const gone = xs.shift() ?? 0;
    cache.set(tabId, { ...s, findings: s.findings.slice(1), dropped: s.dropped + 1 });
    const t = touched.get(tabId) ?? { added: [], removed: 0, old: s.findings.length };
    if (t.old > 0) {
      t.old--;
      t.removed++;
    }
    touched.set(tabId, t);
    return gone;
  }

  /**
   * The budgets keep us far below storage.session's quota; should a write still not fit (another
   * writer, a browser with a smaller quota), the tabs being written keep their newest half.
   */
  async function setWithinQuota(tabId: number, touched: Map<number, { added: TabFinding[]; removed: number; old: number }>): Promise<void> {
    const value = state(tabId);
    try {
      await area.set({ [keyOf(tabId)]: value });
      stored.set(tabId, value);
    } catch (e) {
      if (!/quota/i.test(String((e as Error)?.message ?? e))) throw e;
      const half = Math.ceil(state(tabId).findings.length / 2);
      for (let i = 0; i < half; i++) dropOldest(tabId, touched);
      const smaller = state(tabId);
      await area.set({ [keyOf(tabId)]: smaller });
      stored.set(tabId, smaller);
    }
  }

  async function write(tabId: number, next: TabState, event: StoreEvent): Promise<void> {
    if (closed.has(tabId)) return;
    cache.set(tabId, next);
    if (next.findings.length === 0) sizes.delete(tabId);
    await area.set({ [keyOf(tabId)]: next });
    stored.set(tabId, next);
    emit(event);
  }

  return {
    /** Resolves once the stored tabs are in the cache. */
    ready: hydrated,
    add,
    /** The tab's top document changed: start afresh unless the user keeps the log. */
    navigated(tabId: number): Promise<void> {
      enqueueDelayed();
      batch = null; // later adds belong to the new document: flush them after the clear
      return run(async () => {
        const s = state(tabId);
        // A new document gets the page hook from the manifest: whatever an older one lacked.
        if (s.unhooked) await write(tabId, { ...s, unhooked: false }, { type: 'changed', tabId });
        if (s.preserveLog) return emit({ type: 'changed', tabId });
        if (s.findings.length === 0 && s.blocked === 0 && s.dropped === 0 && !s.unwatched) return emit({ type: 'changed', tabId });
        await write(tabId, fresh(false), { type: 'cleared', tabId });
      });
    },
    clear(tabId: number): Promise<void> {
      enqueueDelayed();
      batch = null;
      return run(() => write(tabId, fresh(state(tabId).preserveLog), { type: 'cleared', tabId }));
    },
    /** The tab's open document could not be hooked (or, false, it is now). */
    setUnhooked(tabId: number, on: boolean): Promise<void> {
      return run(() =>
        state(tabId).unhooked === on || (!on && !state(tabId).unhooked)
          ? undefined
          : write(tabId, { ...state(tabId), unhooked: on }, { type: 'changed', tabId }),
      );
    },
    /** A request of the tab's page that no listener saw (it ended before the extension listened). */
    addUnwatched(tabId: number, request: UnwatchedRequest): Promise<void> {
      return run(() => {
        const s = state(tabId);
        const count = (s.unwatched?.count ?? 0) + 1;
        const requests = [...(s.unwatched?.requests ?? []), request].slice(-UNWATCHED_LISTED);
        return write(tabId, { ...s, unwatched: { count, requests } }, { type: 'changed', tabId });
      });
    },
    setPreserveLog(tabId: number, on: boolean): Promise<void> {
      return run(() => write(tabId, { ...state(tabId), preserveLog: on }, { type: 'changed', tabId }));
    },
    removeTab(tabId: number): Promise<void> {
      closed.add(tabId);
      batch?.delete(tabId);
      stored.delete(tabId);
      return run(async () => {
        cache.delete(tabId);
        sizes.delete(tabId);
        await area.remove(keyOf(tabId));
      });
    },
    /** At start-up: forgets every stored tab not in `open` (closed while no worker ran). */
    sweep(open: readonly number[]): Promise<number[]> {
      return run(async () => {
        const stale = [...cache.keys()].filter((t) => !open.includes(t));
        for (const t of stale) {
          closed.add(t);
          cache.delete(t);
          stored.delete(t);
          sizes.delete(t);
        }
        if (stale.length > 0) await area.remove(stale.map(keyOf));
        return stale;
      });
    },
    /** Whether the tab holds findings of this request (a verdict already stored). */
    has: (tabId: number, requestId: string): boolean => state(tabId).findings.some((f) => f.requestId === requestId),
    /** Bytes the findings take in storage, per tab and in total (for tests and the soak). */
    bytes: (): { total: number; tabs: Record<number, number> } => {
      const tabs = Object.fromEntries([...sizes].map(([t, xs]) => [t, sum(xs)]));
      return { total: Object.values(tabs).reduce((n, x) => n + x, 0), tabs };
    },
    snapshot(tabId: number): Promise<TabSnapshot & { blocked: number }> {
      return run(() => {
        const s = state(tabId);
        return { ...view(tabId, s), blocked: s.blocked };
      });
    },
    /**
     * The tab as storage.session holds it now, without waiting for writes in flight: a reader
     * (`cors/findings`) is not held back by another tab's large write, and sees exactly
     * what would survive a stopped worker.
     */
    stored(tabId: number): Promise<TabSnapshot & { blocked: number }> {
      return hydrated.then(() => {
        const s = stored.get(tabId) ?? fresh();
        return { ...view(tabId, s), blocked: s.blocked };
      });
    },
    /**
     * Hands `start` the tab's snapshot and registers `fn` for what follows, in one turn of the
     * chain, so no event falls between the two.
     */
    watch(tabId: number, start: (s: TabSnapshot) => void, fn: (e: StoreEvent) => void): () => void {
      let stopped = false;
      const own = (e: StoreEvent) => {
        if (e.tabId === tabId) fn(e);
      };
      void run(() => {
        if (stopped) return;
        const s = state(tabId);
        start(view(tabId, s));
        listeners.add(own);
      });
      return () => {
        stopped = true;
        listeners.delete(own);
      };
    },
    subscribe(fn: (e: StoreEvent) => void): () => void {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    /** The badge number, from the cache (call after `ready`). */
    blockedCount: (tabId: number): number => state(tabId).blocked,
    tabs: (): number[] => [...cache.keys()],
  };
}

export type Store = ReturnType<typeof createStore>;
