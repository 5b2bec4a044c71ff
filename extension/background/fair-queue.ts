// Verdict work, shared fairly between tabs (one flooding tab must not delay another tab's
// findings). Each tab's finished requests wait in the tab's own FIFO; a turn takes one from each
// tab in rotation until its time slice is spent, then yields to the event loop, so a quiet tab's
// one request is judged within one round whatever another tab has queued. Memory only, like the
// collector's unfinished requests: what must survive a stopped worker is in storage.session.

export interface FairQueueOptions<T> {
  run(item: T): void;
  /** Runs `fn` on a later task, after `ms` (main.ts: setTimeout), letting other events in between turns. */
  schedule(fn: () => void, ms: number): void;
  /**
   * How long a tab's items must still wait (0: they may run now), given when the oldest of them
   * was queued. main.ts holds a tab's verdicts while that tab's own requests are still coming, so
   * the work lands when the page is quiet, not in the middle of its burst (docs/cost.md).
   */
  holdMs?(tabId: number, since: number): number;
  now(): number;
  /** How long one turn may run before it yields. */
  sliceMs?: number;
  onError?(e: unknown): void;
}

/**
 * One round: the oldest item of every tab waiting now and not held. Whether any ran, and (when
 * none could) how soon the first held tab may.
 */
function round<T>(queues: Map<number, T[]>, since: Map<number, number>, opts: FairQueueOptions<T>, onError: (e: unknown) => void) {
  let ran = false;
  let wait = Infinity;
  for (const [tabId, q] of [...queues]) {
    const hold = opts.holdMs?.(tabId, since.get(tabId) ?? 0) ?? 0;
    if (hold > 0) {
      wait = Math.min(wait, hold);
      continue;
    }
    const item = q.shift()!;
    queues.delete(tabId);
    if (q.length > 0) queues.set(tabId, q);
    else since.delete(tabId);
    ran = true;
    try {
      opts.run(item);
    } catch (e) {
      // One strange response must not take every later request down with it.
      onError(e);
    }
  }
  return { ran, wait };
}

export function createFairQueue<T>(opts: FairQueueOptions<T>) {
  const sliceMs = opts.sliceMs ?? 8;
  const onError = opts.onError ?? ((e: unknown) => console.error('[cors-inspector] verdict', e));
  /** Per tab, oldest first; the Map's order is the rotation (a served tab moves to the back). */
  const queues = new Map<number, T[]>();
  /** When each tab's oldest waiting item was queued. */
  const since = new Map<number, number>();
  /** When the next turn is due (Infinity: none scheduled), and which scheduled call is the live one. */
  let due = Infinity;
  let token = 0;

  function turn(): void {
    due = Infinity;
    const end = opts.now() + sliceMs;
    let r: { ran: boolean; wait: number };
    do r = round(queues, since, opts, onError);
    while (r.ran && queues.size > 0 && opts.now() < end);
    const { ran, wait } = r;
    // Work left that may run: yield, then go on; only held tabs left: come back when they may.
    if (queues.size > 0) wake(ran ? 0 : wait);
  }

  /** Schedules a turn in `ms`, unless one is due sooner; a sooner one replaces a later one. */
  function wake(ms = 0): void {
    const wait = Number.isFinite(ms) ? Math.max(0, ms) : 0;
    const at = opts.now() + wait;
    if (at >= due) return;
    due = at;
    const mine = ++token;
    opts.schedule(() => {
      if (mine === token) turn();
    }, wait);
  }

  return {
    push(tabId: number, item: T): void {
      const q = queues.get(tabId);
      // A tab already waiting has a turn scheduled, no later than it may run (a tab's hold only
      // grows while it waits): a timer per request of a burst cost its worker more than the
      // verdicts themselves (docs/cost.md).
      if (q) return void q.push(item);
      queues.set(tabId, [item]);
      since.set(tabId, opts.now());
      wake();
    },
    /** The tab is gone: its waiting work is dropped (the store would ignore it anyway). */
    forgetTab(tabId: number): void {
      queues.delete(tabId);
      since.delete(tabId);
    },
    size: (): number => [...queues.values()].reduce((n, q) => n + q.length, 0),
  };
}
