// The Node stacks' misconfigurations: one app file each under <stack>/, the call the page makes,
// and the CorsError Chromium reports (its sentence is read from Chromium, never typed here).
// Pasting: every app marks its existing CORS setup between `// >>> cors setup` and
// `// <<< cors setup`; the snippet replaces it and, as its opening lines say, goes first: right
// after the app is created, before auth middleware and routes.
import type { PasteSpot } from '../harness';
import type { NodeCase } from './node-app';

const spot = (at: string): PasteSpot => ({ begin: '// >>> cors setup', end: '// <<< cors setup', at });

const json = { 'Content-Type': 'application/json' };
const bearer = { Authorization: 'Bearer t0ken' };

export const NODE_STACKS: { stack: 'express' | 'fastify' | 'koa' | 'hono'; spot: PasteSpot; cases: NodeCase[] }[] = [
  {
    stack: 'express',
    spot: spot('const app = express();'),
    cases: [
      { file: 'default-star.cjs', call: { path: '/api/me' }, code: 'WildcardOriginNotAllowed' },
      { file: 'no-credentials.cjs', call: { path: '/api/cart', via: 'xhr' }, code: 'InvalidAllowCredentials' },
      { file: 'auth-first.cjs', call: { path: '/api/profile', method: 'PUT', headers: { ...bearer, ...json }, body: '{"name":"Ada"}' }, code: 'PreflightMissingAllowOriginHeader', locked: 401 },
      { file: 'header-not-allowed.cjs', call: { path: '/api/orders', method: 'POST', headers: { ...json, 'X-CSRF-Token': 'abc' }, body: '{}' }, code: 'HeaderDisallowedByPreflightResponse' },
      { file: 'some-routes.cjs', call: { path: '/api/account' }, code: 'MissingAllowOriginHeader' },
      { file: 'options-only.cjs', call: { path: '/api/settings', method: 'PUT', headers: json, body: '{}' }, code: 'PreflightWildcardOriginNotAllowed', steps: 2 },
      { file: 'method-not-allowed.cjs', call: { path: '/api/profile', method: 'PATCH', headers: json, body: '{}' }, code: 'MethodDisallowedByPreflightResponse' },
      { file: 'login-redirect.cjs', call: { path: '/api/sessions/7', method: 'DELETE', headers: bearer }, code: 'PreflightDisallowedRedirect', locked: 302 },
      { file: 'parser-first.cjs', call: { path: '/api/comments', method: 'POST', headers: json, body: '{"text": "unterminated' }, code: 'MissingAllowOriginHeader' },
    ],
  },
  {
    stack: 'fastify',
    spot: spot('const fastify = Fastify();'),
    cases: [
      { file: 'default-star.mjs', call: { path: '/api/me' }, code: 'WildcardOriginNotAllowed' },
      { file: 'no-credentials.mjs', call: { path: '/api/cart' }, code: 'InvalidAllowCredentials' },
      { file: 'auth-first.mjs', call: { path: '/api/sessions/7', method: 'DELETE', headers: bearer }, code: 'PreflightMissingAllowOriginHeader', locked: 401 },
      { file: 'method-not-allowed.mjs', call: { path: '/api/profile', method: 'PATCH', headers: json, body: '{}' }, code: 'MethodDisallowedByPreflightResponse' },
      { file: 'header-not-allowed.mjs', call: { path: '/api/orders', method: 'POST', headers: { ...json, 'X-CSRF-Token': 'abc' }, body: '{}' }, code: 'HeaderDisallowedByPreflightResponse' },
      { file: 'login-redirect.mjs', call: { path: '/api/sessions/7', method: 'DELETE', headers: bearer }, code: 'PreflightDisallowedRedirect', locked: 302 },
    ],
  },
  {
    stack: 'koa',
    spot: spot('const app = new Koa();'),
    cases: [
      { file: 'default-star.cjs', call: { path: '/api/me', via: 'xhr' }, code: 'WildcardOriginNotAllowed' },
      { file: 'no-credentials.cjs', call: { path: '/api/cart' }, code: 'InvalidAllowCredentials' },
      { file: 'auth-first.cjs', call: { path: '/api/profile', method: 'PUT', headers: { ...bearer, ...json }, body: '{}' }, code: 'PreflightMissingAllowOriginHeader', locked: 401 },
      { file: 'header-not-allowed.cjs', call: { path: '/api/orders', method: 'POST', headers: { ...json, 'X-CSRF-Token': 'abc' }, body: '{}' }, code: 'HeaderDisallowedByPreflightResponse' },
      { file: 'method-not-allowed.cjs', call: { path: '/api/profile', method: 'PATCH', headers: json, body: '{}' }, code: 'MethodDisallowedByPreflightResponse' },
      { file: 'login-redirect.cjs', call: { path: '/api/sessions/7', method: 'DELETE', headers: bearer }, code: 'PreflightDisallowedRedirect', locked: 302 },
    ],
  },
  {
    stack: 'hono',
    spot: spot('const app = new Hono();'),
    cases: [
      { file: 'default-star.mjs', call: { path: '/api/me' }, code: 'WildcardOriginNotAllowed' },
      { file: 'no-credentials.mjs', call: { path: '/api/cart' }, code: 'InvalidAllowCredentials' },
      { file: 'auth-first.mjs', call: { path: '/api/profile', method: 'PUT', headers: { ...bearer, ...json }, body: '{}' }, code: 'PreflightMissingAllowOriginHeader', locked: 401 },
      { file: 'some-routes.mjs', call: { path: '/api/account', via: 'xhr' }, code: 'MissingAllowOriginHeader' },
      { file: 'method-not-allowed.mjs', call: { path: '/api/profile', method: 'PATCH', headers: json, body: '{}' }, code: 'MethodDisallowedByPreflightResponse' },
      { file: 'header-not-allowed.mjs', call: { path: '/api/orders', method: 'POST', headers: { ...json, 'X-CSRF-Token': 'abc' }, body: '{}' }, code: 'HeaderDisallowedByPreflightResponse' },
      { file: 'login-redirect.mjs', call: { path: '/api/sessions/7', method: 'DELETE', headers: bearer }, code: 'PreflightDisallowedRedirect', locked: 302 },
    ],
  },
];
