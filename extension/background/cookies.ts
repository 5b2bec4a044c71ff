// The credentials that never left: for each credentialed cross-origin request, which
// cookies went out (the Cookie header's NAMES), which Set-Cookie of the response the browser did
// not store, which cookies of the jar it held back, and why; plus HTTP auth challenges and client
// certificate errors. Findings are kind 'cookie' (severity 'warning'): never CORS blocks, never
// on the badge. Values are never read: Cookie and Set-Cookie headers are cut to names and
// attributes here, and the jar is asked for names and attributes only (chrome.cookies returns a
// value too; it is dropped in jarFacts()).
//
// What Chromium 156 shows (probed with a cross-site login, localhost page → 127.0.0.1 API):
// - onSendHeaders/onHeadersReceived with extraHeaders carry Cookie and Set-Cookie, and
//   Sec-Fetch-Site ('cross-site' for that pair);
// - a refused Set-Cookie leaves no trace in the jar; a Partitioned one is stored with
//   partitionKey.topLevelSite of the page; cookies.getAll() needs `partitionKey: {}` to return
//   partitioned cookies alongside the others;
// - privacy.websites.thirdPartyCookiesAllowed is false with the default profile
//   (profile.cookie_controls_mode 1) and true with cookie_controls_mode 0.
import { clientCertFinding, isClientCertError } from '../../src/core/cookies/credentials/client-cert';
import { httpAuthFinding } from '../../src/core/cookies/credentials/http-auth';
import { defaultPath, domainMatch, urlParts } from '../../src/core/cookies/host';
import { cookieFinding, type CookieContext, type CookieFacts } from '../../src/core/cookies/judge';
import { serializeOrigin } from '../../src/core/origin';
import type { Finding } from '../../src/core/types';
import type { CredentialsEvidence, TabFinding } from '../../src/messages';
import type { Finished } from './collector';
import { crossSiteByHost, jarDomains, jarFacts, type JarCookie } from './cookie-jar';
import { lineOf, type RequestEvent } from './request-event';

export { cookieNames, jarFacts, type JarCookie } from './cookie-jar';

export interface CookieWatchOptions {
  getAll(details: { domain: string; partitionKey: Record<string, never> }): Promise<JarCookie[]>;
  /** True when the browser blocks third-party cookies; undefined when unknown. */
  thirdPartyBlocked(): Promise<boolean | undefined>;
  add(tabId: number, findings: TabFinding[]): void;
  now(): number;
  schedule(fn: () => void, ms: number): void;
  /** How long after the response the jar is read (the store writes asynchronously). */
  settleMs?: number;
  /** How long settled requests gather before their batch reads the jar once. */
  batchMs?: number;
  maxPending?: number;
}

interface HopSeen {
  url: string;
  sent: string[];
  setCookies: CookieFacts[];
  fetchSite?: string;
  /** When the request left: a cookie stored after that (by a response that raced this request)
   *  was never a candidate for sending. */
  sentAt: number;
}

interface Entry {
  tabId: number;
  origin: string;
  opened: number;
  hops: HopSeen[];
}

/** A finished request waiting for its batch's jar read. */
interface Ready {
  f: Finished;
  e: Entry | undefined;
  evidence: CredentialsEvidence;
}

/** Everything the watch holds; its steps below are plain functions of it. */
interface State {
  opts: CookieWatchOptions;
  settleMs: number;
  batchMs: number;
  maxPending: number;
  pending: Map<string, Entry>;
  /** Cookies this tab saw set WITHOUT a Path attribute, per tab/host/name: the default-path trap
   *  (a login at /auth/login scopes the cookie to /auth). A cookie whose Path was written out is
   *  taken as meant, so its absence elsewhere raises nothing. */
  defaultPathed: Map<string, number>;
  /** When each cookie (domain|name|path) was last stored, from cookies.onChanged: reading the jar
   *  once per request as it leaves would cost a cookie-store round trip on every request. */
  storedAt: Map<string, number>;
  /** Send-phase findings already reported recently (one per tab, host, cookie and rule). */
  reported: Map<string, number>;
  /**
   * Judges that settled, waiting for the next batch: one privacy read and one jar read per host
   * serve every request of the batch (a burst of 300 credentialed requests would otherwise cost
   * ~1,000 browser round trips, which slow the page's own requests; docs/cost.md). Each read starts
   * after every judge of its batch has settled, so it is as fresh as a read of its own.
   */
  ready: Ready[];
}

