// Chromium CheckAccess branch 3c: the value is not a URL at all (GURL invalid), e.g. a host without
// a scheme, or an empty header. CorsError kInvalidAllowOriginValue / kPreflightInvalidAllowOriginValue.
import { originNotAllowed } from '../webkit';
import { acaoMismatch, hasListSeparator } from '../access';
import { accessFix } from '../fix/common';
import { mismatchFirefox } from './allow-origin-mismatch';
import { validValueAdvice } from '../message';
import { isValidUrl } from '../origin';
import { ACCESS_STAGES, defineRule, twinCodes } from '../rule';
import { cap, credentialsWhy, preflightWhy, quote, stageName, taintWhy } from '../words';

export default defineRule({
  id: 'invalid-allow-origin',
  severity: 'error',
  stages: ACCESS_STAGES,
  code: twinCodes('InvalidAllowOriginValue'),
  preflightPrefix: true,
  summary: 'Access-Control-Allow-Origin is not an origin (no scheme, empty)',
  reason: {
    chromium: ({ hint, initiator }) => `The 'Access-Control-Allow-Origin' header contains the invalid value '${hint}'.${validValueAdvice(initiator)}`,
    firefox: mismatchFirefox,
    webkit: originNotAllowed,
  },
  check: (ctx) => {
    const v = acaoMismatch(ctx);
    if (v === undefined || hasListSeparator(v) || v === 'null' || isValidUrl(v)) return undefined;
    return { hint: v, header: 'access-control-allow-origin', cause: v === '' ? 'ACAO is empty' : 'ACAO is not a URL' };
  },
  explain: (ctx, hit) =>
    `${cap(stageName(ctx))} sends Access-Control-Allow-Origin: ${quote(hit.hint)}, which is not an origin. ` +
    `An origin is scheme://host[:port] with nothing after it, here ${ctx.origin}. ${credentialsWhy(ctx)}` +
    preflightWhy(ctx) +
    taintWhy(ctx),
  fix: (ctx) => accessFix(ctx, 'allow-origin'),
});
