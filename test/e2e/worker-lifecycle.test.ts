// The worker's state across its own death, the tab's navigations and closing; the panel port; the
// MAIN-world hook running first and staying invisible. Real Chromium, built extension, the lab.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isToPanel, type ToBackground, type ToPanel } from '../../src/messages';
import { badgeText, errorsOf, readFindings, runScenario, startRig, until, workerCdp, type Rig } from '../../scripts/browser/worker-rig';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

const errorCount = async () => errorsOf((await readFindings(rig)).findings).length;
/**
 * A command as the panel sends it: on the cors-panel port, after its subscribe (docs/message-api.md).
 * Resolves once the worker has answered the subscribe; the command is taken after it, in order.
 */
const command = (msg: ToBackground) =>
  rig.reader.evaluate(
    (m) =>
      new Promise<void>((resolve) => {
        const port = chrome.runtime.connect({ name: 'cors-panel' });
        port.onMessage.addListener(() => {
          port.disconnect();
          resolve();
        });
        port.postMessage({ type: 'subscribe', tabId: m.tabId });
        port.postMessage(m);
      }),
    msg,
  );
const preserveLog = async (on: boolean) => {
  await command({ type: 'preserve-log', tabId: rig.tabId, on });
  await until(
    async () => (await readFindings(rig)).preserveLog,
    (p) => p === on,
    `preserve log ${on ? 'on' : 'off'}`,
  );
};

describe('worker lifecycle', () => {
  it('findings and badge survive the service worker being stopped; new findings still arrive', async () => {
    for (const id of ['acao-missing', 'acao-wildcard-xhr', 'preflight-acao-missing']) expect((await runScenario(rig, id)).ok).toBe(false);
    await until(errorCount, (n) => n === 3, 'three findings');
    expect(
      await until(
        () => badgeText(rig),
        (t) => t === '3',
        'badge 3',
      ),
    ).toBe('3');
    const before = (await readFindings(rig)).findings.map((f) => f.id);

    const sw = await rig.browser.serviceWorker();
    await sw.evaluate(() => void ((globalThis as { __alive?: number }).__alive = 1));
    const cdp = await workerCdp(rig);
    await cdp.stopAllWorkers(); // Chromium 156: ServiceWorker.stopAllWorkers stops the extension's worker
    await cdp.detach();

    // A blocked request wakes it (webRequest listeners registered at top level) and is recorded.
    expect((await runScenario(rig, 'acac-missing')).ok).toBe(false);
    const after = await until(
      () => readFindings(rig),
      (r) => errorsOf(r.findings).length === 4,
      'the finding after the restart',
    );
    const restarted = await rig.browser.serviceWorker();
    expect(await restarted.evaluate(() => (globalThis as { __alive?: number }).__alive ?? 'fresh')).toBe('fresh');
    expect(after.findings.slice(0, before.length).map((f) => f.id)).toEqual(before);
    expect(
      await until(
        () => badgeText(rig),
        (t) => t === '4',
        'badge 4',
      ),
    ).toBe('4');
  });

  it('clears the log and badge when the top document navigates, unless preserve log is on', async () => {
    await rig.page.goto(rig.lab.pageUrl);
    await until(errorCount, (n) => n === 0, 'an empty log');
    expect(
      await until(
        () => badgeText(rig),
        (t) => t === '',
        'empty badge',
      ),
    ).toBe('');

    await preserveLog(true);
    expect((await runScenario(rig, 'acao-null')).ok).toBe(false);
    await until(errorCount, (n) => n === 1, 'one finding');
    await rig.page.goto(rig.lab.pageUrl);
    // Chromium cleared the tab's badge on the new document; the worker paints it again.
    expect(
      await until(
        () => badgeText(rig),
        (t) => t === '1',
        'badge 1 after navigation',
      ),
    ).toBe('1');
    expect(await errorCount()).toBe(1);
    expect((await readFindings(rig)).preserveLog).toBe(true);

    await command({ type: 'clear', tabId: rig.tabId });
    expect(await until(errorCount, (n) => n === 0, 'the log cleared')).toBe(0);
    expect(
      await until(
        () => badgeText(rig),
        (t) => t === '',
        'empty badge after clear',
      ),
    ).toBe('');
    await preserveLog(false);
  });

  it('serves the cors-panel port: a snapshot, then additions', async () => {
    await rig.reader.evaluate((tabId) => {
      const w = window as unknown as { got: unknown[] };
      w.got = [];
      const port = chrome.runtime.connect({ name: 'cors-panel' });
      port.onMessage.addListener((m) => w.got.push(m));
      port.postMessage({ type: 'subscribe', tabId });
    }, rig.tabId);
    // The port also tells the tab's "Try fix" trial state (`trial`, docs/message-api.md): not counted here.
    const got = () => rig.reader.evaluate(() => (window as unknown as { got: { type?: string }[] }).got.filter((m) => m.type !== 'trial'));
    await until(got, (g) => g.length === 1, 'the snapshot');
    expect((await runScenario(rig, 'acac-false')).ok).toBe(false);
    const msgs = (await until(got, (g) => g.length === 2, 'an addition')) as ToPanel[];
    expect(msgs.every(isToPanel)).toBe(true);
    expect(msgs.map((m) => m.type)).toEqual(['snapshot', 'added']);
    expect(msgs[1]).toMatchObject({ type: 'added', tabId: rig.tabId });
    expect((msgs[1] as { findings: { code: string }[] }).findings[0]!.code).toBe('InvalidAllowCredentials');
  });

  it('removes a closed tab from storage.session', async () => {
    const tab = await rig.browser.context.newPage();
    await tab.goto(rig.lab.pageUrl);
    const tabId = await rig.reader.evaluate(async () => (await chrome.tabs.query({})).map((t) => t.id).filter((x): x is number => typeof x === 'number'));
    const id = Math.max(...tabId);
    await tab.evaluate(() => (window as unknown as { lab: { run(id: string): Promise<unknown> } }).lab.run('acao-missing'));
    const stored = () => rig.reader.evaluate(async (k) => (await chrome.storage.session.get(k))[k] !== undefined, `tab:${id}`);
    await until(stored, (x) => x, 'the tab stored');
    await tab.close();
    expect(await until(stored, (x) => !x, 'the tab removed')).toBe(false);
  });
});

