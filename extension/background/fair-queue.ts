// Verdict work, shared fairly between tabs (issue 9: one flooding tab must not delay another tab's
// findings). Each tab's finished requests wait in the tab's own FIFO; a turn takes one from each
// tab in rotation until its time slice is spent, then yields to the event loop, so a quiet tab's
// one request is judged within one round whatever another tab has queued. Memory only, like the
// collector's unfinished requests: what must survive a stopped worker is in storage.session.

export interface FairQueueOptions<T> {
  run(item: T): void;
  /** Runs `fn` on a later task (main.ts: setTimeout 0), letting other events in between turns. */
  schedule(fn: () => void): void;
  now(): number;
  /** How long one turn may run before it yields. */
  sliceMs?: number;
  onError?(e: unknown): void;
}

export function createFairQueue<T>(opts: FairQueueOptions<T>) {
  const sliceMs = opts.sliceMs ?? 8;
  const onError = opts.onError ?? ((e: unknown) => console.error('[cors-inspector] verdict', e));
  /** Per tab, oldest first; the Map's order is the rotation (a served tab moves to the back). */
  const queues = new Map<number, T[]>();
  let scheduled = false;

  function turn(): void {
    scheduled = false;
    const end = opts.now() + sliceMs;
    do {
      // One round: the oldest item of every tab waiting now.
      for (const [tabId, q] of [...queues]) {
        const item = q.shift()!;
        queues.delete(tabId);
        if (q.length > 0) queues.set(tabId, q);
        try {
          opts.run(item);
        } catch (e) {
          // One strange response must not take every later request down with it.
          onError(e);
        }
      }
    } while (queues.size > 0 && opts.now() < end);
    if (queues.size > 0) wake();
  }

  function wake(): void {
    if (scheduled) return;
    scheduled = true;
    opts.schedule(turn);
  }

  return {
    push(tabId: number, item: T): void {
      const q = queues.get(tabId);
      if (q) q.push(item);
      else queues.set(tabId, [item]);
      wake();
    },
    /** The tab is gone: its waiting work is dropped (the store would ignore it anyway). */
    forgetTab(tabId: number): void {
      queues.delete(tabId);
    },
    size: (): number => [...queues.values()].reduce((n, q) => n + q.length, 0),
  };
}
