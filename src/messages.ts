// The one typed message vocabulary between the background worker, the panel, the popup and the
// page bridge. Every receiver takes `unknown` and narrows it with the guards below.
import type { ServerFix } from './core/fix/server';
import { isSerializedOrigin } from './core/origin';
import type { CredentialsMode, EngineMessages, Finding, Fix, InitiatorKind, RequestRecord, StackId } from './core/types';

/** How we know the credentials mode, strongest first. */
export type CredentialsEvidence =
  | 'page-hook' // the MAIN-world hook saw credentials:'include' / withCredentials
  | 'cookie' // a Cookie header was sent cross-origin
  | 'storage-access' // Sec-Fetch-Storage-Access was sent (only on cross-site 'include' requests)
  | 'outcome' // the browser blocked it and only the credentialed reading of the headers explains why
  | 'none';

/** A finding as the worker stores it for one tab: the validator's finding plus its context. */
export interface TabFinding extends Finding {
  id: string;
  tabId: number;
  requestId: string;
  /** ms since the epoch, when the outcome was seen. */
  time: number;
  method: string;
  credentials: CredentialsMode;
  credentialsEvidence: CredentialsEvidence;
  credentialed: boolean;
  initiator: InitiatorKind;
  /** Status code of the response at `stage`, when one arrived. */
  status?: number;
  /** True when the browser blocked the request but no rule explains why. */
  unexplained?: boolean;
  /** Made by one of the page's workers (a service or shared worker), not by the page itself. */
  fromWorker?: true;
  /** The request as seen, redacted (Cookie/Authorization/Set-Cookie values replaced). */
  record: RequestRecord;
}

/**
 * A finding as the `cors/findings` reply carries it: the stored finding plus what is rendered at
 * reply time (never stored): every stack's snippet, and for an error every engine's words.
 */
export interface FindingReply extends TabFinding {
  fix: Fix & { snippets: Partial<Record<StackId, string>> };
  messages?: EngineMessages;
}

/** One server's merged fix as replies carry it: `fix.snippets` rendered from `fix.spec`. */
export interface ServerFixReply extends ServerFix {
  fix: ServerFix['fix'] & { snippets: Record<StackId, string> };
}

export interface TabSnapshot {
  tabId: number;
  findings: TabFinding[];
  /** How many old findings were dropped to respect the per-tab cap. */
  dropped: number;
  preserveLog: boolean;
  /**
   * The tab's document was open before the extension started and could not be given the page
   * hook: requests without cookies have no known credentials mode until the page is reloaded.
   */
  unhooked?: boolean;
  /**
   * Requests the page made before the extension was listening (as the browser or the extension
   * started): the page hook saw them, the browser's events for them came before any listener.
   * Their outcome is unknown until the page makes them again.
   */
  unwatched?: Unwatched;
}

/** A request no listener saw: method and URL (redacted, as in exports), from the page hook. */
export interface UnwatchedRequest {
  method: string;
  url: string;
}

export interface Unwatched {
  /** How many, since the tab's log was last cleared. */
  count: number;
  /** The newest ones (at most 50). */
  requests: UnwatchedRequest[];
}

/** One-shot requests to the background (runtime.sendMessage). */
export type BackgroundRequest =
  | { type: 'cors/findings'; tabId: number }
  /** One merged fix per API origin the tab talked to (src/core/fix/server.ts). */
  | { type: 'cors/server-fixes'; tabId: number }
  | { type: 'cors/clear'; tabId: number }
  | { type: 'cors/preserve-log'; tabId: number; on: boolean }
  | { type: 'cors/page-hints'; hints: PageHint[] }
  | TryFixRequest;

/**
 * "Try fix" (docs/message-api.md): apply a blocked request's whole plan to that tab's requests to
 * that URL for a while (`ttlMs`, at most TRIAL_MS), remove every trial rule of the tab (`off`), or
 * send the request again (`resend`: from the page where that is safe, else a reload).
 */
export type TryFixRequest =
  | { type: 'cors/try-fix'; tabId: number; requestId: string; ttlMs?: number }
  /** The merged fix of one API origin (`cors/server-fixes`), on every request of the tab it covers. */
  | { type: 'cors/try-fix'; tabId: number; server: string; ttlMs?: number }
  | { type: 'cors/try-fix'; tabId: number; off: true }
  | { type: 'cors/try-fix'; tabId: number; resend: true };

/** How long a trial lasts unless stopped sooner. */
export const TRIAL_MS = 10 * 60 * 1000;

/** What the browser did with a request made while a trial was on. */
export interface TrialOutcome {
  /** The browser let the page read the response. */
  accepted: boolean;
  /**
   * The browser's own word: Chromium's outcome, an error in Firefox, or the page's fetch() result
   * after a re-send. False: Firefox ended the request in onCompleted, so `accepted` is the
   * validator's reading of the headers Firefox showed (its webRequest can hide a repeated line).
   */
  confirmed: boolean;
  /** Set by a re-send: fetch() in the page resolved or rejected. */
  fromPage?: boolean;
  /** Blocked: the sentence for the response as the trial left it (what is still wrong). */
  message?: string;
  /** Blocked only because of a status the trial could not change. */
  statusOnly?: boolean;
  requestId: string;
  time: number;
}

/** One request a server trial covers: its before, and what the browser did with it since. */
export interface CoveredRequest {
  requestId: string;
  /** scheme://host/path (the request's first URL). */
  url: string;
  method: string;
  /** The browser's sentence before the trial; none when the request already passed. */
  before?: string;
  /** Steps of its fix change a status, which a trial cannot do (the server's part). */
  needsStatus?: true;
  outcome?: TrialOutcome;
}

