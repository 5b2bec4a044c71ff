// Django + django-cors-headers (Debian python3-django, python3-django-cors-headers), misconfigured
// as people do, against Chromium with the extension (case.ts).
import { BEARER, stackSuite, type DebCase } from './case';

const cases: DebCase[] = [
  { file: 'allow-all.bundle', call: { path: '/api/items' }, code: 'WildcardOriginNotAllowed' },
  { file: 'no-credentials.bundle', call: { path: '/api/me', via: 'xhr' }, code: 'InvalidAllowCredentials' },
  { file: 'auth-first.bundle', call: { path: '/api/me', headers: BEARER }, code: 'PreflightMissingAllowOriginHeader', locked: true },
  { file: 'narrow-headers.bundle', call: { path: '/api/me', method: 'PUT', headers: { ...BEARER, 'Content-Type': 'application/json' }, body: '{}' }, code: 'HeaderDisallowedByPreflightResponse' },
  { file: 'not-installed.bundle', call: { path: '/api/me' }, code: 'MissingAllowOriginHeader' },
  { file: 'method-missing.bundle', call: { path: '/api/me', method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' }, code: 'MethodDisallowedByPreflightResponse' },
  { file: 'login-redirect.bundle', call: { path: '/api/me', headers: BEARER }, code: 'PreflightDisallowedRedirect', locked: 302 },
];

stackSuite('django', cases);
