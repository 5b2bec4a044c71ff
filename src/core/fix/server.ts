// One cure per server: for every API origin a tab talked to, the configuration that lets every
// request seen to it through (failing and passing alike), in one round. A fix written for one
// request alone can break another: four findings against one Express API give four different
// allow-lists, and whichever is pasted last wins. serverFixes() merges them (fix/merge.ts).
//
// Access-Control-Allow-Origin holds one origin (Fetch "CORS check": the value must equal the
// request's serialized origin), so several pages cannot share one static line: the server must
// compare the request's Origin with the list and send that Origin back only when it is listed,
// with Vary: Origin so caches keep the answers apart (MDN "Access-Control-Allow-Origin").
import { isRedirectStatus } from '../access';
import { getHeader } from '../headers';
import { displayUrl, isSerializedOrigin, parseUrl, serializeOrigin, urlHasCredentials } from '../origin';
import { corsUnsafeHeaderNames } from '../safelist';
import type { Fix, FixStep, RequestRecord, ResponseSeen } from '../types';
import { looksLikeLogin, pathOf } from './common';
import { varyLine } from './lines';
import { mergeSpecs } from './merge';
import { PLACEHOLDER_ORIGIN, type FixSpec, type Problem, type SnippetSpec } from './plan';
import { applySteps } from './steps';

/** What a server fix is built from: any request seen (a stored finding is one). */
export interface SeenRequest {
  requestId: string;
  record: RequestRecord;
  /** The request's own fix, when it has a finding: its spec's problems and exposed headers count. */
  fix?: { spec: FixSpec };
  /** 'error': the browser blocked it (a redirect it was blocked on is then one to stop). */
  severity?: 'error' | 'warning';
}

/** The merged cure of one server. `fix.spec` is a CORS spec; `steps` are header lines per response kind. */
export interface ServerFix {
  /** The API's origin. */
  origin: string;
  /** Every request the fix covers (each once, first seen first). */
  requests: string[];
  fix: Omit<Fix, 'spec'> & { spec: SnippetSpec };
}

const ORDER_NOTE =
  'Put the CORS handling before authentication and routing: a browser never sends cookies or Authorization on an OPTIONS preflight, so auth must not answer it, and a 401 or 403 must carry these headers too, or the page cannot read it.';
const UNKNOWN_NOTE =
  'For some requests the credentials mode is not known: the fix allows credentials (Access-Control-Allow-Credentials: true is harmless without credentials and required with them).';
const ESCAPE_NOTE =
  'Do not redirect a credentialed API call to a login page or another origin: answer it 401 (or 403) with the headers above, and let the page send the user to the login page itself.';
const USERINFO_NOTE =
  'Remove the user:password part from every Location header this API sends: the browser refuses to follow such a redirect for a cross-origin request.';
const DUPLICATE_NOTE = 'Send these headers from one layer only (the app or the proxy, not both): two Access-Control-Allow-Origin lines fail every request.';

/** Credentials mode 'include', or not known: the fix is written for a credentialed request. */
const mayCarryCredentials = (r: RequestRecord): boolean => r.credentials !== 'omit' && r.credentials !== 'same-origin';

/** The problems a finding's CORS spec names (a cookie's cure names none). */
function problemsOf(spec: FixSpec | undefined): Problem[] {
  return spec?.kind === 'cors' && Array.isArray(spec.problems) ? spec.problems : [];
}

/** What one request asks of its server (origins unchecked: mergeSpecs keeps only real ones). */
export function requestSpec(seen: SeenRequest): SnippetSpec {
  const r = seen.record;
  const spec = seen.fix?.spec.kind === 'cors' ? seen.fix.spec : undefined;
  const url = r.hops[0]?.url ?? '';
  return {
    kind: 'cors',
    origins: typeof r.origin === 'string' ? [r.origin] : [],
    credentials: mayCarryCredentials(r),
    methods: typeof r.method === 'string' ? [r.method] : [],
    headers: corsUnsafeHeaderNames(r.requestHeaders),
    expose: spec?.expose ?? [],
    problems: ['allow-origin', ...problemsOf(seen.fix?.spec), ...(seen.severity === 'error' && escapesAt(r) ? (['redirect-escape'] as const) : [])],
    paths: [pathOf(url)],
  };
}

/** Does the record leave the API through a redirect to a login page or another origin? */
function escapesAt(r: RequestRecord): boolean {
  const first = r.hops[0];
  return first?.response !== undefined && escapes(first.response, first.url);
}

/** The API origin a request was sent to, if it is one we can name. */
function apiOf(r: RequestRecord): string | undefined {
  const url = r.hops?.[0]?.url;
  const api = typeof url === 'string' ? serializeOrigin(url) : 'null';
  return isSerializedOrigin(api) && api !== r.origin ? api : undefined;
}

