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

interface Entry {
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

/** Parses and checks the HAR's shape; anything unexpected is one line (exit 2), never a crash. */
export function readHar(text: string): Entry[] {
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
  log.entries.forEach((e: unknown, index: number) => {
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

/** Re-diagnoses every failed cross-origin fetch/XHR of the HAR. */
export function judgeHar(entries: Entry[], credentials?: Exclude<CredentialsMode, 'unknown'>): HarJudged[] {
  const used = new Set<number>();
  const out: HarJudged[] = [];
  const requests = entries.filter((e) => !e.preflight);
  for (const last of requests) {
    if (!corsFailure(last) || !SCRIPTED.has(last.resourceType) || used.has(last.index)) continue;
    // Walk back along the redirects that led here (each hop is its own entry).
    const chain = [last];
    for (let cur = last; ;) {
      const prev = requests.findLast((e) => e.index < cur.index && !used.has(e.index) && !chain.includes(e) && target(e) === cur.url);
      if (!prev) break;
      chain.unshift(prev);
      cur = prev;
    }
    const first = chain[0]!;
    const pageOrigin = getHeader(first.requestHeaders, 'origin') ?? first.pageOrigin ?? refererOrigin(first);
    if (pageOrigin === undefined) continue; // not a CORS request we can place
    if (pageOrigin === serializeOrigin(first.url) && chain.length === 1) continue; // same-origin
    chain.forEach((e) => used.add(e.index));
    const preflights = chain.map((e) => preflightFor(entries, e, used));
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
    out.push(judge(record, chain, credentials));
  }
  return out;
}

/**
 * The response the entry holds, if any. Exporters that zero the status of a blocked response
 * (status 0 or -1) may still keep its headers: those are judged, with the status unknown (-1).
 */
function seen(e: Entry): ResponseSeen | undefined {
  if (e.status > 0) return { status: e.status, headers: e.responseHeaders };
  return e.responseHeaders.length > 0 ? { status: -1, headers: e.responseHeaders } : undefined;
}

/** The preflight sent for this hop: the nearest unused OPTIONS preflight entry for the same URL. */
function preflightFor(entries: Entry[], hop: Entry, used: Set<number>): Entry | undefined {
  let best: Entry | undefined;
  for (const e of entries) {
    if (!e.preflight || e.url !== hop.url || used.has(e.index)) continue;
    if (!best || Math.abs(e.index - hop.index) < Math.abs(best.index - hop.index)) best = e;
  }
  if (best) used.add(best.index);
  return best;
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

/**
 * A HAR does not record the credentials mode. Evidence, strongest first (as the extension's worker
 * decides it): a Cookie sent, Sec-Fetch-Storage-Access (sent only on credentialed cross-site
 * requests), the outcome (the headers pass without credentials but fail with them); else the
 * inspector's subject, a credentialed request, is assumed and said so.
 */
function judge(base: RequestRecord, chain: Entry[], forced: Exclude<CredentialsMode, 'unknown'> | undefined): HarJudged {
  const error = chain.at(-1)!.error || 'failed';
  const run = (credentials: CredentialsMode): RequestRecord => ({ ...base, credentials });
  const done = (record: RequestRecord, evidence: HarJudged['evidence']): HarJudged => {
    const all = validate(record);
    const firstError = all.find((f) => f.severity === 'error');
    // Chromium reports the first failing check only: one error per blocked request.
    const findings = firstError ? [firstError, ...all.filter((f) => f.severity === 'warning')] : all;
    return { record, findings, blocked: true, evidence, error };
  };
  if (forced) return done(run(forced), 'option');
  const sent = chain.flatMap((e) => e.requestHeaders);
  if (sent.some((h) => h.name.toLowerCase() === 'cookie' && h.value !== '')) return done(run('include'), 'cookie');
  if (getHeader(sent, 'sec-fetch-storage-access') !== undefined) return done(run('include'), 'storage-access');
  // Chromium (sec-ch-ua) sends Sec-Fetch-Storage-Access on every credentialed cross-site request
  // (Storage Access Headers, https://privacycg.github.io/storage-access-headers/); a cross-site
  // request it sent without one was not credentialed. Its mode ('omit' or 'same-origin') is unknown.
  const head = chain[0]!.requestHeaders;
  if (getHeader(head, 'sec-ch-ua') !== undefined && getHeader(head, 'sec-fetch-site') === 'cross-site') return done(run('unknown'), 'no-storage-access');
  const omitted = validate(run('omit'));
  if (!isBlocked(omitted) && isBlocked(validate(run('include')))) return done(run('include'), 'outcome');
  return done(run('include'), 'assumed');
}
