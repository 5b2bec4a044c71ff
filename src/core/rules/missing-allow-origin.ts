// Chromium CheckAccess branch 2: no Access-Control-Allow-Origin at all. Fetch §3.2.3 step 2.
// On a preflight this wins over a bad status: a 401/404 OPTIONS without CORS headers is reported
// as a missing ACAO (Chromium's CheckPreflightAccess checks headers before the status).
import { originNotAllowed } from '../webkit';
import { accessFix } from '../fix/common';
import { ACCESS_STAGES, defineRule, twinCodes } from '../rule';
import { cap, credentialsWhy, preflightWhy, stageName, taintWhy } from '../words';

export default defineRule({
  id: 'missing-allow-origin',
  severity: 'error',
  stages: ACCESS_STAGES,
  code: twinCodes('MissingAllowOriginHeader'),
  preflightPrefix: true,
  summary: 'Access-Control-Allow-Origin is missing',
  reason: {
    chromium: () => "No 'Access-Control-Allow-Origin' header is present on the requested resource.",
    // Firefox appends the response's status ("Status code: 302." on a redirect or preflight).
    firefox: (ctx) => ({ key: 'CORSMissingAllowOrigin2', param: String(ctx.response.status) }),
    webkit: originNotAllowed,
  },
  check: (ctx) => (ctx.h.allowOrigin === undefined ? { hint: '', header: 'access-control-allow-origin', cause: 'no ACAO header' } : undefined),
  explain: (ctx) => {
    const status = ctx.status;
    const errorStatus = Number.isFinite(status) && status >= 400;
    return (
      `${cap(stageName(ctx))} has no Access-Control-Allow-Origin header, so the browser hides it from the page. ${credentialsWhy(ctx)}` +
      preflightWhy(ctx) +
      taintWhy(ctx) +
      (errorStatus
        ? ` The status is ${status}: error responses are often produced by a layer that runs before the CORS middleware (authentication, a proxy, an error page), or by nginx add_header without "always", and so carry no CORS headers.`
        : '')
    );
  },
  fix: (ctx) => accessFix(ctx, 'allow-origin'),
});
