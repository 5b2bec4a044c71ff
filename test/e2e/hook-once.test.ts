// One page hook per document. The worker injects the hook into documents open before the extension
// started (extension/background/hook-tabs.ts); an injection that lands as a new document starts
// meets the manifest's copy there too (seen in `npm run bench`: two wrappers, and the pause switch
// left one in place). Here a second copy of the built hook runs at the start of every document
// (Playwright's init script, MAIN world), so the two always meet: the second must step aside, the
// first must still hint, and the pause switch must give the page its natives back.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { extensionDir } from '../../scripts/browser/launch';
import { readFindings, startRig, until, type Rig } from '../../scripts/browser/worker-rig';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
  const hook = readFileSync(join(extensionDir(), 'extension/content/page-hook.iife.js'), 'utf8');
  await rig.browser.context.addInitScript({ content: hook });
  await rig.page.goto(rig.lab.pageUrl);
});
afterAll(async () => {
  await rig?.reader.evaluate(() => chrome.storage.local.set({ paused: false }));
  await rig?.close();
});

const NATIVE = 'function fetch() { [native code] }';
const fetchPrints = () => rig.page.evaluate(() => Function.prototype.toString.call(fetch));

it('two copies of the hook in one document: one wraps and hints, and pause gives the natives back', async () => {
  expect(await fetchPrints()).not.toBe(NATIVE);
  // The copy that stayed hints: a same-site 'include' request with no cookie in scope has no header
  // that tells its credentials mode, so 'page-hook' evidence comes from the hook alone.
  rig.lab.setOverride('control-no-cookie-in-scope', { stage: 'response', hop: 0, headers: ['Access-Control-Allow-Origin: *'] });
  const api = `${rig.lab.sameSiteOrigin}/s/control-no-cookie-in-scope/0?run=hook-once`;
  await rig.page.evaluate((u) => fetch(u, { credentials: 'include' }).catch(() => 0), api);
  const reply = await until(
    () => readFindings(rig),
    (r) => r.findings.some((f) => f.url === api),
    'the finding',
  );
  expect(reply.findings.find((f) => f.url === api)).toMatchObject({ credentials: 'include', credentialsEvidence: 'page-hook' });
  rig.lab.setOverride('control-no-cookie-in-scope', null);

  await rig.reader.evaluate(() => chrome.storage.local.set({ paused: true }));
  // A wrapper the bridge does not know would stay: fetch would keep printing as a Proxy.
  expect(await until(fetchPrints, (p) => p === NATIVE, 'fetch restored')).toBe(NATIVE);
});
