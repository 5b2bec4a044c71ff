// Chromium CheckAccess branch 1 (cors.cc): "A wildcard Access-Control-Allow-Origin can not be used
// if credentials are to be sent, even with Access-Control-Allow-Credentials set to true."
// Fetch §3.2.3 CORS check steps 3-4. CorsError kWildcardOriginNotAllowed / kPreflightWildcardOriginNotAllowed.
import { accessFix } from '../fix/common';
import { withCredentialsAdvice } from '../message';
import { ACCESS_STAGES, defineRule, twinCodes } from '../rule';
import { cap, credentialsWhy, preflightWhy, stageName, taintWhy } from '../words';

export default defineRule({
  id: 'wildcard-origin',
  severity: 'error',
  stages: ACCESS_STAGES,
  code: twinCodes('WildcardOriginNotAllowed'),
  preflightPrefix: true,
  summary: 'Access-Control-Allow-Origin is * on a credentialed request',
  reason: {
    chromium: ({ initiator }) =>
      "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'." +
      withCredentialsAdvice(initiator),
    firefox: () => ({ key: 'CORSNotSupportingCredentials' }),
    webkit: () => ({ key: 'wildcard' }),
  },
  check: (ctx) =>
    ctx.credentialed && ctx.h.allowOrigin === '*' ? { hint: '*', header: 'access-control-allow-origin', cause: 'ACAO is * with credentials' } : undefined,
  explain: (ctx) =>
    `${cap(stageName(ctx))} says Access-Control-Allow-Origin: *. ${credentialsWhy(ctx)} ` +
    'Access-Control-Allow-Credentials: true does not rescue "*"; the browser refuses the pair.' +
    preflightWhy(ctx) +
    taintWhy(ctx),
  fix: (ctx) => accessFix(ctx, 'allow-origin', ['Replace "*" by the exact origin from an allow-list; never echo any Origin back unchecked.']),
});