/** A server fix for every API origin among `seen`, in the order each was first seen. */
export function serverFixes(seen: readonly SeenRequest[]): ServerFix[] {
  const groups = new Map<string, SeenRequest[]>();
  for (const s of seen) {
    if (typeof s?.record !== 'object' || s.record === null || !Array.isArray(s.record.hops)) continue;
    const api = apiOf(s.record);
    if (api === undefined) continue;
    const list = groups.get(api);
    if (list) list.push(s);
    else groups.set(api, [s]);
  }
  return [...groups].map(([origin, list]) => serverFix(origin, list));
}

/** The merged cure for one server over the requests seen to it. */
export function serverFix(origin: string, list: readonly SeenRequest[]): ServerFix {
  const spec = mergeSpecs(list.map(requestSpec));
  const preflightStatuses = list.flatMap((s) =>
    s.record.hops.map((h) => h.preflight?.status).filter((n): n is number => typeof n === 'number' && !(n >= 200 && n < 300)),
  );
  if (preflightStatuses.length > 0 && !spec.problems.includes('preflight-status')) spec.problems.unshift('preflight-status');
  const steps: FixStep[] = [
    {
      stage: 'preflight',
      hop: 0,
      headers: preflightLines(spec, undefined),
      ...(preflightStatuses.length > 0 ? { status: toNoContent(preflightStatuses[0]!) } : {}),
    },
    { stage: 'response', hop: 0, headers: responseLines(spec, undefined) },
  ];
  const escape = spec.problems.includes('redirect-escape');
  if (escape)
    steps.push({ stage: 'redirect', hop: 0, headers: responseLines(spec, undefined), remove: ['Location'], status: toUnauthorized(redirectStatusOf(list)) });
  return { origin, requests: [...new Set(list.map((s) => s.requestId))], fix: { steps, notes: notesFor(spec, list, escape), spec } };
}

function toNoContent(from: number) {
  return { from, to: 204, why: 'answer every OPTIONS preflight 204 before authentication and routing' };
}

function toUnauthorized(from: number) {
  return {
    from,
    to: 401,
    why: 'a credentialed API call must not be redirected to another origin or a login page; answer it 401 (or 403) with CORS headers so the page can react',
  };
}

function redirectStatusOf(list: readonly SeenRequest[]): number {
  for (const s of list) for (const h of s.record.hops) if (h.response && isRedirectStatus(h.response.status)) return h.response.status;
  return 302;
}

function notesFor(spec: SnippetSpec, list: readonly SeenRequest[], escape: boolean): string[] {
  const notes: string[] = [];
  if (spec.origins.length > 1) {
    notes.push(
      `Several pages call this API (${spec.origins.join(', ')}). Compare the request's Origin with this list, whole strings and no pattern, and send it back in Access-Control-Allow-Origin only when it is listed; for any other Origin send no Access-Control-Allow-Origin at all. Never echo an unchecked Origin, never "*" with credentials.`,
    );
  }
  const unnamed = [...new Set(list.map((s) => s.record.origin).filter((o) => !isSerializedOrigin(o)))];
  if (unnamed.length > 0) {
    const shown = unnamed.slice(0, 3).map((o) => JSON.stringify(String(o).slice(0, 80)));
    notes.push(
      `${shown.join(', ')} ${unnamed.length === 1 ? 'is' : 'are'} not a page origin a server can allow (an opaque "null" page, or not an origin at all): ${spec.origins.length === 0 ? `${PLACEHOLDER_ORIGIN} stands in its place; put your page's origin there` : 'left out'}.`,
    );
  }
  if (list.some((s) => s.record.credentials === 'unknown')) notes.push(UNKNOWN_NOTE);
  notes.push(ORDER_NOTE);
  if (escape) notes.push(ESCAPE_NOTE);
  if (spec.problems.includes('duplicate-origin')) notes.push(DUPLICATE_NOTE);
  if (spec.problems.includes('redirect-credentials')) notes.push(USERINFO_NOTE);
  return notes;
}

/**
 * The Access-Control-Allow-Origin line: the one origin; for several, how to choose it (the
 * request's Origin, only when listed); for a concrete request `origin`, what the server sends it
 * (nothing when it is not listed). Never `*`, never an unchecked echo.
 */
function originLine(spec: SnippetSpec, origin: string | undefined): string[] {
  const listed = spec.origins.length > 0 ? spec.origins : [PLACEHOLDER_ORIGIN];
  if (origin !== undefined) return listed.includes(origin) ? [`Access-Control-Allow-Origin: ${origin}`] : [];
  if (listed.length === 1) return [`Access-Control-Allow-Origin: ${listed[0]}`];
  return [
    `Access-Control-Allow-Origin: <the request's Origin, only when it is exactly one of: ${listed.join(', ')}; for any other Origin leave this line out>`,
  ];
}

