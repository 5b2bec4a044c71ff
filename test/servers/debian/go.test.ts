// Go + github.com/rs/cors (Debian packages golang-go, golang-github-rs-cors-dev; built offline), misconfigured as people do, against Chromium with the extension.
import { afterAll, beforeAll, it } from 'vitest';
import { startBrowser, type ServersBrowser } from '../harness';
import { proveDeb, type DebCase } from './case';

const bearer = { Authorization: 'Bearer t0ken' };
const cases: DebCase[] = [
  { file: 'allow-all.bundle', call: { path: '/api/me' }, code: 'WildcardOriginNotAllowed' },
  { file: 'no-headers.bundle', call: { path: '/api/me', headers: bearer }, code: 'PreflightMissingAllowOriginHeader' },
  { file: 'no-credentials.bundle', call: { path: '/api/me', via: 'xhr' }, code: 'InvalidAllowCredentials' },
  { file: 'auth-outside.bundle', call: { path: '/api/me', method: 'PUT', headers: { ...bearer, 'Content-Type': 'application/json' }, body: '{}' }, code: 'PreflightMissingAllowOriginHeader', at: 'handler = requireToken(handler)' },
];

let b: ServersBrowser;
beforeAll(async () => {
  b = await startBrowser();
});
afterAll(async () => {
  await b?.close();
});

for (const c of cases) it(`go: ${c.file}`, () => proveDeb(b, 'go', c));