/** What one batch reads once: the privacy setting, and the jar per host. */
interface BatchReads {
  thirdPartyBlocked: Promise<boolean | undefined>;
  jar(host: string): Promise<JarCookie[]>;
}

const jarKey = (c: Pick<JarCookie, 'domain' | 'name' | 'path'>) => `${c.domain.replace(/^\./, '')}|${c.name}|${c.path}`;

function remember(s: State, m: Map<string, number>, key: string): void {
  m.set(key, s.opts.now());
  if (m.size > s.maxPending) m.delete(m.keys().next().value!);
}

/** A cross-origin request of a tab (Chromium's `initiator`: the page's origin); undefined otherwise. */
const isWatched = (ev: RequestEvent): ev is RequestEvent & { origin: string } =>
  ev.tabId >= 0 && ev.origin !== undefined && serializeOrigin(ev.url) !== ev.origin;

function entryFor(s: State, ev: RequestEvent): Entry | undefined {
  let e = s.pending.get(ev.requestId);
  if (e) return e;
  if (!isWatched(ev)) return undefined;
  if (s.pending.size >= s.maxPending) s.pending.delete(s.pending.keys().next().value!);
  e = { tabId: ev.tabId, origin: ev.origin, opened: s.opts.now(), hops: [] };
  s.pending.set(ev.requestId, e);
  return e;
}

function onSendHeaders(s: State, ev: RequestEvent): void {
  // A preflight carries no cookies and sets none worth judging here.
  if (ev.method === 'OPTIONS' && lineOf(ev.requestHeaders, 'access-control-request-method')) return;
  const e = entryFor(s, ev);
  if (!e) return;
  e.hops.push({
    url: ev.url,
    sent: ev.sentCookies,
    setCookies: [],
    fetchSite: lineOf(ev.requestHeaders, 'sec-fetch-site')?.value,
    sentAt: s.opts.now(),
  });
}

function onHeadersReceived(s: State, ev: RequestEvent): void {
  const e = s.pending.get(ev.requestId);
  const hop = e?.hops.at(-1);
  if (!e || !hop || hop.url !== ev.url) return;
  for (const c of ev.setCookies) {
    hop.setCookies.push(c);
    const host = urlParts(ev.url)?.host;
    if (c.path === '' && host) remember(s, s.defaultPathed, `${e.tabId}|${host}|${c.name}`);
  }
}

function onError(s: State, ev: RequestEvent): void {
  s.pending.delete(ev.requestId);
  if (!isClientCertError(ev.error) || !isWatched(ev)) return;
  const f = clientCertFinding({ url: ev.url, hop: 0, error: ev.error, pageOrigin: ev.origin });
  if (!f) return;
  const record = {
    method: ev.method,
    origin: ev.origin,
    credentials: 'unknown' as const,
    initiator: 'unknown' as const,
    requestHeaders: [],
    hops: [{ url: ev.url }],
  };
  s.opts.add(ev.tabId, [toTab(f, { requestId: ev.requestId, tabId: ev.tabId, time: s.opts.now(), record, evidence: 'none', credentialed: false })]);
}

/** The jar's cookies that domain-match `host`, every partition included (names and attributes used only). */
async function readJar(s: State, host: string): Promise<JarCookie[]> {
  const all = await Promise.all(jarDomains(host).map((domain) => s.opts.getAll({ domain, partitionKey: {} }).catch(() => [] as JarCookie[])));
  return all.flat().filter((c) => domainMatch(host, c.domain.replace(/^\./, '')));
}

