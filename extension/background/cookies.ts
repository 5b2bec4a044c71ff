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
import { cookieFinding, parseSetCookie, type CookieContext, type CookieFacts } from '../../src/core/cookies/judge';
import { serializeOrigin } from '../../src/core/origin';
import type { Finding } from '../../src/core/types';
import type { CredentialsEvidence, TabFinding } from '../../src/messages';
import type { Details, EventName, Finished, RawHeader } from './collector';
import { cookieNames, crossSiteByHost, jarDomains, jarFacts, type JarCookie } from './cookie-jar';

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

const header = (raw: readonly RawHeader[] | undefined, lower: string): string[] =>
  (raw ?? []).filter((h) => typeof h?.name === 'string' && h.name.toLowerCase() === lower).map((h) => (typeof h.value === 'string' ? h.value : ''));

export function createCookieWatch(opts: CookieWatchOptions) {
  const settleMs = opts.settleMs ?? 150;
  const batchMs = opts.batchMs ?? 50;
  const maxPending = opts.maxPending ?? 2000;
  const pending = new Map<string, Entry>();
  /** Cookies this tab saw set WITHOUT a Path attribute, per tab/host/name: the default-path trap
   *  (a login at /auth/login scopes the cookie to /auth). A cookie whose Path was written out is
   *  taken as meant, so its absence elsewhere raises nothing. */
  const defaultPathed = new Map<string, number>();
  /** When each cookie (domain|name|path) was last stored, from cookies.onChanged: reading the jar
   *  once per request as it leaves would cost a cookie-store round trip on every request. */
  const storedAt = new Map<string, number>();
  const jarKey = (c: Pick<JarCookie, 'domain' | 'name' | 'path'>) => `${c.domain.replace(/^\./, '')}|${c.name}|${c.path}`;
  /** Send-phase findings already reported recently (one per tab, host, cookie and rule). */
  const reported = new Map<string, number>();

  const remember = (m: Map<string, number>, key: string) => {
    m.set(key, opts.now());
    if (m.size > maxPending) m.delete(m.keys().next().value!);
  };

  /** The jar's cookies that domain-match `host`, every partition included (names and attributes used only). */
  async function readJar(host: string): Promise<JarCookie[]> {
    const all = await Promise.all(jarDomains(host).map((domain) => opts.getAll({ domain, partitionKey: {} }).catch(() => [] as JarCookie[])));
    return all.flat().filter((c) => domainMatch(host, c.domain.replace(/^\./, '')));
  }

  function entryFor(d: Details): Entry | undefined {
    let e = pending.get(d.requestId);
    if (e) return e;
    if (d.tabId < 0 || typeof d.initiator !== 'string' || serializeOrigin(d.url) === d.initiator) return undefined;
    if (pending.size >= maxPending) pending.delete(pending.keys().next().value!);
    e = { tabId: d.tabId, origin: d.initiator, opened: opts.now(), hops: [] };
    pending.set(d.requestId, e);
    return e;
  }

  function onSendHeaders(d: Details): void {
    // A preflight carries no cookies and sets none worth judging here.
    if (d.method === 'OPTIONS' && header(d.requestHeaders, 'access-control-request-method').length) return;
    const e = entryFor(d);
    if (!e) return;
    e.hops.push({
      url: d.url,
      sent: cookieNames(header(d.requestHeaders, 'cookie')),
      setCookies: [],
      fetchSite: header(d.requestHeaders, 'sec-fetch-site')[0],
      sentAt: opts.now(),
    });
  }

  function onHeadersReceived(d: Details): void {
    const e = pending.get(d.requestId);
    const hop = e?.hops.at(-1);
    if (!e || !hop || hop.url !== d.url) return;
    for (const line of header(d.responseHeaders, 'set-cookie').slice(0, 50)) {
      const c = parseSetCookie(line, opts.now());
      if (!c) continue;
      hop.setCookies.push(c);
      const host = urlParts(d.url)?.host;
      if (c.path === '' && host) remember(defaultPathed, `${e.tabId}|${host}|${c.name}`);
    }
  }

  function onError(d: Details): void {
    pending.delete(d.requestId);
    if (!isClientCertError(d.error) || d.tabId < 0 || typeof d.initiator !== 'string' || serializeOrigin(d.url) === d.initiator) return;
    const f = clientCertFinding({ url: d.url, hop: 0, error: d.error, pageOrigin: d.initiator });
    if (!f) return;
    const record = {
      method: d.method,
      origin: d.initiator,
      credentials: 'unknown' as const,
      initiator: 'unknown' as const,
      requestHeaders: [],
      hops: [{ url: d.url }],
    };
    opts.add(d.tabId, [toTab(f, { requestId: d.requestId, tabId: d.tabId, time: opts.now(), record, evidence: 'none', credentialed: false })]);
  }

  /**
   * Judges that settled, waiting for the next batch: one privacy read and one jar read per host
   * serve every request of the batch (a burst of 300 credentialed requests would otherwise cost
   * ~1,000 browser round trips, which slow the page's own requests; docs/cost.md). Each read starts
   * after every judge of its batch has settled, so it is as fresh as a read of its own.
   */
  let ready: { f: Finished; e: Entry | undefined; evidence: CredentialsEvidence }[] = [];
  function judgeReady(): void {
    const batch = ready;
    ready = [];
    const blocked = opts.thirdPartyBlocked().catch(() => undefined);
    const jars = new Map<string, Promise<JarCookie[]>>();
    const jar = (host: string) => {
      let p = jars.get(host);
      if (!p) jars.set(host, (p = readJar(host)));
      return p;
    };
    for (const { f, e, evidence } of batch) void judge(f, e, evidence, blocked, jar).catch((err) => console.error('[cors-inspector] cookies', err));
  }

  async function judge(
    f: Finished,
    e: Entry | undefined,
    evidence: CredentialsEvidence,
    thirdPartyBlocked: Promise<boolean | undefined>,
    readJar: (host: string) => Promise<JarCookie[]>,
  ): Promise<void> {
    const blocked = await thirdPartyBlocked;
    const found: Finding[] = [];
    const setNames = new Set(e?.hops.flatMap((h) => h.setCookies.map((c) => c.name)) ?? []);
    for (const [i, hop] of f.record.hops.entries()) {
      const seen = e?.hops.find((h) => h.url === hop.url);
      const u = urlParts(hop.url);
      if (!seen || !u) continue;
      const ctx = (phase: CookieContext['phase']): CookieContext => ({
        phase,
        url: hop.url,
        pageOrigin: f.record.origin,
        crossSite: seen.fetchSite !== undefined ? seen.fetchSite === 'cross-site' : crossSiteByHost(f.record.origin, hop.url),
        thirdPartyBlocked: blocked,
        now: opts.now(),
      });
      const jar = await readJar(u.host);
      for (const c of seen.setCookies) {
        const path = c.path || defaultPath(u.path);
        const kept = jar.some((j) => j.name === c.name && j.path === path);
        if (kept) continue;
        const x = cookieFinding(c, ctx('set'), i);
        if (x) found.push(x);
      }
      const seenNames = new Set(seen.sent);
      for (const j of jar) {
        if (seenNames.has(j.name) || setNames.has(j.name) || (storedAt.get(jarKey(j)) ?? -Infinity) >= seen.sentAt) continue;
        const x = cookieFinding(jarFacts(j), ctx('send'), i);
        if (!x) continue;
        // A cookie scoped to another path is normal; say so only for the default-path trap.
        if (x.rule === 'cookie-path' && !defaultPathed.has(`${f.tabId}|${u.host}|${j.name}`)) continue;
        const key = `${f.tabId}|${u.host}|${j.name}|${x.rule}`;
        const last = reported.get(key);
        if (last !== undefined && opts.now() - last < 30_000) continue;
        remember(reported, key);
        found.push(x);
      }
    }
    const last = f.record.hops.length - 1;
    const response = f.record.hops[last]?.response;
    if (response) {
      const auth = httpAuthFinding({
        url: f.record.hops[last]!.url,
        hop: last,
        status: response.status,
        challenges: response.headers.filter((h) => h.name.toLowerCase() === 'www-authenticate').map((h) => h.value),
        credentials: 'include',
        authorization: f.record.requestHeaders.some((h) => h.name.toLowerCase() === 'authorization'),
        cookies: e?.hops.at(-1)?.sent ?? [],
        pageOrigin: f.record.origin,
      });
      if (auth) found.push(auth);
    }
    if (found.length === 0) return;
    const time = opts.now();
    const record = { ...f.record, credentials: 'include' as const };
    opts.add(
      f.tabId,
      found.map((x, n) => toTab(x, { requestId: f.requestId, tabId: f.tabId, time, record, evidence, credentialed: true }, n)),
    );
  }

  return {
    /** The worker's webRequest events (main.ts feeds the collector and this watch from one listener). */
    handle(event: EventName, d: Details): void {
      if (event === 'sendHeaders') onSendHeaders(d);
      else if (event === 'headersReceived') onHeadersReceived(d);
      else if (event === 'errorOccurred') onError(d);
    },
    /** The collector finished a cross-origin request (its credentials mode decided). */
    finished(f: Finished): void {
      const e = pending.get(f.requestId);
      pending.delete(f.requestId);
      // A CORS-blocked request has its own finding; the page never saw its cookies' fate.
      if (f.blocked) return;
      const evidence: CredentialsEvidence | undefined = f.hint
        ? f.hint.credentials === 'include'
          ? 'page-hook'
          : undefined
        : f.cookie
          ? 'cookie'
          : f.storageAccess
            ? 'storage-access'
            : undefined;
      // Only 'include' sends or stores cookies cross-origin: anything else is the page's choice.
      if (!evidence) return;
      opts.schedule(() => {
        ready.push({ f, e, evidence });
        if (ready.length === 1) opts.schedule(judgeReady, batchMs);
      }, settleMs);
    },
    /** cookies.onChanged: remember when a cookie was stored (names and attributes only). */
    cookieChanged(c: JarCookie, removed: boolean): void {
      if (!removed && typeof c?.name === 'string' && typeof c.domain === 'string' && typeof c.path === 'string') remember(storedAt, jarKey(c));
    },
    size: () => pending.size,
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
