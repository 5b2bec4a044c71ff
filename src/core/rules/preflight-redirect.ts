// A preflight may not be redirected (Fetch §4.8 CORS-preflight fetch: only an ok status passes;
// Chromium's PreflightController fails on OnReceiveRedirect). Checked before the CORS headers.
// CorsError kPreflightDisallowedRedirect.
import { isRedirectStatus } from '../access';
import { displayUrl } from '../origin';
import { pathOf, specFor } from '../fix/common';
import { allowedOriginValue, preflightLines, staleHeaders } from '../fix/lines';
import { defineRule, oneCode } from '../rule';
import { corsUnsafeHeaderNames } from '../safelist';
import { cap, preflightWhy, stageName } from '../words';

export default defineRule({
  id: 'preflight-redirect',
  severity: 'error',
  stages: ['preflight'],
  code: oneCode('PreflightDisallowedRedirect'),
  preflightPrefix: true,
  summary: 'the preflight (OPTIONS) was answered with a redirect',
  reason: {
    chromium: () => 'Redirect is not allowed for a preflight request.',
    // Firefox logs this first, then the 3xx as a failed preflight status (lab preflight-redirect).
    firefox: () => ({ key: 'CORSExternalRedirectNotAllowed' }),
    // WebKit: a redirected preflight is one more unsuccessful status (lab preflight-redirect).
    webkit: (ctx) => ({ key: 'preflightStatus', params: [String(ctx.response.status)] }),
  },
  check: (ctx) =>
    isRedirectStatus(ctx.status) && ctx.h.location !== undefined && ctx.h.location !== ''
      ? { hint: '', header: 'location', cause: `preflight redirected (${ctx.status})` }
      : undefined,
  explain: (ctx) =>
    `${cap(stageName(ctx))} redirects to ${displayUrl(ctx.h.location ?? '?')}. The browser never follows a redirect on a preflight. ` +
    'Typical causes: an http→https or trailing-slash redirect, or authentication redirecting to a login page.' +
    preflightWhy(ctx),
  fix: (ctx) => {
    const origin = allowedOriginValue(ctx);
    const headers = preflightLines(ctx, origin, corsUnsafeHeaderNames(ctx.requestHeaders));
    return {
      stage: 'preflight',
      hop: ctx.hop,
      headers,
      remove: ['Location', ...staleHeaders(ctx, headers)],
      status: { from: ctx.status, to: 204, why: 'answer OPTIONS where it is asked, before redirects and authentication' },
      notes: [
        `Answer OPTIONS ${pathOf(ctx.url)} directly with 204 and the CORS headers below, or have the page call the final URL (${displayUrl(ctx.h.location ?? '')}) itself.`,
      ],
      spec: specFor(ctx, 'preflight-redirect', origin),
    };
  },
});
