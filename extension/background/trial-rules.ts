// "Try fix": a finding's whole plan (every response its fix.steps names) as declarativeNetRequest
// session rules, so the browser itself shows whether the fix works before the server changes.
// Pure: the worker (trials.ts) installs what this returns.
//
// Each rule is scoped as narrowly as DNR allows: this tab (tabIds), this URL (an anchored regex on
// scheme, host and path, any query), this method (OPTIONS for a preflight step), and the page's
// host (initiatorDomains: DNR has no origin or request-header condition). Values are the plan's
// own lines: the page's exact origin, never `*`, never the request's Origin echoed back.
// DNR cannot change a status code (developer.chrome.com/docs/extensions/reference/api/
// declarativeNetRequest#type-ModifyHeaderInfo: headers only), so a step's status change is listed
// as untried: it is the server's part.
import { isRedirectStatus } from '../../src/core/access';
import { followRedirect } from '../../src/core/follow';
import { parseUrl, serializeOrigin } from '../../src/core/origin';
import type { FixStep, Hop, RequestRecord } from '../../src/core/types';

/** The slice of a DNR rule we write (the same shape in Chrome and Firefox). */
export interface TrialRule {
  id: number;
  priority: number;
  action: { type: 'modifyHeaders'; responseHeaders: { header: string; operation: 'set' | 'append' | 'remove'; value?: string }[] };
  condition: { tabIds: number[]; regexFilter: string; requestMethods: string[]; initiatorDomains?: string[] };
}

/** What one trial changes: the rules, where they apply, and what DNR cannot try. */
export interface TrialPlan {
  rules: TrialRule[];
  /** Each rule's URL (origin + path) and method, to recognise the trial's requests. */
  scopes: { url: string; method: string }[];
  /** Plain sentences: the parts of the plan the browser cannot try (a status change). */
  untried: string[];
}

/** Methods DNR's requestMethods knows; anything else is 'other'. */
const DNR_METHODS = new Set(['connect', 'delete', 'get', 'head', 'options', 'patch', 'post', 'put']);
const dnrMethod = (m: string) => (DNR_METHODS.has(m.toLowerCase()) ? m.toLowerCase() : 'other');

/** RE2 and JS agree on these escapes. */
const escapeRe = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/** scheme://host[:port]/path of a URL, or undefined when it is not a fetchable URL. */
export function endpointKey(url: string): string | undefined {
  const u = parseUrl(url);
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) return undefined;
  return `${serializeOrigin(url)}${u.pathname}`;
}

/** The URL and method of each hop as the browser requests it (a 303 turns the method into GET). */
function hopRequests(record: RequestRecord, upTo: number): { url: string; method: string }[] {
  const out: { url: string; method: string }[] = [];
  let method = record.method;
  let headers = record.requestHeaders ?? [];
  const hops: Hop[] = record.hops;
  for (let i = 0; i <= upTo; i++) {
    const hop = hops[i];
    const prev = hops[i - 1];
    const url = hop?.url ?? locationOf(prev);
    if (url === undefined) break;
    if (i > 0 && prev?.response)
      ({ method, requestHeaders: headers } = followRedirect(method, headers, prev.response.status, serializeOrigin(url) !== serializeOrigin(prev.url)));
    out.push({ url, method });
  }
  return out;
}

function locationOf(hop: Hop | undefined): string | undefined {
  const r = hop?.response;
  if (!hop || !r || !isRedirectStatus(r.status)) return undefined;
  const line = r.headers.findLast((h) => typeof h?.name === 'string' && h.name.toLowerCase() === 'location');
  return line && typeof line.value === 'string' ? parseUrl(line.value, hop.url)?.href : undefined;
}

const lineOf = (line: string) => {
  const i = line.indexOf(':');
  return { name: line.slice(0, i).trim(), value: line.slice(i + 1).trim() };
};

