// The per-tab store against an in-memory storage.session: write-through, hydration, cap, clears.
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { memoryPair } from '../../src/channel';
import type { TabFinding, ToPanel } from '../../src/messages';
import { isToPanel } from '../../src/messages';
import { createStore, keyOf, type SessionArea, type StoreEvent, type TabState } from '../../extension/background/store';
import { servePanel } from '../../extension/background/port-server';
import { badgeText, badgeTitle, createBadge, type BadgeApi } from '../../extension/background/badge';

/** storage.session in memory, JSON-cloned like the real one, counting writes. */
function memoryArea(initial: Record<string, unknown> = {}) {
  const data = new Map(Object.entries(structuredClone(initial)));
  const area = {
    writes: 0,
    data,
    async get(): Promise<Record<string, unknown>> {
      return Object.fromEntries([...data].map(([k, v]) => [k, JSON.parse(JSON.stringify(v))]));
    },
    async set(items: Record<string, unknown>): Promise<void> {
      area.writes++;
      await new Promise((r) => setTimeout(r, 1));
      for (const [k, v] of Object.entries(items)) data.set(k, JSON.parse(JSON.stringify(v)));
    },
    async remove(keys: string | string[]): Promise<void> {
      for (const k of [keys].flat()) data.delete(k);
    },
  };
  return area satisfies SessionArea;
}

