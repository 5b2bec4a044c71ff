// The pause switch in real Chromium: the popup's "Watching" box off removes every listener and
// page script (an open page gets its natives back, a new page gets none), the badge and tooltip
// say paused, the choice survives the worker being stopped, and on again everything returns.
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
  return sw.evaluate(
    async (tabId) => [
      await chrome.action.getBadgeText({ tabId }),
      await chrome.action.getTitle({ tabId }),
      (await chrome.scripting.getRegisteredContentScripts()).length,
    ],
    rig.tabId,
  );
};
/** The worker's events that still have a listener: webRequest's six, cookies and navigations. */
const listening = async () => {
  const sw = await rig.browser.serviceWorker();
  return sw.evaluate(() => {
    const wr = chrome.webRequest;
    const events: Record<string, { hasListeners(): boolean }> = {
      onBeforeRequest: wr.onBeforeRequest,
      onSendHeaders: wr.onSendHeaders,
      onHeadersReceived: wr.onHeadersReceived,
      onBeforeRedirect: wr.onBeforeRedirect,
      onCompleted: wr.onCompleted,
      onErrorOccurred: wr.onErrorOccurred,
      'cookies.onChanged': chrome.cookies.onChanged,
      'webNavigation.onCommitted': chrome.webNavigation.onCommitted,
    };
    return Object.keys(events).filter((name) => events[name]!.hasListeners());
  });
};
const ALL = [
  'onBeforeRequest',
  'onSendHeaders',
  'onHeadersReceived',
  'onBeforeRedirect',
  'onCompleted',
  'onErrorOccurred',
  'cookies.onChanged',
  'webNavigation.onCommitted',
];

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
  expect(await listening()).toEqual(ALL);
  const popup = await rig.browser.context.newPage();
  await popup.goto(`chrome-extension://${rig.browser.extensionId}/extension/popup/popup.html?tabId=${rig.tabId}`);
  const box = popup.getByTestId('watching');
  expect(await box.isChecked()).toBe(true);
  await box.uncheck();

  // The open page got its natives back, and the badge says paused.
  await until(fetchPrints, (p) => p === NATIVE, 'fetch restored in the open page');
  expect(await until(badge, (b) => b[0] === PAUSED_TEXT && b[2] === 0, 'badge paused, scripts unregistered')).toEqual([PAUSED_TEXT, PAUSED_TITLE, 0]);
  expect(await listening()).toEqual([]);
  // A new document gets no script, and a blocked request leaves no finding.
  await rig.page.reload();
  expect(await fetchPrints()).toBe(NATIVE);
  expect(await blockedFetch('paused')).toBe('blocked');
  await new Promise((r) => setTimeout(r, 1_000));
  expect((await readFindings(rig)).findings.filter((f) => f.url.includes('run=paused'))).toEqual([]);

  // Remembered: a restarted worker stays paused.
  const cdp = await workerCdp(rig);
  await cdp.stopAllWorkers();
  await cdp.detach();
  await rig.page.reload();
  expect(await blockedFetch('paused-again')).toBe('blocked');
  await new Promise((r) => setTimeout(r, 1_000));
  expect((await readFindings(rig)).findings.filter((f) => f.url.includes('run=paused'))).toEqual([]);
  expect((await badge())[0]).toBe(PAUSED_TEXT);
  expect(await until(listening, (l) => l.length === 0, 'a restarted worker paused again')).toEqual([]);

  // On again: a new document is hooked and findings arrive.
  await popup.reload();
  expect(await popup.getByTestId('watching').isChecked()).toBe(false);
  await popup.getByTestId('watching').check();
  await until(badge, (b) => b[0] !== PAUSED_TEXT && b[2] === 2, 'watching again');
  expect(await listening()).toEqual(ALL);
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
