// What storage.session holds across worker starts: findings of an older shape are dropped before
// the store reads them (extension/background/shape.ts), and the passing requests the per-server
// fix needs are kept small and forgotten with the tab's log (extension/background/passing.ts).
import { describe, expect, it } from 'vitest';
import { createPassing, MAX_IDS, MAX_SHAPES, passingKey } from '../../extension/background/passing';
import { servePanel } from '../../extension/background/port-server';
import { dropOlderShapes, SHAPE, SHAPE_KEY, versionedArea } from '../../extension/background/shape';
import { createStore, keyOf, type SessionArea } from '../../extension/background/store';
import type { Finished } from '../../extension/background/collector';
import { bytesOf } from '../../extension/background/budget';
import { memoryPair } from '../../src/channel';
import { isBackgroundRequest, isToBackground, isToPanel, type TabFinding, type ToPanel } from '../../src/messages';
import { byRule } from './ui/fixtures';

function memoryArea(initial: Record<string, unknown> = {}) {
  const data = new Map(Object.entries(structuredClone(initial)));
  const area = {
    data,
    async get(): Promise<Record<string, unknown>> {
      return Object.fromEntries([...data].map(([k, v]) => [k, JSON.parse(JSON.stringify(v))]));
    },
    async set(items: Record<string, unknown>): Promise<void> {
      for (const [k, v] of Object.entries(items)) data.set(k, JSON.parse(JSON.stringify(v)));
    },
    async remove(keys: string | string[]): Promise<void> {
      for (const k of [keys].flat()) data.delete(k);
    },
  };
  return area satisfies SessionArea;
}

/** A finding as the previous build stored it: the fix repeated steps[0] and carried every snippet. */
function olderFinding(): Record<string, unknown> {
  const f = byRule('wildcard-origin', 'response');
  const first = f.fix.steps[0]!;
  return {
    ...f,
    messages: { chromium: f.message, firefox: null, webkit: null },
    fix: { ...f.fix, stage: first.stage, hop: first.hop, headers: first.headers, snippets: { express: '…' } },
  };
}

const state = (findings: unknown[]) => ({ findings, dropped: 0, blocked: findings.length, preserveLog: false });

describe('stored shape', () => {
  it('drops the findings an older build stored, before the store reads them, and records the version', async () => {
    const area = memoryArea({ [keyOf(3)]: state([olderFinding()]), 'passing:3': [], other: 1 });
    const store = createStore(versionedArea(area));
    await store.ready;
    expect((await store.stored(3)).findings).toEqual([]);
    expect(store.blockedCount(3)).toBe(0);
    expect([...area.data.keys()]).toEqual([SHAPE_KEY]);
    expect(area.data.get(SHAPE_KEY)).toBe(SHAPE);
  });

  it('keeps what a build of the same shape stored (a worker restart)', async () => {
    const current = byRule('wildcard-origin', 'response');
    const area = memoryArea({ [SHAPE_KEY]: SHAPE, [keyOf(3)]: state([current]) });
    const store = createStore(versionedArea(area));
    await store.ready;
    expect((await store.stored(3)).findings).toEqual([current]);
    expect(await dropOlderShapes(area)).toEqual([]);
  });
});

function finished(tabId: number, requestId: string, over: Partial<Finished['record']> = {}, extra: Partial<Finished> = {}): Finished {
  return {
    requestId,
    tabId,
    frameId: 0,
    blocked: false,
    cookie: false,
    storageAccess: false,
    record: {
      method: 'PUT',
      origin: 'https://app.example.com',
      credentials: 'unknown',
      initiator: 'unknown',
      requestHeaders: [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'Accept', value: 'application/json' },
        { name: 'X-Api-Key', value: '(value not kept)' },
      ],
      hops: [
        {
          url: 'https://api.example.com/items/1?q=1',
          preflight: { status: 204, headers: [] },
          response: { status: 200, headers: [{ name: 'Set-Cookie', value: '(hidden)' }] },
        },
      ],
      ...over,
    },
    ...extra,
  };
}

/** Runs scheduled writes at once. */
const now = (fn: () => void) => fn();

