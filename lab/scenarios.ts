// The lab's endpoints as plain data: one realistic misconfiguration per scenario, its hand-written
// fix, and passing controls. The server (lab/server.ts) serves exactly these lines; the page
// (lab/page.ts) issues the request. Templates in header values, resolved per request:
//   {origin}   the request's Origin header, ONLY if it is in the lab's allow-list (the page
//              origin); otherwise the whole line is dropped (an allow-list, never blind reflection)
//   {page}     the page origin, e.g. http://localhost:4000     {page-host}  localhost:4000
//   {PAGE}     the page origin upper-cased                      {next}       the next hop's URL
//   {next-userinfo}  the next hop's URL with `user:pass@` inserted (the next hop may be the page's own origin)
import type { Stage } from '../src/core/types';

export type Server = 'same-site' | 'cross-site';

export interface LabResponse {
  status: number;
  /** 'Name: value' lines, sent in order, repeated names as separate lines. */
  headers: string[];
  /**
   * Send the lines byte for byte (lab/server.ts sendRaw): values untrimmed, each char one byte
   * (write UTF-8 as its bytes, e.g. '\xc3\xbc'), control bytes allowed.
   */
  raw?: boolean;
}

export interface LabHop {
  /** Which lab server serves this hop ('page': a redirect back to the page's own origin). */
  server: Server | 'page';
  /** The answer to the CORS preflight (OPTIONS) for this hop; absent = no OPTIONS route (404). */
  preflight?: LabResponse;
  response: LabResponse;
}

export const kinds = [
  'control',
  'acao-missing',
  'acao-wildcard',
  'acao-multiple',
  'acao-invalid',
  'acao-mismatch',
  'acac-invalid',
  'preflight-acao-missing',
  'preflight-acao-wildcard',
  'preflight-acao-multiple',
  'preflight-acao-invalid',
  'preflight-acao-mismatch',
  'preflight-acac-invalid',
  'preflight-status',
  'preflight-redirect',
  'acam-disallowed',
  'acah-disallowed',
  'acam-unparsable',
  'acah-unparsable',
  'redirect-acao-missing',
  'redirect-origin-null',
  'redirect-userinfo',
  // The browser refused the response before any CORS check (no CORS sentence).
  'net-error',
] as const;
export type Kind = (typeof kinds)[number];

export interface Scenario {
  id: string;
  title: string;
  kind: Kind;
  /** Which response carries the cause (absent for controls). */
  blame?: { stage: Stage; hop: number };
  client: 'fetch' | 'xhr';
  credentials: 'include' | 'same-origin' | 'omit';
  /** As the page passes it to fetch()/open(); Fetch upper-cases only DELETE GET HEAD OPTIONS POST PUT. */
  method: string;
  /** Request headers the page sets (author headers). */
  headers: Record<string, string>;
  /** Where hop 0 goes: an API, or the page's own origin (a same-origin request that redirects away). */
  target: Server | 'page';
  /** XHR only: open(method, url, true, 'user', 'pass'), credentials given as open()'s arguments. */
  xhrAuth?: boolean;
  /** The URL is under the lab cookie's Path, so a same-site request carries the cookie. */
  cookie: boolean;
  hops: LabHop[];
  fixed: LabHop[];
  /** Hostile or unusual input (the page lists these under "Edge cases"). */
  edge?: boolean;
}

// ---- building blocks -------------------------------------------------------------------------

const ACAO = 'Access-Control-Allow-Origin: {origin}';
const ACAC = 'Access-Control-Allow-Credentials: true';
const VARY = 'Vary: Origin';
/** What a correct credentialed CORS answer carries. */
const CORS = [ACAO, ACAC, VARY];

const ok = (headers: string[] = CORS, status = 200): LabResponse => ({ status, headers });
const preflight = (methods: string, headers: string, cors: string[] = CORS, status = 204): LabResponse => ({
  status,
  headers: [...cors, `Access-Control-Allow-Methods: ${methods}`, `Access-Control-Allow-Headers: ${headers}`, 'Access-Control-Max-Age: 0'],
});
const redirect = (location: string, headers: string[] = CORS, status = 302): LabResponse => ({
  status,
  headers: [...headers, `Location: ${location}`],
});

const JSON_CT = { 'Content-Type': 'application/json' };
const BEARER = { Authorization: 'Bearer lab-token' };
const CSRF = { 'X-CSRF-Token': 'lab-csrf' };

type Draft = Omit<Scenario, 'client' | 'credentials' | 'method' | 'headers' | 'target' | 'cookie' | 'fixed'> &
  Partial<Pick<Scenario, 'client' | 'credentials' | 'method' | 'headers' | 'cookie' | 'fixed' | 'xhrAuth'>>;

/** Defaults: a credentialed fetch GET, no author headers, fixed = one correct hop on the same API. */
function s(d: Draft): Scenario {
  const target = d.hops[0]!.server;
  const method = d.method ?? 'GET';
  const needsPreflight = d.hops.some((h) => h.preflight);
  return {
    client: 'fetch',
    credentials: 'include',
    headers: {},
    cookie: false,
    ...d,
    method,
    target,
    fixed: d.fixed ?? [
      {
        server: target,
        ...(needsPreflight ? { preflight: preflight(normalizeMethod(method), allowHeaders(d.headers ?? {})) } : {}),
        response: ok(),
      },
    ],
  };
}
const allowHeaders = (h: Record<string, string>): string => Object.keys(h).join(', ') || 'Content-Type';

