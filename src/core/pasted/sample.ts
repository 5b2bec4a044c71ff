// A request the pasted sentence could be about: the values the text gives, placeholders for the
// rest, and the one response header set that fails the rule. The validator then judges it: a rule
// counts as an answer only when validate() reports that very rule for such a request, and its
// explanation and fix are the validator's own, built for that request.
import type { RuleId } from '../rules/index';
import type { HeaderLine, Hop, RequestRecord, ResponseSeen, Stage } from '../types';

/** What was read from the text; absent = the text does not say. */
export interface Reading {
  url?: string;
  first?: string;
  origin?: string;
  /** The header value, method or header name the sentence quotes. */
  value?: string;
  status?: number;
  /** Where a failed redirect led (WebKit's "Cross-origin redirection to …"). */
  target?: string;
  initiator: 'fetch' | 'xmlhttprequest';
}

/**
 * Stand-ins for what the text does not say. Valid URLs and tokens (the validator needs them),
 * replaced by the <labels> before anything is shown: never presented as the user's values.
 */
export const PLACEHOLDERS: readonly (readonly [string | RegExp, string])[] = [
  ['https://your-page-origin', '<your page origin>'],
  ['https://the-request-url/', '<the request URL>'],
  ['https://the-request-url', '<the API origin>'],
  ['https://the-first-url/', '<the URL that redirected>'],
  ['https://the-first-url', '<the origin that redirected>'],
  ['https://user:password@the-redirect-target/', '<the redirect target>'],
  ['https://the-redirect-target/', '<the redirect target>'],
  ['https://another-origin', '<the origin the server sent>'],
  ['YOUR-METHOD', '<your method>'],
  ['x-your-header', '<your header>'],
  [' (status 299)', ''],
  [/\b(?:299|599)\b/g, '<status>'],
];
const ORIGIN = 'https://your-page-origin';
const URL_ = 'https://the-request-url/';
const FIRST = 'https://the-first-url/';
const METHOD = 'YOUR-METHOD';
/** A redirect status the text does not give (a redirect needs a real one: Fetch's redirect status). */
export const REDIRECT_STATUS = 302;
/** An unknown status: 299 where any 2xx would do, 599 where the rule needs a failing one. */
const OK_STATUS = 299;
const STATUS = 599;

/** The placeholders of `text` as their <labels>. */
export function labelled(text: string): string {
  let out = text;
  for (const [from, to] of PLACEHOLDERS) out = typeof from === 'string' ? out.split(from).join(to) : out.replace(from, to);
  return out;
}

const line = (name: string, value: string): HeaderLine => ({ name, value });
const allowing = (origin: string): HeaderLine[] => [
  line('Access-Control-Allow-Origin', origin),
  line('Access-Control-Allow-Credentials', 'true'),
  line('Vary', 'Origin'),
];
const withAcao = (value: string): HeaderLine[] => [line('Access-Control-Allow-Origin', value), line('Access-Control-Allow-Credentials', 'true')];

