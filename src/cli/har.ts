// `har`: re-diagnoses the CORS failures in a HAR exported by Chrome's or Firefox's DevTools. Each
// failed cross-origin request becomes a RequestRecord (its redirect hops and preflights joined from
// their own entries) and goes through the same validator as the extension.
import { getHeader } from '../core/headers';
import { parseUrl, serializeOrigin } from '../core/origin';
import { isSecretHeader } from '../core/redact';
import { isSafelistedHeader } from '../core/safelist';
import type { CredentialsMode, HeaderLine, Hop, InitiatorKind, RequestRecord, ResponseSeen } from '../core/types';
import { isBlocked, validate } from '../core/validate';
import type { Judged } from './render';

export class HarError extends Error {}

export interface HarJudged extends Judged {
  /** Where the credentials mode came from (a HAR does not say it). */
  evidence: 'cookie' | 'storage-access' | 'no-storage-access' | 'outcome' | 'assumed' | 'option';
  /** The browser's failure text, e.g. net::ERR_FAILED. */
  error: string;
}

export interface Entry {
  index: number;
  method: string;
  url: string;
  requestHeaders: HeaderLine[];
  status: number;
  responseHeaders: HeaderLine[];
  redirectURL: string;
  error: string;
  resourceType: string;
  preflight: boolean;
  pageOrigin: string | undefined;
}

/** Told how far the work is, now and then (a progress line when it takes more than a second). */
export type Progress = (what: string) => void;

/** Parses and checks the HAR's shape; anything unexpected is one line (exit 2), never a crash. */
export function readHar(text: string, progress: Progress = () => undefined): Entry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new HarError(`not a HAR file (invalid JSON: ${(err as Error).message.split('\n')[0]!.slice(0, 120)})`);
  }
  const log = isObject(json) ? json.log : undefined;
  if (!isObject(log) || !Array.isArray(log.entries)) throw new HarError('not a HAR file (no log.entries array)');
  const pages = new Map<string, string>();
  if (Array.isArray(log.pages)) for (const p of log.pages) if (isObject(p) && typeof p.id === 'string' && typeof p.title === 'string') pages.set(p.id, p.title);
  const out: Entry[] = [];
  const total = log.entries.length;
  log.entries.forEach((e: unknown, index: number) => {
    if (index % 1024 === 0) progress(`reading entries: ${index} of ${total}`);
    if (!isObject(e) || !isObject(e.request) || !isObject(e.response)) return;
    const { request: rq, response: rs } = e;
    if (typeof rq.method !== 'string' || typeof rq.url !== 'string') return;
    const initiator = isObject(e._initiator) ? e._initiator : {};
    const resourceType = typeof e._resourceType === 'string' ? e._resourceType.toLowerCase() : '';
    const requestHeaders = headersOf(rq.headers);
    const pageUrl = typeof e.pageref === 'string' ? pages.get(e.pageref) : undefined;
    out.push({
      index,
      method: rq.method,
      url: rq.url,
      requestHeaders,
      status: typeof rs.status === 'number' && Number.isInteger(rs.status) ? rs.status : 0,
      responseHeaders: headersOf(rs.headers),
      redirectURL: typeof rs.redirectURL === 'string' ? rs.redirectURL : '',
      // Chrome writes response._error; Playwright _failureText; Firefox leaves status 0.
      error: [rs._error, rs._failureText, e._error].find((x): x is string => typeof x === 'string' && x !== '') ?? '',
      resourceType,
      preflight:
        resourceType === 'preflight' ||
        initiator.type === 'preflight' ||
        (rq.method === 'OPTIONS' && getHeader(requestHeaders, 'access-control-request-method') !== undefined),
      pageOrigin: pageUrl && /^https?:/i.test(pageUrl) ? serializeOrigin(pageUrl) : undefined,
    });
  });
  return out;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function headersOf(x: unknown): HeaderLine[] {
  if (!Array.isArray(x)) return [];
  const out: HeaderLine[] = [];
  for (const h of x)
    if (isObject(h) && typeof h.name === 'string' && typeof h.value === 'string')
      out.push({ name: h.name, value: isSecretHeader(h.name) ? '[redacted]' : h.value });
  return out;
}

/** The request failed: no response, or the browser refused it after it arrived. */
const failed = (e: Entry): boolean => e.status <= 0 || e.error !== '';

/** Where a redirect entry led, resolved against its URL. */
function target(e: Entry): string | undefined {
  if (e.status < 300 || e.status > 399) return undefined;
  const loc = e.redirectURL || getHeader(e.responseHeaders, 'location');
  return loc ? parseUrl(loc, e.url)?.href : undefined;
}

/** Chrome's CORS refusals end in net::ERR_FAILED; other net errors (DNS, refused…) are no CORS matter. */
const corsFailure = (e: Entry): boolean => failed(e) && (!e.error.startsWith('net::') || e.error === 'net::ERR_FAILED');
const SCRIPTED = new Set(['', 'fetch', 'xhr', 'other']);

