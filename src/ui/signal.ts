// The store's cells: a value you read and set (`signal`) and a value derived from others and
// cached until one of them changes (`computed`), as plain functions testable without the DOM. A
// view follows them with useSignals(): any set re-renders the views that follow, which read the
// cells they show. The subset of @preact/signals the panel used, at a tenth of its size.
import { useLayoutEffect, useState } from 'preact/hooks';

export interface ReadonlySignal<T> {
  readonly value: T;
}
export interface Signal<T> {
  value: T;
}

interface Source {
  /** Changes whenever the value does (a computed first brings itself up to date). */
  version(): number;
}

/** The sources a computed read while it ran, with the version it read. */
let reading: Array<[Source, number]> | undefined;
/** One counter for every write, so a version is never reused. */
let clock = 0;
const followers = new Set<() => void>();

export function signal<T>(initial: T): Signal<T> {
  let value = initial;
  let version = 0;
  const source: Source = { version: () => version };
  return {
    get value() {
      reading?.push([source, version]);
      return value;
    },
    set value(next: T) {
      if (Object.is(next, value)) return;
      value = next;
      version = ++clock;
      for (const f of followers) f();
    },
  };
}

export function computed<T>(derive: () => T): ReadonlySignal<T> {
  let read: Array<[Source, number]> | undefined;
  let value: T;
  let version = 0;
  const refresh = () => {
    if (read?.every(([s, v]) => s.version() === v)) return;
    const outer = reading;
    reading = [];
    try {
      const next = derive();
      if (read === undefined || !Object.is(next, value)) version = ++clock;
      value = next;
      read = reading;
    } finally {
      reading = outer;
    }
  };
  const source: Source = {
    version: () => (refresh(), version),
  };
  return {
    get value() {
      refresh();
      reading?.push([source, version]);
      return value;
    },
  };
}

/** Calls `onChange` after every write to any cell; returns the stop function. */
export function follow(onChange: () => void): () => void {
  followers.add(onChange);
  return () => void followers.delete(onChange);
}

/**
 * Re-renders the calling view after a cell is set (Preact batches the renders a burst of sets asks
 * for). It follows from the commit on (a layout effect, as useSyncExternalStore does), and a write
 * between its render and then is not lost: the clock tells.
 */
export function useSignals(): void {
  const [, changed] = useState(0);
  const renderedAt = clock;
  useLayoutEffect(() => {
    const stop = follow(() => changed((n) => n + 1));
    if (clock !== renderedAt) changed((n) => n + 1);
    return stop;
  }, []);
}
