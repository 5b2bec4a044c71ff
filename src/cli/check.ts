// `check`: make the request the way Chromium would (a preflight when Fetch requires one, then the
// actual request with Origin, redirects followed by hand), record every hop as a RequestRecord and
// let the validator judge it: the same code, and so the same sentence, as the extension.
import { headerText } from '../core/bytes';
import { getHeader } from '../core/headers';
import { followRedirect } from '../core/follow';
import { serializeOrigin } from '../core/origin';
import { isCredentialHeaderName, isSecretHeader } from '../core/redact';
import { corsUnsafeHeaderNames, needsPreflight, normalizeMethod } from '../core/safelist';
import type { CredentialsMode, Finding, HeaderLine, Hop, InitiatorKind, RequestRecord, ResponseSeen } from '../core/types';
import type { Browser } from '../core/message';
import { isBlocked, validate } from '../core/validate';
import { NetworkError, send as realSend, type Outgoing, type Send } from './http';

export interface CheckOptions {
  url: string;
  /** The page's origin, e.g. https://app.example.com. */
  origin: string;
  method: string;
  /** Author headers (what the page passes to fetch()). */
  headers: HeaderLine[];
  credentials: Exclude<CredentialsMode, 'unknown'>;
  /** Chromium words XHR failures differently; the command line speaks for fetch(). */
  initiator?: Exclude<InitiatorKind, 'unknown'>;
  /** Bounds the whole probe: every connection, preflight, response head and redirect. */
  timeoutMs: number;
  send?: Send;
  /** Whose verdict and console sentence (default chromium); the requests sent are Chromium's. */
  browser?: Browser;
  /** curl's --location-trusted: credentials go on to the hosts a redirect leads to. */
  locationTrusted?: boolean;
  /** More header names (lower- or mixed-case) the user marks as credentials. */
  credentialHeaders?: string[];
  /** `--try`: these lines set on every answer (same-named lines replaced), as a fix would. */
  patch?: HeaderLine[];
}

export interface CheckResult {
  record: RequestRecord;
  browser: Browser;
  findings: Finding[];
  blocked: boolean;
  /** Every request sent, in order (for --verbose output and tests). */
  sent: Outgoing[];
  /** One line each about what the tool did differently from the browser (credentials withheld). */
  notes: string[];
}

// Fetch §4.4 HTTP-redirect fetch step 5: more than 20 redirects is a network error.
const MAX_REDIRECTS = 20;
const REDIRECT = new Set([301, 302, 303, 307, 308]);

/** The request as the validator reads it, before any hop. */
const recordOf = (o: CheckOptions): RequestRecord => ({
  method: normalizeMethod(o.method),
  origin: o.origin,
  credentials: o.credentials,
  initiator: o.initiator ?? 'fetch',
  // The record keeps names only for secrets: no Cookie/Authorization value is ever stored.
  requestHeaders: o.headers.map((h) => (isSecretHeader(h.name) ? { name: h.name, value: '[redacted]' } : h)),
  hops: [],
});

export async function check(o: CheckOptions): Promise<CheckResult> {
  const send = o.send ?? realSend;
  const browser = o.browser ?? 'chromium';
  const deadline = Date.now() + o.timeoutMs;
  const record = recordOf(o);
  const sent: Outgoing[] = [];
  const guard = credentialGuard(o);
  const exchange = async (req: Omit<Outgoing, 'timeoutMs' | 'deadline'>): Promise<ResponseSeen> => {
    const out = { ...req, headers: guard.wire(req.url, req.headers), timeoutMs: o.timeoutMs, deadline };
    sent.push(out);
    return received(await send(out), o.patch);
  };
  let url = o.url;
  let method = record.method;
  let headers = o.headers;
  let origin = o.origin;
  let corsFlag = false;
  let findings: Finding[] = [];
  for (let i = 0; ; i++) {
    if (i > MAX_REDIRECTS) throw new NetworkError(`more than ${MAX_REDIRECTS} redirects (the browser gives up too)`);
    const hopOrigin = serializeOrigin(url);
    corsFlag = corsFlag || origin === 'null' || hopOrigin !== origin;
    const hop: Hop = { url };
    record.hops.push(hop);
    // Fetch §4.1 main fetch step 12 / CorsURLLoader: a preflight for every CORS hop that needs one,
    // redirect targets included (the preflight cache is per URL, and each hop is a new URL).
    if (corsFlag && needsPreflight({ method, requestHeaders: headers })) {
      hop.preflight = await exchange({ method: 'OPTIONS', url, headers: preflightHeaders(method, headers, origin) });
      findings = validate(record, browser);
      if (isBlocked(findings)) break;
    }
    hop.response = await exchange({ method, url, headers: actualHeaders(method, headers, origin, corsFlag, o.credentials) });
    findings = validate(record, browser);
    if (isBlocked(findings) || !REDIRECT.has(hop.response.status)) break;
    const location = getHeader(hop.response.headers, 'location');
    if (location === undefined) break; // a 3xx without Location is the response itself
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      throw new NetworkError(`the redirect's Location is not a URL: ${location.slice(0, 200)}`);
    }
    const nextOrigin = serializeOrigin(next.href);
    // Fetch §4.4 steps 12-13: a method change drops the body headers (not in Firefox or WebKit), a
    // new origin drops Authorization.
    ({ method, requestHeaders: headers } = followRedirect(method, headers, hop.response.status, nextOrigin !== hopOrigin, browser !== 'chromium'));
    // Fetch §4.4 step 14 (redirect-taint): a cross-origin redirect away from a URL that is not the
    // page's own origin makes the request's origin opaque: Origin: null from here on.
    if (nextOrigin !== hopOrigin && o.origin !== hopOrigin) origin = 'null';
    url = next.href;
  }
  return { record, browser, findings, blocked: isBlocked(findings), sent, notes: guard.notes };
}

