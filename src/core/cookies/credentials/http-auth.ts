// A credentialed cross-origin request answered 401 with WWW-Authenticate (RFC 9110 §11.6.1).
// What Chromium 156 does, probed here with CDP Fetch.authRequired: for a fetch with credentials
// 'include' and a scheme it implements (Basic, Digest, NTLM, Negotiate) it raises its sign-in
// prompt and the fetch waits for the user (cached credentials for that origin and realm are sent
// without asking); with 'same-origin' or 'omit', or any other scheme (Bearer), no prompt: the page
// gets the 401. Fetch §4.6 HTTP-network-or-cache fetch, step 14 ("if request's use-URL-credentials
// flag is unset or isAuthenticationFetch is true, then … prompt the end user as appropriate").
import type { CredentialsMode, Finding } from '../../types';
import { credentialFix, ON_THE_PAGE } from '../fix';
import { LIMITS, PARAGRAPH } from '../words';

export const HTTP_AUTH = 'http-auth';
const PROMPTED = new Set(['basic', 'digest', 'ntlm', 'negotiate']);

export interface AuthSeen {
  url: string;
  hop: number;
  status: number;
  /** WWW-Authenticate values (challenges; they carry no secret). */
  challenges: string[];
  credentials: CredentialsMode;
  /** The request carried an Authorization header (name only). */
  authorization: boolean;
  /** Names of the cookies the request carried. */
  cookies: string[];
  pageOrigin: string;
}

/** The first auth-scheme token of a challenge, e.g. 'Bearer' (RFC 9110 §11.3). */
export function schemeOf(challenge: string): string {
  return /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)/.exec(challenge)?.[1] ?? '';
}

export function httpAuthFinding(a: AuthSeen): Finding | undefined {
  if (a.status !== 401 || a.challenges.length === 0) return undefined;
  const schemes = [...new Set(a.challenges.map(schemeOf).filter(Boolean))];
  const scheme = schemes[0] ?? 'unknown';
  const prompts = a.credentials === 'include' && schemes.some((s) => PROMPTED.has(s.toLowerCase()));
  const carried = [
    a.authorization ? 'an Authorization header' : '',
    a.cookies.length ? `the cookie${a.cookies.length > 1 ? 's' : ''} ${a.cookies.join(', ')}` : '',
  ].filter(Boolean);
  const what =
    `The API at ${a.url} answered 401 with WWW-Authenticate: ${schemes.join(', ') || '(no scheme)'}: it wants credentials ` +
    (carried.length
      ? `and did not accept what the request carried (${carried.join(' and ')}).`
      : 'and the request carried none (no cookie, no Authorization header).');
  const browser = prompts
    ? `For a credentialed cross-origin fetch (credentials: 'include') and the ${scheme} scheme, Chromium shows its sign-in dialog and the request waits for the user; credentials it already holds for that origin are sent without asking. No page script sees or sets them. With credentials 'same-origin' or 'omit' it never asks.`
    : `For the ${scheme} scheme the browser has nothing to offer: it never prompts for a cross-origin fetch and never adds an Authorization header by itself. It sends only what the page puts on the request and the cookies it holds for that site.`;
  const todo = a.authorization
    ? `The request did carry an Authorization header, and the API refused it (expired or invalid${/error="?invalid_token/i.test(a.challenges.join(' ')) ? ': error="invalid_token"' : ''}). Get a fresh token (refresh or log in again) and retry; the CORS side of this call already works.`
    : scheme.toLowerCase() === 'bearer' || !prompts
      ? 'Send the token from the page: fetch(url, { headers: { Authorization: `Bearer ${token}` } }). A custom Authorization header makes the browser send a preflight, whose response must list it: Access-Control-Allow-Headers: Authorization (Access-Control-Allow-Headers: * does not cover Authorization).'
      : 'A browser sign-in dialog is a poor login for an app. Prefer a session cookie (Secure; HttpOnly; SameSite=None for another site) or a token the page sends in Authorization, and answer API calls without credentials 401 without a Basic challenge.';
  return {
    kind: 'cookie',
    rule: HTTP_AUTH,
    code: `WWWAuthenticate${scheme.replace(/[^A-Za-z0-9]/g, '')}`,
    stage: 'response',
    severity: 'warning',
    hop: a.hop,
    url: a.url,
    hint: scheme,
    header: 'www-authenticate',
    cause: `401 ${scheme} challenge: ${prompts ? 'the browser prompts the user' : 'the browser sends nothing by itself'}`,
    message: `401 with WWW-Authenticate: ${scheme} on a credentialed cross-origin request: ${prompts ? 'Chromium asks the user to sign in' : 'no credentials the browser could add'}.`,
    explanation: `${what}${PARAGRAPH}${browser}${PARAGRAPH}${todo}`,
    fix: credentialFix({
      hop: a.hop,
      headers: [],
      notes: [
        todo,
        ...(a.cookies.length === 0 && !a.authorization
          ? ['If the API uses a session cookie, see the Cookies findings for this site: the cookie may have been refused or left out.', LIMITS]
          : []),
      ],
      spec: ON_THE_PAGE,
    }),
    credential: { phase: 'auth', name: scheme, attributes: '', also: [] },
  };
}