/** The failing response's headers (and status) for each error rule. */
type Bad = (r: Reading, origin: string, preflight: boolean) => { headers: HeaderLine[]; status?: number };
const BAD: Record<Exclude<RuleId, 'missing-vary-origin' | 'wildcard-covers-authorization'>, Bad> = {
  'preflight-redirect': (r, o) => ({ status: r.status ?? REDIRECT_STATUS, headers: [...allowing(o), line('Location', 'https://the-redirect-target/')] }),
  'wildcard-origin': () => ({ headers: withAcao('*') }),
  'missing-allow-origin': () => ({ headers: [] }),
  'multiple-allow-origin': (r, o) => ({
    // Firefox's words mean two header lines and do not quote them.
    headers: r.value !== undefined ? withAcao(r.value) : [line('Access-Control-Allow-Origin', 'https://another-origin'), ...withAcao(o)],
  }),
  'null-allow-origin': (r) => ({ headers: withAcao(r.value ?? 'null') }),
  'invalid-allow-origin': (r) => ({ headers: withAcao(r.value ?? '') }),
  'redirect-tainted-origin': (r) => ({ headers: withAcao(r.value ?? 'https://another-origin') }),
  'allow-origin-mismatch': (r) => ({ headers: withAcao(r.value ?? 'https://another-origin') }),
  'allow-credentials': (r, o) => ({
    headers: [line('Access-Control-Allow-Origin', o), ...(r.value ? [line('Access-Control-Allow-Credentials', r.value)] : [])],
  }),
  'preflight-status': (r, o) => ({ status: r.status ?? STATUS, headers: allowing(o) }),
  'invalid-allow-methods': (r, o) => ({ headers: [...allowing(o), line('Access-Control-Allow-Methods', r.value ?? '<bad value>')] }),
  'invalid-allow-headers': (r, o) => ({ headers: [...allowing(o), line('Access-Control-Allow-Headers', r.value ?? '<bad value>')] }),
  'method-not-allowed': (_r, o) => ({ headers: allowing(o) }),
  'header-not-allowed': (_r, o) => ({ headers: allowing(o) }),
  'redirect-credentials': (r, o) => ({
    status: r.status !== undefined && r.status >= 300 && r.status < 400 ? r.status : REDIRECT_STATUS,
    headers: [...allowing(o), line('Location', r.value || 'https://user:password@the-redirect-target/')],
  }),
};

export function hasSample(rule: string): rule is keyof typeof BAD {
  return Object.hasOwn(BAD, rule);
}

/** A credentialed request that fails `rule` at `stage` with what was read, or undefined. */
export function sampleRecord(rule: string, stage: Stage, r: Reading, taintVia?: boolean): RequestRecord | undefined {
  if (!hasSample(rule)) return undefined;
  const origin = r.origin ?? ORIGIN;
  const url = r.url ?? URL_;
  const preflight = stage === 'preflight';
  // A preflight means a method other than GET, HEAD and POST or a header a form cannot send; which
  // (and the method) only Chromium's "Method … is not allowed" says: the method stays a placeholder,
  // listed in the preflight's Access-Control-Allow-Methods so the check fails where the text says.
  const method = rule === 'method-not-allowed' ? (r.value ?? METHOD) : preflight ? METHOD : 'GET';
  // A value no safelist takes ('"' is a CORS-unsafe request-header byte, Fetch §2.2.2), so that a
  // named Accept or Content-Type needs listing as it did for the text's request.
  const requestHeaders = rule === 'header-not-allowed' ? [line(r.value ?? 'x-your-header', '"value"')] : [];
  const bad = BAD[rule](r, origin, preflight);
  if (method === METHOD && rule !== 'method-not-allowed' && !bad.headers.some((h) => /^access-control-allow-methods$/i.test(h.name))) {
    bad.headers = [...bad.headers, line('Access-Control-Allow-Methods', METHOD)];
  }
  const failing: ResponseSeen = { status: bad.status ?? r.status ?? OK_STATUS, headers: bad.headers };
  const hops: Hop[] = [];
  // A redirect the text names (Chromium's "redirected from"), or the one redirect-taint needs.
  const first = r.first ?? (taintVia ? FIRST : undefined);
  if (first !== undefined && first !== url)
    hops.push({ url: first, response: { status: REDIRECT_STATUS, headers: [...allowing(origin), line('Location', url)] } });
  if (rule === 'redirect-credentials') {
    hops.push({ url, response: failing });
    hops.push({ url: bad.headers.at(-1)!.value });
  } else if (stage === 'redirect') {
    // The redirect itself failed the check: it leads on, and the fix belongs on it.
    const target = r.target ?? 'https://the-redirect-target/';
    if (!(failing.status >= 300 && failing.status < 400)) failing.status = REDIRECT_STATUS;
    failing.headers = [...failing.headers, line('Location', target)];
    hops.push({ url, response: failing }, { url: target });
  } else hops.push(preflight ? { url, preflight: failing } : { url, response: failing });
  return { method, origin, credentials: 'include', initiator: r.initiator, requestHeaders, hops };
}
