// Per-tab findings. storage.session is the truth (the worker can be stopped at any moment,
// STYLE.md P7); the Map is a cache, hydrated before any operation runs. Every operation goes
// through one promise chain, so writes never interleave, and adds are coalesced into one write
// per turn of the chain. Listeners hear about findings only once they are stored.
import type { TabFinding, TabSnapshot } from '../../src/messages';

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
}

export type StoreEvent =
  | { type: 'added'; tabId: number; findings: TabFinding[]; dropped: number; droppedNow: number }
  | { type: 'cleared'; tabId: number }
  | { type: 'changed'; tabId: number };

export const keyOf = (tabId: number): string => `tab:${tabId}`;
const tabOf = (key: string): number | undefined => (/^tab:\d+$/.test(key) ? Number(key.slice(4)) : undefined);

function isTabState(v: unknown): v is TabState {
  const s = v as TabState;
  return typeof v === 'object' && v !== null && Array.isArray(s.findings) && typeof s.dropped === 'number' && typeof s.blocked === 'number' && typeof s.preserveLog === 'boolean';
}

const fresh = (preserveLog = false): TabState => ({ findings: [], dropped: 0, blocked: 0, preserveLog });

/** Counts toward the badge: the one error finding a blocked request gets. */
const isBlockedFinding = (f: TabFinding): boolean => f.severity === 'error';

export interface StoreOptions {
  cap?: number;
  onError?: (e: unknown) => void;
  /** Shrinks a finding for storage (storage.session holds 10 MB for all tabs together). */
  pack?: (f: TabFinding) => TabFinding;
  /** Restores what `pack` left out, for readers. */
  unpack?: (fs: TabFinding[]) => TabFinding[];
}

export function createStore(area: SessionArea, opts: StoreOptions = {}) {
  const cap = opts.cap ?? 500;
  const pack = opts.pack ?? ((f: TabFinding) => f);
  const unpack = opts.unpack ?? ((fs: TabFinding[]) => fs);
  const cache = new Map<number, TabState>();
  const listeners = new Set<(e: StoreEvent) => void>();
  const onError = opts.onError ?? ((e: unknown) => console.error('[cors-inspector] store', e));

  let chain: Promise<unknown> = area.get(null).then((all) => {
    for (const [key, value] of Object.entries(all)) {
      const tabId = tabOf(key);
      if (tabId !== undefined && isTabState(value)) cache.set(tabId, value);
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

  async function flush(b: Map<number, TabFinding[]>): Promise<void> {
    const writes: Record<string, TabState> = {};
    const events: StoreEvent[] = [];
    for (const [tabId, added] of b) {
      const s = state(tabId);
      const all = s.findings.concat(added.map(pack));
      const over = Math.max(0, all.length - cap);
      const next: TabState = {
        findings: over > 0 ? all.slice(over) : all,
        dropped: s.dropped + over,
        blocked: s.blocked + added.filter(isBlockedFinding).length,
        preserveLog: s.preserveLog,
      };
      cache.set(tabId, next);
      writes[keyOf(tabId)] = next;
      events.push({ type: 'added', tabId, findings: added.slice(-cap), dropped: next.dropped, droppedNow: over });
    }
    await setWithinQuota(writes, events);
    events.forEach(emit);
  }

  /**
   * storage.session holds 10 MB for every tab together. If a write does not fit, the tabs being
   * written keep their newest half (the rest counts as dropped) and the write is tried once more.
   */
  async function setWithinQuota(writes: Record<string, TabState>, events: StoreEvent[]): Promise<void> {
    try {
      await area.set(writes);
    } catch (e) {
      if (!/quota/i.test(String((e as Error)?.message ?? e))) throw e;
      for (const [key, s] of Object.entries(writes)) {
        const keep = Math.floor(s.findings.length / 2);
        const cut = s.findings.length - keep;
        const next = { ...s, findings: s.findings.slice(cut), dropped: s.dropped + cut };
        writes[key] = next;
        cache.set(tabOf(key)!, next);
        for (const ev of events) if (ev.type === 'added' && keyOf(ev.tabId) === key) Object.assign(ev, { dropped: next.dropped, droppedNow: ev.droppedNow + cut });
      }
      await area.set(writes);
    }
  }

  async function write(tabId: number, next: TabState, event: StoreEvent): Promise<void> {
    cache.set(tabId, next);
    await area.set({ [keyOf(tabId)]: next });
    emit(event);
  }

  return {
    /** Resolves once the stored tabs are in the cache. */
    ready: hydrated,
    add(tabId: number, findings: readonly TabFinding[]): void {
      if (findings.length === 0) return;
      if (!batch) {
        const b = (batch = new Map());
        void run(() => {
          if (batch === b) batch = null;
          return flush(b);
        });
      }
      batch.set(tabId, [...(batch.get(tabId) ?? []), ...findings]);
    },
    /** The tab's top document changed: start afresh unless the user keeps the log. */
    navigated(tabId: number): Promise<void> {
      batch = null; // later adds belong to the new document: flush them after the clear
      return run(async () => {
        const s = state(tabId);
        if (s.preserveLog) return emit({ type: 'changed', tabId });
        if (s.findings.length === 0 && s.blocked === 0 && s.dropped === 0) return emit({ type: 'changed', tabId });
        await write(tabId, fresh(false), { type: 'cleared', tabId });
      });
    },
    clear(tabId: number): Promise<void> {
      batch = null;
      return run(() => write(tabId, fresh(state(tabId).preserveLog), { type: 'cleared', tabId }));
    },
    setPreserveLog(tabId: number, on: boolean): Promise<void> {
      return run(() => write(tabId, { ...state(tabId), preserveLog: on }, { type: 'changed', tabId }));
    },
    removeTab(tabId: number): Promise<void> {
      return run(async () => {
        cache.delete(tabId);
        await area.remove(keyOf(tabId));
      });
    },
    snapshot(tabId: number): Promise<TabSnapshot & { blocked: number }> {
      return run(() => {
        const s = state(tabId);
        return { tabId, findings: unpack(s.findings), dropped: s.dropped, preserveLog: s.preserveLog, blocked: s.blocked };
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
        start({ tabId, findings: unpack(s.findings), dropped: s.dropped, preserveLog: s.preserveLog });
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
