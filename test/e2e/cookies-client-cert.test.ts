// A TLS client certificate is a credential too: an API that requires one, called from
// the lab page in real Chromium 156, which has none to offer. The extension lists the failure
// under Cookies with the net error Chromium reports (recorded live over CDP on the same page).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab/index';
import type { TabFinding } from '../../src/messages';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/browser/launch';
import { until } from '../../scripts/browser/worker-rig';

let lab: Lab;
let browser: ExtensionBrowser;
let server: Server;
const dir = mkdtempSync(join(tmpdir(), 'cci-tls-'));

/** A throwaway self-signed certificate for the API (openssl: Debian's `openssl` package). */
function certificate(host: string): { key: Buffer; cert: Buffer } {
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        `/CN=${host}`,
        '-addext',
        `subjectAltName=IP:${host}`,
      ],
      { stdio: 'pipe' },
    );
  } catch (e) {
    throw new Error(`openssl is needed to make the test's certificate: apt-get install -y openssl (${String(e)})`);
  }
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
}

beforeAll(async () => {
  lab = await startLab();
  const host = new URL(lab.cookieOrigin).hostname;
  // requestCert + rejectUnauthorized: the handshake fails without a client certificate.
  server = createServer({ ...certificate(host), requestCert: true, rejectUnauthorized: true }, (_req, res) => res.end('ok'));
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  // The API's own certificate is self-signed: accept it, so only the CLIENT certificate fails.
  browser = await launchWithExtension({ args: ['--ignore-certificate-errors'] });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await lab?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('names the client-certificate failure, with the error Chromium reports, under Cookies', async () => {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  const failures: string[] = [];
  cdp.on('Network.loadingFailed', (e: { errorText: string }) => void failures.push(e.errorText));
  await cdp.send('Network.enable');
  await page.goto(lab.pageUrl);
  const api = `https://${new URL(lab.cookieOrigin).hostname}:${(server.address() as AddressInfo).port}/me`;
  const reader = await browser.context.newPage();
  await reader.goto(`chrome-extension://${browser.extensionId}/extension/popup/popup.html`);
  const tabId = await reader.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, lab.pageUrl);
  const read = async () =>
    (await reader.evaluate<{ findings: TabFinding[] }, number | undefined>((t) => chrome.runtime.sendMessage({ type: 'cors/findings', tabId: t }), tabId))
      .findings;

  let findings: TabFinding[] = [];
  // Chromium's very first TLS connection of a profile sometimes fails another way
  // (net::ERR_SOCKET_NOT_CONNECTED, probed): a user would retry too.
  for (let i = 0; i < 3; i++) {
    const outcome = await page.evaluate(
      (u) =>
        fetch(u, { credentials: 'include' }).then(
          (r) => `status ${r.status}`,
          (e: Error) => e.message,
        ),
      api,
    );
    expect(outcome).toBe('Failed to fetch');
    await until(
      async () => failures.length,
      (n) => n > i,
      'the network failure on the page',
    );
    findings = await until(read, (fs) => fs.some((x) => x.rule === 'client-cert'), 'a client-cert finding', 3000).catch(read);
    if (findings.some((x) => x.rule === 'client-cert')) break;
  }
  const f = findings.find((x) => x.rule === 'client-cert');
  expect(f, JSON.stringify(failures)).toBeDefined();
  expect(failures).toContain(f!.hint);
  expect([f!.kind, f!.severity, f!.code, f!.credential?.phase, f!.url]).toEqual(['cookie', 'warning', f!.hint.replace('net::', ''), 'cert', api]);
  expect(f!.hint).toMatch(/^net::ERR_(BAD_SSL_CLIENT_AUTH_CERT|SSL_CLIENT_AUTH_)/);
  expect(f!.explanation).toContain('credential');
  // Not a CORS block: nothing on the badge.
  const sw = await browser.serviceWorker();
  expect(await sw.evaluate((t) => chrome.action.getBadgeText({ tabId: t }), tabId!)).toBe('');
});
