// Caddy (Debian package caddy), misconfigured as people do, against Chromium with the extension
// (case.ts: the header lines, the pasted snippet, an unlisted origin).
import { BASIC, BEARER, stackSuite, type DebCase } from './case';

const cases: DebCase[] = [
  { file: 'wildcard.bundle', call: { path: '/api/items' }, code: 'WildcardOriginNotAllowed' },
  { file: 'no-credentials.bundle', call: { path: '/api/me', via: 'xhr' }, code: 'InvalidAllowCredentials' },
  { file: 'proxy-and-app.bundle', call: { path: '/api/cart' }, code: 'MultipleAllowOriginValues', upstream: { cors: true } },
  // The app echoes every Origin: after the snippet an unlisted origin must get no echo back.
  { file: 'reflecting-app.bundle', call: { path: '/api/cart' }, code: 'MultipleAllowOriginValues', upstream: { reflect: true } },
  { file: 'basicauth.bundle', call: { path: '/api/me', headers: BASIC }, code: 'PreflightInvalidStatus', upstream: {}, locked: true },
  { file: 'app-auth.bundle', call: { path: '/api/me', method: 'PUT', headers: { ...BEARER, 'Content-Type': 'application/json' }, body: '{}' }, code: 'PreflightInvalidStatus', upstream: { auth: true }, locked: true },
  { file: 'method-missing.bundle', call: { path: '/api/me', method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' }, code: 'MethodDisallowedByPreflightResponse', upstream: {} },
  { file: 'header-missing.bundle', call: { path: '/api/me', headers: BEARER }, code: 'HeaderDisallowedByPreflightResponse', upstream: {} },
  { file: 'login-redirect.bundle', call: { path: '/api/me', headers: BEARER }, code: 'PreflightDisallowedRedirect', upstream: { login: true }, locked: 302 },
];

stackSuite('caddy', cases);
