// The verdict queue: tabs take turns, each tab keeps its own order, and a turn yields when its
// time slice is spent (a flooding tab must not delay a quiet tab's findings).
import { describe, expect, it } from 'vitest';
import { createFairQueue } from '../../extension/background/fair-queue';

/** A queue whose clock and scheduler the test drives; each `run` costs `cost` ms. */
function harness(cost = 1, sliceMs = 8, holdMs?: (tabId: number, since: number) => number) {
  const done: string[] = [];
  const tasks: (() => void)[] = [];
  const delays: number[] = [];
  let now = 0;
  const q = createFairQueue<string>({
    now: () => now,
    schedule: (fn, ms) => {
      tasks.push(fn);
      delays.push(ms);
    },
    sliceMs,
    ...(holdMs ? { holdMs } : {}),
    run: (item) => {
      if (item === 'bad') throw new Error('strange response');
      done.push(item);
      now += cost;
    },
    onError: () => done.push('error'),
  });
  /** Runs one scheduled task (one turn); false when nothing is scheduled. */
  const step = () => {
    const fn = tasks.shift();
    fn?.();
    return fn !== undefined;
  };
  const advance = (ms: number) => {
    now += ms;
  };
  return { q, done, tasks, step, delays, advance, now: () => now };
}

describe('fair verdict queue', () => {
  it("1000 items from tab A then 1 from tab B: B's is judged second, in the first turn", () => {
    const { q, done, step } = harness();
    for (let i = 0; i < 1000; i++) q.push(1, `a${i}`);
    q.push(2, 'b0');
    expect(done).toEqual([]); // nothing runs inside push: the caller's event returns at once
    step();
    expect(done.slice(0, 3)).toEqual(['a0', 'b0', 'a1']);
  });

  it('B arriving while A floods is judged within the next round', () => {
    const { q, done, step } = harness();
    for (let i = 0; i < 1000; i++) q.push(1, `a${i}`);
    step();
    const before = done.length;
    q.push(2, 'b0');
    step();
    expect(done.indexOf('b0') - before).toBeLessThanOrEqual(1);
  });

  it('a turn yields when its slice is spent, and keeps each tab in order to the end', () => {
    const { q, done, tasks, step } = harness(1, 8);
    for (let i = 0; i < 20; i++) q.push(1, `a${i}`);
    for (let i = 0; i < 3; i++) q.push(2, `b${i}`);
    step();
    expect(done.length).toBe(8); // 8 ms of 1 ms verdicts, then the event loop's turn
    expect(tasks.length).toBe(1);
    let turns = 1;
    while (step()) turns++;
    expect(turns).toBe(3);
    expect(done.filter((x) => x.startsWith('a'))).toEqual(Array.from({ length: 20 }, (_, i) => `a${i}`));
    expect(done.filter((x) => x.startsWith('b'))).toEqual(['b0', 'b1', 'b2']);
    expect(q.size()).toBe(0);
  });

  it('one failing verdict does not stop the others; a closed tab loses its waiting work', () => {
    const { q, done, step } = harness();
    q.push(1, 'bad');
    q.push(1, 'a1');
    q.push(3, 'c0');
    q.push(3, 'c1');
    q.forgetTab(3);
    while (step());
    expect(done).toEqual(['error', 'a1']);
  });

  it("holds a busy tab's items without holding another tab's, and comes back when the hold ends", () => {
    let busyUntil = 50;
    const h = harness(1, 8, (tabId, since) => (tabId === 1 ? Math.max(0, Math.min(busyUntil, since + 200) - h.now()) : 0));
    h.q.push(1, 'a0');
    h.q.push(1, 'a1');
    h.step();
    expect(h.done).toEqual([]); // tab 1 is still sending requests: its verdicts wait
    expect(h.delays.at(-1)).toBe(50);
    h.q.push(2, 'b0'); // a quiet tab is not held behind it: a turn is due now
    expect(h.delays.at(-1)).toBe(0);
    h.step(); // the replaced 50 ms turn: it does nothing
    h.step();
    expect(h.done).toEqual(['b0']);
    h.advance(50);
    busyUntil = 0;
    while (h.step());
    expect(h.done).toEqual(['b0', 'a0', 'a1']);
  });

  it('a tab that never goes quiet is served once its oldest item waited the longest hold', () => {
    const h = harness(1, 8, (tabId, since) => Math.max(0, since + 200 - h.now()));
    h.q.push(1, 'a0');
    h.step();
    expect(h.done).toEqual([]);
    h.advance(200);
    while (h.step());
    expect(h.done).toEqual(['a0']);
  });

  it("a held tab's burst schedules one turn for its hold, not one per item, and loses none", () => {
    let busyUntil = 100;
    const h = harness(1, 8, (tabId, since) => Math.max(0, Math.min(busyUntil, since + 3_000) - h.now()));
    h.q.push(1, 'a0');
    h.step(); // the first item's turn finds the tab held: it comes back when the hold ends
    expect(h.delays).toEqual([0, 100]);
    for (let i = 1; i < 300; i++) {
      h.advance(0.3);
      busyUntil = h.now() + 150; // the page's requests keep coming
      h.q.push(1, `a${i}`);
    }
    expect(h.delays).toEqual([0, 100]);
    expect(h.done).toEqual([]);
    h.advance(100);
    h.step(); // the hold has grown meanwhile: the turn comes back later
    expect(h.done).toEqual([]);
    h.advance(1_000);
    while (h.step()) h.advance(0);
    expect(h.done).toHaveLength(300);
    expect(h.done[299]).toBe('a299');
  });
});