let n = 0;
function finding(tabId: number, severity: 'error' | 'warning' = 'error'): TabFinding {
  const id = String(++n);
  return {
    id: `${id}-0`,
    tabId,
    requestId: id,
    time: n,
    method: 'GET',
    credentials: 'include',
    credentialsEvidence: 'cookie',
    credentialed: true,
    initiator: 'fetch',
    rule: 'wildcard-origin',
    code: 'WildcardOriginNotAllowed',
    stage: 'response',
    severity,
    hop: 0,
    url: `http://api.test/${id}`,
    hint: '*',
    cause: 'ACAO is * with credentials',
    message: `message ${id}`,
    explanation: '',
    fix: {
      steps: [{ stage: 'response', hop: 0, headers: [] }],
      notes: [],
      spec: { kind: 'cors', origins: [], credentials: true, methods: [], headers: [], expose: [], problems: ['allow-origin'], paths: ['/'] },
    },
    record: {
      method: 'GET',
      origin: 'http://app.test',
      credentials: 'include',
      initiator: 'fetch',
      requestHeaders: [{ name: 'Authorization', value: '[redacted]' }],
      hops: [{ url: `http://api.test/${id}` }],
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('store', () => {
  it('writes every finding through to storage.session before announcing it', async () => {
    const area = memoryArea();
    const store = createStore(area, { cap: 2 });
    // What storage held when each event was announced; asserted outside the listener, whose
    // errors the store catches and logs (an expect inside it could never fail the test).
    const atAnnounce: { type: string; ids: string[] }[] = [];
    store.subscribe((e) => atAnnounce.push({ type: e.type, ids: ((area.data.get(keyOf(7)) as TabState | undefined)?.findings ?? []).map((f) => f.id) }));
    const [a, b, c] = [finding(7), finding(7), finding(7)];
    void store.add(7, [a]);
    await store.snapshot(7);
    void store.add(7, [b, c]); // over the cap: a goes
    await store.snapshot(7);
    await store.clear(7);
    expect(atAnnounce).toEqual([
      { type: 'added', ids: [a.id] },
      { type: 'added', ids: [b.id, c.id] },
      { type: 'cleared', ids: [] },
    ]);
  });

  it("a reader gets what storage holds without waiting behind another tab's write in flight", async () => {
    const area = memoryArea();
    const store = createStore(area);
    const quiet = finding(2);
    void store.add(2, [quiet]);
    await store.snapshot(2);
    // The flooding tab's write hangs until released.
    let release = () => {};
    const set = area.set;
    area.set = (items) => new Promise<void>((r) => (release = () => void set(items).then(r)));
    void store.add(1, [finding(1)]);
    let snapshotDone = false;
    void store.snapshot(2).then(() => (snapshotDone = true));
    await new Promise((r) => setTimeout(r, 5));
    expect((await store.stored(2)).findings.map((f) => f.id)).toEqual([quiet.id]);
    expect((await store.stored(1)).findings).toEqual([]); // not written yet: not shown
    expect(snapshotDone).toBe(false); // the chained read is still behind the write
    release();
    await store.snapshot(2);
    expect((await store.stored(1)).findings).toHaveLength(1);
  });

  it('a new worker hydrates from storage before answering (nothing lost when the worker stops)', async () => {
    const area = memoryArea();
    const first = createStore(area);
    void first.add(3, [finding(3), finding(3, 'warning')]);
    await first.snapshot(3);
    const second = createStore(area); // the worker restarted: empty cache, same storage
    const s = await second.snapshot(3);
    expect(s.findings.map((f) => f.severity)).toEqual(['error', 'warning']);
    expect(second.blockedCount(3)).toBe(1);
  });

  it('queues operations that arrive while hydrating', async () => {
    const area = memoryArea({ 'tab:5': { findings: [finding(5)], dropped: 0, blocked: 1, preserveLog: false } });
    const store = createStore(area);
    void store.add(5, [finding(5)]); // before hydration finished
    const s = await store.snapshot(5);
    expect(s.findings).toHaveLength(2);
    expect(s.blocked).toBe(2);
  });

  it('coalesces many adds into few writes and loses none (a tab stores at most 256 per turn)', async () => {
    const area = memoryArea();
    const store = createStore(area);
    const added: number[] = [];
    store.subscribe((e) => e.type === 'added' && added.push(e.findings.length));
    for (let i = 0; i < 300; i++) void store.add(1, [finding(1)]);
    const first = await store.snapshot(1);
    expect(first.findings).toHaveLength(256); // the rest waits its turn, behind other tabs' findings
    let s = first;
    for (let i = 0; i < 10 && s.findings.length < 300; i++) s = await store.snapshot(1);
    expect(s.findings).toHaveLength(300);
    expect(added).toEqual([256, 44]);
    expect(area.writes).toBe(2);
  });

  it('with a write delay, findings added over a burst go out in one write, announced once stored', async () => {
    // The clock is vitest's: a loaded machine cannot stretch the 2 ms gaps past the 40 ms delay.
    vi.useFakeTimers();
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const area = memoryArea();
    // A delay far above the time five adds take, even on a loaded machine.
    const store = createStore(area, { writeDelayMs: 400 });
    const announced: number[] = [];
    store.subscribe((e) => {
      if (e.type === 'added') announced.push(area.data.has(keyOf(3)) ? e.findings.length : -1);
    });
    for (let i = 0; i < 5; i++) {
      void store.add(3, [finding(3)]);
      await vi.advanceTimersByTimeAsync(2);
    }
    expect(area.writes).toBe(0); // still gathering
    await vi.advanceTimersByTimeAsync(800);
    expect(area.writes).toBe(1);
    expect(announced).toEqual([5]);
    expect((area.data.get(keyOf(3)) as TabState).findings).toHaveLength(5);
  });

  it('with a write delay, a navigation still clears what the old page found', async () => {
    const store = createStore(memoryArea(), { writeDelayMs: 40 });
    void store.add(5, [finding(5)]);
    void store.navigated(5);
    const fresh = finding(5);
    void store.add(5, [fresh]);
    await new Promise((r) => setTimeout(r, 80));
    expect((await store.snapshot(5)).findings.map((f) => f.id)).toEqual([fresh.id]);
  });

  it("a quiet tab's finding is stored in the first turn, however much a flooding tab adds", async () => {
    const area = memoryArea();
    const store = createStore(area);
    const order: number[] = [];
    store.subscribe((e) => e.type === 'added' && order.push(e.tabId));
    for (let i = 0; i < 1_000; i++) void store.add(1, [finding(1)]);
    void store.add(2, [finding(2)]);
    await store.snapshot(2);
    expect(order.slice(0, 2)).toEqual([2, 1]); // written smallest first, announced as stored
    expect((await store.snapshot(2)).findings).toHaveLength(1);
  });

  it('caps each tab, dropping the oldest first and counting them; the badge count keeps them', async () => {
    const store = createStore(memoryArea(), { cap: 10 });
    const all = Array.from({ length: 25 }, () => finding(2));
    for (const f of all) void store.add(2, [f]);
    const s = await store.snapshot(2);
    expect(s.findings.map((f) => f.id)).toEqual(all.slice(-10).map((f) => f.id));
    expect(s.dropped).toBe(15);
    expect(s.blocked).toBe(25);
  });

  it('clears a tab on top-level navigation, unless preserve log is on', async () => {
    const store = createStore(memoryArea());
    void store.add(4, [finding(4)]);
    await store.navigated(4);
    expect((await store.snapshot(4)).findings).toHaveLength(0);
    await store.setPreserveLog(4, true);
    void store.add(4, [finding(4)]);
    await store.navigated(4);
    const s = await store.snapshot(4);
    expect(s.findings).toHaveLength(1);
    expect(s.preserveLog).toBe(true);
  });

  it('a finding added after the navigation belongs to the new page', async () => {
    const store = createStore(memoryArea());
    void store.add(6, [finding(6)]);
    void store.navigated(6);
    const fresh = finding(6);
    void store.add(6, [fresh]);
    expect((await store.snapshot(6)).findings.map((f) => f.id)).toEqual([fresh.id]);
  });

  it('keeps the newest half of a tab when storage.session is full, counting the rest as dropped', async () => {
    const area = memoryArea();
    const set = area.set;
    // 10 MB for all tabs: here, room for 40 findings in all.
    area.set = async (items) => {
      const size = Object.values(items).reduce<number>((a, v) => a + (v as { findings: unknown[] }).findings.length, 0);
      if (size > 40) throw new Error('Session storage quota bytes exceeded. Values were not stored.');
      return set(items);
    };
    const store = createStore(area, { cap: 100 });
    const all = Array.from({ length: 60 }, () => finding(11));
    void store.add(11, all);
    const s = await store.snapshot(11);
    expect(s.findings.map((f) => f.id)).toEqual(all.slice(30).map((f) => f.id));
    expect(s.dropped).toBe(30);
    expect((area.data.get('tab:11') as { findings: unknown[] }).findings).toHaveLength(30);
  });

  it('removes a closed tab from storage', async () => {
    const area = memoryArea();
    const store = createStore(area);
    void store.add(8, [finding(8)]);
    await store.removeTab(8);
    expect(area.data.has('tab:8')).toBe(false);
  });

  it('keeps nothing for a closed tab: a result that ends after it closed does not bring its key back', async () => {
    const area = memoryArea();
    const store = createStore(area);
    void store.add(8, [finding(8)]);
    await store.removeTab(8);
    void store.add(8, [finding(8)]);
    await store.setPreserveLog(8, true);
    await store.snapshot(8);
    expect(area.data.has('tab:8')).toBe(false);
    expect(store.tabs()).toEqual([]);
  });

  it('sweeps the keys of tabs that closed while no worker ran', async () => {
    const area = memoryArea({
      'tab:1': { findings: [finding(1)], dropped: 0, blocked: 1, preserveLog: false },
      'tab:2': { findings: [], dropped: 0, blocked: 0, preserveLog: true },
    });
    const store = createStore(area);
    expect(await store.sweep([2, 5])).toEqual([1]);
    expect([...area.data.keys()]).toEqual(['tab:2']);
  });

  it('a byte budget per tab: the oldest go first, counted as dropped; the badge still counts them', async () => {
    const big = (tabId: number) => ({ ...finding(tabId), explanation: 'x'.repeat(10_000) });
    const store = createStore(memoryArea(), { tabBytes: 35_000 });
    const all = Array.from({ length: 10 }, () => big(3));
    void store.add(3, all);
    const s = await store.snapshot(3);
    expect(s.findings.map((f) => f.id)).toEqual(all.slice(7).map((f) => f.id));
    expect(s).toMatchObject({ dropped: 7, blocked: 10 });
    expect(store.bytes().tabs[3]).toBeLessThanOrEqual(35_000);
  });

  it("by default a tab keeps at most 2 MiB: three busy tabs stay inside storage.session's 10 MB quota (MDN, storage.session)", async () => {
    // Written as a figure, not as TAB_BYTES: a test that read the constant would pass whatever it became.
    const big = (tabId: number) => ({ ...finding(tabId), explanation: 'x'.repeat(40_000) });
    const store = createStore(memoryArea());
    void store.add(
      3,
      Array.from({ length: 100 }, () => big(3)),
    );
    const s = await store.snapshot(3);
    expect(store.bytes().tabs[3]).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(store.bytes().tabs[3]).toBeGreaterThan(1.9 * 1024 * 1024);
    expect(s.dropped).toBeGreaterThan(40);
  });

  it('a total budget across tabs: the oldest finding of any tab goes first, and that tab hears of it', async () => {
    const big = (tabId: number) => ({ ...finding(tabId), explanation: 'x'.repeat(10_000) });
    const area = memoryArea();
    const store = createStore(area, { totalBytes: 35_000 });
    const events: StoreEvent[] = [];
    store.subscribe((e) => events.push(e));
    const quiet = [big(1), big(1)];
    void store.add(1, quiet);
    await store.snapshot(1);
    const loud = [big(2), big(2), big(2)];
    void store.add(2, loud);
    const one = await store.snapshot(1);
    const two = await store.snapshot(2);
    expect(one.findings).toEqual([]);
    expect(one).toMatchObject({ dropped: 2, blocked: 2 });
    expect(two.findings.map((f) => f.id)).toEqual(loud.map((f) => f.id));
    expect(store.bytes().total).toBeLessThanOrEqual(35_000);
    expect(events.filter((e) => e.tabId === 1).at(-1)).toEqual({ type: 'added', tabId: 1, findings: [], dropped: 2, removed: 2 });
    expect((area.data.get('tab:1') as TabState).findings).toEqual([]);
  });

  it('ignores foreign or malformed keys in storage', async () => {
    const store = createStore(memoryArea({ 'tab:9': { findings: 'nope' }, other: 1, 'tab:x': {} }));
    await store.ready;
    expect(store.tabs()).toEqual([]);
  });
});

describe('store: what the journal and the panel rely on', () => {
  it('add resolves once its findings are in storage, those passed on to a later turn included', async () => {
    const area = memoryArea();
    const store = createStore(area, { writeDelayMs: 5 });
    const many = Array.from({ length: 300 }, () => finding(3)); // more than one turn's 256
    let done = false;
    const written = store.add(3, many).then(() => (done = true));
    expect(done).toBe(false);
    await written;
    expect(((area.data.get(keyOf(3)) as TabState).findings ?? []).length).toBe(300);
    expect(store.has(3, many[299]!.requestId)).toBe(true);
    expect(store.has(3, 'never')).toBe(false);
    await expect(store.add(3, [])).resolves.toBeUndefined();
  });

  it('marks a tab whose open document could not be hooked, until its next document', async () => {
    const area = memoryArea();
    const store = createStore(area);
    await store.setUnhooked(5, true);
    expect((area.data.get(keyOf(5)) as TabState).unhooked).toBe(true);
    expect(await store.snapshot(5)).toMatchObject({ unhooked: true });
    expect(await store.stored(5)).toMatchObject({ unhooked: true });
    await store.setPreserveLog(5, true);
    await store.navigated(5);
    expect((await store.snapshot(5)).unhooked).toBeUndefined();
    expect((area.data.get(keyOf(5)) as TabState).unhooked).toBe(false);
  });
});

describe('requests no listener saw (unwatched)', () => {
  it('counts them, names the newest 50, survives a new worker, and leaves with a navigation or a clear', async () => {
    const area = memoryArea();
    const store = createStore(area);
    const events: StoreEvent[] = [];
    store.subscribe((e) => events.push(e));
    for (let i = 1; i <= 52; i++) await store.addUnwatched(5, { method: 'PUT', url: `http://api.test/${i}` });
    const want = { count: 52, requests: Array.from({ length: 50 }, (_, i) => ({ method: 'PUT', url: `http://api.test/${i + 3}` })) };
    expect((await store.snapshot(5)).unwatched).toEqual(want);
    expect(events.filter((e) => e.type === 'changed')).toHaveLength(52);
    // A new worker reads it back from storage.session.
    const again = createStore(area);
    expect((await again.stored(5)).unwatched).toEqual(want);
    await again.navigated(5);
    expect((await again.snapshot(5)).unwatched).toBeUndefined();
    expect((area.data.get(keyOf(5)) as TabState).unwatched).toBeUndefined();
    await again.addUnwatched(5, { method: 'GET', url: 'http://api.test/x' });
    await again.clear(5);
    expect((await again.stored(5)).unwatched).toBeUndefined();
  });

  it('is kept across a navigation while the log is preserved', async () => {
    const store = createStore(memoryArea());
    await store.setPreserveLog(5, true);
    await store.addUnwatched(5, { method: 'GET', url: 'http://api.test/x' });
    await store.navigated(5);
    expect((await store.snapshot(5)).unwatched).toEqual({ count: 1, requests: [{ method: 'GET', url: 'http://api.test/x' }] });
  });
});

describe('panel port (servePanel over memoryPair)', () => {
  it('answers subscribe with a snapshot, then additions and clears for that tab only', async () => {
    const store = createStore(memoryArea(), { cap: 3 });
    void store.add(1, [finding(1)]);
    const [panel, worker] = memoryPair<ToPanel, unknown>();
    const got: ToPanel[] = [];
    panel.listen((m) => {
      expect(isToPanel(m)).toBe(true);
      got.push(m);
    });
    servePanel(worker, store);
    panel.post({ type: 'subscribe', tabId: 1 });
    await settle();
    void store.add(1, [finding(1)]);
    void store.add(2, [finding(2)]); // another tab: not for this panel
    await store.snapshot(1);
    await store.clear(1);
    await settle();
    expect(got.map((m) => m.type)).toEqual(['snapshot', 'added', 'cleared']);
    expect(got[0]).toMatchObject({ type: 'snapshot', tabId: 1, dropped: 0 });
    expect((got[0] as { findings: unknown[] }).findings).toHaveLength(1);
  });

  it('at the cap, sends the new findings with the dropped count, not a fresh snapshot', async () => {
    const store = createStore(memoryArea(), { cap: 2 });
    const [panel, worker] = memoryPair<ToPanel, unknown>();
    const got: ToPanel[] = [];
    panel.listen((m) => got.push(m));
    servePanel(worker, store);
    panel.post({ type: 'subscribe', tabId: 1 });
    await settle();
    const [a, b, c] = [finding(1), finding(1), finding(1)];
    void store.add(1, [a, b]);
    await store.snapshot(1);
    void store.add(1, [c]);
    await store.snapshot(1);
    await settle();
    expect(got.map((m) => m.type)).toEqual(['snapshot', 'added', 'added']);
    expect(got.at(-1)).toEqual({ type: 'added', tabId: 1, findings: [c], dropped: 1, removed: 1 });
  });

  it('ignores messages that are not a subscribe', async () => {
    const store = createStore(memoryArea());
    const [panel, worker] = memoryPair<unknown, unknown>();
    const got: unknown[] = [];
    panel.listen((m) => got.push(m));
    servePanel(worker, store);
    for (const m of [null, 'subscribe', { type: 'subscribe' }, { type: 'subscribe', tabId: -1 }, { type: 'subscribe', tabId: 1.5 }]) panel.post(m);
    await settle();
    expect(got).toEqual([]);
  });

  it('takes the clear and preserve-log commands on the same port, answered by the store events', async () => {
    const store = createStore(memoryArea());
    void store.add(1, [finding(1)]);
    const [panel, worker] = memoryPair<ToPanel, unknown>();
    const got: ToPanel[] = [];
    panel.listen((m) => got.push(m));
    servePanel(worker, store);
    panel.post({ type: 'subscribe', tabId: 1 });
    await settle();
    panel.post({ type: 'preserve-log', tabId: 1, on: true });
    await settle();
    expect((await store.snapshot(1)).preserveLog).toBe(true);
    panel.post({ type: 'preserve-log', tabId: 1, on: 'yes' }); // not the union: ignored
    panel.post({ type: 'clear', tabId: 1 });
    await settle();
    expect((await store.snapshot(1)).findings).toEqual([]);
    expect((await store.snapshot(1)).preserveLog).toBe(true);
    expect(got.map((m) => m.type)).toEqual(['snapshot', 'snapshot', 'cleared']);
    expect(got[1]).toMatchObject({ type: 'snapshot', tabId: 1, preserveLog: true });
  });
});

describe('badge', () => {
  it("shows the blocked count, '' for none and 99+ above 99", () => {
    expect([0, 1, 42, 99, 100, 10_000].map(badgeText)).toEqual(['', '1', '42', '99', '99+', '99+']);
    expect(badgeTitle(1)).toContain('1 cross-origin request blocked by CORS');
    expect(badgeTitle(0)).toContain('no blocked');
  });

  it('batches: many changes to a tab paint it once, from the current count', async () => {
    const calls: string[] = [];
    const api: BadgeApi = {
      setBadgeText: async (d) => void calls.push(`${d.tabId}:${d.text}`),
      setBadgeBackgroundColor: async () => {},
      setTitle: async () => {},
    };
    let count = 0;
    const badge = createBadge(api, () => count, { delayMs: 5 });
    for (let i = 0; i < 50; i++) {
      count++;
      badge.mark(1);
    }
    badge.mark(-1); // no tab: skipped
    await settle();
    expect(calls).toEqual(['1:50']);
  });

  it('calls nothing when a flush would show what the tab already shows; repaints after a navigation', async () => {
    const calls: string[] = [];
    const api: BadgeApi = {
      setBadgeText: async (d) => void calls.push(`${d.tabId}:${d.text}`),
      setBadgeBackgroundColor: async () => void calls.push('color'),
      setTitle: async () => void calls.push('title'),
    };
    let count = 3;
    const badge = createBadge(api, () => count, { delayMs: 1 });
    badge.mark(1);
    await settle();
    expect(calls).toEqual(['1:3', 'color', 'title']);
    badge.mark(1); // a batch of findings that were not blocks: the number did not change
    await settle();
    expect(calls).toHaveLength(3);
    badge.repaint(1); // Chromium cleared the tab's badge on a navigation
    await settle();
    expect(calls.slice(3)).toEqual(['1:3', 'color', 'title']);
    count = 4;
    badge.mark(1);
    await settle();
    expect(calls.slice(6)).toEqual(['1:4', 'color', 'title']);
  });
});