/** Header lines for a preflight (OPTIONS) response; `origin` set: for that request, `vary` its seen Vary. */
export function preflightLines(spec: SnippetSpec, origin: string | undefined, vary?: string): string[] {
  const acao = originLine(spec, origin);
  if (acao.length === 0) return [varyLine(vary)];
  return [
    ...acao,
    ...(spec.credentials ? ['Access-Control-Allow-Credentials: true'] : []),
    `Access-Control-Allow-Methods: ${(spec.methods.length > 0 ? spec.methods : ['GET']).join(', ')}`,
    ...(spec.headers.length > 0 ? [`Access-Control-Allow-Headers: ${spec.headers.join(', ')}`] : []),
    varyLine(vary),
  ];
}

/** Header lines for every other response (2xx, 4xx, 5xx alike). */
export function responseLines(spec: SnippetSpec, origin: string | undefined, vary?: string): string[] {
  const acao = originLine(spec, origin);
  if (acao.length === 0) return [varyLine(vary)];
  return [
    ...acao,
    ...(spec.credentials ? ['Access-Control-Allow-Credentials: true'] : []),
    ...(spec.expose.length > 0 ? [`Access-Control-Expose-Headers: ${spec.expose.join(', ')}`] : []),
    varyLine(vary),
  ];
}

/** Does this redirect leave the API for a login page or another origin (what the fix stops)? */
function escapes(response: ResponseSeen, url: string): boolean {
  if (!isRedirectStatus(response.status)) return false;
  const location = getHeader(response.headers, 'location');
  const target = location === undefined ? undefined : parseUrl(location, url)?.href;
  return target !== undefined && (serializeOrigin(target) !== serializeOrigin(url) || looksLikeLogin(target));
}

/** A redirect's Location without its user:password part, when it has one. */
function withoutUserinfo(response: ResponseSeen, url: string): string | undefined {
  const location = isRedirectStatus(response.status) ? getHeader(response.headers, 'location') : undefined;
  if (location === undefined || !urlHasCredentials(parseUrl(location, url)?.href ?? '')) return undefined;
  const clean = displayUrl(parseUrl(location, url)!.href);
  return /[\r\n]/.test(clean) ? undefined : clean;
}

/**
 * What a server configured by `fix` sends on each of the record's responses from `api`, as steps
 * applySteps() understands: the lines for the request's own Origin at each hop ('null' once a
 * redirect tainted it), a preflight answered 204, an escaping redirect answered 401.
 */
export function serverStepsFor(fix: ServerFix['fix'], record: RequestRecord, api: string): FixStep[] {
  const filled = applySteps(record, []);
  const escape = fix.spec.problems.includes('redirect-escape');
  const steps: FixStep[] = [];
  let origin = record.origin;
  for (let i = 0; i < filled.hops.length; i++) {
    const hop = filled.hops[i]!;
    const here = serializeOrigin(hop.url);
    const response = hop.response;
    if (here === api) {
      if (hop.preflight) {
        const ok = hop.preflight.status >= 200 && hop.preflight.status < 300;
        steps.push({
          stage: 'preflight',
          hop: i,
          headers: preflightLines(fix.spec, origin, getHeader(hop.preflight.headers, 'vary')),
          ...(ok ? {} : { status: toNoContent(hop.preflight.status) }),
        });
      }
      if (response === undefined) break;
      const stop = escape && escapes(response, hop.url);
      const lines = responseLines(fix.spec, origin, getHeader(response.headers, 'vary'));
      const clean = stop ? undefined : withoutUserinfo(response, hop.url);
      steps.push({
        stage: 'response',
        hop: i,
        headers: clean ? [...lines, `Location: ${clean}`] : lines,
        ...(stop ? { remove: ['Location'], status: toUnauthorized(response.status) } : {}),
      });
      if (stop) break;
    }
    const location = response ? getHeader(response.headers, 'location') : undefined;
    const next = response && isRedirectStatus(response.status) && location !== undefined ? parseUrl(location, hop.url)?.href : undefined;
    if (next === undefined) break;
    // Fetch redirect-taint: a cross-origin redirect away from a URL the page is not on.
    if (serializeOrigin(next) !== here && record.origin !== here) origin = 'null';
  }
  return steps;
}

export { serverStepLabel } from './server-label';

/** The record as the browser sees it once the server runs `fix`. */
export function applyServerFix(fix: ServerFix['fix'], record: RequestRecord, api: string): RequestRecord {
  return applySteps(applySteps(record, []), serverStepsFor(fix, record, api));
}
