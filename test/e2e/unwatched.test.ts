// Requests that begin and end before the extension's first listener exists: the browser reports
// them to no one, so nothing can judge them, and the extension must say so rather than stay
// silent or guess. Made to happen every run: Chromium installs the extension while it runs
// (CDP Extensions.loadUnpacked) and holds its service worker before its first line
// (Target.setAutoAttach, waitForDebuggerOnStart; scripts/browser/cdp-pipe.ts). The static page
// hook runs anyway, so the lab page's calls leave hints; the requests end; then the worker runs.
// Its hints, made before the session listened and taken by no request, name the requests in the
// tab's notice (extension/background/collector.ts `watchForUnwatched`), and the panel shows it
// (src/ui/UnwatchedBanner.tsx). A request that begins while the worker waits and ends after it
// runs is listed from its end alone, with its hint's credentials mode, and counted on the badge.
// A request made once the worker runs gets its verdict as usual.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { START_UNSEEN } from '../../extension/background/verdict';
import { startLab, type Lab } from '../../lab/index';
import { launchChromiumPipe, type CdpPipe } from '../../scripts/browser/cdp-pipe';
import { extensionDir } from '../../scripts/browser/launch';
import { until, type FindingsReply } from '../../scripts/browser/worker-rig';

let lab: Lab;
let cdp: CdpPipe;
/** An API that answers after SLOW_MS, with `*` (refused on a credentialed request). */
let slow: Server;
const SLOW_MS = 1_500;
/** Target id → session id, for every target the auto-attach reached. */
const sessions = new Map<string, string>();
let heldWorker: Promise<string>;

async function evaluate<T>(sessionId: string, expression: string): Promise<T> {
  const r = await cdp.send<{ result: { value?: unknown }; exceptionDetails?: unknown }>(
    'Runtime.evaluate',
    { expression, awaitPromise: true, returnByValue: true },
    sessionId,
  );
  if (r.exceptionDetails) throw new Error(`${expression.slice(0, 80)}…: ${JSON.stringify(r.exceptionDetails)}`);
  return r.result.value as T;
}

/** `read`, with a failed read (a page still loading, an API not there yet) as undefined. */
const soft =
  <T>(read: () => Promise<T>) =>
  (): Promise<T | undefined> =>
    read().catch(() => undefined);

/** A new tab on `url`, attached (the auto-attach no longer holds new targets by then). */
async function openTab(url: string): Promise<string> {
  const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', { url });
  return (await until(
    async () => sessions.get(targetId),
    (s) => s !== undefined,
    `a session for ${url}`,
    10_000,
  ))!;
}

beforeAll(async () => {
  lab = await startLab();
  slow = createServer((_req, res) => setTimeout(() => res.writeHead(200, { 'Access-Control-Allow-Origin': '*' }).end('late'), SLOW_MS));
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  cdp = launchChromiumPipe();
  heldWorker = new Promise((resolve) =>
    cdp.on('Target.attachedToTarget', (p) => {
      const info = p.targetInfo as { targetId: string; type: string; url: string };
      sessions.set(info.targetId, p.sessionId as string);
      if (info.type === 'service_worker' && info.url.startsWith('chrome-extension://') && p.waitingForDebugger === true) resolve(p.sessionId as string);
    }),
  );
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
});

afterAll(async () => {
  await cdp?.close();
  await lab?.close();
  slow?.closeAllConnections();
  await new Promise((resolve) => slow?.close(resolve));
});