/**
 * curl's rule for credentials on redirects (curl(1) --location-trusted): the credential headers
 * given for the URL go only to that URL's origin (scheme, host and port, as curl 7.83 compares
 * them). A browser would send the other host its own cookies, never these; a key in `X-Api-Key`
 * is the user's to hand out. Names stay in the record, so the preflight lists what the page's
 * request would; only the wire loses the values.
 */
function credentialGuard(o: CheckOptions): { wire: (url: string, headers: HeaderLine[]) => HeaderLine[]; notes: string[] } {
  const home = serializeOrigin(o.url);
  const marked = new Set((o.credentialHeaders ?? []).map((n) => n.toLowerCase()));
  const isCredential = (name: string): boolean => isCredentialHeaderName(name) || marked.has(name.toLowerCase());
  const notes: string[] = [];
  const wire = (url: string, headers: HeaderLine[]): HeaderLine[] => {
    if (o.locationTrusted || serializeOrigin(url) === home) return headers;
    const known = new Set(o.headers.map((h) => h.name.toLowerCase()));
    const withheld = (h: HeaderLine): boolean => isCredential(h.name) && known.has(h.name.toLowerCase());
    const names = [...new Set(headers.filter(withheld).map((h) => h.name))];
    if (names.length > 0 && notes.length === 0)
      notes.push(`${names.join(', ')} not sent to ${serializeOrigin(url)}: the redirect left ${home} (--location-trusted sends them)`);
    return headers.filter((h) => !withheld(h));
  };
  return { wire, notes };
}

/** What Chromium's CorsURLLoader puts on an OPTIONS preflight (cors/preflight_controller.cc). */
function preflightHeaders(method: string, headers: HeaderLine[], origin: string): HeaderLine[] {
  const lines: HeaderLine[] = [
    { name: 'Accept', value: '*/*' },
    { name: 'Access-Control-Request-Method', value: method },
  ];
  // Lower-case, sorted, comma-separated without spaces, as Chromium sends it (recorded from
  // Chromium 156 on the lab: "content-type,x-csrf-token").
  const names = corsUnsafeHeaderNames(headers);
  if (names.length > 0) lines.push({ name: 'Access-Control-Request-Headers', value: names.join(',') });
  lines.push({ name: 'Origin', value: origin }, { name: 'Sec-Fetch-Mode', value: 'cors' }, { name: 'Sec-Fetch-Dest', value: 'empty' });
  return lines;
}

/** The actual request: the author headers, Origin on CORS requests, cookies only as credentials allow. */
function actualHeaders(method: string, headers: HeaderLine[], origin: string, corsFlag: boolean, credentials: CheckOptions['credentials']): HeaderLine[] {
  const withCookies = credentials === 'include' || (credentials === 'same-origin' && !corsFlag);
  const lines = headers.filter((h) => withCookies || h.name.toLowerCase() !== 'cookie');
  if (!lines.some((h) => h.name.toLowerCase() === 'accept')) lines.unshift({ name: 'Accept', value: '*/*' });
  // Fetch "append a request Origin header": every CORS request, and non-GET/HEAD same-origin ones.
  if (corsFlag || (method !== 'GET' && method !== 'HEAD')) lines.push({ name: 'Origin', value: origin });
  lines.push({ name: 'Sec-Fetch-Mode', value: 'cors' }, { name: 'Sec-Fetch-Dest', value: 'empty' });
  return lines;
}

/**
 * The validator's view of a response: text values, no secret value kept (Set-Cookie), and the
 * `--try` lines set in place of any same-named line the server sent.
 */
function received(r: ResponseSeen, patch: HeaderLine[] = []): ResponseSeen {
  const replaced = new Set(patch.map((h) => h.name.toLowerCase()));
  const kept = r.headers.filter((h) => !replaced.has(h.name.toLowerCase()));
  return {
    status: r.status,
    headers: [...kept, ...patch].map((h) => ({ name: h.name, value: isSecretHeader(h.name) ? '[redacted]' : headerText(h.value) })),
  };
}
