// Chromium CheckAccess branch 3d after redirect-taint: once a request has been redirected from one
// origin to another (Fetch §4.4 HTTP-redirect fetch; "serializing a request origin" returns "null"
// when redirect-taint is not same-origin), the browser compares ACAO with "null". An ACAO naming
// the page's origin then fails as kAllowOriginMismatch. CorsURLLoader: `tainted_ ? url::Origin() : …`.
import { originNotAllowed } from '../webkit';
import { plainMismatch } from '../access';
import { accessFix } from '../fix/common';
import { mismatchFirefox, mismatchReason } from './allow-origin-mismatch';
import { ACCESS_STAGES, defineRule, twinCodes } from '../rule';
import { cap, credentialsWhy, quote, stageName, taintWhy } from '../words';

export default defineRule({
  id: 'redirect-tainted-origin',
  severity: 'error',
  stages: ACCESS_STAGES,
  code: twinCodes('AllowOriginMismatch'),
  preflightPrefix: true,
  summary: 'after a cross-origin redirect the origin is "null", so a named origin no longer matches',
  reason: { chromium: mismatchReason, firefox: mismatchFirefox, webkit: originNotAllowed },
  check: (ctx) => {
    if (ctx.taintHop < 0) return undefined;
    const v = plainMismatch(ctx);
    return v === undefined ? undefined : { hint: v, header: 'access-control-allow-origin', cause: 'origin is null after a cross-origin redirect' };
  },
  explain: (ctx, hit) =>
    `${cap(stageName(ctx))} sends Access-Control-Allow-Origin: ${quote(hit.hint)}.${taintWhy(ctx)} ${credentialsWhy(ctx)}` +
    (ctx.credentialed
      ? ' A credentialed request from "null" cannot be allowed safely, so the fix is on the redirect, not on this response.'
      : ' Without credentials, "Access-Control-Allow-Origin: *" allows it.'),
  fix: (ctx) => accessFix(ctx, 'redirect-escape'),
});
