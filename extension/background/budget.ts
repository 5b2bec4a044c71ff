// Byte budgets for what the worker stores. storage.session holds 10 MB for the whole extension
// (https://developer.chrome.com/docs/extensions/reference/api/storage#property-session), and a
// server decides how long its header values are: a 240 KB Access-Control-Allow-Origin is one
// request away. So a stored finding is cut to a budget AFTER the verdict (which read every byte),
// with a visible marker saying how much was cut.
import type { TabFinding } from '../../src/messages';

/** Longest string kept whole in a stored finding (header values, sentences, URLs). */
export const MAX_STRING = 4096;
/** What one stored finding may weigh, at most. */
export const MAX_FINDING_BYTES = 48 * 1024;

const encoder = new TextEncoder();

/** The UTF-8 size of a value as storage counts it (JSON). */
export function bytesOf(v: unknown): number {
  return encoder.encode(JSON.stringify(v) ?? '').length;
}

export const cutMarker = (n: number): string => `… [${n.toLocaleString('en-US')} more characters cut]`;

export function clipString(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) + cutMarker(s.length - max) : s;
}

/** Every string inside `v`, at any depth, cut to `max` characters. */
export function clipAll<T>(v: T, max: number): T {
  if (typeof v === 'string') return clipString(v, max) as T;
  if (Array.isArray(v)) return (v as unknown[]).map((x) => clipAll(x, max)) as T;
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clipAll(x, max)])) as T;
  return v;
}

/** Header lists longer than `max` lines keep their first lines and say how many were cut. */
function clipLines(f: TabFinding, max: number): TabFinding {
  const cut = <T extends { headers: { name: string; value: string }[] }>(r: T | undefined): T | undefined =>
    r && r.headers.length > max
      ? { ...r, headers: [...r.headers.slice(0, max), { name: '…', value: `[${r.headers.length - max} more header lines cut]` }] }
      : r;
  const record = {
    ...f.record,
    requestHeaders: cut({ headers: f.record.requestHeaders })!.headers,
    hops: f.record.hops.slice(0, 24).map((h) => {
      const preflight = cut(h.preflight);
      const response = cut(h.response);
      return { url: h.url, ...(preflight ? { preflight } : {}), ...(response ? { response } : {}) };
    }),
  };
  return { ...f, record };
}

/**
 * The finding as it is stored: each string at most MAX_STRING characters, then tighter (shorter
 * strings, fewer header lines) until it weighs at most `budget` bytes.
 */
export function fitFinding(f: TabFinding, budget = MAX_FINDING_BYTES): TabFinding {
  let out = clipAll(f, MAX_STRING);
  for (const [chars, lines] of [
    [1024, 64],
    [256, 32],
    [64, 8],
  ] as const) {
    if (bytesOf(out) <= budget) return out;
    out = clipLines(clipAll(out, chars), lines);
  }
  return out;
}
