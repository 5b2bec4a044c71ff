// The pause switch in real Chromium: the popup's "Watching" box off removes every listener and
// silences the page scripts (an open page gets its natives back, a new page's bridge reads the
// switch and has the hook give them back), the badge and tooltip say paused, the choice survives
// the worker being stopped, and on again everything returns, open pages included.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PAUSED_TEXT, PAUSED_TITLE } from '../../extension/background/badge';
import { readFindings, startRig, until, workerCdp, type Rig } from '../../scripts/browser/worker-rig';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

const fetchPrints = () => rig.page.evaluate(() => Function.prototype.toString.call(fetch));
const NATIVE = 'function fetch() { [native code] }';
const badge = async () => {
  const sw = await rig.browser.serviceWorker();
  return sw.evaluate(async (tabId) => [await chrome.action.getBadgeText({ tabId }), await chrome.action.getTitle({ tabId })], rig.tabId);
};
/** Every event the pause switch turns off: webRequest's six, cookie changes and navigations. */
const WATCHED = [
  'webRequest.onBeforeRequest',
  'webRequest.onSendHeaders',
  'webRequest.onHeadersReceived',
  'webRequest.onBeforeRedirect',
  'webRequest.onCompleted',
  'webRequest.onErrorOccurred',
  'cookies.onChanged',
  'webNavigation.onCommitted',
  'webNavigation.onDOMContentLoaded',
];
/**
 * Paused, one listener stays: the Try-fix trials end when their tab leaves for another origin,
 * paused or not (extension/background/main.ts), so webNavigation.onCommitted keeps that one.
 */
const PAUSED = ['webNavigation.onCommitted'];
/** The watched events the worker holds a listener for now, as Chromium reports them (hasListeners). */
const listeners = async () => {
  const sw = await rig.browser.serviceWorker();
  return sw.evaluate(
    (names) =>
      names.filter((n) => {
        const [api, event] = n.split('.') as [string, string];
        return (chrome as unknown as Record<string, Record<string, { hasListeners(): boolean }>>)[api]![event]!.hasListeners();
      }),
    WATCHED,
  );
};
const blockedFetch = (run: string) =>
  rig.page.evaluate(
    (u) =>
      fetch(u, { credentials: 'include' }).then(
        () => 'ok',
        () => 'blocked',
      ),
    `${rig.lab.crossSiteOrigin}/s/acao-wildcard/0?run=${run}`,
  );

it('off: no listener, no page script, badge and tooltip say paused; on: back to watching', async () => {
  expect(await fetchPrints()).not.toBe(NATIVE); // watching: the hook wraps fetch
  expect(await listeners()).toEqual(WATCHED);
  const popup = await rig.browser.context.newPage();
  await popup.goto(`chrome-extension://${rig.browser.extensionId}/extension/popup/popup.html?tabId=${rig.tabId}`);
  const box = popup.getByTestId('watching');
  expect(await box.isChecked()).toBe(true);
  await box.uncheck();

  // The open page got its natives back, and the badge says paused.
  await until(fetchPrints, (p) => p === NATIVE, 'fetch restored in the open page');
  expect(await until(badge, (b) => b[0] === PAUSED_TEXT, 'badge paused')).toEqual([PAUSED_TEXT, PAUSED_TITLE]);
  expect(await listeners()).toEqual(PAUSED);
  // A new document's bridge reads the switch and the hook gives the natives back; a blocked
  // request leaves no finding.
  await rig.page.reload();
  await until(fetchPrints, (p) => p === NATIVE, 'fetch restored in the new document');
  expect(await blockedFetch('paused')).toBe('blocked');
  await new Promise((r) => setTimeout(r, 1_000));
  expect((await readFindings(rig)).findings.filter((f) => f.url.includes('run=paused'))).toEqual([]);

  // Remembered: a restarted worker stays paused.
  const cdp = await workerCdp(rig);
  await cdp.stopAllWorkers();
  await cdp.detach();
  await rig.page.reload();
  await until(fetchPrints, (p) => p === NATIVE, 'fetch restored after the restart');
  expect(await blockedFetch('paused-again')).toBe('blocked');
  await new Promise((r) => setTimeout(r, 1_000));
  expect((await readFindings(rig)).findings.filter((f) => f.url.includes('run=paused'))).toEqual([]);
  expect((await badge())[0]).toBe(PAUSED_TEXT);
  expect(await listeners()).toEqual(PAUSED);

  // On again: a new document is hooked and findings arrive.
  await popup.reload();
  expect(await popup.getByTestId('watching').isChecked()).toBe(false);
  await popup.getByTestId('watching').check();
  await until(badge, (b) => b[0] !== PAUSED_TEXT, 'watching again');
  expect(await listeners()).toEqual(WATCHED);
  // The open document is hooked again (the worker injects the scripts into open tabs on resume).
  await until(fetchPrints, (p) => p !== NATIVE, 'the open page hooked again');
  expect(await blockedFetch('resumed-open')).toBe('blocked');
  const open = await until(
    () => readFindings(rig),
    (x) => x.findings.some((f) => f.url.includes('run=resumed-open')),
    'a finding on the open page',
  );
  expect(open.findings.find((f) => f.url.includes('run=resumed-open'))).toMatchObject({ credentialsEvidence: 'page-hook' });
  await rig.page.reload();
  expect(await fetchPrints()).not.toBe(NATIVE);
  expect(await blockedFetch('resumed')).toBe('blocked');
  const r = await until(
    () => readFindings(rig),
    (x) => x.findings.some((f) => f.url.includes('run=resumed')),
    'a finding after resuming',
  );
  expect(r.findings.find((f) => f.url.includes('run=resumed'))).toMatchObject({ code: 'WildcardOriginNotAllowed', credentialsEvidence: 'page-hook' });
  await popup.close();
});