/** A header a trial may set: a token name, a printable value, never a wildcard. */
function safeLine(name: string, value: string, pageOrigin: string): boolean {
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || /[\u0000-\u001f\u007f]/.test(value)) return false;
  if (value === '*' || /(^|,)\s*\*\s*(,|$)/.test(value)) return false;
  // Access-Control-Allow-Origin: only the page's own origin (never reflection, never another one).
  return name.toLowerCase() !== 'access-control-allow-origin' || value === pageOrigin;
}

const what = (step: FixStep, method: string) =>
  step.stage === 'preflight' ? 'the OPTIONS response' : step.stage === 'redirect' ? 'the redirect' : `the ${method} response`;

/** The rules for one finding's plan in one tab; ids from `firstId` on. */
export function trialPlan(tabId: number, record: RequestRecord, steps: readonly FixStep[], firstId: number): TrialPlan {
  const pageOrigin = record.origin;
  const pageHost = parseUrl(pageOrigin)?.hostname;
  const untried: string[] = [];
  const rules: TrialRule[] = [];
  const scopes: TrialPlan['scopes'] = [];
  const requests = hopRequests(record, Math.max(0, ...steps.map((s) => s.hop)));
  for (const step of steps) {
    const req = requests[step.hop];
    const method = step.stage === 'preflight' ? 'OPTIONS' : (req?.method ?? record.method);
    const target = what(step, method);
    if (step.status)
      untried.push(
        `${target}: answer ${step.status.to} instead of ${step.status.from}. An extension cannot change a status code; only the headers are tried, the status is the server's part.`,
      );
    const key = req === undefined ? undefined : endpointKey(req.url);
    if (key === undefined) {
      if (step.headers.length || step.remove?.length) untried.push(`${target}: its URL is unknown, so its headers cannot be tried.`);
      continue;
    }
    const lines = step.headers.map(lineOf);
    const bad = lines.find((l) => !safeLine(l.name, l.value, pageOrigin));
    if (bad) {
      untried.push(`${target}: the line for ${bad.name} is not one a trial may send.`);
      continue;
    }
    const seen = new Set<string>();
    const responseHeaders: TrialRule['action']['responseHeaders'] = [];
    for (const l of lines) {
      const lower = l.name.toLowerCase();
      responseHeaders.push({ header: l.name, operation: seen.has(lower) ? 'append' : 'set', value: l.value });
      seen.add(lower);
    }
    for (const name of step.remove ?? []) if (!seen.has(name.toLowerCase())) responseHeaders.push({ header: name, operation: 'remove' });
    if (responseHeaders.length === 0) continue;
    const condition: TrialRule['condition'] = { tabIds: [tabId], regexFilter: endpointRegex(key), requestMethods: [dnrMethod(method)] };
    if (pageHost) condition.initiatorDomains = [pageHost.replace(/^\[|\]$/g, '')];
    rules.push({ id: firstId + rules.length, priority: 1, action: { type: 'modifyHeaders', responseHeaders }, condition });
    scopes.push({ url: key, method: method.toUpperCase() });
  }
  return { rules, scopes, untried };
}

/** Whether a request (first URL and method) is one the trial's rules apply to. */
/**
 * The rule's URL filter for an endpoint key (origin + path): any query, and any user:password@,
 * which the request URL carries when XHR credentials are given to open() (Chromium 156 matches the
 * URL with it: lab xhr-open-credentials-acao-wildcard).
 */
export function endpointRegex(key: string): string {
  const at = key.indexOf('://') + 3;
  return `^${escapeRe(key.slice(0, at))}([^/?#@]*@)?${escapeRe(key.slice(at))}(\\?.*)?$`;
}

export function inScope(scopes: readonly { url: string; method: string }[], url: string, method: string): boolean {
  const key = endpointKey(url);
  return key !== undefined && scopes.some((s) => s.url === key && (s.method === method.toUpperCase() || s.method === 'OPTIONS'));
}
