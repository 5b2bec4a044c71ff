// FastAPI/Starlette on uvicorn (Debian python3-fastapi, python3-uvicorn), misconfigured as people
// do, against Chromium with the extension (case.ts).
import { BEARER, stackSuite, type DebCase } from './case';

const cases: DebCase[] = [
  { file: 'star-credentials.bundle', call: { path: '/api/me', headers: BEARER }, code: 'WildcardOriginNotAllowed' },
  { file: 'no-headers.bundle', call: { path: '/api/me', method: 'PUT', headers: { ...BEARER, 'Content-Type': 'application/json' }, body: '{}' }, code: 'PreflightInvalidStatus' },
  { file: 'no-credentials.bundle', call: { path: '/api/me', via: 'xhr' }, code: 'InvalidAllowCredentials' },
  { file: 'auth-outside.bundle', call: { path: '/api/me', headers: BEARER }, code: 'PreflightMissingAllowOriginHeader', at: 'app.add_middleware(TokenRequired)', locked: true },
  { file: 'method-missing.bundle', call: { path: '/api/me', method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' }, code: 'PreflightInvalidStatus' },
  { file: 'login-redirect.bundle', call: { path: '/api/me', headers: BEARER }, code: 'PreflightDisallowedRedirect', at: 'app.add_middleware(LoginRequired)', locked: 302 },
];

stackSuite('fastapi', cases);