describe('requests made before the extension first listened', () => {
  test('are named in the findings reply and the panel, not judged; the next request is judged', async () => {
    const { targetInfos } = await cdp.send<{ targetInfos: { targetId: string; type: string; url: string }[] }>('Target.getTargets');
    const pageTarget = targetInfos.find((t) => t.type === 'page' && t.url === 'about:blank')!.targetId;
    const { id: extensionId } = await cdp.send<{ id: string }>('Extensions.loadUnpacked', { path: extensionDir() });
    const worker = await heldWorker;

    // The lab page loads with the static content scripts while the worker waits at its first line.
    const page = sessions.get(pageTarget)!;
    await cdp.send('Page.navigate', { url: lab.pageUrl }, page);
    await until(
      soft(() => evaluate<string>(page, `location.href + ' ' + document.readyState`)),
      (v) => v === `${lab.pageUrl} complete`,
      'the lab page',
    );
    const before = ['before-1', 'before-2', 'before-3'].map((run) => `${lab.crossSiteOrigin}/s/acao-wildcard/0?run=${run}`);
    const outcomes = await evaluate<string[]>(
      page,
      `Promise.all(${JSON.stringify(before)}.map((u) => fetch(u, { credentials: 'include' }).then((r) => 'status ' + r.status, () => 'blocked')))`,
    );
    expect(outcomes).toEqual(['blocked', 'blocked', 'blocked']);
    // One more goes out and is still waiting for its answer when the worker starts.
    const late = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/late`;
    await evaluate(page, `window.late = fetch(${JSON.stringify(late)}, { credentials: 'include' }).then(() => 'answered', () => 'blocked'); 0`);
    await new Promise((r) => setTimeout(r, 300));

    // Only now does the worker run its first line and add its listeners.
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true });
    await cdp.send('Runtime.runIfWaitingForDebugger', {}, worker);
    expect(await evaluate<string>(page, 'window.late')).toBe('blocked');

    const reader = await openTab(`chrome-extension://${extensionId}/extension/popup/popup.html?tabId=0`);
    const tabId = await until(
      soft(() =>
        evaluate<number | undefined>(reader, `chrome.tabs.query({}).then((ts) => ts.find((t) => t.url.startsWith(${JSON.stringify(lab.pageUrl)}))?.id)`),
      ),
      (id) => typeof id === 'number',
      'the lab tab',
    );
    const findings = soft(() => evaluate<FindingsReply>(reader, `chrome.runtime.sendMessage({ type: 'cors/findings', tabId: ${tabId} })`));
    // The notice comes once the hints have waited for their requests (5 s).
    const reply = (await until(findings, (r) => (r?.unwatched?.count ?? 0) >= 3, 'the unwatched notice', 30_000))!;
    expect(reply.unwatched!.count).toBe(3);
    expect(reply.unwatched!.requests.map((r) => `${r.method} ${r.url}`).sort()).toEqual(before.map((u) => `GET ${u}`).sort());
    // Never judged: the extension saw none of their headers.
    expect(reply.findings.filter((f) => f.url.includes('run=before'))).toEqual([]);
    // Seen from its end alone: listed and counted, with the mode its hint told, and no guessed cause.
    const endOnly = reply.findings.filter((f) => f.url === late);
    expect(endOnly).toHaveLength(1);
    expect(endOnly[0]).toMatchObject({ severity: 'error', credentials: 'include', credentialsEvidence: 'page-hook' });
    expect(endOnly[0]!.message).toContain(START_UNSEEN);

    const panel = await openTab(`chrome-extension://${extensionId}/extension/panel/panel.html?tabId=${tabId}`);
    const line = await until(
      soft(() => evaluate<string | null>(panel, `document.querySelector('[data-testid=unwatched]')?.textContent ?? null`)),
      (t) => typeof t === 'string',
      'the panel line',
    );
    expect(line).toContain('3 requests were made before the extension was listening');

    // The worker now listens: the same request made again is judged, with the hook's credentials mode.
    const after = `${lab.crossSiteOrigin}/s/acao-wildcard/0?run=after`;
    expect(await evaluate<string>(page, `fetch(${JSON.stringify(after)}, { credentials: 'include' }).then(() => 'answered', () => 'blocked')`)).toBe('blocked');
    const judged = (await until(findings, (r) => r?.findings.some((f) => f.url === after) === true, 'the verdict on the later request'))!;
    expect(judged.findings.find((f) => f.url === after)).toMatchObject({ severity: 'error', credentials: 'include' });
    expect(judged.unwatched!.count).toBe(3);
    // The badge counts what was seen to fail: the late request and this one.
    expect(judged.blocked).toBe(2);
    const badge = soft(() => evaluate<string>(reader, `chrome.action.getBadgeText({ tabId: ${tabId} })`));
    expect(await until(badge, (t) => t === '2', 'the badge', 10_000)).toBe('2');
  });
});