function judgeReady(s: State): void {
  const batch = s.ready;
  s.ready = [];
  const jars = new Map<string, Promise<JarCookie[]>>();
  const reads: BatchReads = {
    thirdPartyBlocked: s.opts.thirdPartyBlocked().catch(() => undefined),
    jar(host) {
      let p = jars.get(host);
      if (!p) jars.set(host, (p = readJar(s, host)));
      return p;
    },
  };
  for (const r of batch) void judge(s, r, reads).catch((err) => console.error('[cors-inspector] cookies', err));
}

/** The Set-Cookie lines of this hop the jar does not hold: refused, and why. */
function refusedSets(seen: HopSeen, jar: readonly JarCookie[], path: string, ctx: CookieContext, hop: number): Finding[] {
  const found: Finding[] = [];
  for (const c of seen.setCookies) {
    const wanted = c.path || defaultPath(path);
    if (jar.some((j) => j.name === c.name && j.path === wanted)) continue;
    const x = cookieFinding(c, ctx, hop);
    if (x) found.push(x);
  }
  return found;
}

/** The jar's cookies for this host that did not go out on this hop, and why (each reported once a while). */
function unsentCookies(s: State, r: Ready, seen: HopSeen, jar: readonly JarCookie[], host: string, ctx: CookieContext, hop: number): Finding[] {
  const found: Finding[] = [];
  const setNames = new Set(r.e?.hops.flatMap((h) => h.setCookies.map((c) => c.name)) ?? []);
  const seenNames = new Set(seen.sent);
  for (const j of jar) {
    if (seenNames.has(j.name) || setNames.has(j.name) || (s.storedAt.get(jarKey(j)) ?? -Infinity) >= seen.sentAt) continue;
    const x = cookieFinding(jarFacts(j), ctx, hop);
    if (!x) continue;
    // A cookie scoped to another path is normal; say so only for the default-path trap.
    if (x.rule === 'cookie-path' && !s.defaultPathed.has(`${r.f.tabId}|${host}|${j.name}`)) continue;
    const key = `${r.f.tabId}|${host}|${j.name}|${x.rule}`;
    const last = s.reported.get(key);
    if (last !== undefined && s.opts.now() - last < 30_000) continue;
    remember(s, s.reported, key);
    found.push(x);
  }
  return found;
}

/** Each hop this watch saw go out: its refused Set-Cookies, then the jar's cookies it did not send. */
async function hopFindings(s: State, r: Ready, reads: BatchReads): Promise<Finding[]> {
  const blocked = await reads.thirdPartyBlocked;
  const found: Finding[] = [];
  for (const [i, hop] of r.f.record.hops.entries()) {
    const seen = r.e?.hops.find((h) => h.url === hop.url);
    const u = urlParts(hop.url);
    if (!seen || !u) continue;
    const ctx = (phase: CookieContext['phase']): CookieContext => ({
      phase,
      url: hop.url,
      pageOrigin: r.f.record.origin,
      crossSite: seen.fetchSite !== undefined ? seen.fetchSite === 'cross-site' : crossSiteByHost(r.f.record.origin, hop.url),
      thirdPartyBlocked: blocked,
      now: s.opts.now(),
    });
    const jar = await reads.jar(u.host);
    found.push(...refusedSets(seen, jar, u.path, ctx('set'), i), ...unsentCookies(s, r, seen, jar, u.host, ctx('send'), i));
  }
  return found;
}

