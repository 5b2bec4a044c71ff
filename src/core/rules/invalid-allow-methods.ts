// Chromium PreflightResult::Parse: Access-Control-Allow-Methods is split on ',' and every item must
// be an HTTP token, else the whole preflight fails. Fetch §4.8 step 7.3 ("extracting header list
// values" returns failure). CorsError kInvalidAllowMethodsPreflightResponse (no preflight prefix).
import { firefoxParam } from '../firefox';
import { firstNonToken, parseTokenList } from '../headers';
import { accessFix } from '../fix/common';
import { defineRule, oneCode } from '../rule';
import { cap, quote, stageName } from '../words';

export default defineRule({
  id: 'invalid-allow-methods',
  severity: 'error',
  stages: ['preflight'],
  code: oneCode('InvalidAllowMethodsPreflightResponse'),
  preflightPrefix: false,
  summary: 'Access-Control-Allow-Methods does not parse (an item is not a token)',
  reason: {
    chromium: () => 'Cannot parse Access-Control-Allow-Methods response header field in preflight response.',
    firefox: (ctx) => ({ key: 'CORSInvalidAllowMethod', param: firefoxParam(firstNonToken(ctx.h.allowMethods)) }),
    webkit: (ctx) => ({ key: 'invalidMethods', params: [ctx.h.allowMethods ?? ''] }),
  },
  check: (ctx) => {
    const bad = firstNonToken(ctx.h.allowMethods);
    return bad === undefined ? undefined : { hint: '', header: 'access-control-allow-methods', cause: `ACAM item ${JSON.stringify(bad)} is not a token` };
  },
  explain: (ctx) => {
    const parsed = parseTokenList(ctx.h.allowMethods);
    const bad = Array.isArray(parsed) ? '' : ` The item ${quote(parsed.bad)} is not a method name.`;
    return `${cap(stageName(ctx))} sends Access-Control-Allow-Methods: ${quote(ctx.h.allowMethods)}. The value must be method names separated by commas (for example "PUT, DELETE"); spaces inside a name, quotes, semicolons or slashes make the browser reject the whole preflight.${bad}`;
  },
  fix: (ctx) => accessFix(ctx, 'allow-methods'),
});
