// A rule's fix before it becomes a whole plan: one step (the response that clears the rule's
// check), notes and the spec the stack snippets are rendered from. fix/steps.ts completes it into
// every response that must change; snippets are rendered only where they are shown
// (fix/stacks/index.ts renderSnippet), never stored.
import type { FixStep } from '../types';

/** Shown where no page origin can be named (opaque, or not an origin): a reserved name, never allowed by anyone. */
export const PLACEHOLDER_ORIGIN = 'https://app.example';

/** Which server change the snippets must show. */
export type Problem =
  | 'allow-origin' // send the exact origin (+ credentials)
  | 'duplicate-origin' // two layers add Access-Control-Allow-Origin
  | 'allow-credentials' // Access-Control-Allow-Credentials: true, once
  | 'preflight-status' // answer OPTIONS with 2xx before auth/routing
  | 'preflight-redirect' // answer OPTIONS where it is asked, no redirect
  | 'redirect-escape' // do not redirect a credentialed API call cross-origin / to a login page
  | 'redirect-credentials' // no user:pass in Location
  | 'allow-methods'
  | 'allow-headers'
  | 'vary';

/** What a CORS snippet is built from: the observed requests, never a wildcard. */
export interface SnippetSpec {
  kind: 'cors';
  /**
   * The page origins to allow, exactly. Only strings that pass isSerializedOrigin (origin.ts);
   * [] when none can be named (an opaque "null" page, or a value that is not an origin): the
   * snippets then show the placeholder https://app.example and say why.
   */
  origins: string[];
  credentials: boolean;
  /** Methods to allow (the requests' own, plus any already listed). */
  methods: string[];
  /** Request header names to allow, lower-case. */
  headers: string[];
  /** Response header names to expose to the page, lower-case; usually []. */
  expose: string[];
  /** One or more: what the snippets remind of, in order. */
  problems: Problem[];
  /** Paths of the affected URLs, for location blocks and route scopes. */
  paths: string[];
}

/** What a cookie's cure is built from: its name and the attributes a working cookie needs. */
export interface CookieSpec {
  kind: 'cookie';
  /** The cookie's name as the server set it; '' when the cure is on the page (no stack form). */
  name: string;
  path: string;
  sameSite: 'None' | 'Lax' | 'Strict';
  partitioned: boolean;
  /** The Domain attribute to send, '' for a host-only cookie. */
  domain: string;
}

/** What every finding's fix keeps, and the one thing renderSnippet reads. */
export type FixSpec = SnippetSpec | CookieSpec;

/** What a rule returns: the one response that clears its check, plus notes and the snippet spec. */
export interface FixPlan extends FixStep {
  notes: string[];
  spec: SnippetSpec;
}
