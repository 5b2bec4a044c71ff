// The requests that have ended but whose verdict is not stored yet, kept in storage.session so a
// worker the browser stops meanwhile loses none of them: verdicts wait for the tab to be quiet
// (main.ts) and the store gathers its writes, a window of up to seconds. Each ended request is
// written on its own key (one request per key, never the tab's whole state) within `delayMs` of
// its end (main.ts: a few tens of milliseconds; the requests that end meanwhile share the write),
// and removed once its findings are stored; the next worker judges whatever is left. Pure but for
// the storage area and the timer it is given.
//
// Each request is stored as its JSON text, not as an object: the extension API converts an object
// field by field into the browser's own values (in the worker's bindings, and again where the
// browser process receives and measures it), a string in one piece. A CPU profile of the worker
// in the benchmark's burst had the journal's storage.session.set as its largest item (docs/cost.md).
import { clipString, MAX_STRING } from './budget';
import type { Finished } from './collector';
import type { SessionArea } from './store';

const PREFIX = 'req:';
const keyOf = (requestId: string) => `${PREFIX}${requestId}`;

const isFinished = (v: unknown): v is Finished => {
  const f = v as Finished;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof f.requestId === 'string' &&
    typeof f.tabId === 'number' &&
    typeof f.record === 'object' &&
    f.record !== null &&
    Array.isArray(f.record.hops)
  );
};

/**
 * The request as stored: JSON, each string cut like a stored finding's (budget.ts), so a hostile
 * header cannot fill storage.session. A text no longer than MAX_STRING holds no longer string, so
 * the usual request (~1 KB) is written without the replacer, which makes JSON.stringify slower.
 */
function encode(f: Finished): string {
  const text = JSON.stringify(f);
  return text.length <= MAX_STRING ? text : JSON.stringify(f, (_k, v: unknown) => (typeof v === 'string' ? clipString(v, MAX_STRING) : v));
}

/** A stored value back to a request; undefined for anything else (another version's value, junk). */
function decode(v: unknown): Finished | undefined {
  if (typeof v !== 'string') return undefined;
  try {
    const f: unknown = JSON.parse(v);
    return isFinished(f) ? f : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The requests another worker kept, from everything storage.session holds: not this worker's own
 * (`mine`: requests that ended since it started are judged here already); a value under our
 * prefix that is not a request (another version's) is junk, to remove rather than judge.
 */
function leftBehind(all: Record<string, unknown>, mine: (key: string) => boolean): { left: Finished[]; junk: string[] } {
  const left: Finished[] = [];
  const junk: string[] = [];
  for (const [k, raw] of Object.entries(all)) {
    if (!k.startsWith(PREFIX) || mine(k)) continue;
    const v = decode(raw);
    if (v && keyOf(v.requestId) === k) left.push(v);
    else junk.push(k);
  }
  return { left, junk };
}

export interface JournalOptions {
  /** Runs fn after ms; main.ts passes setTimeout. */
  schedule(fn: () => void, ms: number): void;
  /**
   * How long the first change waits for others before they are written together; 0 (the default)
   * writes at the end of the current task.
   */
  delayMs?: number;
  /**
   * Requests kept at most (a flood's verdicts can wait seconds): beyond it a request is judged as
   * usual but not kept, so the journal and the store's budgets stay within storage.session's 10 MB.
   */
  max?: number;
  onError?: (e: unknown) => void;
}

/** One factory holding the journal's state (its inner functions are each a few lines). */
// eslint-disable-next-line max-lines-per-function -- one closure over the puts waiting for their one write; its inner functions are each a few lines
export function createJournal(area: SessionArea, opts: JournalOptions) {
  const delayMs = opts.delayMs ?? 0;
  const max = opts.max ?? 1000;
  const onError = opts.onError ?? ((e: unknown) => console.error('[cors-inspector] journal', e));
  let puts = new Map<string, Finished>();
  let removes = new Set<string>();
  /** Keys written to the area and not removed since. */
  const written = new Set<string>();
  /** Each kept request's tab, so a closed tab's requests leave with it. */
  const tabOf = new Map<string, number>();
  let scheduled = false;
  /** The last write asked for (tests wait for it). */
  let last: Promise<unknown> = Promise.resolve();

  /**
   * Sends the gathered writes at once, without waiting for earlier ones: calls from one context
   * reach the storage in the order they were made, so a removal never overtakes its write, and a
   * write waiting for another's reply is a write a stopped worker loses.
   */
  function flush(): void {
    scheduled = false;
    const put = puts;
    const gone = [...removes];
    puts = new Map();
    removes = new Set();
    for (const k of put.keys()) written.add(k);
    for (const k of gone) written.delete(k);
    const calls: Promise<unknown>[] = [];
    if (put.size > 0) calls.push(area.set(Object.fromEntries([...put].map(([k, f]) => [k, encode(f)]))).catch(onError));
    if (gone.length > 0) calls.push(area.remove(gone).catch(onError));
    last = Promise.all([last, ...calls]);
  }

  function later(): void {
    if (scheduled) return;
    scheduled = true;
    // The timer may also wait for the turn of verdicts running then (8 ms slices, fair-queue.ts).
    if (delayMs > 0) opts.schedule(flush, delayMs);
    // 0: at the end of the event's own task.
    else queueMicrotask(flush);
  }

  return {
    /** An ended request, as the verdict will read it (written again if it changes). */
    put(f: Finished): void {
      const key = keyOf(f.requestId);
      if (!puts.has(key) && !written.has(key) && puts.size + written.size >= max) return;
      removes.delete(key);
      // Encoded (and cut) when written: a hint that completes it before then is written with it.
      puts.set(key, f);
      tabOf.set(key, f.tabId);
      later();
    },
    /** Its verdict is stored (or it had nothing to store): forget it. */
    done(requestId: string): void {
      const key = keyOf(requestId);
      tabOf.delete(key);
      // Not written yet: drop it from the pending write instead of writing and removing it.
      puts.delete(key);
      if (!written.has(key)) return;
      removes.add(key);
      later();
    },
    /** The tab closed: its requests will not be judged, so none of them is kept. */
    forgetTab(tabId: number): void {
      for (const [key, tab] of [...tabOf]) if (tab === tabId) this.done(key.slice(PREFIX.length));
    },
    /** What a previous worker left unjudged. */
    async load(): Promise<Finished[]> {
      const { left, junk } = leftBehind(await area.get(null), (k) => written.has(k) || puts.has(k));
      for (const f of left) {
        written.add(keyOf(f.requestId));
        tabOf.set(keyOf(f.requestId), f.tabId);
      }
      for (const k of junk) removes.add(k);
      if (junk.length > 0) later();
      return left;
    },
    /** Resolves once every write asked for so far has reached the area (tests). */
    settled(): Promise<void> {
      if (scheduled) flush();
      return last.then(() => {});
    },
  };
}

export type Journal = ReturnType<typeof createJournal>;
