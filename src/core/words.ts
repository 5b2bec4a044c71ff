// Shared wording for explanations: plain words, real values, no jargon without a gloss.
import type { StageContext } from './rule';

/** A header value as shown in prose: quoted, control characters visible, long values cut. */
export function quote(value: string | undefined): string {
  if (value === undefined) return '(absent)';
  const shown = value.length > 200 ? `${value.slice(0, 200)}…` : value;
  return `"${shown.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}"`;
}

/** Separates the paragraphs of an explanation (what happened / what credentials demand / why the
 * preflight / the redirect). Network values never carry it: quote() escapes control characters. */
export const PARAGRAPH = '\n\n';

/** Upper-case the first letter (explanations often open with stageName()). */
export function cap(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}

export function stageName(ctx: StageContext): string {
  const status = Number.isFinite(ctx.status) ? ` (status ${ctx.status})` : '';
  if (ctx.stage === 'preflight') return `the preflight response to OPTIONS ${ctx.url}${status}`;
  if (ctx.stage === 'redirect') return `the redirect response from ${ctx.url}${status}`;
  return `the response from ${ctx.url}${status}`;
}

/** What credentials are and what they demand of the server. */
export function credentialsWhy(ctx: StageContext): string {
  if (!ctx.credentialed) {
    return (
      PARAGRAPH + 'This request is sent without credentials (no cookies or HTTP authentication), so the server only has to allow the origin, and "*" would do.'
    );
  }
  return (
    PARAGRAPH +
    "This request is credentialed: its credentials mode is 'include' (fetch with credentials: 'include', or XMLHttpRequest with withCredentials = true), " +
    'so the browser sends cookies, HTTP authentication and client certificates with it. The page may read the answer only if the server names the exact origin ' +
    `${ctx.pageOrigin} in Access-Control-Allow-Origin and sends Access-Control-Allow-Credentials: true. "*" is refused, because a wildcard would let every site read what your cookies unlock.`
  );
}

/** Why the preflight needs the credentialed headers too. */
export function preflightWhy(ctx: StageContext): string {
  if (ctx.stage !== 'preflight') return '';
  return (
    `${PARAGRAPH}The preflight (the OPTIONS request the browser sends first, because ${preflightReason(ctx)}) carries no cookies, ` +
    "but Chromium judges it with the actual request's credentials mode: the OPTIONS response needs the same Access-Control-Allow-Origin" +
    (ctx.credentialed ? ' and Access-Control-Allow-Credentials: true' : '') +
    ' as the actual response.'
  );
}

function preflightReason(ctx: StageContext): string {
  const m = ctx.method.toUpperCase();
  if (m !== 'GET' && m !== 'HEAD' && m !== 'POST') return `the method ${ctx.method} is not GET, HEAD or POST`;
  return 'the request sets headers a plain form could not send';
}

/** The redirect-taint sentence, when it applies. */
export function taintWhy(ctx: StageContext): string {
  if (ctx.taintHop < 0) return '';
  const from = ctx.record.hops[ctx.taintHop]?.url ?? '';
  return `${PARAGRAPH}The request was redirected across origins (from ${from} to ${ctx.record.hops[ctx.taintHop + 1]?.url ?? ctx.url}), so the browser now sends "Origin: null" and compares Access-Control-Allow-Origin with "null", not with ${ctx.pageOrigin}.`;
}