/** Re-diagnoses every failed cross-origin fetch/XHR of the HAR, in one pass over indexes. */
export function judgeHar(entries: Entry[], credentials?: Exclude<CredentialsMode, 'unknown'>, progress: Progress = () => undefined): HarJudged[] {
  const used = new Set<number>();
  const out: HarJudged[] = [];
  const memo = new Map<string, HarJudged>();
  const requests = entries.filter((e) => !e.preflight);
  // Who redirected to a URL, and the preflights sent to it: looked up, never rescanned.
  const redirectsTo = new Pool(requests, target);
  const preflightsTo = new Pool(
    entries.filter((e) => e.preflight),
    (e) => e.url,
  );
  /** The latest redirect to `e`'s URL before it that no other request has claimed. */
  const previousHop = (e: Entry): Entry | undefined => {
    for (;;) {
      const prev = redirectsTo.takeBefore(e.url, e.index);
      if (!prev || !used.has(prev.index)) return prev;
    }
  };
  requests.forEach((last, n) => {
    if (n % 1024 === 0) progress(`judging requests: ${n} of ${requests.length}`);
    if (!corsFailure(last) || !SCRIPTED.has(last.resourceType) || used.has(last.index)) return;
    used.add(last.index);
    // Walk back along the redirects that led here (each hop is its own entry).
    const chain = [last];
    for (let prev = previousHop(last); prev; prev = previousHop(prev)) {
      used.add(prev.index);
      chain.unshift(prev);
    }
    const first = chain[0]!;
    const pageOrigin = getHeader(first.requestHeaders, 'origin') ?? first.pageOrigin ?? refererOrigin(first);
    if (pageOrigin === undefined) return; // not a CORS request we can place
    if (pageOrigin === serializeOrigin(first.url) && chain.length === 1) return; // same-origin
    const preflights = chain.map((e) => preflightsTo.takeNearest(e.url, e.index));
    const hops: Hop[] = chain.map((e, i) => {
      const pre = preflights[i] && seen(preflights[i]);
      const res = seen(e);
      return { url: e.url, ...(pre ? { preflight: pre } : {}), ...(res ? { response: res } : {}) };
    });
    const record: RequestRecord = {
      method: first.method,
      origin: pageOrigin,
      credentials: 'unknown',
      initiator: initiatorOf(first.resourceType),
      requestHeaders: authorHeaders(first, preflights.find(Boolean)),
      hops,
    };
    // A HAR repeats itself (polling, retries, one endpoint per page load): a request identical in
    // everything the verdict reads is judged once and its report shared.
    const key = JSON.stringify([record, evidenceOf(chain), credentials ?? '']);
    let judged = memo.get(key);
    if (!judged) memo.set(key, (judged = judge(record, chain, credentials)));
    out.push(judged);
  });
  return out;
}

/**
 * Entries grouped by a key (a redirect's target, a preflight's URL), each group in HAR order, from
 * which each entry is taken at most once. "The nearest one not yet taken" is a find over a
 * disjoint-set forest (path halving), so a HAR of many look-alike entries stays linear.
 */
class Pool {
  private readonly groups = new Map<string, { items: Entry[]; left: number[]; right: number[] }>();

  constructor(entries: Entry[], keyOf: (e: Entry) => string | undefined) {
    for (const e of entries) {
      const key = keyOf(e);
      if (key === undefined) continue;
      let g = this.groups.get(key);
      if (!g) this.groups.set(key, (g = { items: [], left: [], right: [] }));
      // left[i] / right[i]: the nearest free slot at or before / after i; -1 and items.length are "none".
      g.left.push(g.items.length);
      g.right.push(g.items.length);
      g.items.push(e);
    }
    for (const g of this.groups.values()) g.right.push(g.items.length);
  }

  /** The last entry before `index` in the group, taken. */
  takeBefore(key: string, index: number): Entry | undefined {
    const g = this.groups.get(key);
    if (!g) return undefined;
    const i = freeAtOrBefore(g.left, lastBefore(g.items, index));
    return i < 0 ? undefined : this.take(g, i);
  }

  /** The entry nearest `index` in the group (the earlier one on a tie), taken. */
  takeNearest(key: string, index: number): Entry | undefined {
    const g = this.groups.get(key);
    if (!g) return undefined;
    const at = lastBefore(g.items, index + 1);
    const before = freeAtOrBefore(g.left, at);
    const after = freeAtOrAfter(g.right, at + 1);
    if (before < 0 && after >= g.items.length) return undefined;
    const pick = after >= g.items.length || (before >= 0 && index - g.items[before]!.index <= g.items[after]!.index - index) ? before : after;
    return this.take(g, pick);
  }

  private take(g: { items: Entry[]; left: number[]; right: number[] }, i: number): Entry {
    g.left[i] = i - 1;
    g.right[i] = i + 1;
    return g.items[i]!;
  }
}