/** An edge case: listed under "Edge cases" on the page. */
const e = (d: Draft): Scenario => ({ ...s(d), edge: true });
const raw = (r: LabResponse): LabResponse => ({ ...r, raw: true });

const SS: Server = 'same-site';
const XS: Server = 'cross-site';
const api = (server: Server | 'page', response: LabResponse, pre?: LabResponse): LabHop => ({ server, response, ...(pre ? { preflight: pre } : {}) });

// ---- the scenarios ---------------------------------------------------------------------------

// One scenario per line: the table reads down by id and kind (prettier would spread each over six lines).
// prettier-ignore
export const scenarios: readonly Scenario[] = [
  // Actual response: Access-Control-Allow-Origin
  s({ id: 'acao-missing', title: 'Session API sends no CORS headers at all (CORS middleware not mounted)', kind: 'acao-missing', blame: { stage: 'response', hop: 0 }, cookie: true, hops: [api(SS, ok([]))] }),
  s({ id: 'acao-missing-xhr', title: 'XHR with withCredentials to an API that only sends ACAC', kind: 'acao-missing', blame: { stage: 'response', hop: 0 }, client: 'xhr', hops: [api(XS, ok([ACAC]))] }),
  s({ id: 'acao-wildcard', title: "ACAO '*' copied from a tutorial, with ACAC true, on a credentialed fetch", kind: 'acao-wildcard', blame: { stage: 'response', hop: 0 }, hops: [api(XS, ok(['Access-Control-Allow-Origin: *', ACAC]))] }),
  s({ id: 'acao-wildcard-xhr', title: "ACAO '*' on a withCredentials XHR (same-site API, cookie sent)", kind: 'acao-wildcard', blame: { stage: 'response', hop: 0 }, client: 'xhr', cookie: true, hops: [api(SS, ok(['Access-Control-Allow-Origin: *', ACAC]))] }),
  s({ id: 'acao-two-lines', title: "Proxy adds ACAO '*' and the app adds the origin: two ACAO lines", kind: 'acao-multiple', blame: { stage: 'response', hop: 0 }, hops: [api(XS, ok(['Access-Control-Allow-Origin: *', ACAO, ACAC, VARY]))] }),
  s({ id: 'acao-two-lines-xhr', title: 'App and proxy both echo the origin (XHR): two identical ACAO lines', kind: 'acao-multiple', blame: { stage: 'response', hop: 0 }, client: 'xhr', cookie: true, hops: [api(SS, ok([ACAO, ACAC, VARY, ACAO]))] }),
  s({ id: 'acao-comma-list', title: 'The whole allow-list sent in one ACAO, comma-separated', kind: 'acao-multiple', blame: { stage: 'response', hop: 0 }, hops: [api(XS, ok(['Access-Control-Allow-Origin: {page}, https://admin.example.com', ACAC]))] }),
  s({ id: 'acao-space-list', title: 'The allow-list sent in one ACAO, space-separated', kind: 'acao-multiple', blame: { stage: 'response', hop: 0 }, hops: [api(XS, ok(['Access-Control-Allow-Origin: {page} https://admin.example.com', ACAC]))] }),
  // Chromium 156 on this machine: 'localhost:4000' parses as a URL (scheme 'localhost:'), so it is
  // reported as "not equal to the supplied origin", not as an invalid value.
  s({ id: 'acao-no-scheme', title: 'ACAO set to host:port without the scheme', kind: 'acao-mismatch', blame: { stage: 'response', hop: 0 }, hops: [api(XS, ok(['Access-Control-Allow-Origin: {page-host}', ACAC]))] }),
  s({ id: 'acao-host-only', title: "ACAO set to the bare host name 'localhost'", kind: 'acao-invalid', blame: { stage: 'response', hop: 0 }, cookie: true, hops: [api(SS, ok(['Access-Control-Allow-Origin: localhost', ACAC]))] }),
  s({ id: 'acao-empty', title: 'ACAO sent empty (an unset environment variable)', kind: 'acao-invalid', blame: { stage: 'response', hop: 0 }, client: 'xhr', hops: [api(XS, ok(['Access-Control-Allow-Origin: ', ACAC]))] }),
  s({ id: 'acao-other-origin', title: 'ACAO hard-coded to the production front-end origin', kind: 'acao-mismatch', blame: { stage: 'response', hop: 0 }, cookie: true, hops: [api(SS, ok(['Access-Control-Allow-Origin: https://app.example.com', ACAC]))] }),
  s({ id: 'acao-trailing-slash', title: 'ACAO is the page origin with a trailing slash', kind: 'acao-mismatch', blame: { stage: 'response', hop: 0 }, hops: [api(XS, ok(['Access-Control-Allow-Origin: {page}/', ACAC]))] }),
  s({ id: 'acao-upper-case', title: 'ACAO is the page origin in upper case', kind: 'acao-mismatch', blame: { stage: 'response', hop: 0 }, client: 'xhr', hops: [api(XS, ok(['Access-Control-Allow-Origin: {PAGE}', ACAC]))] }),
  s({ id: 'acao-null', title: "ACAO 'null' from a server that allow-lists file:// pages", kind: 'acao-mismatch', blame: { stage: 'response', hop: 0 }, hops: [api(XS, ok(['Access-Control-Allow-Origin: null', ACAC]))] }),
  // Actual response: Access-Control-Allow-Credentials
  s({ id: 'acac-missing', title: 'Exact origin but no Access-Control-Allow-Credentials', kind: 'acac-invalid', blame: { stage: 'response', hop: 0 }, cookie: true, hops: [api(SS, ok([ACAO, VARY]))] }),
  s({ id: 'acac-missing-xhr', title: 'withCredentials XHR, exact origin, no ACAC', kind: 'acac-invalid', blame: { stage: 'response', hop: 0 }, client: 'xhr', hops: [api(XS, ok([ACAO, VARY]))] }),
  s({ id: 'acac-false', title: "ACAC 'false' from a config flag left off", kind: 'acac-invalid', blame: { stage: 'response', hop: 0 }, hops: [api(XS, ok([ACAO, 'Access-Control-Allow-Credentials: false', VARY]))] }),
  s({ id: 'acac-capital-true', title: "ACAC 'True' (a Python bool turned into a string)", kind: 'acac-invalid', blame: { stage: 'response', hop: 0 }, client: 'xhr', cookie: true, hops: [api(SS, ok([ACAO, 'Access-Control-Allow-Credentials: True', VARY]))] }),
  s({ id: 'acac-two-lines', title: "Proxy and app both send ACAC 'true': joined as 'true, true'", kind: 'acac-invalid', blame: { stage: 'response', hop: 0 }, hops: [api(XS, ok([ACAO, ACAC, VARY, ACAC]))] }),
  s({ id: 'error-500-no-cors', title: 'A 500 error page rendered before the CORS middleware runs', kind: 'acao-missing', blame: { stage: 'response', hop: 0 }, cookie: true, hops: [api(SS, ok([], 500))], fixed: [api(SS, ok(CORS, 500))] }),

  // Preflight: the same ACAO/ACAC checks on OPTIONS
  s({ id: 'preflight-acao-missing', title: 'PUT JSON: the OPTIONS handler lists methods but sends no ACAO', kind: 'preflight-acao-missing', blame: { stage: 'preflight', hop: 0 }, method: 'PUT', headers: JSON_CT, hops: [api(XS, ok(), preflight('PUT', 'Content-Type', [ACAC]))] }),
  s({ id: 'preflight-acao-wildcard', title: "DELETE: OPTIONS answered with ACAO '*' by a gateway", kind: 'preflight-acao-wildcard', blame: { stage: 'preflight', hop: 0 }, method: 'DELETE', headers: CSRF, cookie: true, hops: [api(SS, ok(), preflight('DELETE', 'X-CSRF-Token', ['Access-Control-Allow-Origin: *', ACAC]))] }),
  s({ id: 'preflight-acao-wildcard-xhr', title: "XHR PUT: OPTIONS answered with ACAO '*'", kind: 'preflight-acao-wildcard', blame: { stage: 'preflight', hop: 0 }, client: 'xhr', method: 'PUT', headers: JSON_CT, hops: [api(XS, ok(), preflight('PUT', 'Content-Type', ['Access-Control-Allow-Origin: *', ACAC]))] }),
  s({ id: 'preflight-acao-two-lines', title: 'PATCH: nginx and the app both add ACAO to the OPTIONS response', kind: 'preflight-acao-multiple', blame: { stage: 'preflight', hop: 0 }, method: 'PATCH', headers: JSON_CT, hops: [api(XS, ok(), preflight('PATCH', 'Content-Type', [ACAO, ACAO, ACAC, VARY]))] }),
  s({ id: 'preflight-acao-empty', title: 'PUT JSON: OPTIONS sends an empty ACAO', kind: 'preflight-acao-invalid', blame: { stage: 'preflight', hop: 0 }, method: 'PUT', headers: JSON_CT, hops: [api(XS, ok(), preflight('PUT', 'Content-Type', ['Access-Control-Allow-Origin: ', ACAC]))] }),
  s({ id: 'preflight-acao-no-scheme', title: 'JSON POST: OPTIONS sends ACAO without the scheme', kind: 'preflight-acao-mismatch', blame: { stage: 'preflight', hop: 0 }, method: 'POST', headers: JSON_CT, hops: [api(XS, ok(), preflight('POST', 'Content-Type', ['Access-Control-Allow-Origin: {page-host}', ACAC]))] }),
  s({ id: 'preflight-acao-trailing-slash', title: 'PUT: OPTIONS sends the origin with a trailing slash', kind: 'preflight-acao-mismatch', blame: { stage: 'preflight', hop: 0 }, client: 'xhr', method: 'PUT', headers: JSON_CT, hops: [api(XS, ok(), preflight('PUT', 'Content-Type', ['Access-Control-Allow-Origin: {page}/', ACAC]))] }),
  s({ id: 'preflight-acac-missing', title: 'JSON POST: ACAC on the actual response but not on the OPTIONS response', kind: 'preflight-acac-invalid', blame: { stage: 'preflight', hop: 0 }, method: 'POST', headers: JSON_CT, cookie: true, hops: [api(SS, ok(), preflight('POST', 'Content-Type', [ACAO, VARY]))] }),
  s({ id: 'preflight-acac-false-xhr', title: "XHR DELETE: OPTIONS sends ACAC 'false'", kind: 'preflight-acac-invalid', blame: { stage: 'preflight', hop: 0 }, client: 'xhr', method: 'DELETE', hops: [api(XS, ok(), preflight('DELETE', 'Content-Type', [ACAO, 'Access-Control-Allow-Credentials: false', VARY]))] }),
  // Preflight: status
  s({ id: 'preflight-401-no-cors', title: 'Bearer token: the auth layer answers OPTIONS 401 before CORS runs', kind: 'preflight-acao-missing', blame: { stage: 'preflight', hop: 0 }, headers: BEARER, hops: [api(XS, ok(), { status: 401, headers: ['WWW-Authenticate: Bearer'] })] }),
  s({ id: 'preflight-401-with-cors', title: 'Bearer token: OPTIONS gets CORS headers but still 401 from the auth layer', kind: 'preflight-status', blame: { stage: 'preflight', hop: 0 }, headers: BEARER, cookie: true, hops: [api(SS, ok(), { status: 401, headers: [...preflight('GET', 'Authorization').headers, 'WWW-Authenticate: Bearer'] })] }),
  s({ id: 'preflight-404-with-cors', title: 'DELETE with CSRF token: CORS headers on OPTIONS, but no OPTIONS route (404)', kind: 'preflight-status', blame: { stage: 'preflight', hop: 0 }, client: 'xhr', method: 'DELETE', headers: CSRF, hops: [api(XS, ok(), preflight('DELETE', 'X-CSRF-Token', CORS, 404))] }),
  s({ id: 'preflight-redirect', title: 'PUT JSON: the framework 301-redirects OPTIONS to add a trailing slash', kind: 'preflight-redirect', blame: { stage: 'preflight', hop: 0 }, method: 'PUT', headers: JSON_CT, hops: [api(XS, ok(), redirect('/items/', [ACAO, ACAC, VARY], 301))] }),
  // Preflight: methods
  s({ id: 'acam-missing-method', title: 'PUT, but ACAM lists only GET, POST', kind: 'acam-disallowed', blame: { stage: 'preflight', hop: 0 }, method: 'PUT', headers: JSON_CT, hops: [api(XS, ok(), preflight('GET, POST', 'Content-Type'))] }),
  s({ id: 'acam-wildcard', title: "DELETE with ACAM '*' (a literal '*' when credentialed)", kind: 'acam-disallowed', blame: { stage: 'preflight', hop: 0 }, method: 'DELETE', cookie: true, hops: [api(SS, ok(), preflight('*', 'Content-Type'))] }),
  s({ id: 'acam-lower-case', title: "PUT, but ACAM lists 'put, delete' in lower case", kind: 'acam-disallowed', blame: { stage: 'preflight', hop: 0 }, client: 'xhr', method: 'PUT', headers: JSON_CT, hops: [api(XS, ok(), preflight('put, delete', 'Content-Type'))] }),
  s({
    id: 'acam-patch-case',
    title: "fetch(method: 'patch') stays lower case; ACAM lists 'PATCH'",
    kind: 'acam-disallowed',
    blame: { stage: 'preflight', hop: 0 },
    method: 'patch',
    headers: JSON_CT,
    hops: [api(XS, ok(), preflight('GET, POST, PATCH', 'Content-Type'))],
    // Fetch normalises only DELETE GET HEAD OPTIONS POST PUT, so the server must list 'patch' as sent.
    fixed: [api(XS, ok(), preflight('PATCH, patch', 'Content-Type'))],
  }),
  s({ id: 'acam-unparsable', title: "ACAM 'PUT;DELETE' (a semicolon instead of a comma)", kind: 'acam-unparsable', blame: { stage: 'preflight', hop: 0 }, method: 'PUT', headers: JSON_CT, hops: [api(XS, ok(), preflight('PUT;DELETE', 'Content-Type'))] }),
  // Preflight: headers
  s({ id: 'acah-missing-header', title: 'X-CSRF-Token is sent but ACAH lists only Content-Type', kind: 'acah-disallowed', blame: { stage: 'preflight', hop: 0 }, method: 'POST', headers: { ...JSON_CT, ...CSRF }, cookie: true, hops: [api(SS, ok(), preflight('POST', 'Content-Type'))] }),
  s({ id: 'acah-wildcard', title: "Authorization with ACAH '*' (a literal '*' when credentialed)", kind: 'acah-disallowed', blame: { stage: 'preflight', hop: 0 }, headers: BEARER, hops: [api(XS, ok(), preflight('GET', '*'))] }),
  s({ id: 'acah-json-missing', title: 'JSON body (XHR), but the preflight sends no ACAH', kind: 'acah-disallowed', blame: { stage: 'preflight', hop: 0 }, client: 'xhr', method: 'POST', headers: JSON_CT, hops: [api(XS, ok(), { status: 204, headers: [...CORS, 'Access-Control-Allow-Methods: POST'] })] }),
  s({ id: 'acah-unparsable', title: "ACAH 'Content-Type X-CSRF-Token' (a space instead of a comma)", kind: 'acah-unparsable', blame: { stage: 'preflight', hop: 0 }, method: 'POST', headers: { ...JSON_CT, ...CSRF }, hops: [api(XS, ok(), preflight('POST', 'Content-Type X-CSRF-Token'))] }),

  // Redirects
  s({
    id: 'redirect-no-cors',
    title: 'Old endpoint 302-redirects to the new one without CORS headers',
    kind: 'redirect-acao-missing',
    blame: { stage: 'redirect', hop: 0 },
    hops: [api(XS, redirect('{next}', [])), api(XS, ok())],
    fixed: [api(XS, redirect('{next}')), api(XS, ok())],
  }),
  s({
    id: 'redirect-login',
    title: 'Expired session: the API redirects to the login page on the other API (origin becomes null)',
    kind: 'redirect-origin-null',
    blame: { stage: 'response', hop: 1 },
    cookie: true,
    hops: [api(SS, redirect('{next}')), api(XS, ok(['Content-Type: text/html']))],
    // The correct answer to an API call without a session is 401 with CORS headers, not a redirect.
    fixed: [api(SS, ok(CORS, 401))],
  }),
  s({
    id: 'redirect-login-allow-listed',
    title: 'Redirect to the login API, which allow-lists the page origin, but the origin is now null',
    kind: 'redirect-origin-null',
    blame: { stage: 'response', hop: 1 },
    client: 'xhr',
    cookie: true,
    hops: [api(SS, redirect('{next}')), api(XS, ok(['Access-Control-Allow-Origin: {page}', ACAC, VARY]))],
    fixed: [api(SS, ok(CORS, 401))],
  }),
  s({
    id: 'redirect-userinfo',
    title: 'Redirect Location carries user:pass@ (credentials copied from a proxy URL)',
    kind: 'redirect-userinfo',
    blame: { stage: 'redirect', hop: 0 },
    hops: [api(XS, redirect('{next-userinfo}')), api(XS, ok())],
    fixed: [api(XS, redirect('{next}')), api(XS, ok())],
  }),

  // Two responses to cure: the preflight AND the actual response (MDN: credentials need
  // Access-Control-Allow-Credentials on both). Fixing only the OPTIONS response fails again.
  s({
    id: 'auth-before-cors',
    title: 'Expired token: the auth middleware answers OPTIONS and the GET with 401 before CORS runs',
    kind: 'preflight-acao-missing',
    blame: { stage: 'preflight', hop: 0 },
    headers: BEARER,
    hops: [api(XS, { status: 401, headers: ['WWW-Authenticate: Bearer error="invalid_token"'] }, { status: 401, headers: ['WWW-Authenticate: Bearer'] })],
    // CORS first, then auth: the 401 still reaches the page, readable, so it can log in again.
    fixed: [api(XS, ok(CORS, 401), preflight('GET', 'Authorization'))],
  }),
  s({
    id: 'auth-before-cors-session',
    title: 'Expired session (XHR DELETE): the login check answers OPTIONS and the DELETE 401 before CORS runs',
    kind: 'preflight-acao-missing',
    blame: { stage: 'preflight', hop: 0 },
    client: 'xhr',
    method: 'DELETE',
    headers: CSRF,
    cookie: true,
    hops: [api(SS, { status: 401, headers: ['Content-Type: text/html'] }, { status: 401, headers: ['Content-Type: text/html'] })],
    fixed: [api(SS, ok(CORS, 401), preflight('DELETE', 'X-CSRF-Token'))],
  }),
  // nginx `add_header` without `always` adds its headers to 200, 201, 204, 206 and 3xx answers only
  // (https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header).
  s({
    id: 'proxy-2xx-only',
    title: 'nginx add_header (no "always"): OPTIONS lacks ACAC, and the 500 behind it carries no CORS headers',
    kind: 'preflight-acac-invalid',
    blame: { stage: 'preflight', hop: 0 },
    method: 'PUT',
    headers: JSON_CT,
    hops: [api(XS, ok([], 500), preflight('PUT', 'Content-Type', [ACAO, VARY]))],
    fixed: [api(XS, ok(CORS, 500), preflight('PUT', 'Content-Type'))],
  }),
  s({
    id: 'proxy-2xx-only-422',
    title: 'nginx add_header (no "always"): the preflight passes, the 422 validation error has no CORS headers',
    kind: 'acao-missing',
    blame: { stage: 'response', hop: 0 },
    method: 'POST',
    headers: JSON_CT,
    hops: [api(XS, ok([], 422), preflight('POST', 'Content-Type'))],
    fixed: [api(XS, ok(CORS, 422), preflight('POST', 'Content-Type'))],
  }),
  s({
    id: 'second-layer-copy',
    title: 'DELETE: OPTIONS does not list DELETE, and nginx adds a second ACAO to the app\'s answer',
    kind: 'acam-disallowed',
    blame: { stage: 'preflight', hop: 0 },
    method: 'DELETE',
    headers: CSRF,
    hops: [api(XS, ok([ACAO, ACAC, VARY, ACAO]), preflight('GET, POST', 'X-CSRF-Token'))],
  }),
  s({
    id: 'redirect-chain-no-cors',
    title: 'Old endpoint 308-redirects to /v2, and neither the redirect nor /v2 sends CORS headers',
    kind: 'redirect-acao-missing',
    blame: { stage: 'redirect', hop: 0 },
    hops: [api(XS, redirect('{next}', [], 308)), api(XS, ok([]))],
    fixed: [api(XS, redirect('{next}', CORS, 308)), api(XS, ok())],
  }),

  // Controls: Chromium lets all of these through
  s({ id: 'control-get-same-site', title: 'Correct credentialed GET to the same-site API, cookie sent', kind: 'control', cookie: true, hops: [api(SS, ok())] }),
  s({ id: 'control-get-cross-site', title: 'Correct credentialed GET to the cross-site API', kind: 'control', hops: [api(XS, ok())] }),
  s({ id: 'control-get-same-site-xhr', title: 'Correct withCredentials XHR to the same-site API, cookie sent', kind: 'control', client: 'xhr', cookie: true, hops: [api(SS, ok())] }),
  s({ id: 'control-get-cross-site-xhr', title: 'Correct withCredentials XHR to the cross-site API', kind: 'control', client: 'xhr', hops: [api(XS, ok())] }),
  s({ id: 'control-put-json', title: 'Correct preflighted PUT with a JSON body', kind: 'control', method: 'PUT', headers: JSON_CT, cookie: true, hops: [api(SS, ok(), preflight('GET, PUT, DELETE', 'Content-Type, X-CSRF-Token'))] }),
  s({ id: 'control-wildcard-omit', title: "Non-credentialed fetch (credentials 'omit') to a public '*' API", kind: 'control', credentials: 'omit', hops: [api(XS, ok(['Access-Control-Allow-Origin: *']))], fixed: [api(XS, ok(['Access-Control-Allow-Origin: *']))] }),
  s({ id: 'control-wildcard-same-origin', title: "fetch with credentials 'same-origin' to a public '*' API", kind: 'control', credentials: 'same-origin', cookie: true, hops: [api(SS, ok(['Access-Control-Allow-Origin: *']))], fixed: [api(SS, ok(['Access-Control-Allow-Origin: *']))] }),
  s({ id: 'control-wildcard-xhr', title: "XHR without withCredentials to a public '*' API", kind: 'control', client: 'xhr', credentials: 'same-origin', hops: [api(XS, ok(['Access-Control-Allow-Origin: *']))], fixed: [api(XS, ok(['Access-Control-Allow-Origin: *']))] }),
  s({ id: 'control-no-cookie-in-scope', title: "credentials 'include' to the same-site API with no cookie in scope", kind: 'control', hops: [api(SS, ok())] }),
  s({ id: 'control-no-vary', title: 'Origin echoed from an allow-list but without Vary: Origin (works; a cache hazard)', kind: 'control', hops: [api(XS, ok([ACAO, ACAC]))] }),
  s({ id: 'control-403-with-cors', title: 'A 403 with correct CORS headers (the status is not a CORS matter)', kind: 'control', cookie: true, hops: [api(SS, ok(CORS, 403))], fixed: [api(SS, ok(CORS, 403))] }),
  s({ id: 'control-redirect-same-origin', title: 'A same-origin 302 with CORS headers, then a correct answer', kind: 'control', hops: [api(XS, redirect('{next}')), api(XS, ok())], fixed: [api(XS, redirect('{next}')), api(XS, ok())] }),

  // Edge cases (e(): the page lists them under "Edge cases"): hostile or unusual bytes and list
  // syntax. After them, realistic cases found at the same edges (s(): listed in their usual group).
  // Whitespace: the HTTP parser strips leading/trailing spaces and tabs from every value.
  e({ id: 'edge-whitespace', title: 'ACAO and ACAC padded with spaces and tabs', kind: 'control', hops: [api(XS, raw(ok(['Access-Control-Allow-Origin: \t {origin} \t', 'Access-Control-Allow-Credentials:  true\t', VARY])))] }),
  e({
    id: 'edge-whitespace-preflight',
    title: 'PUT JSON: every preflight value padded with spaces and tabs',
    kind: 'control',
    method: 'PUT',
    headers: JSON_CT,
    hops: [api(XS, ok(), raw(preflight(' \tPUT ', '\t Content-Type ', ['Access-Control-Allow-Origin:  {origin}\t', 'Access-Control-Allow-Credentials: \ttrue ', VARY])))],
  }),
  // Non-ASCII and control bytes in the ACAO/ACAC values, sent as raw bytes.
  e({ id: 'edge-acao-utf8', title: "ACAO is an IDN written in UTF-8 ('http://bücher.example')", kind: 'acao-mismatch', blame: { stage: 'response', hop: 0 }, hops: [api(XS, raw(ok(['Access-Control-Allow-Origin: http://b\xc3\xbccher.example', ACAC])))] }),
  e({ id: 'edge-acao-utf8-path', title: "ACAO is the page origin plus a UTF-8 path ('/é')", kind: 'acao-mismatch', blame: { stage: 'response', hop: 0 }, client: 'xhr', hops: [api(XS, raw(ok(['Access-Control-Allow-Origin: {page}/\xc3\xa9', ACAC])))] }),
  e({ id: 'edge-acao-latin1', title: "ACAO carries a latin-1 byte ('http://caf\\xE9.example')", kind: 'acao-mismatch', blame: { stage: 'response', hop: 0 }, hops: [api(XS, raw(ok(['Access-Control-Allow-Origin: http://caf\xe9.example', ACAC])))] }),
  e({ id: 'edge-acao-control', title: 'ACAO is the page origin followed by a \\x01 byte', kind: 'acao-mismatch', blame: { stage: 'response', hop: 0 }, hops: [api(XS, raw(ok(['Access-Control-Allow-Origin: {page}\x01', ACAC])))] }),
  // Chromium 156 on this machine: a NUL byte in a response header fails the response itself
  // (net::ERR_INVALID_HTTP_RESPONSE): blocked, but no CORS check ran and no CORS sentence is printed.
  e({ id: 'edge-acao-nul', title: 'ACAO is the page origin followed by a NUL byte and more', kind: 'net-error', blame: { stage: 'response', hop: 0 }, hops: [api(XS, raw(ok(['Access-Control-Allow-Origin: {page}\x00x', ACAC])))] }),
  // CR and LF inside a value: Chromium's HTTP parser joins an obs-fold (line break + space) with
  // one space, and ends the line at a bare CR (the rest is not a header line).
  e({ id: 'edge-acao-folded', title: 'ACAO folded onto a second line (obs-fold): read as two values', kind: 'acao-multiple', blame: { stage: 'response', hop: 0 }, hops: [api(XS, raw(ok(['Access-Control-Allow-Origin: {page}\r\n https://admin.example.com', ACAC])))] }),
  e({ id: 'edge-acao-bare-cr', title: 'ACAO followed by a bare CR and junk: the line ends at the CR', kind: 'control', hops: [api(XS, raw(ok(['Access-Control-Allow-Origin: {origin}\rjunk', ACAC, VARY])))] }),
  e({ id: 'edge-acac-control', title: "ACAC 'true' followed by a DEL (\\x7f) byte", kind: 'acac-invalid', blame: { stage: 'response', hop: 0 }, hops: [api(XS, raw(ok([ACAO, 'Access-Control-Allow-Credentials: true\x7f', VARY])))] }),
  e({ id: 'edge-acao-64k', title: 'A 64 KB ACAO value (a runaway template)', kind: 'acao-mismatch', blame: { stage: 'response', hop: 0 }, hops: [api(XS, ok([`Access-Control-Allow-Origin: https://${'a'.repeat(64 * 1024)}.example`, ACAC]))] }),
  // List syntax: empty items and spaces around items.
  e({ id: 'edge-empty-list-items', title: "PUT with ACAM 'PUT,,' and ACAH ', Content-Type ,'", kind: 'control', method: 'PUT', headers: JSON_CT, hops: [api(XS, ok(), preflight('PUT,,', ', Content-Type ,'))] }),
  // Safelisted request headers made unsafe by their value (Fetch: ≤ 128 bytes, no CORS-unsafe byte).
  s({ id: 'accept-long', title: 'An Accept value longer than 128 bytes needs a preflight', kind: 'acah-disallowed', blame: { stage: 'preflight', hop: 0 }, headers: { Accept: `application/json, ${'application/x-lab-type, '.repeat(6)}*/*` }, hops: [api(XS, ok(), preflight('GET', 'X-CSRF-Token'))] }),
  s({ id: 'control-text-plain-charset', title: "POST 'text/plain; charset=utf-8' stays a simple request", kind: 'control', method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, hops: [api(XS, ok())] }),
  e({ id: 'edge-content-type-quote', title: "POST 'text/plain;boundary=\"x\"': the quote byte makes it preflighted", kind: 'acah-disallowed', blame: { stage: 'preflight', hop: 0 }, method: 'POST', headers: { 'Content-Type': 'text/plain;boundary="x"' }, hops: [api(XS, ok(), preflight('POST', 'X-CSRF-Token'))] }),
  // Chromium 156 on this machine: ACAH '*' covers Authorization when no credentials are sent (Fetch
  // says it never does: "CORS non-wildcard request-header name"); allowed, and the validator warns.
  s({ id: 'control-acah-wildcard-authorization', title: "Non-credentialed fetch with Authorization and ACAH '*'", kind: 'control', credentials: 'omit', headers: BEARER, hops: [api(XS, ok(['Access-Control-Allow-Origin: *']), preflight('GET', '*', ['Access-Control-Allow-Origin: *']))] }),
  // Non-credentialed failures: the same sentences, no credentials involved.
  s({ id: 'omit-acao-missing', title: "credentials 'omit': the API sends no ACAO", kind: 'acao-missing', blame: { stage: 'response', hop: 0 }, credentials: 'omit', hops: [api(XS, ok([]))] }),
  s({ id: 'same-origin-acao-other', title: "credentials 'same-origin': ACAO is another origin", kind: 'acao-mismatch', blame: { stage: 'response', hop: 0 }, credentials: 'same-origin', cookie: true, hops: [api(SS, ok(['Access-Control-Allow-Origin: https://app.example.com']))] }),
  s({ id: 'xhr-anonymous-acao-missing', title: 'XHR without withCredentials: the API sends no ACAO', kind: 'acao-missing', blame: { stage: 'response', hop: 0 }, client: 'xhr', credentials: 'same-origin', hops: [api(XS, ok([]))] }),
  // Redirect chains and the tainted origin (Fetch "HTTP-redirect fetch" step 14: Origin becomes null).
  s({
    id: 'control-redirect-two-hops-null',
    title: "Same-site → cross-site → final, each later hop answering ACAO 'null' with ACAC true",
    kind: 'control',
    hops: [api(SS, redirect('{next}')), api(XS, redirect('{next}', ['Access-Control-Allow-Origin: null', ACAC])), api(XS, ok(['Access-Control-Allow-Origin: null', ACAC]))],
  }),
  s({
    id: 'redirect-back-to-page',
    title: "The cross-site API redirects back to the page's own origin, which sends no CORS headers",
    kind: 'redirect-origin-null',
    blame: { stage: 'response', hop: 1 },
    hops: [api(XS, redirect('{next}')), api('page', ok([]))],
    fixed: [api(XS, ok())],
  }),
  s({
    id: 'redirect-303-post',
    title: 'JSON POST answered 303 to another API: the GET that follows carries Origin null',
    kind: 'redirect-origin-null',
    blame: { stage: 'response', hop: 1 },
    method: 'POST',
    headers: JSON_CT,
    hops: [api(SS, redirect('{next}', CORS, 303), preflight('POST', 'Content-Type')), api(XS, ok(['Access-Control-Allow-Origin: {page}', ACAC, VARY]))],
    fixed: [api(SS, ok(), preflight('POST', 'Content-Type'))],
  }),
  s({
    id: 'redirect-307-put',
    title: 'PUT JSON answered 307: the new URL gets its own preflight, which has no route',
    kind: 'preflight-acao-missing',
    blame: { stage: 'preflight', hop: 1 },
    method: 'PUT',
    headers: JSON_CT,
    hops: [api(XS, redirect('{next}', CORS, 307), preflight('PUT', 'Content-Type')), api(XS, ok())],
    fixed: [api(XS, redirect('{next}', CORS, 307), preflight('PUT', 'Content-Type')), api(XS, ok(), preflight('PUT', 'Content-Type'))],
  }),
  // Cases taken from the web-platform-tests (fetch/api/cors/cors-redirect-credentials.any.js,
  // cors/redirect-userinfo.htm, xhr/access-control-basic-*.htm, cors/status-preflight.htm): a
  // request that starts at the page's own origin, userinfo on either leg, XHR credentials given to
  // open(), and preflight statuses. Chromium's check: services/network/cors/cors_url_loader.cc
  // CheckRedirectLocation (userinfo with the CORS flag set, or leaving the request's origin).
  s({
    id: 'same-origin-redirect-away',
    title: "The page's own /api 302-redirects to the cross-site API, which sends no CORS headers",
    kind: 'redirect-acao-missing',
    blame: { stage: 'response', hop: 1 },
    hops: [api('page', redirect('{next}', [])), api(XS, ok([]))],
    fixed: [api('page', redirect('{next}', [])), api(XS, ok())],
  }),
  s({
    id: 'same-origin-redirect-away-xhr',
    title: "withCredentials XHR to the page's own /api, 302-redirected to the cross-site API without ACAC",
    kind: 'redirect-acao-missing',
    blame: { stage: 'response', hop: 1 },
    client: 'xhr',
    hops: [api('page', redirect('{next}', [])), api(XS, ok([ACAO, VARY]))],
    fixed: [api('page', redirect('{next}', [])), api(XS, ok())],
  }),
  s({
    id: 'redirect-userinfo-from-page',
    title: "The page's own /api redirects to the cross-site API with user:pass@ in the Location",
    kind: 'redirect-userinfo',
    blame: { stage: 'redirect', hop: 0 },
    hops: [api('page', redirect('{next-userinfo}', [])), api(XS, ok())],
    fixed: [api('page', redirect('{next}', [])), api(XS, ok())],
  }),
  s({
    id: 'redirect-userinfo-to-page',
    title: "The cross-site API redirects back to the page's own origin with user:pass@ in the Location",
    kind: 'redirect-userinfo',
    blame: { stage: 'redirect', hop: 0 },
    hops: [api(XS, redirect('{next-userinfo}')), api('page', ok([]))],
    fixed: [api(XS, ok())],
  }),
  s({
    id: 'redirect-userinfo-same-site-xhr',
    title: 'withCredentials XHR: the same-site API redirects to itself with user:pass@ in the Location',
    kind: 'redirect-userinfo',
    blame: { stage: 'redirect', hop: 0 },
    client: 'xhr',
    cookie: true,
    hops: [api(SS, redirect('{next-userinfo}')), api(SS, ok())],
    fixed: [api(SS, redirect('{next}')), api(SS, ok())],
  }),
  s({
    id: 'xhr-open-credentials-preflight-401',
    title: "XHR PUT with user and password given to open(): the OPTIONS request is answered 401",
    kind: 'preflight-status',
    blame: { stage: 'preflight', hop: 0 },
    client: 'xhr',
    xhrAuth: true,
    method: 'PUT',
    headers: JSON_CT,
    hops: [api(XS, ok(), { status: 401, headers: [...preflight('PUT', 'Content-Type').headers, 'WWW-Authenticate: Basic realm="lab"'] })],
  }),
  s({
    id: 'xhr-open-credentials-acao-wildcard',
    title: "XHR GET with user and password given to open(), answered ACAO '*'",
    kind: 'acao-wildcard',
    blame: { stage: 'response', hop: 0 },
    client: 'xhr',
    xhrAuth: true,
    hops: [api(XS, ok(['Access-Control-Allow-Origin: *', ACAC]))],
  }),
  s({ id: 'acac-missing-same-host', title: 'Same host, another port (same-site, cross-origin), no cookie yet: no ACAC', kind: 'acac-invalid', blame: { stage: 'response', hop: 0 }, hops: [api(SS, ok([ACAO, VARY]))] }),
  s({ id: 'control-preflight-206', title: 'PUT JSON: the OPTIONS answer is 206 (any 2xx is an ok status)', kind: 'control', method: 'PUT', headers: JSON_CT, hops: [api(XS, ok(), preflight('PUT', 'Content-Type', CORS, 206))] }),
  s({ id: 'control-acah-case', title: "X-CSRF-Token allowed as 'x-csrf-TOKEN' (header names match case-insensitively)", kind: 'control', method: 'POST', headers: { ...JSON_CT, ...CSRF }, hops: [api(XS, ok(), preflight('POST', 'content-TYPE, x-csrf-TOKEN'))] }),
  s({ id: 'preflight-304', title: 'DELETE: a cache in front answers OPTIONS 304 Not Modified', kind: 'preflight-status', blame: { stage: 'preflight', hop: 0 }, method: 'DELETE', hops: [api(XS, ok(), preflight('DELETE', 'Content-Type', CORS, 304))] }),
  s({ id: 'acao-comma-list-foreign', title: 'One ACAO line listing two other origins, comma-separated', kind: 'acao-multiple', blame: { stage: 'response', hop: 0 }, hops: [api(XS, ok(['Access-Control-Allow-Origin: https://a.example, https://b.example', ACAC]))] }),
  s({ id: 'preflight-redirect-no-cors', title: 'PUT JSON: OPTIONS 301-redirected by a proxy that adds no CORS headers', kind: 'preflight-redirect', blame: { stage: 'preflight', hop: 0 }, method: 'PUT', headers: JSON_CT, hops: [api(XS, ok(), redirect('/items/', [], 301))] }),
];

export function scenarioById(id: string): Scenario | undefined {
  return scenarios.find((x) => x.id === id);
}

/** Fetch §2.2.1 "normalize a method": only these six are upper-cased. */
export function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'].includes(upper) ? upper : method;
}
