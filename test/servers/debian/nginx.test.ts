// nginx (Debian package nginx), misconfigured as people do, against Chromium with the extension
// (case.ts: the header lines, the pasted snippet, an unlisted origin).
import { BASIC, BEARER, stackSuite, type DebCase } from './case';

const cases: DebCase[] = [
  { file: 'no-always.bundle', call: { path: '/api/me' }, code: 'MissingAllowOriginHeader', upstream: { auth: true }, locked: true },
  { file: 'wildcard.bundle', call: { path: '/api/items' }, code: 'WildcardOriginNotAllowed' },
  { file: 'proxy-and-app.bundle', call: { path: '/api/cart', via: 'xhr' }, code: 'MultipleAllowOriginValues', upstream: { cors: true } },
  { file: 'auth-basic.bundle', call: { path: '/api/me', headers: BASIC }, code: 'PreflightInvalidStatus', upstream: {}, locked: true },
  { file: 'location-inherit.bundle', call: { path: '/api/items' }, code: 'MissingAllowOriginHeader' },
  { file: 'method-missing.bundle', call: { path: '/api/me', method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' }, code: 'MethodDisallowedByPreflightResponse', upstream: {} },
  { file: 'header-missing.bundle', call: { path: '/api/me', headers: BEARER }, code: 'HeaderDisallowedByPreflightResponse', upstream: {} },
  { file: 'login-redirect.bundle', call: { path: '/api/me', headers: BEARER }, code: 'PreflightDisallowedRedirect', upstream: { login: true }, locked: 302 },
];

stackSuite('nginx', cases);
