// The store's cells (src/ui/signal.ts) without the DOM: a computed runs again only when a cell it
// read changed, and every write tells the followers.
import { describe, expect, it } from 'vitest';
import { computed, follow, signal } from '../../../src/ui/signal';

describe('signal and computed', () => {
  it('recomputes only after a cell it read was set to another value', () => {
    const a = signal(1);
    const b = signal(10);
    const unread = signal('x');
    let runs = 0;
    const sum = computed(() => (runs++, a.value + b.value));
    expect(sum.value).toBe(11);
    expect(sum.value).toBe(11);
    expect(runs).toBe(1);
    unread.value = 'y';
    a.value = 1; // the same value: not a change
    expect(sum.value).toBe(11);
    expect(runs).toBe(1);
    a.value = 2;
    expect(sum.value).toBe(12);
    expect(runs).toBe(2);
  });

  it('follows a chain of computeds, and only the branch it last read', () => {
    const on = signal(true);
    const left = signal('L');
    const right = signal('R');
    let runs = 0;
    const pick = computed(() => (runs++, on.value ? left.value : right.value));
    const shout = computed(() => pick.value.toLowerCase() + '!');
    expect(shout.value).toBe('l!');
    right.value = 'R2'; // not read while `on` is true
    expect(shout.value).toBe('l!');
    expect(runs).toBe(1);
    on.value = false;
    expect(shout.value).toBe('r2!');
    left.value = 'L2'; // no longer read
    expect(shout.value).toBe('r2!');
    expect(runs).toBe(2);
  });

  it('tells each follower of every write until it stops', () => {
    const a = signal(0);
    const seen: number[] = [];
    const stop = follow(() => seen.push(a.value));
    a.value = 1;
    a.value = 1;
    a.value = 2;
    stop();
    a.value = 3;
    expect(seen).toEqual([1, 2]);
  });
});