describe('the MAIN-world hook', () => {
  it("runs before the page's first script: an inline fetch at document start is hinted", async () => {
    // A same-site 'include' request with no cookie in scope: no header tells its mode, so
    // 'page-hook' evidence can only come from the hook having wrapped fetch before this script ran.
    rig.lab.setOverride('control-no-cookie-in-scope', { stage: 'response', hop: 0, headers: ['Access-Control-Allow-Origin: *'] });
    const api = `${rig.lab.sameSiteOrigin}/s/control-no-cookie-in-scope/0?run=early-1`;
    // Served from loopback like the lab (Chromium 156's Local Network Access check blocks a page
    // Playwright fulfils itself from reaching loopback: net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS).
    const html = `<!doctype html><script>fetch(${JSON.stringify(api)}, { credentials: 'include' }).catch(() => {});</script>`;
    const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(html));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const early = `http://localhost:${(server.address() as AddressInfo).port}/early`;
    await rig.page.goto(early).finally(() => server.close());
    const reply = await until(
      () => readFindings(rig),
      (r) => r.findings.some((f) => f.url === api),
      'the early finding',
    );
    const f = reply.findings.find((x) => x.url === api)!;
    expect(f).toMatchObject({ credentials: 'include', credentialsEvidence: 'page-hook', initiator: 'fetch', code: 'WildcardOriginNotAllowed' });
    rig.lab.setOverride('control-no-cookie-in-scope', null);
  });

  it('is invisible to the page and never throws into it', async () => {
    await rig.page.goto(rig.lab.pageUrl);
    const seen = await rig.page.evaluate(async () => {
      const str = (f: unknown) => Function.prototype.toString.call(f);
      // A native we do not wrap, renamed: what an untouched native looks like in this browser.
      const native = (name: string) => str(window.alert).replace('alert', name);
      // A Proxy of a native prints as native code without its name (V8); Function.prototype.toString
      // is not patched to hide that (a patch is itself detectable).
      const proxied = 'function () { [native code] }';
      const messages: unknown[] = [];
      window.addEventListener('message', (e) => messages.push(e.data));
      const xhr = XMLHttpRequest.prototype;
      let thrown = '';
      await fetch('data:,x', {
        get credentials(): RequestCredentials {
          throw new Error('boom');
        },
      }).catch((e: Error) => (thrown = e.message));
      await new Promise((r) => setTimeout(r, 50));
      return {
        fetch: [fetch.name, fetch.length, str(fetch) === proxied, String(fetch) === proxied],
        open: [xhr.open.name, xhr.open.length, str(xhr.open) === proxied],
        send: [xhr.send.name, xhr.send.length, str(xhr.send) === proxied],
        toString: [
          Function.prototype.toString.name,
          str(Function.prototype.toString) === native('toString'),
          Function.prototype.toString.toString() === native('toString'),
        ],
        ownKeys: Object.getOwnPropertyNames(window).filter((k) => /cors|inspector|hint/i.test(k)),
        messages,
        thrown,
      };
    });
    expect(seen).toEqual({
      fetch: ['fetch', 1, true, true],
      open: ['open', 2, true],
      send: ['send', 0, true],
      toString: ['toString', true, true],
      ownKeys: [],
      messages: [],
      thrown: 'boom',
    });
  });
});
