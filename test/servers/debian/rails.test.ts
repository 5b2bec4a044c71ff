// Rails + rack-cors on puma (Debian ruby-rails, ruby-rack-cors, puma), misconfigured as people do,
// against Chromium with the extension (case.ts).
import { BEARER, stackSuite, type DebCase } from './case';

const cases: DebCase[] = [
  { file: 'no-credentials.bundle', call: { path: '/api/me' }, code: 'InvalidAllowCredentials' },
  { file: 'methods-default.bundle', call: { path: '/api/me', method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' }, code: 'PreflightMissingAllowOriginHeader' },
  { file: 'no-headers.bundle', call: { path: '/api/me', headers: BEARER, via: 'xhr' }, code: 'PreflightMissingAllowOriginHeader' },
  { file: 'auth-first.bundle', call: { path: '/api/me', headers: BEARER }, code: 'PreflightMissingAllowOriginHeader', locked: true },
  { file: 'trailing-slash.bundle', call: { path: '/api/me' }, code: 'MissingAllowOriginHeader' },
  { file: 'login-redirect.bundle', call: { path: '/api/me', headers: BEARER }, code: 'PreflightDisallowedRedirect', locked: 302 },
];

stackSuite('rails', cases);
