// nginx (Debian package), misconfigured as people do, against Chromium with the extension.
import { afterAll, beforeAll, it } from 'vitest';
import { startBrowser, type ServersBrowser } from '../harness';
import { proveDeb, type DebCase } from './case';

const basic = { Authorization: `Basic ${Buffer.from('ada:secret').toString('base64')}` };
const cases: DebCase[] = [
  { file: 'no-always.bundle', call: { path: '/api/me' }, code: 'MissingAllowOriginHeader', upstream: { auth: true } },
  { file: 'wildcard.bundle', call: { path: '/api/items' }, code: 'WildcardOriginNotAllowed' },
  { file: 'proxy-and-app.bundle', call: { path: '/api/cart', via: 'xhr' }, code: 'MultipleAllowOriginValues', upstream: { cors: true } },
  { file: 'auth-basic.bundle', call: { path: '/api/me', headers: basic }, code: 'PreflightInvalidStatus', upstream: {} },
  { file: 'location-inherit.bundle', call: { path: '/api/items' }, code: 'MissingAllowOriginHeader' },
];

let b: ServersBrowser;
beforeAll(async () => {
  b = await startBrowser();
});
afterAll(async () => {
  await b?.close();
});

for (const c of cases) it(`nginx: ${c.file}`, () => proveDeb(b, 'nginx', c));
