// After ACAO/ACAC pass, a preflight must have an ok status (200-299). Chromium's
// CheckPreflightAccess: `cors_result ok ? (IsSuccessfulStatus ? pass : kPreflightInvalidStatus)`.
// Fetch §4.8 step 7 ("… and response's status is an ok status").
import { accessFix } from '../fix/common';
import { defineRule, oneCode } from '../rule';
import { cap, preflightWhy, stageName } from '../words';

export default defineRule({
  id: 'preflight-status',
  severity: 'error',
  stages: ['preflight'],
  code: oneCode('PreflightInvalidStatus'),
  preflightPrefix: true,
  summary: 'the preflight got a non-2xx status (auth or routing answered OPTIONS)',
  reason: {
    chromium: () => 'It does not have HTTP ok status.',
    firefox: (ctx) => ({ key: 'CORSPreflightDidNotSucceed3', param: String(ctx.status) }),
    webkit: (ctx) => ({ key: 'preflightStatus', params: [String(ctx.response.status)] }),
  },
  check: (ctx) => (Number.isFinite(ctx.status) && (ctx.status < 200 || ctx.status > 299) ? { hint: '', cause: `preflight status ${ctx.status}` } : undefined),
  explain: (ctx) =>
    `${cap(stageName(ctx))} carries the right CORS headers but its status is ${ctx.status}, and a preflight must be answered 2xx. ` +
    (ctx.status === 401 || ctx.status === 403
      ? 'Authentication or authorization ran before the CORS layer; the preflight never carries cookies or Authorization, so it must be answered before those checks.'
      : ctx.status === 404 || ctx.status === 405
        ? 'The route has no OPTIONS handler; the CORS layer must answer OPTIONS before routing.'
        : 'Something between the CORS layer and the client turned the answer into an error.') +
    preflightWhy(ctx),
  fix: (ctx) =>
    accessFix(ctx, 'preflight-status', [
      'Answer every OPTIONS preflight with 204 before authentication, authorization and routing (put the CORS middleware first).',
    ]),
});
