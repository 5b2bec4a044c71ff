// The shared credential validator: what Chromium says about one cross-origin request, why, and
// which server headers fix it. Pure: no DOM, no extension API.
//
// validate() replays Chromium's CORS checks hop by hop (services/network/cors/cors_url_loader.cc):
// for each hop whose request is in CORS mode, the preflight (if the record has one), then the hop's
// response (stage 'redirect' for a 3xx with a Location, else 'response'). On each stage the rules
// run in rules/index.ts order; the first error ends the walk, because Chromium stops there too.
//
// Credentials mode 'unknown' is judged as NOT credentialed (like 'omit'/'same-origin'): we do not
// claim an error the browser may not have raised. Callers that need both readings (the background
// worker, when the browser blocked a request and the mode is unknown) call validate() once per mode.
import { isRedirectStatus } from './access';
import { buildFix } from './fix/build';
import { completePlan } from './fix/steps';
import { followRedirect } from './follow';
import type { FixPlan } from './fix/plan';
import { type CorsHeaders, readCorsHeaders } from './headers';
import { FIREFOX_REASONS, firefoxSentence, mdnLink, type FirefoxKey, type FirefoxReason } from './firefox';
import { BROWSERS, encodeHint, ENGINES, type Browser } from './message';
import { parseUrl, serializeOrigin, urlHasCredentials } from './origin';
import redirectCredentials from './rules/redirect-credentials';
import type { Hit, Rule, StageContext } from './rule';
import { firefoxRules, rules, webkitRules } from './rules/index';
import { normalizeMethod } from './safelist';
import { webkitLoadLine, webkitSentence } from './webkit';
import { PARAGRAPH } from './words';
import type { EngineMessages, Finding, Fix, HeaderLine, Hop, RequestRecord, ResponseSeen, Stage } from './types';

export { corsUnsafeHeaderNames, needsPreflight } from './safelist';
export { serializeOrigin } from './origin';
export { STACKS } from './fix/stacks/list';
export { rules } from './rules/index';
export type { RuleId } from './rules/index';

const select = (list: readonly Rule[], stage: Stage, severity: Rule['severity']): readonly Rule[] =>
  list.filter((r) => r.severity === severity && r.stages.includes(stage));
const byStage = (list: readonly Rule[], severity: Rule['severity']): Record<Stage, readonly Rule[]> => ({
  preflight: select(list, 'preflight', severity),
  response: select(list, 'response', severity),
  redirect: select(list, 'redirect', severity),
});
/** Per browser: its rules for each stage, in its own check order. */
const ERRORS: Record<Browser, Record<Stage, readonly Rule[]>> = {
  chromium: byStage(rules, 'error'),
  firefox: byStage(firefoxRules, 'error'),
  webkit: byStage(webkitRules, 'error'),
};
const WARNINGS: Record<Browser, Record<Stage, readonly Rule[]>> = {
  chromium: byStage(rules, 'warning'),
  firefox: byStage(firefoxRules, 'warning'),
  webkit: byStage(webkitRules, 'warning'),
};
/** Each browser's own check, where a rule has one. */
const OWN_CHECK: Record<Browser, 'firefoxCheck' | 'webkitCheck' | undefined> = { chromium: undefined, firefox: 'firefoxCheck', webkit: 'webkitCheck' };

export type { Browser } from './message';

const FIREFOX_CODE = Object.fromEntries(Object.entries(FIREFOX_REASONS).map(([k, v]) => [k, v.mdn])) as Record<FirefoxKey, string>;

