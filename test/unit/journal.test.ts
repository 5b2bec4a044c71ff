// The journal of ended requests (extension/background/journal.ts): one key per request, written
// at the end of the task's events (or after the delay main.ts gives, with the requests that end
// meanwhile), removed once the verdict is stored, and what a stopped worker left is read back by
// the next one.
import { describe, expect, it } from 'vitest';
import type { Finished } from '../../extension/background/collector';
import { createJournal } from '../../extension/background/journal';
import type { SessionArea } from '../../extension/background/store';

function memoryArea() {
  const data: Record<string, unknown> = {};
  const calls: { set: string[][]; remove: string[][] } = { set: [], remove: [] };
  const area: SessionArea = {
    get: async () => structuredClone(data),
    set: async (items) => {
      calls.set.push(Object.keys(items));
      Object.assign(data, structuredClone(items));
    },
    remove: async (keys) => {
      const ks = typeof keys === 'string' ? [keys] : keys;
      calls.remove.push(ks);
      for (const k of ks) delete data[k];
    },
  };
  return { area, data, calls };
}

const timers: (() => void)[] = [];
const schedule = (fn: () => void) => void timers.push(fn);
const tick = () => timers.splice(0).forEach((fn) => fn());

const finished = (requestId: string, tabId = 7): Finished => ({
  requestId,
  tabId,
  frameId: 0,
  blocked: true,
  error: 'net::ERR_FAILED',
  record: {
    method: 'GET',
    origin: 'http://localhost:1',
    credentials: 'unknown',
    initiator: 'unknown',
    requestHeaders: [],
    hops: [{ url: `http://127.0.0.1:2/${requestId}` }],
  },
  cookie: false,
  storageAccess: false,
});

describe('journal', () => {
  it("forgets a closed tab's requests, and cuts a huge header value like a stored finding", async () => {
    const m = memoryArea();
    const j = createJournal(m.area, { schedule });
    const huge = finished('big', 8);
    huge.record.hops[0]!.response = { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: 'x'.repeat(200_000) }] };
    j.put(huge);
    j.put(finished('1', 7));
    j.put(finished('2', 8));
    tick();
    await j.settled();
    expect(JSON.stringify(m.data['req:big']).length).toBeLessThan(10_000);
    expect(m.data['req:big']).toContain('more characters cut]');
    j.forgetTab(8);
    tick();
    await j.settled();
    expect(Object.keys(m.data)).toEqual(['req:1']);
  });

  it("writes each ended request on its own key, the task's requests in one call, and removes it when done", async () => {
    const m = memoryArea();
    const j = createJournal(m.area, { schedule });
    j.put(finished('1'));
    j.put(finished('2'));
    tick();
    await j.settled();
    expect(m.calls.set).toEqual([['req:1', 'req:2']]);
    expect(Object.keys(m.data).sort()).toEqual(['req:1', 'req:2']);
    j.done('1');
    tick();
    await j.settled();
    expect(Object.keys(m.data)).toEqual(['req:2']);
    expect(m.calls.remove).toEqual([['req:1']]);
  });

  it('with a delay, writes the requests that end within it (and a late hint) in one call, after that delay', async () => {
    const m = memoryArea();
    const delays: number[] = [];
    const j = createJournal(m.area, { schedule: (fn, ms) => void (delays.push(ms), timers.push(fn)), delayMs: 30 });
    j.put(finished('1'));
    await Promise.resolve(); // a later task, within the delay
    j.put(finished('2'));
    j.put({ ...finished('1'), hint: { credentials: 'include', initiator: 'fetch' } });
    await Promise.resolve();
    expect(m.calls.set).toEqual([]);
    tick();
    await j.settled();
    expect(delays).toEqual([30]);
    expect(m.calls.set).toEqual([['req:1', 'req:2']]);
    expect((JSON.parse(m.data['req:1'] as string) as Finished).hint).toEqual({ credentials: 'include', initiator: 'fetch' });
    j.done('1');
    j.done('2');
    tick();
    await j.settled();
    expect(m.calls.remove).toEqual([['req:1', 'req:2']]);
    expect(delays).toEqual([30, 30]);
  });

  it('never writes a request that is done before its write, and rewrites one that changed', async () => {
    const m = memoryArea();
    const j = createJournal(m.area, { schedule });
    j.put(finished('a'));
    j.done('a');
    tick();
    await j.settled();
    expect(m.calls).toEqual({ set: [], remove: [] });
    j.put(finished('b'));
    tick();
    await j.settled();
    j.put({ ...finished('b'), hint: { credentials: 'include', initiator: 'fetch' } });
    j.done('b');
    tick();
    await j.settled();
    // Written once, then its later version dropped and the key removed: nothing left behind.
    expect(m.data).toEqual({});
  });

  it('hands the next worker what is left, and forgets it once judged', async () => {
    const m = memoryArea();
    const first = createJournal(m.area, { schedule });
    first.put(finished('x', 3));
    tick();
    await first.settled();
    m.data['req:junk'] = { not: 'a request' };
    m.data['req:text'] = 'not JSON';
    m.data['req:other'] = JSON.stringify(finished('x', 3)); // a request under another request's key
    m.data['tab:3'] = { findings: [] };
    const next = createJournal(m.area, { schedule });
    const left = await next.load();
    expect(left.map((f) => [f.requestId, f.tabId])).toEqual([['x', 3]]);
    next.done('x');
    tick();
    await next.settled();
    expect(Object.keys(m.data)).toEqual(['tab:3']);
  });

  it('keeps at most `max` requests', async () => {
    const m = memoryArea();
    const j = createJournal(m.area, { schedule, max: 2 });
    for (const id of ['1', '2', '3']) j.put(finished(id));
    tick();
    await j.settled();
    expect(Object.keys(m.data).sort()).toEqual(['req:1', 'req:2']);
  });
});

describe('journal: the next worker', () => {
  it('never hands back the requests it kept itself (they are judged already)', async () => {
    const m = memoryArea();
    const first = createJournal(m.area, { schedule });
    first.put(finished('old'));
    tick();
    await first.settled();
    const next = createJournal(m.area, { schedule });
    next.put(finished('mine'));
    tick();
    await next.settled();
    expect((await next.load()).map((f) => f.requestId)).toEqual(['old']);
  });
});
