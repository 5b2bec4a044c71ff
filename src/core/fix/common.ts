// Fix plans shared by several rules: the access-check family (ACAO/ACAC on any stage) and the
// honest way out of a credentialed redirect that cannot work.
import { displayUrl, isSerializedOrigin, nameableOrigin, parseUrl } from '../origin';
import type { StageContext } from '../rule';
import { corsUnsafeHeaderNames } from '../safelist';
import { allowedOriginValue, headersToAllow, methodsToAllow, preflightLines, responseLines, staleHeaders } from './lines';
import type { FixPlan, Problem, SnippetSpec } from './plan';

// A path segment naming a login step: /login, /sign-in, /sso, /saml, /oauth2/authorize, /cas/login.
const LOGIN_PATH = /(?:^|\/)(?:log-?in|sign-?in|sso|saml|authorize|oauth2?\/auth)(?:[/.?#]|$)/i;

/** Does this URL look like an identity provider's or an app's login page? */
export function looksLikeLogin(url: string | undefined): boolean {
  if (url === undefined) return false;
  const u = parseUrl(url);
  return u !== undefined && LOGIN_PATH.test(u.pathname);
}

export function pathOf(url: string): string {
  return parseUrl(url)?.pathname ?? '/';
}

/** The spec of a rule's fix: its problem, the request's path, and the origin only when it is one. */
export function specFor(ctx: StageContext, problem: Problem, origin = allowedOriginValue(ctx)): SnippetSpec {
  return {
    kind: 'cors',
    origins: isSerializedOrigin(origin) ? [origin] : [],
    credentials: ctx.credentialed,
    methods: methodsToAllow(ctx),
    headers: headersToAllow(ctx, corsUnsafeHeaderNames(ctx.requestHeaders)).filter((n) => n !== '*'),
    expose: [],
    problems: [problem],
    paths: [pathOf(ctx.url)],
  };
}

/**
 * When a credentialed request ends up somewhere no header can fix — another origin after a
 * cross-origin redirect (its Origin is then 'null'), or a login page — the change belongs on the
 * redirect: answer the API call 401/403 with CORS headers instead of redirecting it.
 * Returns the hop of that redirect, or -1 when the stage's own response is the place to fix.
 */
export function escapeHop(ctx: StageContext): number {
  if (!ctx.credentialed) return -1;
  if (ctx.stage === 'redirect' && (ctx.redirectTaints === true || looksLikeLogin(ctx.location))) return ctx.hop;
  if (ctx.taintHop >= 0) return ctx.taintHop;
  // A redirected API call that ends on a login page (or any HTML page) is the redirect's fault.
  if (ctx.hop > 0 && (looksLikeLogin(ctx.url) || /^text\/html\b/i.test(ctx.h.contentType ?? ''))) return ctx.hop - 1;
  return -1;
}

export function redirectEscapeFix(ctx: StageContext, hop: number): FixPlan {
  const redirect = ctx.record.hops[hop];
  const from = typeof redirect?.response?.status === 'number' ? redirect.response.status : 302;
  const safe = nameableOrigin(ctx.record.origin);
  const headers = safe === '' ? [] : [`Access-Control-Allow-Origin: ${safe}`, 'Access-Control-Allow-Credentials: true', 'Vary: Origin'];
  const target = displayUrl(hop + 1 < ctx.record.hops.length ? ctx.record.hops[hop + 1]!.url : (ctx.location ?? 'another URL'));
  return {
    stage: 'redirect',
    hop,
    headers,
    remove: ['Location'],
    status: {
      from,
      to: 401,
      why: 'a credentialed API call must not be redirected to another origin or a login page; answer it with 401 (or 403) and CORS headers so the page can react',
    },
    notes: [
      `Do not redirect this API call (${redirect?.url ?? ctx.url}) to ${target}. After a cross-origin redirect the browser sends "Origin: null", and no safe header allows a credentialed request from "null".`,
      'Answer 401 (or 403) with the CORS headers below; let the page send the user to the login page itself (window.location), or call the final URL directly.',
      'Never answer "Access-Control-Allow-Origin: null" with credentials: every sandboxed iframe and data: page on the web is "null".',
    ],
    spec: { ...specFor(ctx, 'redirect-escape', safe), paths: [pathOf(redirect?.url ?? ctx.url)] },
  };
}

/** The fix for any ACAO/ACAC failure: the stage's complete CORS set, or the redirect escape. */
export function accessFix(ctx: StageContext, problem: Problem, notes: string[] = []): FixPlan {
  const hop = escapeHop(ctx);
  if (hop >= 0) return redirectEscapeFix(ctx, hop);
  const origin = allowedOriginValue(ctx);
  const preflight = ctx.stage === 'preflight';
  const headers = preflight ? preflightLines(ctx, origin, corsUnsafeHeaderNames(ctx.requestHeaders)) : responseLines(ctx, origin);
  const plan: FixPlan = { stage: ctx.stage, hop: ctx.hop, headers, notes: [...notes], spec: specFor(ctx, problem, origin) };
  const stale = staleHeaders(ctx, headers);
  if (stale.length > 0) plan.remove = stale;
  if (origin === '') {
    plan.notes.push(
      'The page has an opaque origin ("null", e.g. a sandboxed iframe). A credentialed request from it cannot be allowed safely: serve the page from a real origin.',
    );
  } else if (origin === '*') {
    plan.notes.push('After the cross-origin redirect the request\'s origin is "null"; without credentials, "*" allows it.');
  }
  if (preflight && !(ctx.status >= 200 && ctx.status < 300) && Number.isFinite(ctx.status)) {
    plan.status = { from: ctx.status, to: 204, why: 'a preflight must get a 2xx answer; answer OPTIONS before authentication and routing' };
  }
  return plan;
}
