// Flask + flask-cors (Debian python3-flask, python3-flask-cors), misconfigured as people do,
// against Chromium with the extension (case.ts).
import { BEARER, stackSuite, type DebCase } from './case';

const cases: DebCase[] = [
  { file: 'default.bundle', call: { path: '/api/me' }, code: 'InvalidAllowCredentials' },
  { file: 'no-credentials.bundle', call: { path: '/api/me', via: 'xhr' }, code: 'InvalidAllowCredentials' },
  { file: 'login-hook.bundle', call: { path: '/api/me', headers: BEARER }, code: 'PreflightInvalidStatus', locked: true },
  { file: 'narrow-headers.bundle', call: { path: '/api/me', method: 'PUT', headers: { ...BEARER, 'Content-Type': 'application/json' }, body: '{}' }, code: 'HeaderDisallowedByPreflightResponse' },
  { file: 'method-missing.bundle', call: { path: '/api/me', method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' }, code: 'MethodDisallowedByPreflightResponse' },
  { file: 'login-redirect.bundle', call: { path: '/api/me', headers: BEARER }, code: 'PreflightDisallowedRedirect', locked: 302 },
];

stackSuite('flask', cases);
