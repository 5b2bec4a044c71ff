// Chromium CheckAccess branch 3d: a well-formed origin that is not byte-equal to the request's
// (another site, a trailing slash, upper case, an explicit default port, http vs https).
// Chromium 156 on this machine: "localhost:37657" (no scheme) lands here, not in
// InvalidAllowOriginValue: GURL parses it as scheme "localhost" (recorded: acao-no-scheme).
// CorsError kAllowOriginMismatch / kPreflightAllowOriginMismatch.
import { originNotAllowed } from '../webkit';
import { acaoMismatch, plainMismatch } from '../access';
import { firefoxParam, type FirefoxReason } from '../firefox';
import { accessFix } from '../fix/common';
import type { Reason } from '../message';
import { validValueAdvice } from '../message';
import { ACCESS_STAGES, defineRule, twinCodes, type Hit, type StageContext } from '../rule';
import { cap, credentialsWhy, preflightWhy, quote, stageName } from '../words';

/** The near misses people make, as [cause, sentence]; undefined for a plainly different origin. */
function near(value: string, origin: string): [string, string] | undefined {
  if (value.replace(/\/+$/, '') === origin) return ['ACAO has a trailing slash', ' It is the right origin with a trailing slash; an origin never ends in "/".'];
  if (value.toLowerCase() === origin.toLowerCase()) return ['ACAO differs in letter case', ' It differs only in letter case; the comparison is byte-exact.'];
  if (value.replace(/:(80|443)$/, '') === origin) return ['ACAO adds the default port', ' It adds the default port, which a serialized origin leaves out.'];
  if (origin.endsWith(`//${value}`))
    return ['ACAO lacks the scheme', ` It lacks the scheme: "${value}" reads as a URL whose scheme is "${value.split(':')[0]}".`];
  if (value.replace(/^https?:/, '') === origin.replace(/^https?:/, '')) return ['ACAO has the other scheme', ' The scheme differs (http vs https).'];
  return undefined;
}

/** Chromium's kAllowOriginMismatch reason; null-allow-origin and redirect-tainted-origin share it. */
export const mismatchReason: Reason = ({ hint, initiator }) =>
  `The 'Access-Control-Allow-Origin' header has a value '${hint}' that is not equal to the supplied origin.${validValueAdvice(initiator)}`;

/**
 * Firefox has one reason for every ACAO that is not `*` and not the origin (nsCORSListenerProxy.cpp
 * CheckRequestApproved: `!allowedOriginHeader.Equals(origin)`); its parameter is the value sent.
 */
export const mismatchFirefox = (ctx: StageContext): FirefoxReason => ({ key: 'CORSAllowOriginNotMatchingOrigin', param: firefoxParam(ctx.h.allowOrigin) });

/** Any ACAO that is present, not `*` and not the origin. */
function catchAll(ctx: StageContext): Hit | undefined {
  const v = acaoMismatch(ctx);
  return v === undefined ? undefined : { hint: v, header: 'access-control-allow-origin', cause: near(v, ctx.origin)?.[0] ?? 'ACAO is another origin' };
}

export default defineRule({
  id: 'allow-origin-mismatch',
  severity: 'error',
  stages: ACCESS_STAGES,
  code: twinCodes('AllowOriginMismatch'),
  preflightPrefix: true,
  summary: 'Access-Control-Allow-Origin names another origin (or a near miss: slash, case, port)',
  reason: { chromium: mismatchReason, firefox: mismatchFirefox, webkit: originNotAllowed },
  // In Firefox this is the catch-all: lists in one line, empty, invalid and tainted values included.
  firefoxCheck: catchAll,
  // In WebKit too, after `*` and a comma list (a space-separated list lands here: lab acao-space-list).
  webkitCheck: catchAll,
  check: (ctx) => {
    if (ctx.taintHop >= 0) return undefined;
    const v = plainMismatch(ctx);
    return v === undefined ? undefined : { hint: v, header: 'access-control-allow-origin', cause: near(v, ctx.origin)?.[0] ?? 'ACAO is another origin' };
  },
  explain: (ctx, hit) =>
    `${cap(stageName(ctx))} sends Access-Control-Allow-Origin: ${quote(hit.hint)}, but the request comes from ${ctx.origin}.${near(hit.hint, ctx.origin)?.[1] ?? ''} ` +
    credentialsWhy(ctx) +
    preflightWhy(ctx),
  fix: (ctx) => accessFix(ctx, 'allow-origin'),
});
