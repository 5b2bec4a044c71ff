// Chromium PreflightResult::EnsureAllowedCrossOriginMethod: GET/HEAD/POST always pass; otherwise
// the method must be listed in Access-Control-Allow-Methods, case-sensitively (as sent: `patch`
// stays lower-case, Fetch "normalize" upper-cases only DELETE/GET/HEAD/OPTIONS/POST/PUT), and `*`
// is a wildcard only without credentials. Fetch §4.8 step 7.5.
// CorsError kMethodDisallowedByPreflightResponse, hint = the method (no preflight prefix).
import { listHas, parseTokenList } from '../headers';
import { accessFix } from '../fix/common';
import type { Hit, StageContext } from '../rule';
import { defineRule, oneCode } from '../rule';
import { isSafelistedMethod } from '../safelist';
import { quote, stageName } from '../words';

function listed(ctx: StageContext): string[] {
  const parsed = parseTokenList(ctx.h.allowMethods);
  return Array.isArray(parsed) ? parsed : [];
}

function check(ctx: StageContext): Hit | undefined {
  if (isSafelistedMethod(ctx.method)) return undefined;
  const acam = ctx.h.allowMethods;
  if (listHas(acam, ctx.method, false)) return undefined;
  if (!ctx.credentialed && listHas(acam, '*', false)) return undefined;
  return { hint: ctx.method, header: 'access-control-allow-methods', cause: `${ctx.method} not in ACAM` };
}

export default defineRule({
  id: 'method-not-allowed',
  severity: 'error',
  stages: ['preflight'],
  code: oneCode('MethodDisallowedByPreflightResponse'),
  preflightPrefix: false,
  summary: 'the method is not listed in Access-Control-Allow-Methods (case, or * with credentials)',
  reason: {
    chromium: ({ hint }) => `Method ${hint} is not allowed by Access-Control-Allow-Methods in preflight response.`,
    firefox: () => ({ key: 'CORSMethodNotFound' }),
    webkit: (ctx) => ({ key: 'method', params: [ctx.method] }),
  },
  check,
  explain: (ctx) => {
    const methods = listed(ctx);
    const wrongCase = methods.find((m) => m.toLowerCase() === ctx.method.toLowerCase());
    const detail =
      wrongCase !== undefined
        ? ` It lists ${quote(wrongCase)}, but method names compare case-sensitively: the request sends ${quote(ctx.method)}.`
        : ctx.credentialed && methods.includes('*')
          ? ' "*" is only a wildcard for requests without credentials; with credentials it means a method literally named "*".'
          : '';
    return `The request uses ${ctx.method}, and ${stageName(ctx)} sends Access-Control-Allow-Methods: ${quote(ctx.h.allowMethods)}, which does not allow it.${detail} GET, HEAD and POST never need listing; every other method does.`;
  },
  fix: (ctx) =>
    accessFix(
      ctx,
      'allow-methods',
      ctx.method !== ctx.method.toUpperCase()
        ? [
            `The page sends "${ctx.method}" in lower case and only the exact spelling matches. Sending "${ctx.method.toUpperCase()}" from the page is the cleaner fix; some servers (rack-cors) always list methods upper-case.`,
          ]
        : [],
    ),
});
