// The validator's whole vocabulary. Pure data: no DOM, no extension API (see src/core/tsconfig.json).
import type { FixSpec } from './fix/plan';

export type { CookieSpec, FixSpec, SnippetSpec } from './fix/plan';

/** One header line as the network carried it. Repeated headers stay separate lines, in order. */
export interface HeaderLine {
  name: string;
  value: string;
}

/** The request's credentials mode (Fetch §2.2.5). 'unknown' when nothing told us. */
export type CredentialsMode = 'include' | 'same-origin' | 'omit' | 'unknown';

/** Who issued the request; Chromium's console wording differs between the two. */
export type InitiatorKind = 'fetch' | 'xmlhttprequest' | 'unknown';

/** Which response a finding is about, and so which response the fix goes on. */
export type Stage = 'preflight' | 'response' | 'redirect';

/** 'error': the browser blocks the request. 'warning': advice on a request that works. */
export type Severity = 'error' | 'warning';

export interface ResponseSeen {
  status: number;
  headers: HeaderLine[];
}

/**
 * One network hop: the URL requested, the CORS preflight sent for it (if any) and its response.
 * A hop whose response is a 3xx with a Location header is a redirect; the next hop is where it
 * led. `response` is absent when the browser gave up before one arrived (e.g. a failed preflight).
 */
export interface Hop {
  url: string;
  preflight?: ResponseSeen;
  response?: ResponseSeen;
}

/** What the browser saw of one cross-origin request. */
export interface RequestRecord {
  method: string;
  /** The requesting document's serialized origin, e.g. 'https://app.example.com' ('null' if opaque). */
  origin: string;
  credentials: CredentialsMode;
  initiator: InitiatorKind;
  /**
   * Headers the page set on the request (author headers). Values matter only where a rule needs
   * them (CORS-safelisting of Accept, Content-Type, …); Cookie/Authorization values are never needed
   * and collectors replace them.
   */
  requestHeaders: HeaderLine[];
  /** At least one hop; hops[0].url is the URL the page asked for. */
  hops: Hop[];
}

/** Server stacks we write snippets for. */
export type StackId =
  | 'express'
  | 'fastify'
  | 'koa'
  | 'hono'
  | 'nestjs'
  | 'nextjs'
  | 'nginx'
  | 'apache'
  | 'caddy'
  | 'django'
  | 'flask'
  | 'fastapi'
  | 'rails'
  | 'go'
  | 'spring'
  | 'spring-security'
  | 'aspnet'
  | 'laravel';

/** One response that must change, and how. */
export interface FixStep {
  /** Which response: the preflight (OPTIONS) response, the actual response, or a redirect. */
  stage: Stage;
  /**
   * Index into record.hops of the hop whose response this is. One past the last recorded hop when
   * the response follows a redirect the browser did not follow (it was never seen).
   */
  hop: number;
  /** Exact 'Name: value' lines to send on that response (set, replacing same-named lines). */
  headers: string[];
  /** Header names some layer must stop sending there (e.g. a Location, a stale list). */
  remove?: string[];
  /** A status change, where the status is the cause (e.g. answer OPTIONS 204 before auth). */
  status?: { from: number; to: number; why: string };
}

export interface Fix {
  /** The first response to change: always steps[0]'s stage (kept for compatibility). */
  stage: Stage;
  /** steps[0].hop. Usually the finding's hop; an earlier redirect when that is the honest fix. */
  hop: number;
  /** steps[0].headers. */
  headers: string[];
  /** steps[0].remove. */
  remove?: string[];
  /** steps[0].status. */
  status?: { from: number; to: number; why: string };
  /**
   * Every response that must change, in one plan: steps[0] clears the reported check, the rest
   * follow in the order the browser meets them. A preflight failure: the OPTIONS response, then
   * the actual response (exact origin, credentials, Vary: Origin) unless it was seen and is
   * already right. A redirect: the redirect, then what follows it. Applying ALL steps makes the
   * browser accept the request in one round, with no warning left.
   */
  steps: FixStep[];
  /** Plain-language steps that are not header lines (for the whole plan). */
  notes: string[];
  /** What the stack snippets are rendered from (small; stored with the finding). */
  spec: FixSpec;
  /** Rendered per stack from `spec` on first read. */
  snippets: Record<StackId, string>;
}

/** One console sentence per engine (null: that engine allows the request). */
export interface EngineMessages {
  chromium: string | null;
  firefox: string | null;
  webkit: string | null;
}

export interface Finding {
  /** The rule's id, which is its file name under src/core/rules/. */
  rule: string;
  /**
   * Chromium's CorsError name (e.g. 'PreflightWildcardOriginNotAllowed'), or in Firefox its MDN
   * reason code (e.g. 'CORSNotSupportingCredentials'); our own code for warnings.
   */
  code: string;
  /** Firefox only: the MDN page its console links the error to ("Learn more"). */
  docs?: string;
  stage: Stage;
  severity: Severity;
  /** Index into record.hops of the hop the finding is about. */
  hop: number;
  /** The URL the browser reports the error for (after redirects, the last one). */
  url: string;
  /** Chromium's failed parameter: the bad header value, method or header name ('' if absent). */
  hint: string;
  /** Lower-case name of the offending response or request header, present or missing. */
  header?: string;
  /** The cause in a few words, e.g. "ACAO is * with credentials". */
  cause: string;
  /**
   * The browser's console sentence verbatim for errors (Chromium's, Firefox's, or WebKit's SECURITY
   * error reason); a one-line advice for warnings.
   */
  message: string;
  /** WebKit only: the JS error it prints after `message` ("Fetch API cannot load <url> due to access control checks."). */
  loadError?: string;
  /**
   * Errors only: every engine's console sentence for the same request, null where that engine
   * would let it through (docs/message-api.md). `message` is this browser's own.
   */
  messages?: EngineMessages;
  /** Plain words with the real values. */
  explanation: string;
  fix: Fix;
  /**
   * 'cookie': a credential that never left (a cookie refused or not sent, an HTTP auth challenge,
   * a client certificate), never a CORS block: severity 'warning', apart in the UI. Absent for CORS.
   */
  kind?: 'cookie';
  /** For kind 'cookie': what the finding is about, by name only (never a value). */
  credential?: CredentialNote;
}

/** The credential a kind-'cookie' finding is about. Names and attributes only. */
export interface CredentialNote {
  /** 'set': a Set-Cookie not stored; 'send': a jar cookie not sent; 'auth': an HTTP auth challenge; 'cert': a client certificate. */
  phase: 'set' | 'send' | 'auth' | 'cert';
  /** The cookie name, the auth scheme, or the net error. */
  name: string;
  /** The cookie's attributes as a Set-Cookie writes them (no value); '' for auth and certificates. */
  attributes: string;
  /** Further reasons (DevTools names) that would refuse the cookie once the first is cured. */
  also: string[];
}
