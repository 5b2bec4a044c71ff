// The cookie side of credentials: what a cookie is made of (name and attributes, never its value),
// the request it met, and what a cookie rule is. Pure data (src/core has no DOM, no extension API).
import type { StackId } from '../types';

export type SameSite = 'none' | 'lax' | 'strict' | 'unspecified';

/**
 * One cookie by name and attributes. From a Set-Cookie line (parseSetCookie) or from the browser's
 * jar (chrome.cookies.Cookie, mapped by the background). The value is never part of it.
 */
export interface CookieFacts {
  name: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: SameSite;
  /** The Domain attribute as written, without a leading dot ('' when absent). */
  domain: string;
  /** The Path attribute as written ('' when absent or not starting with '/'). */
  path: string;
  partitioned: boolean;
  /** From Max-Age (wins) or Expires: ms since the epoch; undefined for a session cookie. */
  expiresAt?: number;
  /** Jar cookies only: the top-level site of its partition (e.g. 'https://app.example'). */
  partitionSite?: string;
}

/** 'set': a Set-Cookie the browser did not store. 'send': a cookie of the jar that did not go out. */
export type CookiePhase = 'set' | 'send';

/** The request a cookie met. */
export interface CookieContext {
  phase: CookiePhase;
  /** The URL of the hop that set, or did not receive, the cookie. */
  url: string;
  /** The page's origin (the top-level site's, for a top-level page). */
  pageOrigin: string;
  /** The request is cross-site (Chromium's Sec-Fetch-Site: cross-site, else a host comparison). */
  crossSite: boolean;
  /** The browser's "block third-party cookies" setting; undefined when unknown. */
  thirdPartyBlocked: boolean | undefined;
  /** ms since the epoch. */
  now: number;
}

export interface CookieRule {
  /** The file name under cookies/rules/. */
  id: string;
  phases: readonly CookiePhase[];
  /** DevTools' blocked reason (Network > Cookies) for this fate; our own name where it has none. */
  code(c: CookieFacts, ctx: CookieContext): string;
  /** A one-line summary, for docs. */
  summary: string;
  check(c: CookieFacts, ctx: CookieContext): boolean;
  /** A few words, e.g. "SameSite=Lax on a cross-site response". */
  cause(c: CookieFacts, ctx: CookieContext): string;
  explain(c: CookieFacts, ctx: CookieContext): string;
}

export type Snippets = Record<StackId, string>;
