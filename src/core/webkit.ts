// WebKit's (Safari's) CORS console lines, from github.com/WebKit/WebKit:
//   Source/WebCore/loader/CrossOriginAccessControl.cpp   passesAccessControlCheck (origin, wildcard,
//     "more than one origin", credentials) and validatePreflightResponse (status first);
//   Source/WebCore/loader/CrossOriginPreflightResultCache.cpp   the Allow-Methods/-Headers parse
//     and validateMethodAndHeaders (method, then headers);
//   Source/WebKit/NetworkProcess/NetworkLoadChecker.cpp   "Cross-origin redirection to … denied …";
//   Source/WebCore/loader/DocumentThreadableLoader.cpp   "<API> cannot load <url> due to access
//     control checks." (the page's JS error that follows the reason).
// Checked against WebKitGTK 2.50 by test/fixtures/webkit.json (`npm run record:webkit`). WebKit
// prints the reason as a SECURITY error first, then the "cannot load" line as a JS error; a
// finding's `message` is the reason (the sentence people search for), `load` the second line.
import { displayUrl } from './origin';

export const WEBKIT_REASONS = {
  wildcard: 'Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.',
  multipleOrigins: 'Access-Control-Allow-Origin cannot contain more than one origin.',
  /** %1 the request's origin ('null' after a tainting redirect), %2 the response's status. */
  originNotAllowed: 'Origin %1 is not allowed by Access-Control-Allow-Origin. Status code: %2',
  credentials: 'Credentials flag is true, but Access-Control-Allow-Credentials is not "true".',
  /** Every non-2xx preflight, a redirected one included (validatePreflightResponse). */
  preflightStatus: 'Preflight response is not successful. Status code: %1',
  invalidMethods: 'Header Access-Control-Allow-Methods has an invalid value: %1',
  invalidHeaders: 'Header Access-Control-Allow-Headers has an invalid value: %1',
  method: 'Method %1 is not allowed by Access-Control-Allow-Methods.',
  header: 'Request header field %1 is not allowed by Access-Control-Allow-Headers.',
  /** %1 the Location as sent (user:password included). */
  redirectCredentials: 'redirection URL %1 has credentials',
} as const;

/** A redirect's reason is wrapped: %1 the Location without user:password, %2 the reason. */
const REDIRECT = 'Cross-origin redirection to %1 denied by Cross-Origin Resource Sharing policy: %2';
const LOAD = 'cannot load %1 due to access control checks.';

export type WebKitKey = keyof typeof WEBKIT_REASONS;

/** What a rule tells WebKit's sentence: which reason, and its parameters. */
export interface WebKitReason {
  key: WebKitKey;
  params?: readonly string[];
}

/** One pass, so a value that itself holds "%2" is never substituted again. */
const fill = (template: string, params: readonly string[]): string => template.replace(/%([12])/g, (_m, n: string) => params[Number(n) - 1] ?? '');

/**
 * WebKit's SECURITY error for a block. `redirectTo` (the Location, for a failed redirect
 * response) wraps it in "Cross-origin redirection to …", which names the target without its
 * user:password (lab redirect-userinfo).
 */
export function webkitSentence(reason: WebKitReason, redirectTo?: string): string {
  const text = fill(WEBKIT_REASONS[reason.key], reason.params ?? []);
  return redirectTo === undefined ? text : fill(REDIRECT, [displayUrl(redirectTo), text]);
}

/** The JS error that follows: "Fetch API cannot load <url> …" or "XMLHttpRequest cannot load …". */
export function webkitLoadLine(initiator: string | undefined, url: string): string {
  // The URL without user:password@ (lab xhr-open-credentials-*), though the reason keeps it.
  return `${initiator === 'xmlhttprequest' ? 'XMLHttpRequest' : 'Fetch API'} ${fill(LOAD, [displayUrl(url)])}`;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pattern = (template: string): string => escapeRe(template).replace(/%[12]/g, '(.*)');
const REDIRECT_RE = new RegExp(`^${pattern(REDIRECT)}$`, 's');
const MATCHERS = (Object.keys(WEBKIT_REASONS) as WebKitKey[]).map((key) => ({ key, re: new RegExp(`^${pattern(WEBKIT_REASONS[key])}$`, 's') }));

/**
 * Which WebKit reason a console line is (the "CONSOLE SECURITY ERROR " prefix may be left on);
 * undefined when it is none we know. `redirected`: it came wrapped in "Cross-origin redirection …".
 */
export function webkitKeyOf(line: string): { key: WebKitKey; redirected: boolean } | undefined {
  let text = line.trim().replace(/^CONSOLE SECURITY ERROR /, '');
  const wrapped = REDIRECT_RE.exec(text);
  if (wrapped) text = wrapped[2]!;
  const key = MATCHERS.find((m) => m.re.test(text))?.key;
  return key === undefined ? undefined : { key, redirected: wrapped !== null };
}

/**
 * WebKit's one reason for an Access-Control-Allow-Origin that is missing, empty, invalid, "null"
 * or another origin: passesAccessControlCheck compares the value with the origin as a string
 * (after ruling out `*` and a comma list) and names the origin it wanted.
 */
export function originNotAllowed(ctx: { origin: string; response: { status: unknown } }): WebKitReason {
  return { key: 'originNotAllowed', params: [ctx.origin, String(ctx.response.status)] };
}
