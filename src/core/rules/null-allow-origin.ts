// Chromium CheckAccess branch 3b: ACAO is the string "null" but the request's origin is a real
// one. CorsError kAllowOriginMismatch with hint "null" (and its preflight twin).
import { originNotAllowed } from '../webkit';
import { acaoMismatch } from '../access';
import { accessFix } from '../fix/common';
import { mismatchFirefox, mismatchReason } from './allow-origin-mismatch';
import { ACCESS_STAGES, defineRule, twinCodes } from '../rule';
import { cap, credentialsWhy, preflightWhy, stageName } from '../words';

export default defineRule({
  id: 'null-allow-origin',
  severity: 'error',
  stages: ACCESS_STAGES,
  code: twinCodes('AllowOriginMismatch'),
  preflightPrefix: true,
  summary: 'Access-Control-Allow-Origin is "null" for a page with a real origin',
  reason: { chromium: mismatchReason, firefox: mismatchFirefox, webkit: originNotAllowed },
  check: (ctx) => (acaoMismatch(ctx) === 'null' ? { hint: 'null', header: 'access-control-allow-origin', cause: 'ACAO is "null"' } : undefined),
  explain: (ctx) =>
    `${cap(stageName(ctx))} sends Access-Control-Allow-Origin: null, but the request comes from ${ctx.origin}. "null" only matches opaque origins (sandboxed iframes, data: and file: pages), and allowing it is unsafe because any site can produce one. ` +
    credentialsWhy(ctx) +
    preflightWhy(ctx),
  fix: (ctx) => accessFix(ctx, 'allow-origin', ['Send the exact origin, never "null".']),
});
