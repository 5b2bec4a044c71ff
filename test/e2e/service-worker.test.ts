// A page's service worker makes a credentialed fetch that Chromium blocks: webRequest gives that
// request no tab (tabId -1), and the extension lists it on the page's tab, marked "from service
// worker", in the list and in the panel. Real Chromium 156, the lab's /workers page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readFindings, startRig, until, type Rig } from '../../scripts/browser/worker-rig';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

it("lists the service worker's blocked credentialed fetch on the page's tab", async () => {
  await rig.page.goto(`${rig.lab.pageOrigin}/workers`);
  await rig.page.evaluate(() => (window as unknown as { swLab: { ready(): Promise<boolean> } }).swLab.ready());
  const url = `${rig.lab.crossSiteOrigin}/s/acao-wildcard/0?run=sw-1`;
  const result = await rig.page.evaluate<{ ok: boolean }, string>(
    (u) => (window as unknown as { swLab: { fetch(u: string): Promise<{ ok: boolean }> } }).swLab.fetch(u),
    url,
  );
  expect(result.ok).toBe(false); // Chromium refused it: '*' with credentials
  const reply = await until(
    () => readFindings(rig),
    (r) => r.findings.some((f) => f.url === url),
    'the worker request on the page tab',
  );
  const f = reply.findings.find((x) => x.url === url)!;
  // No page hook runs in a worker: the browser's refusal of only the credentialed reading tells 'include'.
  expect(f).toMatchObject({ tabId: rig.tabId, severity: 'error', code: 'WildcardOriginNotAllowed', fromWorker: true, credentials: 'include' });
  expect(reply.blocked).toBe(1);

  const panel = await rig.browser.context.newPage();
  await panel.goto(`chrome-extension://${rig.browser.extensionId}/extension/panel/panel.html?tabId=${rig.tabId}`);
  await panel.getByTestId('from-worker').first().waitFor();
  expect(await panel.getByTestId('from-worker').first().textContent()).toBe(' · from service worker');
  await panel.close();
});

it('a request of the page itself is not marked', async () => {
  const url = `${rig.lab.crossSiteOrigin}/s/acao-wildcard/0?run=page-1`;
  await rig.page.evaluate((u) => fetch(u, { credentials: 'include' }).catch(() => 0), url);
  const reply = await until(
    () => readFindings(rig),
    (r) => r.findings.some((f) => f.url === url),
    'the page request',
  );
  expect(reply.findings.find((x) => x.url === url)!.fromWorker).toBeUndefined();
});
