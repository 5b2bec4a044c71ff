// The cross-origin requests of a tab that the browser let through, kept small: the per-server fix
// (src/core/fix/server.ts) must cover them too, or pasting it would break a request that works.
// Only what the merge reads is kept: method, page origin, the first URL, the CORS-unsafe request
// headers (values already redacted by the collector) and the credentials mode. Requests of the
// same shape share one entry; a tab keeps at most MAX_SHAPES shapes (the oldest goes first), each
// with its newest MAX_IDS request ids, so a tab weighs a few KB in storage.session.
import type { SeenRequest } from '../../src/core/fix/server';
import { corsUnsafeHeaderNames } from '../../src/core/safelist';
import type { CredentialsMode, RequestRecord } from '../../src/core/types';
import type { Finished } from './collector';
import type { SessionArea } from './store';

export const MAX_SHAPES = 32;
export const MAX_IDS = 8;
const MAX_URL = 512;

interface Entry {
  ids: string[];
  /** How many requests of this shape were seen (ids keeps only the newest). */
  count: number;
  record: RequestRecord;
}

export const passingKey = (tabId: number): string => `passing:${tabId}`;
const tabOf = (key: string): number | undefined => (/^passing:\d+$/.test(key) ? Number(key.slice(8)) : undefined);

/** The credentials mode without a second verdict: what the browser sent, else the page's hint. */
function credentialsOf(f: Finished): CredentialsMode {
  if (f.cookie || f.storageAccess) return 'include';
  return f.hint?.credentials ?? f.record.credentials;
}

/** What the merge needs of one request, and nothing else. */
export function slimRecord(f: Finished): RequestRecord {
  const r = f.record;
  const unsafe = new Set(corsUnsafeHeaderNames(r.requestHeaders));
  return {
    method: r.method.slice(0, 64),
    origin: r.origin.slice(0, MAX_URL),
    credentials: credentialsOf(f),
    initiator: f.hint?.initiator ?? r.initiator,
    requestHeaders: r.requestHeaders.filter((h) => unsafe.has(h.name.toLowerCase())).slice(0, 32),
    hops: [{ url: (r.hops[0]?.url ?? '').slice(0, MAX_URL) }],
  };
}

const shapeOf = (r: RequestRecord): string =>
  JSON.stringify([r.hops[0]?.url.replace(/[?#].*$/, ''), r.method, r.origin, r.credentials, r.requestHeaders.map((h) => h.name.toLowerCase()).sort()]);

function isEntries(v: unknown): v is Entry[] {
  return Array.isArray(v) && v.every((e) => typeof e === 'object' && e !== null && Array.isArray((e as Entry).ids) && typeof (e as Entry).record === 'object');
}

/** Counts the request under its shape; the newest shapes are kept, and the newest ids of each. */
function keep(shapes: Map<string, Entry>, f: Finished): void {
  const record = slimRecord(f);
  const key = shapeOf(record);
  const entry = shapes.get(key) ?? { ids: [], count: 0, record };
  shapes.delete(key); // re-inserted last: the newest shape is kept longest
  shapes.set(key, { ids: [...entry.ids, f.requestId].slice(-MAX_IDS), count: entry.count + 1, record });
  while (shapes.size > MAX_SHAPES) shapes.delete(shapes.keys().next().value!);
}

export function createPassing(area: SessionArea, opts: { writeDelayMs?: number; schedule?: (fn: () => void, ms: number) => void } = {}) {
  const tabs = new Map<number, Map<string, Entry>>();
  const dirty = new Set<number>();
  const schedule = opts.schedule ?? ((fn, ms) => void setTimeout(fn, ms));
  let pending = false;
  const ready = area.get(null).then((all) => {
    for (const [key, value] of Object.entries(all)) {
      const tabId = tabOf(key);
      if (tabId !== undefined && isEntries(value)) tabs.set(tabId, new Map(value.map((e) => [shapeOf(e.record), e])));
    }
  });

  function flush(): Promise<void> {
    pending = false;
    const items: Record<string, Entry[]> = {};
    for (const tabId of dirty) items[passingKey(tabId)] = [...(tabs.get(tabId)?.values() ?? [])];
    dirty.clear();
    return Object.keys(items).length > 0 ? area.set(items) : Promise.resolve();
  }

  function touch(tabId: number): void {
    dirty.add(tabId);
    if (pending) return;
    pending = true;
    schedule(() => void flush().catch(() => {}), opts.writeDelayMs ?? 250);
  }

  return {
    ready,
    /** A request the browser let through. */
    add(f: Finished): void {
      void ready.then(() => {
        const shapes = tabs.get(f.tabId) ?? new Map<string, Entry>();
        tabs.set(f.tabId, shapes);
        keep(shapes, f);
        touch(f.tabId);
      });
    },
    /** The tab's passing requests, one per id kept. */
    async seen(tabId: number): Promise<SeenRequest[]> {
      await ready;
      return [...(tabs.get(tabId)?.values() ?? [])].flatMap((e) => e.ids.map((requestId) => ({ requestId, record: e.record })));
    },
    /** The tab's log was cleared (navigation, the user) or the tab closed. */
    async forget(tabId: number): Promise<void> {
      await ready;
      dirty.delete(tabId);
      if (tabs.delete(tabId)) await area.remove(passingKey(tabId));
    },
    /** At start-up: forgets tabs that closed while no worker ran. */
    async sweep(open: readonly number[]): Promise<void> {
      await ready;
      const stale = [...tabs.keys()].filter((t) => !open.includes(t));
      for (const t of stale) tabs.delete(t);
      if (stale.length > 0) await area.remove(stale.map(passingKey));
    },
    /** For tests: write what is waiting now. */
    flush,
  };
}

export type Passing = ReturnType<typeof createPassing>;
