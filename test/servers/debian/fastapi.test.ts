// FastAPI + uvicorn (Debian packages python3-fastapi, python3-uvicorn), misconfigured as people do, against Chromium with the extension.
import { afterAll, beforeAll, it } from 'vitest';
import { startBrowser, type ServersBrowser } from '../harness';
import { proveDeb, type DebCase } from './case';

const bearer = { Authorization: 'Bearer t0ken' };
const cases: DebCase[] = [
  { file: 'star-credentials.bundle', call: { path: '/api/me', headers: bearer }, code: 'WildcardOriginNotAllowed' },
  { file: 'no-headers.bundle', call: { path: '/api/me', method: 'PUT', headers: { ...bearer, 'Content-Type': 'application/json' }, body: '{}' }, code: 'PreflightInvalidStatus' },
  { file: 'no-credentials.bundle', call: { path: '/api/me', via: 'xhr' }, code: 'InvalidAllowCredentials' },
  { file: 'auth-outside.bundle', call: { path: '/api/me', headers: bearer }, code: 'PreflightMissingAllowOriginHeader', at: 'app.add_middleware(TokenRequired)' },
];

let b: ServersBrowser;
beforeAll(async () => {
  b = await startBrowser();
});
afterAll(async () => {
  await b?.close();
});

for (const c of cases) it(`fastapi: ${c.file}`, () => proveDeb(b, 'fastapi', c));
