// Chromium CheckAccess step 4 (cors.cc, "This check should be case sensitive."): with credentials
// 'include', Access-Control-Allow-Credentials must be exactly "true". Missing, "True", "1" and two
// lines ("true, true") all fail. Fetch §3.2.3 steps 6-8.
// CorsError kInvalidAllowCredentials / kPreflightInvalidAllowCredentials; hint = value or ''.
import { originPasses } from '../access';
import { accessFix } from '../fix/common';
import { withCredentialsAdvice } from '../message';
import { ACCESS_STAGES, defineRule, twinCodes } from '../rule';
import { cap, credentialsWhy, preflightWhy, quote, stageName } from '../words';

export default defineRule({
  id: 'allow-credentials',
  severity: 'error',
  stages: ACCESS_STAGES,
  code: twinCodes('InvalidAllowCredentials'),
  preflightPrefix: true,
  summary: 'Access-Control-Allow-Credentials is not exactly "true"',
  reason: {
    chromium: ({ hint, initiator }) =>
      `The value of the 'Access-Control-Allow-Credentials' header in the response is '${hint}' which must be 'true' when the request's credentials mode is 'include'.` +
      withCredentialsAdvice(initiator),
    firefox: () => ({ key: 'CORSMissingAllowCredentials' }),
    webkit: () => ({ key: 'credentials' }),
  },
  check: (ctx) => {
    if (!ctx.credentialed || !originPasses(ctx)) return undefined;
    const v = ctx.h.allowCredentials;
    if (v === 'true') return undefined;
    const cause = v === undefined ? 'no ACAC header' : v.includes(',') ? 'ACAC sent twice' : `ACAC is ${JSON.stringify(v)}`;
    return { hint: v ?? '', header: 'access-control-allow-credentials', cause };
  },
  explain: (ctx) => {
    const v = ctx.h.allowCredentials;
    const what =
      v === undefined
        ? 'has no Access-Control-Allow-Credentials header'
        : v.includes(',')
          ? `sends Access-Control-Allow-Credentials more than once (the browser reads ${quote(v)})`
          : `sends Access-Control-Allow-Credentials: ${quote(v)}; only the lower-case word true counts`;
    return (
      `${cap(stageName(ctx))} allows the origin but ${what}. ${credentialsWhy(ctx)} ` +
      // Only a preflighted request has two responses to check (Fetch "CORS-preflight fetch").
      (ctx.record.hops[ctx.hop]?.preflight !== undefined ? 'Both the preflight response and the actual response need it: each is checked on its own.' : '') +
      preflightWhy(ctx)
    );
  },
  fix: (ctx) => accessFix(ctx, 'allow-credentials'),
  // How the error is retold in guides and searched for; no browser prints these.
  paraphrases: [
    { text: "Preflight response for a credentialed request is missing the 'Access-Control-Allow-Credentials' header.", stage: 'preflight' },
    { text: "Actual response for a credentialed request is missing the 'Access-Control-Allow-Credentials' header.", stage: 'response' },
  ],
});