/** One tab's trial, as the panel shows it. */
export interface TrialState {
  tabId: number;
  /** The finding's request the plan came from ('' for a server trial). */
  requestId: string;
  /** scheme://host/path the rules apply to (the request's first URL); a server trial: the API origin. */
  url: string;
  /** A server trial: the API origin whose merged fix is tried. */
  server?: string;
  /** A server trial: every request of the tab its fix covers, each with its own before and after. */
  covered?: CoveredRequest[];
  method: string;
  pageOrigin: string;
  started: number;
  expires: number;
  /** Session rules in place. */
  rules: number;
  /** What the trial cannot do (a status change: the server's part). */
  untried: string[];
  /** The browser's sentence before the trial. */
  before: string;
  /** Re-sending from the page is safe (GET/HEAD, no secret header); otherwise a reload. */
  replayable: boolean;
  outcome?: TrialOutcome;
}

/**
 * The port the bridge sends `cors/page-hints` on while a page's hints flow (the same messages as
 * by runtime.sendMessage, which starts it; docs/message-api.md).
 */
export const HINTS_PORT = 'cors-hints';

/** Most hints one `cors/page-hints` message may carry (the bridge batches; a bigger batch is refused). */
export const MAX_HINTS_PER_MESSAGE = 64;

/** What the MAIN-world hook learns of one fetch/XHR call. Hints only: the page can forge them. */
export interface PageHint {
  url: string;
  method: string;
  credentials: CredentialsMode;
  initiator: 'fetch' | 'xmlhttprequest';
  time: number;
}

/** Port traffic, panel/popup -> background. The port is named `cors-panel`: the panel's one
 *  transport, for its subscription and its commands (clear, preserve log) alike. */
export type ToBackground =
  | { type: 'subscribe'; tabId: number }
  | { type: 'clear'; tabId: number }
  | { type: 'preserve-log'; tabId: number; on: boolean }
  /** Asks for the tab's per-server fixes; answered with `server-fixes`. */
  | { type: 'server-fixes'; tabId: number };

/** Port traffic, background -> panel/popup: a snapshot first, then additions. */
export type ToPanel =
  | ({ type: 'snapshot' } & TabSnapshot)
  /** `removed`: how many of the oldest findings the budget dropped (take them out of the list). */
  | { type: 'added'; tabId: number; findings: TabFinding[]; dropped: number; removed?: number }
  | { type: 'cleared'; tabId: number }
  /** The tab's merged fix per API origin, without snippets (the panel renders the chosen stack). */
  | { type: 'server-fixes'; tabId: number; servers: ServerFix[] }
  /** The tab's trial started, changed (an outcome) or ended (null). */
  | { type: 'trial'; tabId: number; trial: TrialState | null };

const isObject = (m: unknown): m is Record<string, unknown> => typeof m === 'object' && m !== null;
const isTabId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isTtl = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= TRIAL_MS;

export function isBackgroundRequest(m: unknown): m is BackgroundRequest {
  if (!isObject(m)) return false;
  switch (m.type) {
    case 'cors/findings':
    case 'cors/server-fixes':
    case 'cors/clear':
      return isTabId(m.tabId);
    case 'cors/preserve-log':
      return isTabId(m.tabId) && typeof m.on === 'boolean';
    case 'cors/try-fix':
      return (
        isTabId(m.tabId) &&
        (m.off === true ||
          m.resend === true ||
          (isSerializedOrigin(m.server) && (m.ttlMs === undefined || isTtl(m.ttlMs))) ||
          (typeof m.requestId === 'string' && m.requestId.length > 0 && m.requestId.length <= 256 && (m.ttlMs === undefined || isTtl(m.ttlMs))))
      );
    case 'cors/page-hints':
      return Array.isArray(m.hints) && m.hints.length > 0 && m.hints.length <= MAX_HINTS_PER_MESSAGE && m.hints.every(isPageHint);
    default:
      return false;
  }
}

/** Longest URL a hint may carry; longer ones are dropped by the bridge (the request still gets judged). */
export const MAX_HINT_URL = 4096;

export function isPageHint(h: unknown): h is PageHint {
  return (
    isObject(h) &&
    typeof h.url === 'string' &&
    h.url.length <= MAX_HINT_URL &&
    typeof h.method === 'string' &&
    h.method.length < 64 &&
    (h.credentials === 'include' || h.credentials === 'same-origin' || h.credentials === 'omit') &&
    (h.initiator === 'fetch' || h.initiator === 'xmlhttprequest') &&
    typeof h.time === 'number'
  );
}

export function isToBackground(m: unknown): m is ToBackground {
  if (!isObject(m) || !isTabId(m.tabId)) return false;
  switch (m.type) {
    case 'subscribe':
    case 'clear':
    case 'server-fixes':
      return true;
    case 'preserve-log':
      return typeof m.on === 'boolean';
    default:
      return false;
  }
}

export function isToPanel(m: unknown): m is ToPanel {
  if (!isObject(m) || !isTabId(m.tabId)) return false;
  switch (m.type) {
    case 'snapshot':
      return Array.isArray(m.findings) && typeof m.dropped === 'number' && typeof m.preserveLog === 'boolean';
    case 'added':
      return Array.isArray(m.findings) && typeof m.dropped === 'number' && (m.removed === undefined || (isTabId(m.removed) && m.removed > 0));
    case 'cleared':
      return true;
    case 'trial':
      return (
        m.trial === null ||
        (isObject(m.trial) &&
          typeof m.trial.url === 'string' &&
          typeof m.trial.expires === 'number' &&
          Array.isArray(m.trial.untried) &&
          (m.trial.covered === undefined || Array.isArray(m.trial.covered)))
      );
    case 'server-fixes':
      return Array.isArray(m.servers);
    default:
      return false;
  }
}