describe('passing requests', () => {
  it('keeps only what the merge reads: method, origin, first URL, unsafe header names, the credentials mode', async () => {
    const area = memoryArea();
    const passing = createPassing(area, { schedule: now });
    passing.add(finished(5, 'r1', {}, { cookie: true }));
    const [seen] = await passing.seen(5);
    expect(seen).toEqual({
      requestId: 'r1',
      record: {
        method: 'PUT',
        origin: 'https://app.example.com',
        credentials: 'include',
        initiator: 'unknown',
        requestHeaders: [
          { name: 'Content-Type', value: 'application/json' },
          { name: 'X-Api-Key', value: '(value not kept)' },
        ],
        hops: [{ url: 'https://api.example.com/items/1?q=1' }],
      },
    });
    await passing.flush();
    expect(area.data.get(passingKey(5))).toEqual([{ ids: ['r1'], count: 1, record: seen!.record }]);
  });

  it('shares one entry per shape, bounded in shapes and ids, and survives a worker restart', async () => {
    const area = memoryArea();
    const passing = createPassing(area, { schedule: now });
    for (let i = 0; i < 20; i++) passing.add(finished(5, `same-${i}`));
    for (let i = 0; i < MAX_SHAPES + 10; i++) passing.add(finished(5, `path-${i}`, { hops: [{ url: `https://api.example.com/p/${i}` }] }));
    await passing.ready;
    const seen = await passing.seen(5);
    // The oldest shape (the 20 'same' requests) went first; each shape keeps its newest ids.
    expect(seen).toHaveLength(MAX_SHAPES);
    expect(seen.map((s) => s.requestId)).toEqual(Array.from({ length: MAX_SHAPES }, (_, i) => `path-${i + 10}`));
    await passing.flush();
    expect(bytesOf(area.data.get(passingKey(5)))).toBeLessThan(16 * 1024);
    const again = createPassing(area, { schedule: now });
    expect(await again.seen(5)).toEqual(seen);

    const one = createPassing(memoryArea(), { schedule: now });
    for (let i = 0; i < 20; i++) one.add(finished(6, `same-${i}`));
    expect((await one.seen(6)).map((s) => s.requestId)).toEqual(Array.from({ length: MAX_IDS }, (_, i) => `same-${20 - MAX_IDS + i}`));
  });

  it('forgets a tab with its log, and the tabs that closed while no worker ran', async () => {
    const area = memoryArea();
    const passing = createPassing(area, { schedule: now });
    passing.add(finished(5, 'a'));
    passing.add(finished(6, 'b'));
    await passing.ready;
    await passing.flush();
    await passing.forget(5);
    expect(await passing.seen(5)).toEqual([]);
    expect(area.data.has(passingKey(5))).toBe(false);
    await passing.sweep([7]);
    expect(await passing.seen(6)).toEqual([]);
    expect(area.data.has(passingKey(6))).toBe(false);
  });
});

describe('cors/server-fixes', () => {
  it('is a background request and a port request; its answer is a port message', () => {
    expect(isBackgroundRequest({ type: 'cors/server-fixes', tabId: 1 })).toBe(true);
    expect(isBackgroundRequest({ type: 'cors/server-fixes', tabId: -1 })).toBe(false);
    expect(isToBackground({ type: 'server-fixes', tabId: 1 })).toBe(true);
    expect(isToPanel({ type: 'server-fixes', tabId: 1, servers: [] })).toBe(true);
    expect(isToPanel({ type: 'server-fixes', tabId: 1, servers: 'x' })).toBe(false);
  });

  it('cors/try-fix on a server: only a serialized origin, and a ttl within the ten minutes', () => {
    const ok = { type: 'cors/try-fix', tabId: 1, server: 'https://api.example.com' };
    expect(isBackgroundRequest(ok)).toBe(true);
    expect(isBackgroundRequest({ ...ok, server: 'http://127.0.0.1:8080', ttlMs: 1500 })).toBe(true);
    for (const server of [
      'https://api.example.com/',
      'https://api.example.com/path',
      '*',
      'null',
      'api.example.com',
      'javascript:alert(1)',
      '',
      42,
      'https://u:p@api.example.com',
    ])
      expect(isBackgroundRequest({ ...ok, server }), String(server)).toBe(false);
    expect(isBackgroundRequest({ ...ok, ttlMs: 0 })).toBe(false);
    expect(isBackgroundRequest({ ...ok, ttlMs: 11 * 60 * 1000 })).toBe(false);
    expect(isBackgroundRequest({ ...ok, tabId: -1 })).toBe(false);
    const trial = { url: 'https://api.example.com', expires: 1, untried: [] };
    expect(isToPanel({ type: 'trial', tabId: 1, trial: { ...trial, covered: [] } })).toBe(true);
    expect(isToPanel({ type: 'trial', tabId: 1, trial: { ...trial, covered: 'all' } })).toBe(false);
  });

  it('answers the panel on its port with one fix per API over stored findings and passing requests', async () => {
    const area = memoryArea();
    const store = createStore(area);
    const finding: TabFinding = byRule('wildcard-origin', 'response');
    void store.add(9, [finding]);
    const passing = createPassing(memoryArea(), { schedule: now });
    const api = new URL(finding.url).origin;
    passing.add(finished(9, 'ok-1', { origin: 'https://admin.example.com', hops: [{ url: `${api}/other` }] }));
    await passing.ready;
    const [worker, panel] = memoryPair<unknown, ToPanel>();
    const got: ToPanel[] = [];
    panel.listen((m) => got.push(m));
    servePanel(worker, store, passing);
    panel.post({ type: 'server-fixes', tabId: 9 });
    await new Promise((r) => setTimeout(r, 20));
    const reply = got.find((m) => m.type === 'server-fixes');
    expect(reply?.type === 'server-fixes' && reply.servers.map((s) => [s.origin, s.requests])).toEqual([[api, [finding.requestId, 'ok-1']]]);
    const spec = reply?.type === 'server-fixes' ? reply.servers[0]!.fix.spec : undefined;
    expect(spec?.origins).toEqual([finding.record.origin, 'https://admin.example.com']);
    expect(spec?.methods).toEqual(expect.arrayContaining([finding.record.method, 'PUT']));
    expect(spec?.headers).toEqual(expect.arrayContaining(['content-type', 'x-api-key']));
  });
});