/** The position of the last item whose HAR index is below `index` (-1: none). */
function lastBefore(items: Entry[], index: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.index < index) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function freeAtOrBefore(left: number[], i: number): number {
  while (i >= 0 && left[i] !== i) {
    const next = left[i]!;
    if (next >= 0) left[i] = left[next]!; // path halving
    i = next;
  }
  return i;
}

function freeAtOrAfter(right: number[], i: number): number {
  while (i < right.length - 1 && right[i] !== i) {
    const next = right[i]!;
    if (next < right.length - 1) right[i] = right[next]!;
    i = next;
  }
  return i;
}

/**
 * The response the entry holds, if any. Exporters that zero the status of a blocked response
 * (status 0 or -1) may still keep its headers: those are judged, with the status unknown (-1).
 */
function seen(e: Entry): ResponseSeen | undefined {
  if (e.status > 0) return { status: e.status, headers: e.responseHeaders };
  return e.responseHeaders.length > 0 ? { status: -1, headers: e.responseHeaders } : undefined;
}

function refererOrigin(e: Entry): string | undefined {
  const ref = getHeader(e.requestHeaders, 'referer');
  return ref ? serializeOrigin(ref) : undefined;
}

function initiatorOf(resourceType: string): InitiatorKind {
  return resourceType === 'fetch' ? 'fetch' : resourceType === 'xhr' ? 'xmlhttprequest' : 'unknown';
}

/**
 * The headers the page set. A HAR holds what went on the wire, browser headers included, so keep
 * the names the browser itself listed as CORS-unsafe in the preflight's
 * Access-Control-Request-Headers, and the safelisted ones whose value can make them unsafe.
 */
function authorHeaders(e: Entry, preflight: Entry | undefined): HeaderLine[] {
  const listed = new Set(
    (getHeader(preflight?.requestHeaders, 'access-control-request-headers') ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );
  const out: HeaderLine[] = [];
  for (const h of e.requestHeaders) {
    const lower = h.name.toLowerCase();
    if (listed.delete(lower) || ['content-type', 'accept', 'accept-language', 'content-language', 'range'].includes(lower)) {
      out.push({ name: h.name, value: isSafelistedHeader(lower, h.value) || !isSecretHeader(h.name) ? h.value : '[redacted]' });
    }
  }
  // A blocked preflight means the actual request never left: its names come from the preflight.
  for (const name of listed) out.push({ name, value: '' });
  return out;
}

/** What the credentials mode is decided from, besides the record (see `judge`). */
function evidenceOf(chain: Entry[]): { cookie: boolean; storageAccess: boolean; clientHints: boolean; site: string | undefined; error: string } {
  const sent = chain.flatMap((e) => e.requestHeaders);
  const head = chain[0]!.requestHeaders;
  return {
    cookie: sent.some((h) => h.name.toLowerCase() === 'cookie' && h.value !== ''),
    storageAccess: getHeader(sent, 'sec-fetch-storage-access') !== undefined,
    clientHints: getHeader(head, 'sec-ch-ua') !== undefined,
    site: getHeader(head, 'sec-fetch-site'),
    error: chain.at(-1)!.error || 'failed',
  };
}

/**
 * A HAR does not record the credentials mode. Evidence, strongest first (as the extension's worker
 * decides it): a Cookie sent, Sec-Fetch-Storage-Access (sent only on credentialed cross-site
 * requests), the outcome (the headers pass without credentials but fail with them); else the
 * inspector's subject, a credentialed request, is assumed and said so.
 */
function judge(base: RequestRecord, chain: Entry[], forced: Exclude<CredentialsMode, 'unknown'> | undefined): HarJudged {
  const seen = evidenceOf(chain);
  const run = (credentials: CredentialsMode): RequestRecord => ({ ...base, credentials });
  const done = (record: RequestRecord, evidence: HarJudged['evidence']): HarJudged => {
    const all = validate(record);
    const firstError = all.find((f) => f.severity === 'error');
    // Chromium reports the first failing check only: one error per blocked request.
    const findings = firstError ? [firstError, ...all.filter((f) => f.severity === 'warning')] : all;
    return { record, findings, blocked: true, evidence, error: seen.error };
  };
  if (forced) return done(run(forced), 'option');
  if (seen.cookie) return done(run('include'), 'cookie');
  if (seen.storageAccess) return done(run('include'), 'storage-access');
  // Chromium (sec-ch-ua) sends Sec-Fetch-Storage-Access on every credentialed cross-site request
  // (Storage Access Headers, https://privacycg.github.io/storage-access-headers/); a cross-site
  // request it sent without one was not credentialed. Its mode ('omit' or 'same-origin') is unknown.
  if (seen.clientHints && seen.site === 'cross-site') return done(run('unknown'), 'no-storage-access');
  const omitted = validate(run('omit'));
  if (!isBlocked(omitted) && isBlocked(validate(run('include')))) return done(run('include'), 'outcome');
  return done(run('include'), 'assumed');
}
