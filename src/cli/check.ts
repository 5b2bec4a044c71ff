// `check`: make the request the way Chromium would (a preflight when Fetch requires one, then the
// actual request with Origin, redirects followed by hand), record every hop as a RequestRecord and
// let the validator judge it: the same code, and so the same sentence, as the extension.
import { headerText } from '../core/bytes';
import { getHeader } from '../core/headers';
import { followRedirect } from '../core/follow';
import { serializeOrigin } from '../core/origin';
import { isSecretHeader } from '../core/redact';
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
  timeoutMs: number;
  send?: Send;
  /** Whose verdict and console sentence (default chromium); the requests sent are Chromium's. */
  browser?: Browser;
}

export interface CheckResult {
  record: RequestRecord;
  browser: Browser;
  findings: Finding[];
  blocked: boolean;
  /** Every request sent, in order (for --verbose output and tests). */
  sent: Outgoing[];
}

// Fetch §4.4 HTTP-redirect fetch step 5: more than 20 redirects is a network error.
const MAX_REDIRECTS = 20;
const REDIRECT = new Set([301, 302, 303, 307, 308]);

export async function check(o: CheckOptions): Promise<CheckResult> {
  const send = o.send ?? realSend;
  const browser = o.browser ?? 'chromium';
  const record: RequestRecord = {
    method: normalizeMethod(o.method),
    origin: o.origin,
    credentials: o.credentials,
    initiator: o.initiator ?? 'fetch',
    // The record keeps names only for secrets: no Cookie/Authorization value is ever stored.
    requestHeaders: o.headers.map((h) => (isSecretHeader(h.name) ? { name: h.name, value: '[redacted]' } : h)),
    hops: [],
  };
  const sent: Outgoing[] = [];
  const exchange = async (req: Outgoing): Promise<ResponseSeen> => {
    sent.push(req);
    return received(await send(req));
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
      hop.preflight = await exchange({ method: 'OPTIONS', url, headers: preflightHeaders(method, headers, origin), timeoutMs: o.timeoutMs });
      findings = validate(record, browser);
      if (isBlocked(findings)) break;
    }
    hop.response = await exchange({ method, url, headers: actualHeaders(method, headers, origin, corsFlag, o.credentials), timeoutMs: o.timeoutMs });
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
  return { record, browser, findings, blocked: isBlocked(findings), sent };
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

/** The validator's view of a response: text values, and no secret value kept (Set-Cookie). */
function received(r: ResponseSeen): ResponseSeen {
  return {
    status: r.status,
    headers: r.headers.map((h) => ({ name: h.name, value: isSecretHeader(h.name) ? '[redacted]' : headerText(h.value) })),
  };
}
