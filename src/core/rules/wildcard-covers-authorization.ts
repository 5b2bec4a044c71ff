// Advice, not an error: for a request without credentials Chromium lets
// `Access-Control-Allow-Headers: *` cover Authorization (kCorsNonWildcardRequestHeadersSupport is
// disabled by default), but the Fetch standard (§4.8 step 7.6, "CORS non-wildcard request-header
// name") and WPT do not. List Authorization by name so it keeps working everywhere.
import { listHas } from '../headers';
import { accessFix } from '../fix/common';
import { defineRule, oneCode } from '../rule';
import { corsUnsafeHeaderNames } from '../safelist';
import { stageName } from '../words';

export default defineRule({
  id: 'wildcard-covers-authorization',
  severity: 'warning',
  stages: ['preflight'],
  code: oneCode('AuthorizationCoveredByWildcard'),
  preflightPrefix: false,
  summary: 'Authorization is allowed only through Access-Control-Allow-Headers: *',
  reason: {
    chromium: () =>
      "Authorization is allowed only by 'Access-Control-Allow-Headers: *'; Chromium accepts this, the Fetch standard does not. List Authorization by name.",
  },
  check: (ctx) => {
    const acah = ctx.h.allowHeaders;
    if (ctx.credentialed || !listHas(acah, '*', false) || listHas(acah, 'authorization', true)) return undefined;
    if (!corsUnsafeHeaderNames(ctx.requestHeaders).includes('authorization')) return undefined;
    return { hint: 'authorization', header: 'access-control-allow-headers', cause: 'Authorization only covered by *' };
  },
  explain: (ctx) =>
    `The request sends Authorization and ${stageName(ctx)} allows headers with "*". Chromium lets that through for requests without credentials, but the Fetch standard says "*" never covers Authorization, so other browsers and future Chromium versions may block it.`,
  fix: (ctx) => accessFix(ctx, 'allow-headers'),
});