/** Does the browser block this request (is there an error finding)? */
export function isBlocked(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/**
 * What a browser (Chromium unless asked) says about one request: at most one error (the first
 * check that fails, with that browser's console sentence as `message`), first, then advice
 * (warnings) on the stages that passed before it. Never throws, whatever the record holds.
 * `explanation` and `fix` are built on first read; every engine's words come from engineMessages().
 */
export function validate(record: RequestRecord, browser: Browser = 'chromium'): Finding[] {
  if (browser !== 'firefox' && browser !== 'webkit') browser = 'chromium';
  // Firefox and WebKit read a header line alike: a bare CR stays in the value (lab edge-acao-bare-cr).
  const otherReading = browser !== 'chromium';
  if (typeof record !== 'object' || record === null || !Array.isArray(record.hops)) return [];
  const hops = record.hops;
  const firstUrl = typeof hops[0]?.url === 'string' ? hops[0].url : '';
  const pageOrigin = typeof record.origin === 'string' ? record.origin : 'null';
  const credentialed = record.credentials === 'include';
  let method = normalizeMethod(record.method);
  let requestHeaders: HeaderLine[] = Array.isArray(record.requestHeaders) ? record.requestHeaders : [];
  let origin = pageOrigin;
  let taintHop = -1;
  let corsFlag = false;
  const warnings: Finding[] = [];

  for (let i = 0; i < hops.length; i++) {
    const hop: Hop | undefined = hops[i];
    if (typeof hop !== 'object' || hop === null || typeof hop.url !== 'string') break;
    const hopOrigin = serializeOrigin(hop.url);
    // Fetch main fetch: same-origin URLs go "basic" until the request has been in CORS mode once
    // (response tainting stays "cors"); an opaque or tainted origin is never same-origin.
    corsFlag = corsFlag || origin === 'null' || hopOrigin !== origin;
    const at: HopState = { record, hop: i, url: hop.url, firstUrl, pageOrigin, origin, taintHop, credentialed, method, requestHeaders, browser };

    if (corsFlag && isResponse(hop.preflight)) {
      const preflight = hop.preflight;
      const ctx = stageContext(at, 'preflight', preflight, statusOf(preflight), readCorsHeaders(preflight.headers, otherReading), undefined, false);
      const error = runStage(ctx, warnings);
      if (error) return [error, ...warnings];
    }
    if (!isResponse(hop.response)) break;
    const response = hop.response;
    const h = readCorsHeaders(response.headers, otherReading);
    const status = statusOf(response);
    const location = isRedirectStatus(status) ? resolveLocation(h.location, hop.url, hops[i + 1]?.url) : undefined;
    // Fetch redirect-taint: the new URL's origin differs from the current URL's, and the request's
    // origin differs from the current URL's (CorsURLLoader sets tainted_ likewise).
    const redirectTaints = location !== undefined && serializeOrigin(location) !== hopOrigin && pageOrigin !== hopOrigin;
    if (corsFlag) {
      const ctx = stageContext(at, location !== undefined ? 'redirect' : 'response', response, status, h, location, redirectTaints);
      const error = runStage(ctx, warnings);
      if (error) return [error, ...warnings];
    } else if (location !== undefined && leavesWithUserinfo(location, origin)) {
      // A same-origin hop is not CORS-checked, but its Location still is (below).
      const ctx = stageContext(at, 'redirect', response, status, h, location, redirectTaints);
      const hit = redirectCredentials.check(ctx);
      if (hit) return [makeFinding(redirectCredentials, ctx, hit), ...warnings];
    }
    if (location === undefined) break;
    // Follow the redirect (Fetch §4.4 HTTP-redirect fetch).
    const nextOrigin = serializeOrigin(location);
    ({ method, requestHeaders } = followRedirect(method, requestHeaders, status, nextOrigin !== hopOrigin, otherReading));
    if (redirectTaints && taintHop < 0) {
      taintHop = i;
      origin = 'null';
    }
  }
  return warnings;
}

/**
 * Fetch "HTTP-redirect fetch": a request in CORS mode is a network error when the Location carries
 * credentials and the request's origin is tainted or not the Location's origin, whether or not the
 * CORS flag is set yet (Chromium: services/network/cors/cors_url_loader.cc CheckRedirectLocation;
 * recorded on the lab's redirect-userinfo-from-page, where the page's own URL redirects away).
 */
function leavesWithUserinfo(location: string, origin: string): boolean {
  return urlHasCredentials(location) && (origin === 'null' || serializeOrigin(location) !== origin);
}

/** A response to judge. Status 0 is how some collectors say "none arrived" (a network error). */
function isResponse(r: ResponseSeen | undefined): r is ResponseSeen {
  return typeof r === 'object' && r !== null && r.status !== 0;
}

type HopState = Pick<
  StageContext,
  'record' | 'hop' | 'url' | 'firstUrl' | 'pageOrigin' | 'origin' | 'taintHop' | 'credentialed' | 'method' | 'requestHeaders' | 'browser'
>;

/** The HTTP status, or NaN when the record has none worth judging. */
function statusOf(response: ResponseSeen): number {
  const s = response.status;
  return typeof s === 'number' && Number.isInteger(s) && s >= 100 && s <= 999 ? s : NaN;
}

/** One object shape for every stage (no spreads: they are slow on this hot path). */
function stageContext(
  at: HopState,
  stage: Stage,
  response: ResponseSeen,
  status: number,
  h: CorsHeaders,
  location: string | undefined,
  redirectTaints: boolean,
): StageContext {
  return {
    record: at.record,
    hop: at.hop,
    stage,
    url: at.url,
    firstUrl: at.firstUrl,
    pageOrigin: at.pageOrigin,
    origin: at.origin,
    taintHop: at.taintHop,
    credentialed: at.credentialed,
    initiator: at.record.initiator,
    method: at.method,
    requestHeaders: at.requestHeaders,
    browser: at.browser,
    response,
    status,
    h,
    location,
    redirectTaints,
  };
}

/** Where a redirect leads: its Location resolved against the hop URL, else the next hop's URL. */
function resolveLocation(location: string | undefined, url: string, nextUrl: string | undefined): string | undefined {
  if (location !== undefined && location !== '') {
    const u = parseUrl(location, url);
    if (u !== undefined) return u.href;
  }
  return typeof nextUrl === 'string' ? nextUrl : undefined;
}

/** Runs one stage's rules; returns the error, collecting warnings of a passing stage. */
function runStage(ctx: StageContext, warnings: Finding[]): Finding | undefined {
  const own = OWN_CHECK[ctx.browser];
  for (const rule of ERRORS[ctx.browser][ctx.stage]) {
    const check = (own && rule[own]) || rule.check;
    const hit = check(ctx);
    if (hit) return makeFinding(rule, ctx, hit);
  }
  for (const rule of WARNINGS[ctx.browser][ctx.stage]) {
    const hit = rule.check(ctx);
    if (hit) warnings.push(makeFinding(rule, ctx, hit));
  }
  return undefined;
}

/**
 * Explanation and fix are built on first read: most callers only count and list findings, and the
 * fix plan re-judges the record once per step. They are own enumerable accessors (JSON, structured
 * clone and spread still see plain values), defined from shared descriptors, which V8 creates
 * about twice as fast as an object literal with get/set.
 */
const LAZY = Symbol('lazy');

interface LazyState {
  rule: Rule;
  ctx: StageContext;
  hit: Hit;
  explanation?: string;
  fix?: Fix;
}

type Lazy = { [LAZY]: LazyState };

/** Explanations are paragraphs joined by PARAGRAPH; rules glue sentences loosely, so tidy here. */
function paragraphs(text: string): string {
  return text
    .split(PARAGRAPH)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .join(PARAGRAPH);
}

const LAZY_FIELDS: PropertyDescriptorMap = {
  explanation: {
    enumerable: true,
    configurable: true,
    get(this: Lazy) {
      const s = this[LAZY];
      return (s.explanation ??= paragraphs(s.rule.explain(s.ctx, s.hit)));
    },
    set(this: Lazy, v: string) {
      this[LAZY].explanation = v;
    },
  },
  fix: {
    enumerable: true,
    configurable: true,
    get(this: Lazy) {
      const s = this[LAZY];
      return (s.fix ??= cureOf(s.rule, s.ctx, s.hit));
    },
    set(this: Lazy, v: Fix) {
      this[LAZY].fix = v;
    },
  },
};

/**
 * Said once in a fix written for a credentialed request because the mode was not known (Fetch
 * standard, "CORS check": Access-Control-Allow-Credentials is only read when the credentials mode
 * is "include").
 */
export const UNKNOWN_CREDENTIALS_NOTE =
  "The page's credentials mode was not seen, so this fix is written for a request with credentials (cookies, HTTP authentication): the exact origin, Vary: Origin and Access-Control-Allow-Credentials: true on every response named. They are harmless on a request without credentials and required on one with them.";

/**
 * The record a cure is written for: a credentials mode of 'unknown' is cured as 'include' (the
 * verdict, judged as the browser would without credentials, stays as it was). A cure for
 * 'include' also works for 'omit' and 'same-origin'; the reverse is not true.
 */
export function cureRecord(record: RequestRecord): RequestRecord {
  return record.credentials === 'unknown' ? { ...record, credentials: 'include' } : record;
}

/** The rule's fix completed into every step, for the request as cureRecord() reads it. */
function cureOf(rule: Rule, ctx: StageContext, hit: Hit): Fix {
  const unsure = ctx.record.credentials === 'unknown';
  const at = unsure ? { ...ctx, record: cureRecord(ctx.record), credentialed: true } : ctx;
  const plan: FixPlan = rule.fix(at, hit);
  if (unsure && !plan.notes.includes(UNKNOWN_CREDENTIALS_NOTE)) plan.notes = [...plan.notes, UNKNOWN_CREDENTIALS_NOTE];
  const { steps, notes } = completePlan(at.record, plan, rulePlans);
  return buildFix(plan, steps, notes);
}

/** Each finding's own rule fix (one step), without completing it: what completePlan() folds in. */
function rulePlans(record: RequestRecord): FixPlan[] {
  return validate(record, 'chromium').map((f) => {
    const s = (f as unknown as Lazy)[LAZY];
    return s.rule.fix(s.ctx, s.hit);
  });
}

/** One engine's words for a finding: its code, its console sentence, and what goes with them. */
interface Words {
  code: string;
  message: string;
  /** Firefox: the MDN page its console links to. */
  docs?: string;
  /** WebKit: the JS error that follows the reason. */
  loadError?: string;
  /** Firefox: the lines it logs after the reason for the same request. */
  followUp?: string[];
}

function wordsOf(rule: Rule, ctx: StageContext, hit: Hit): Words {
  const code = ctx.stage === 'preflight' ? rule.code.preflight : rule.code.other;
  if (rule.severity === 'error' && ctx.browser === 'firefox' && rule.reason.firefox) {
    const reason = rule.reason.firefox(ctx, hit);
    const followUp = firefoxFollowUp(rule, ctx).map((r) => firefoxSentence(ctx.url, r));
    return {
      code: FIREFOX_CODE[reason.key],
      docs: mdnLink(reason.key),
      message: firefoxSentence(ctx.url, reason),
      ...(followUp.length > 0 ? { followUp } : {}),
    };
  }
  if (rule.severity === 'error' && ctx.browser === 'webkit' && rule.reason.webkit) {
    // WebKit names no error codes: Chromium's CorsError name stays the code.
    const message = webkitSentence(rule.reason.webkit(ctx, hit), ctx.stage === 'redirect' ? ctx.location : undefined);
    return { code, message, loadError: webkitLoadLine(ctx.initiator, ctx.url) };
  }
  const reason = rule.reason.chromium({ hint: encodeHint(hit.hint), initiator: ctx.initiator });
  if (rule.severity !== 'error') return { code, message: reason };
  const message = BROWSERS.chromium.sentence({
    hint: hit.hint,
    initiator: ctx.initiator,
    firstUrl: ctx.firstUrl,
    url: ctx.url,
    pageOrigin: ctx.pageOrigin,
    preflightPrefix: rule.preflightPrefix && ctx.stage === 'preflight',
    reason,
  });
  return { code, message };
}

const DID_NOT_SUCCEED: FirefoxReason = { key: 'CORSDidNotSucceed2' };

/**
 * What Firefox logs after the reason when the refusal fails the request's channel, not just its
 * response: a failed preflight, a refused redirect, or a response refused after a preflight and a
 * redirect (nsCORSListenerProxy::OnStartRequest logs CORSDidNotSucceed2 for a failed channel).
 * Recorded on every lab scenario (test/fixtures/firefox.json, checked by conformance-firefox):
 * a redirected preflight adds "preflight response did not succeed" (or a second "did not succeed"
 * when its ACAO check refused it first); a refused Location with user:password@ logs nothing else.
 */
function firefoxFollowUp(rule: Rule, ctx: StageContext): FirefoxReason[] {
  if (ctx.stage === 'preflight') {
    if (rule.id === 'preflight-redirect') return [{ key: 'CORSPreflightDidNotSucceed3', param: String(ctx.status) }, DID_NOT_SUCCEED];
    return isRedirectStatus(ctx.status) && ctx.h.location ? [DID_NOT_SUCCEED, DID_NOT_SUCCEED] : [DID_NOT_SUCCEED];
  }
  if (ctx.stage === 'redirect') return rule.id === 'redirect-credentials' ? [] : [DID_NOT_SUCCEED];
  return ctx.record.hops.slice(0, ctx.hop).some((h) => h.preflight !== undefined) ? [DID_NOT_SUCCEED] : [];
}

/** One construction for every browser's findings. */
function makeFinding(rule: Rule, ctx: StageContext, hit: Hit): Finding {
  const w = wordsOf(rule, ctx, hit);
  const finding: Omit<Finding, 'explanation' | 'fix'> = {
    rule: rule.id,
    code: w.code,
    stage: ctx.stage,
    severity: rule.severity,
    hop: ctx.hop,
    url: ctx.url,
    hint: hit.hint,
    header: hit.header,
    cause: hit.cause,
    message: w.message,
  };
  if (w.docs !== undefined) finding.docs = w.docs;
  if (w.loadError !== undefined) finding.loadError = w.loadError;
  if (w.followUp !== undefined) finding.followUp = w.followUp;
  return lazy(finding, rule, ctx, hit);
}

/**
 * Every engine's console sentence for the record (null where that engine lets it through): what
 * the panel's "In Firefox" / "In Safari" lines and the exports show. Rendered where shown, never
 * stored: a stored finding keeps its own browser's `message` and the `record` this is built from.
 */
export function engineMessages(record: RequestRecord): EngineMessages {
  const out = { chromium: null, firefox: null, webkit: null } as EngineMessages;
  for (const b of ENGINES) out[b] = validate(record, b).find((f) => f.severity === 'error')?.message ?? null;
  return out;
}

/**
 * A stored finding's words in every engine, rendered from its `record`: only a CORS error has them
 * (a warning is advice, a cookie finding no CORS block, an unexplained block has no rule). Its own
 * engine's words stay its `message`: a stored record may have been cut to its byte budget after
 * the verdict, and the sentence was made from the whole of it.
 */
export function messagesOf(f: Pick<Finding, 'severity' | 'kind' | 'message'> & { record: RequestRecord; unexplained?: boolean }): EngineMessages | undefined {
  if (f.severity !== 'error' || f.kind === 'cookie' || f.unexplained === true) return undefined;
  const out = engineMessages(f.record);
  out[ownEngine(out, f.message)] = f.message;
  return out;
}

/** Whose sentence `message` is: the engine that says it, else the one that says most of it. */
function ownEngine(m: EngineMessages, message: string): Browser {
  const exact = ENGINES.find((b) => m[b] === message);
  if (exact) return exact;
  const shared = (s: string | null) => {
    let n = 0;
    while (s !== null && n < s.length && n < message.length && s[n] === message[n]) n++;
    return n;
  };
  return ENGINES.reduce((best, b) => (shared(m[b]) > shared(m[best]) ? b : best), 'chromium' as Browser);
}

function lazy(finding: Omit<Finding, 'explanation' | 'fix'>, rule: Rule, ctx: StageContext, hit: Hit): Finding {
  Object.defineProperty(finding, LAZY, { value: { rule, ctx, hit } satisfies LazyState });
  return Object.defineProperties(finding, LAZY_FIELDS) as Finding;
}
