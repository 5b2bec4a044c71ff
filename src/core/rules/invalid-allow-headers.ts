// Chromium PreflightResult::Parse: Access-Control-Allow-Headers items must be HTTP tokens.
// Fetch §4.8 step 7.3. CorsError kInvalidAllowHeadersPreflightResponse (no preflight prefix).
import { firefoxParam } from '../firefox';
import { firstNonToken, parseTokenList } from '../headers';
import { accessFix } from '../fix/common';
import { defineRule, oneCode } from '../rule';
import { cap, quote, stageName } from '../words';

export default defineRule({
  id: 'invalid-allow-headers',
  severity: 'error',
  stages: ['preflight'],
  code: oneCode('InvalidAllowHeadersPreflightResponse'),
  preflightPrefix: false,
  summary: 'Access-Control-Allow-Headers does not parse (an item is not a token)',
  reason: {
    chromium: () => 'Cannot parse Access-Control-Allow-Headers response header field in preflight response.',
    firefox: (ctx) => ({ key: 'CORSInvalidAllowHeader', param: firefoxParam(firstNonToken(ctx.h.allowHeaders)) }),
    webkit: (ctx) => ({ key: 'invalidHeaders', params: [ctx.h.allowHeaders ?? ''] }),
  },
  check: (ctx) => {
    const bad = firstNonToken(ctx.h.allowHeaders);
    return bad === undefined ? undefined : { hint: '', header: 'access-control-allow-headers', cause: `ACAH item ${JSON.stringify(bad)} is not a token` };
  },
  explain: (ctx) => {
    const parsed = parseTokenList(ctx.h.allowHeaders);
    const bad = Array.isArray(parsed) ? '' : ` The item ${quote(parsed.bad)} is not a header name.`;
    return `${cap(stageName(ctx))} sends Access-Control-Allow-Headers: ${quote(ctx.h.allowHeaders)}. The value must be header names separated by commas (for example "Content-Type, Authorization"); a space inside a name, a colon or a semicolon makes the browser reject the whole preflight.${bad}`;
  },
  fix: (ctx) => accessFix(ctx, 'allow-headers'),
});
