// What a rule is. One rule per file under rules/; the file name is the rule's id (test/unit/registry.test.ts).
import type { CorsHeaders } from './headers';
import type { FirefoxReason } from './firefox';
import type { WebKitReason } from './webkit';
import type { Browser, Reason } from './message';
import type { FixPlan } from './fix/plan';
import type { HeaderLine, InitiatorKind, RequestRecord, ResponseSeen, Severity, Stage } from './types';

/** Everything a rule may look at: one response of one hop, with the request as it was at that hop. */
export interface StageContext {
  record: RequestRecord;
  hop: number;
  stage: Stage;
  /** The hop's URL (the URL Chromium reports the error for). */
  url: string;
  /** hops[0].url. */
  firstUrl: string;
  /** The requesting page's origin as the record gives it (what the console prints). */
  pageOrigin: string;
  /** The origin the CORS check compares against: the page origin, or 'null' after redirect-taint. */
  origin: string;
  /** Index of the hop whose redirect tainted the origin; -1 when not tainted. */
  taintHop: number;
  /** Credentials mode 'include' (only then are `*` and ACAC judged the credentialed way). */
  credentialed: boolean;
  initiator: InitiatorKind;
  /** The method at this hop (a 303 turns POST into GET). */
  method: string;
  /** Request headers at this hop (a method change drops the body headers). */
  requestHeaders: HeaderLine[];
  /** The response being judged (the preflight's for stage 'preflight'). */
  response: ResponseSeen;
  /** response.status, or NaN when the record has no usable status. */
  status: number;
  /** The browser whose verdict and words are wanted. */
  browser: Browser;
  /** The CORS headers of `response`, read that browser's way (lines joined with ", "). */
  h: CorsHeaders;
  /** For stage 'redirect': where it leads (Location resolved, else the next hop's URL). */
  location: string | undefined;
  /** For stage 'redirect': following it would taint the origin (Fetch redirect-taint). */
  redirectTaints: boolean;
}

/** What a failing check reports. */
export interface Hit {
  /** Chromium's failed_parameter ('' when it has none). */
  hint: string;
  /** Lower-case offending header name, for highlighting. */
  header?: string;
  /** A few words, e.g. "ACAO is * with credentials". */
  cause: string;
}

export interface Rule {
  id: string;
  severity: Severity;
  /** Stages the rule runs on; its position in rules/index.ts is its place in Chromium's order. */
  stages: readonly Stage[];
  /** Chromium's CorsError name for the preflight and for the other stages (our own for warnings). */
  code: { preflight: string; other: string };
  /** Chromium's IsPreflightError(): whether the console adds "Response to preflight request …". */
  preflightPrefix: boolean;
  /**
   * The reason text per browser (errors); the advice line (warnings). Firefox's is a
   * security.properties key and its parameter (src/core/firefox.ts builds the sentence); WebKit's
   * a reason key and its parameters (src/core/webkit.ts).
   */
  reason: { chromium: Reason; firefox?: (ctx: StageContext, hit: Hit) => FirefoxReason; webkit?: (ctx: StageContext, hit: Hit) => WebKitReason };
  /** Firefox's own verdict where its check differs from Chromium's (nsCORSListenerProxy.cpp). */
  firefoxCheck?: (ctx: StageContext) => Hit | undefined;
  /** WebKit's own verdict where its check differs from Chromium's (CrossOriginAccessControl.cpp). */
  webkitCheck?: (ctx: StageContext) => Hit | undefined;
  /** A one-line summary of the cause, for docs and the README table. */
  summary: string;
  check(ctx: StageContext): Hit | undefined;
  explain(ctx: StageContext, hit: Hit): string;
  /**
   * The cure. Called with `ctx.credentialed` true when the credentials mode is 'unknown' (and
   * `ctx.record.credentials` then 'include'): a cure is always written for a credentialed request
   * unless the page said it sends none (validate.ts cureOf).
   */
  fix(ctx: StageContext, hit: Hit): FixPlan;
  /**
   * How people describe this error in their own words (not a browser's sentence), for `explain`
   * (src/core/explain.ts). Matched loosely: any case, any quote marks, a missing full stop.
   */
  paraphrases?: readonly Paraphrase[];
}

/** A common description of an error; `stage` when the words name the response. */
export interface Paraphrase {
  text: string;
  stage?: Stage;
}

export function defineRule<const R extends Rule>(rule: R): R {
  return rule;
}

/** The same CorsError name on every stage (rules that only run on one kind of stage). */
export function oneCode(name: string): Rule['code'] {
  return { preflight: name, other: name };
}

/** The Chromium pair kX / kPreflightX. */
export function twinCodes(name: string): Rule['code'] {
  return { preflight: `Preflight${name}`, other: name };
}

export const ACCESS_STAGES = ['preflight', 'response', 'redirect'] as const satisfies readonly Stage[];
