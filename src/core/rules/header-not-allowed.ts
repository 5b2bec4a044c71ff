// Chromium PreflightResult::EnsureAllowedCrossOriginHeaders: every CORS-unsafe request-header name
// must be in Access-Control-Allow-Headers (case-insensitive); `*` covers them only without
// credentials. Fetch §4.8 steps 7.6-7.7. CorsError kHeaderDisallowedByPreflightResponse, hint = the
// first missing name, lower-case (no preflight prefix).
//
// Chromium 156 on this machine: "first" is in the order the request's headers are stored (Blink's
// header map, the order they go on the wire), not sorted: with X-A, X-C, X-D all missing it names
// x-d, with Authorization and Content-Type it names authorization (probed for fetch and XHR). We
// follow the record's order: that is the wire order when the collector saw the request, and the
// sorted Access-Control-Request-Headers order when it only saw the preflight. With two or more
// missing names the one named may then differ from Chromium's; the fix lists all of them.
import { listHas, parseTokenList } from '../headers';
import { accessFix } from '../fix/common';
import type { StageContext } from '../rule';
import { defineRule, oneCode } from '../rule';
import { corsUnsafeHeaderNames, unsafeHeaderNamesInOrder } from '../safelist';
import { quote, stageName } from '../words';

function allowed(ctx: StageContext): Set<string> {
  const parsed = parseTokenList(ctx.h.allowHeaders);
  return new Set(Array.isArray(parsed) ? parsed.map((n) => n.toLowerCase()) : []);
}

function why(name: string): string {
  if (name === 'content-type') {
    return ' Content-Type needs listing because its value is not one of the three form types (application/x-www-form-urlencoded, multipart/form-data, text/plain); application/json is not.';
  }
  if (name === 'authorization') return ' Authorization always needs listing by name.';
  return '';
}

export default defineRule({
  id: 'header-not-allowed',
  severity: 'error',
  stages: ['preflight'],
  code: oneCode('HeaderDisallowedByPreflightResponse'),
  preflightPrefix: false,
  summary: 'a request header is not listed in Access-Control-Allow-Headers (or * with credentials)',
  reason: {
    chromium: ({ hint }) => `Request header field ${hint} is not allowed by Access-Control-Allow-Headers in preflight response.`,
    // Firefox walks the preflight's header list: lower-cased and sorted (StartCORSPreflight), so it
    // names the first missing one in that order.
    firefox: (ctx) => ({
      key: 'CORSMissingAllowHeaderFromPreflight2',
      param:
        unsafeHeaderNamesInOrder(ctx.requestHeaders)
          .map((n) => n.toLowerCase())
          .sort()
          .find((n) => !listHas(ctx.h.allowHeaders, n, true)) ?? '',
    }),
    // WebKit names the header as the page wrote it ("X-CSRF-Token"; lab acah-missing-header).
    webkit: (ctx, hit) => ({
      key: 'header',
      params: [ctx.requestHeaders.find((h) => typeof h.name === 'string' && h.name.toLowerCase() === hit.hint)?.name ?? hit.hint],
    }),
  },
  check: (ctx) => {
    const unsafe = unsafeHeaderNamesInOrder(ctx.requestHeaders);
    if (unsafe.length === 0) return undefined;
    const acah = ctx.h.allowHeaders;
    // Chromium: `*` counts only without credentials, and (kCorsNonWildcardRequestHeadersSupport is
    // off by default) then also covers Authorization.
    if (!ctx.credentialed && listHas(acah, '*', false)) return undefined;
    const missing = unsafe.filter((n) => !listHas(acah, n, true));
    if (missing.length === 0) return undefined;
    return { hint: missing[0]!, header: 'access-control-allow-headers', cause: `${missing.join(', ')} not in ACAH` };
  },
  explain: (ctx, hit) => {
    const wildcard =
      ctx.credentialed && allowed(ctx).has('*')
        ? ' "*" is only a wildcard for requests without credentials; with credentials it means a header literally named "*".'
        : '';
    return (
      `The request sends the header ${hit.hint}, which needs the server's permission, and ${stageName(ctx)} sends Access-Control-Allow-Headers: ${quote(ctx.h.allowHeaders)}, which does not list it.` +
      why(hit.hint) +
      wildcard +
      ` Every non-safelisted request header must be listed (names compare case-insensitively): ${corsUnsafeHeaderNames(ctx.requestHeaders).join(', ')}.`
    );
  },
  fix: (ctx) => accessFix(ctx, 'allow-headers'),
});
