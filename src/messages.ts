// The one typed message vocabulary between the background worker, the panel, the popup and the
// page bridge. Every receiver takes `unknown` and narrows it with the guards below.
import type { CredentialsMode, Finding, InitiatorKind, RequestRecord } from './core/types';

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
  /** The request as seen, redacted (Cookie/Authorization/Set-Cookie values replaced). */
  record: RequestRecord;
}

export interface TabSnapshot {
  tabId: number;
  findings: TabFinding[];
  /** How many old findings were dropped to respect the per-tab cap. */
  dropped: number;
  preserveLog: boolean;
}

/** One-shot requests to the background (runtime.sendMessage). */
export type BackgroundRequest = { type: 'cors/findings'; tabId: number } | { type: 'cors/page-hints'; hints: PageHint[] };

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
export type ToBackground = { type: 'subscribe'; tabId: number } | { type: 'clear'; tabId: number } | { type: 'preserve-log'; tabId: number; on: boolean };

/** Port traffic, background -> panel/popup: a snapshot first, then additions. */
export type ToPanel =
  | ({ type: 'snapshot' } & TabSnapshot)
  /** `removed`: how many of the oldest findings the budget dropped (take them out of the list). */
  | { type: 'added'; tabId: number; findings: TabFinding[]; dropped: number; removed?: number }
  | { type: 'cleared'; tabId: number };

const isObject = (m: unknown): m is Record<string, unknown> => typeof m === 'object' && m !== null;
const isTabId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

export function isBackgroundRequest(m: unknown): m is BackgroundRequest {
  if (!isObject(m)) return false;
  switch (m.type) {
    case 'cors/findings':
      return isTabId(m.tabId);
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
    default:
      return false;
  }
}
