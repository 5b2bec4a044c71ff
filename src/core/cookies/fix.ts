// The cure for a cookie, as a fix like the CORS ones: the Set-Cookie line to send, and its spec
// (name and attributes), from which each stack file renders the same attributes in that stack's
// session-cookie settings (fix/stacks/*.ts). Built from names and attributes only; the value is
// always the placeholder <value>.
import type { CookieSpec } from '../fix/plan';
import type { Fix } from '../types';
import { LIMITS } from './words';
import type { CookieContext, CookieFacts } from './types';

/** The cookie cure's data (kept under its old name for the cookie rules). */
export type CookieCure = CookieSpec;

/** The attributes a working cookie needs in this context. */
export function cureFor(c: CookieFacts, ctx: CookieContext): CookieCure {
  const hostPrefix = c.name.toLowerCase().startsWith('__host-');
  return {
    kind: 'cookie',
    name: c.name,
    path: '/',
    sameSite: ctx.crossSite ? 'None' : c.sameSite === 'strict' ? 'Strict' : 'Lax',
    // CHIPS is what still works when the browser blocks third-party cookies.
    partitioned: ctx.crossSite && (ctx.thirdPartyBlocked === true || c.partitioned),
    domain: hostPrefix ? '' : c.domain,
  };
}

export function setCookieLine(k: CookieCure): string {
  return [
    `Set-Cookie: ${k.name}=<value>`,
    ...(k.domain ? [`Domain=${k.domain}`] : []),
    `Path=${k.path}`,
    'Secure',
    'HttpOnly',
    `SameSite=${k.sameSite}`,
    ...(k.partitioned ? ['Partitioned'] : []),
  ].join('; ');
}

/** The spec of a cure that is on the page, not in server settings: every stack renders ''. */
export const ON_THE_PAGE: CookieSpec = { kind: 'cookie', name: '', path: '/', sameSite: 'Lax', partitioned: false, domain: '' };

/** A Fix of one step on the response at `hop`; `spec` is the cookie's cure (ON_THE_PAGE when none). */
export function credentialFix(a: { hop: number; headers: string[]; notes: string[]; spec: CookieSpec }): Fix {
  return { steps: [{ stage: 'response', hop: a.hop, headers: a.headers }], notes: a.notes, spec: a.spec };
}

export function cookieFix(c: CookieFacts, ctx: CookieContext, hop: number): Fix {
  const k = cureFor(c, ctx);
  const notes: string[] = [];
  notes.push('Send these attributes on the response that sets the cookie (the login), and on every response that refreshes it.');
  if (!c.httpOnly) notes.push("Leave HttpOnly out only if the page's own script must read this cookie (a CSRF token cookie).");
  if (ctx.crossSite && ctx.thirdPartyBlocked === undefined)
    notes.push("If the browser blocks third-party cookies, add Partitioned too (CHIPS): the cookie is then kept for this page's site only.");
  if (ctx.crossSite) notes.push(LIMITS);
  return credentialFix({ hop, headers: [setCookieLine(k)], notes, spec: k });
}
