// Go + github.com/rs/cors (Debian golang-go, golang-github-rs-cors-dev, built offline in GOPATH
// mode), misconfigured as people do, against Chromium with the extension (case.ts).
import { BEARER, stackSuite, type DebCase } from './case';

const cases: DebCase[] = [
  { file: 'allow-all.bundle', call: { path: '/api/me' }, code: 'WildcardOriginNotAllowed' },
  { file: 'no-headers.bundle', call: { path: '/api/me', headers: BEARER }, code: 'PreflightMissingAllowOriginHeader' },
  { file: 'no-credentials.bundle', call: { path: '/api/me', via: 'xhr' }, code: 'InvalidAllowCredentials' },
  { file: 'auth-outside.bundle', call: { path: '/api/me', method: 'PUT', headers: { ...BEARER, 'Content-Type': 'application/json' }, body: '{}' }, code: 'PreflightMissingAllowOriginHeader', at: 'handler = requireToken(handler)', locked: true },
  { file: 'method-missing.bundle', call: { path: '/api/me', method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' }, code: 'PreflightMissingAllowOriginHeader' },
  { file: 'login-redirect.bundle', call: { path: '/api/me', headers: BEARER }, code: 'PreflightDisallowedRedirect', at: 'handler = requireLogin(handler)', locked: 302 },
];

stackSuite('go', cases);