/** The last response's HTTP auth challenge, if the request did not answer it. */
function authFinding(r: Ready): Finding | undefined {
  const { record } = r.f;
  const last = record.hops.length - 1;
  const response = record.hops[last]?.response;
  if (!response) return undefined;
  return httpAuthFinding({
    url: record.hops[last]!.url,
    hop: last,
    status: response.status,
    challenges: response.headers.filter((h) => h.name.toLowerCase() === 'www-authenticate').map((h) => h.value),
    credentials: 'include',
    authorization: record.requestHeaders.some((h) => h.name.toLowerCase() === 'authorization'),
    cookies: r.e?.hops.at(-1)?.sent ?? [],
    pageOrigin: record.origin,
  });
}

async function judge(s: State, r: Ready, reads: BatchReads): Promise<void> {
  const found = await hopFindings(s, r, reads);
  const auth = authFinding(r);
  if (auth) found.push(auth);
  if (found.length === 0) return;
  const { f, evidence } = r;
  const time = s.opts.now();
  const record = { ...f.record, credentials: 'include' as const };
  s.opts.add(
    f.tabId,
    found.map((x, n) => toTab(x, { requestId: f.requestId, tabId: f.tabId, time, record, evidence, credentialed: true }, n)),
  );
}

/** Why the request is taken as credentialed ('include'); undefined when it is not. */
function evidenceOf(f: Finished): CredentialsEvidence | undefined {
  if (f.hint) return f.hint.credentials === 'include' ? 'page-hook' : undefined;
  if (f.cookie) return 'cookie';
  return f.storageAccess ? 'storage-access' : undefined;
}

/** The collector finished a cross-origin request (its credentials mode decided). */
function onFinished(s: State, f: Finished): void {
  const e = s.pending.get(f.requestId);
  s.pending.delete(f.requestId);
  // A CORS-blocked request has its own finding; the page never saw its cookies' fate.
  if (f.blocked) return;
  const evidence = evidenceOf(f);
  // Only 'include' sends or stores cookies cross-origin: anything else is the page's choice.
  if (!evidence) return;
  s.opts.schedule(() => {
    s.ready.push({ f, e, evidence });
    if (s.ready.length === 1) s.opts.schedule(() => judgeReady(s), s.batchMs);
  }, s.settleMs);
}

const STEPS: Partial<Record<RequestEvent['type'], (s: State, ev: RequestEvent) => void>> = {
  sendHeaders: onSendHeaders,
  headersReceived: onHeadersReceived,
  errorOccurred: onError,
};

export function createCookieWatch(opts: CookieWatchOptions) {
  const s: State = {
    opts,
    settleMs: opts.settleMs ?? 150,
    batchMs: opts.batchMs ?? 50,
    maxPending: opts.maxPending ?? 2000,
    pending: new Map(),
    defaultPathed: new Map(),
    storedAt: new Map(),
    reported: new Map(),
    ready: [],
  };
  return {
    /** One normalised webRequest event (events.ts feeds the collector and this watch the same events). */
    handle: (ev: RequestEvent): void => STEPS[ev.type]?.(s, ev),
    finished: (f: Finished): void => onFinished(s, f),
    /** cookies.onChanged: remember when a cookie was stored (names and attributes only). */
    cookieChanged(c: JarCookie, removed: boolean): void {
      if (!removed && typeof c?.name === 'string' && typeof c.domain === 'string' && typeof c.path === 'string') remember(s, s.storedAt, jarKey(c));
    },
    size: () => s.pending.size,
  };
}

function toTab(
  f: Finding,
  c: { requestId: string; tabId: number; time: number; record: TabFinding['record']; evidence: CredentialsEvidence; credentialed: boolean },
  n = 0,
): TabFinding {
  return {
    ...f,
    id: `${c.requestId}-k${n}`,
    tabId: c.tabId,
    requestId: c.requestId,
    time: c.time,
    method: c.record.method,
    credentials: c.credentialed ? 'include' : 'unknown',
    credentialsEvidence: c.evidence,
    credentialed: c.credentialed,
    initiator: c.record.initiator,
    record: c.record,
  };
}

export type CookieWatch = ReturnType<typeof createCookieWatch>;
