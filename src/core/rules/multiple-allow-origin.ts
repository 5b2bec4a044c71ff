// Chromium CheckAccess branch 3a: the value differs from the origin and contains ' ' or ','. Two
// header lines are joined as "a, b" by GetNormalizedHeader, so a proxy and an app both adding the
// header land here too. CorsError kMultipleAllowOriginValues / kPreflightMultipleAllowOriginValues.
import { acaoMismatch, hasListSeparator } from '../access';
import { accessFix } from '../fix/common';
import { validValueAdvice } from '../message';
import { ACCESS_STAGES, defineRule, twinCodes } from '../rule';
import { cap, credentialsWhy, preflightWhy, quote, stageName, taintWhy } from '../words';

export default defineRule({
  id: 'multiple-allow-origin',
  severity: 'error',
  stages: ACCESS_STAGES,
  code: twinCodes('MultipleAllowOriginValues'),
  preflightPrefix: true,
  summary: 'Access-Control-Allow-Origin holds several values (two lines, or a list)',
  reason: {
    chromium: ({ hint, initiator }) =>
      `The 'Access-Control-Allow-Origin' header contains multiple values '${hint}', but only one is allowed.${validValueAdvice(initiator)}`,
    firefox: () => ({ key: 'CORSMultipleAllowOriginNotAllowed' }),
    webkit: () => ({ key: 'multipleOrigins' }),
  },
  // WebKit's passesAccessControlCheck looks for a comma only; a space-separated list is a plain
  // "Origin … is not allowed" there (lab acao-space-list).
  webkitCheck: (ctx) => {
    const v = acaoMismatch(ctx);
    if (v === undefined || !v.includes(',')) return undefined;
    return {
      hint: v,
      header: 'access-control-allow-origin',
      cause: ctx.h.allowOriginLines > 1 ? `${ctx.h.allowOriginLines} ACAO header lines` : 'ACAO lists several origins',
    };
  },
  check: (ctx) => {
    const v = acaoMismatch(ctx);
    if (v === undefined || !hasListSeparator(v)) return undefined;
    const cause = ctx.h.allowOriginLines > 1 ? `${ctx.h.allowOriginLines} ACAO header lines` : 'ACAO lists several origins';
    return { hint: v, header: 'access-control-allow-origin', cause };
  },
  // Firefox's CheckOriginHeader counts header LINES (nsCORSListenerProxy.cpp); one line holding a
  // list is a plain mismatch there (lab acao-comma-list).
  firefoxCheck: (ctx) =>
    ctx.h.allowOriginLines > 1
      ? { hint: ctx.h.allowOrigin ?? '', header: 'access-control-allow-origin', cause: `${ctx.h.allowOriginLines} ACAO header lines` }
      : undefined,
  explain: (ctx, hit) =>
    (ctx.h.allowOriginLines > 1
      ? `${cap(stageName(ctx))} carries ${ctx.h.allowOriginLines} Access-Control-Allow-Origin lines; the browser joins them into ${quote(hit.hint)}. Two layers (say the application and a reverse proxy or CDN) each add the header.`
      : `${cap(stageName(ctx))} sends Access-Control-Allow-Origin: ${quote(hit.hint)}. The header takes exactly one origin (or "*"), not a list.`) +
    ` The browser needs one value equal to ${ctx.origin}. ${credentialsWhy(ctx)}` +
    preflightWhy(ctx) +
    taintWhy(ctx),
  fix: (ctx) =>
    accessFix(
      ctx,
      ctx.h.allowOriginLines > 1 ? 'duplicate-origin' : 'allow-origin',
      ctx.h.allowOriginLines > 1
        ? [
            'Set CORS headers in one layer only: remove them from the proxy (nginx: proxy_hide_header Access-Control-Allow-Origin; Caddy: header -Access-Control-Allow-Origin; Apache: do not set them in both the onsuccess and always tables) or from the application.',
          ]
        : [
            "To allow several sites, keep them in an allow-list on the server and send back only the one that matches the request's Origin (with Vary: Origin).",
          ],
    ),
});
