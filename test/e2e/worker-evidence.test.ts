// Requests the MAIN-world hook cannot see: fetches from a dedicated worker (content scripts do not
// run in workers; Chromium 156 still gives their webRequest events the page's tabId). The worker
// then learns the credentials mode from the headers or the outcome alone. Chromium's sentences
// come from the worker's own console (CDP Log domain on the auto-attached worker target).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CDPSession } from 'playwright-core';
import { readFindings, startRig, until, type Rig } from '../../scripts/browser/worker-rig';

let rig: Rig;
const sentences: string[] = [];
beforeAll(async () => {
  rig = await startRig();
  const s: CDPSession = await rig.browser.context.newCDPSession(rig.page);
  const send = (m: string, p: object) => (s.send as (m: string, p: object) => Promise<unknown>)(m, p);
  const on = s.on as (e: string, fn: (p: Record<string, unknown>) => void) => void;
  on.call(s, 'Target.attachedToTarget', (e) => {
    const sessionId = e.sessionId as string;
    ['Log.enable', 'Runtime.runIfWaitingForDebugger'].forEach(
      (method, i) => void send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: i + 1, method }) }),
    );
  });
  on.call(s, 'Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message as string) as { method?: string; params?: { entry?: { level: string; text: string } } };
    const entry = m.method === 'Log.entryAdded' ? m.params?.entry : undefined;
    if (entry?.level === 'error' && entry.text.startsWith('Access to ')) sentences.push(entry.text);
  });
  await send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
});
afterAll(async () => {
  await rig?.close();
});

it('credentials evidence without the hook: cookie, Sec-Fetch-Storage-Access, outcome, none', async () => {
  rig.lab.setOverride('control-no-cookie-in-scope', { stage: 'response', hop: 0, headers: ['Access-Control-Allow-Origin: *'] });
  const calls: [string, RequestCredentials][] = [
    [`${rig.lab.sameSiteOrigin}/c/s/acao-missing/0?run=w-cookie`, 'include'], // same-site, lab cookie in scope
    [`${rig.lab.crossSiteOrigin}/s/acao-wildcard/0?run=w-storage`, 'include'], // cross-site, no cookie
    [`${rig.lab.sameSiteOrigin}/s/control-no-cookie-in-scope/0?run=w-outcome`, 'include'], // first visit: nothing in the headers
    [`${rig.lab.crossSiteOrigin}/s/acao-missing-xhr/0?run=w-none`, 'omit'], // fails without credentials too
  ];
  const out = await rig.page.evaluate(
    (calls) =>
      new Promise<string[]>((resolve) => {
        const code = `onmessage = async (e) => { const out = []; for (const [u, c] of e.data) out.push(await fetch(u, { credentials: c }).then(() => 'ok', () => 'blocked')); postMessage(out); };`;
        const w = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
        w.onmessage = (e) => resolve(e.data as string[]);
        w.postMessage(calls);
      }),
    calls,
  );
  expect(out).toEqual(['blocked', 'blocked', 'blocked', 'blocked']);
  const { findings } = await until(
    () => readFindings(rig),
    (r) => r.findings.length === 4,
    'four findings',
  );
  await until(
    async () => sentences.length,
    (n) => n === 4,
    "the worker's four console sentences",
  );
  const seen = calls.map(([url]) => {
    const f = findings.find((x) => x.url === url)!;
    expect(f.message, url).toBe(sentences.find((s) => s.includes(`'${url}'`)));
    return [f.credentials, f.credentialsEvidence, f.credentialed, f.initiator];
  });
  expect(seen).toEqual([
    ['include', 'cookie', true, 'unknown'],
    ['include', 'storage-access', true, 'unknown'],
    ['include', 'outcome', true, 'unknown'],
    ['unknown', 'none', false, 'unknown'],
  ]);
});
