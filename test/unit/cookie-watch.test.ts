// The background's cookie watch with a fake jar: what it reads from the headers (names only),
// which cookie it names, and what it leaves alone. Real Chromium: test/e2e/cookies.test.ts.
import { describe, expect, it } from 'vitest';
import { createCookieWatch, cookieNames, jarFacts, type JarCookie } from '../../extension/background/cookies';
import type { Finished } from '../../extension/background/collector';
import type { Details } from '../../extension/background/request-event';
import { throughReader } from './webrequest-replay';
import type { TabFinding } from '../../src/messages';

const PAGE = 'http://localhost:3000';
const API = 'http://127.0.0.2:4000';

function harness(jar: JarCookie[] = [], blocked: boolean | undefined = false) {
  const added: TabFinding[] = [];
  const reads = { jar: 0, privacy: 0 };
  const timers: (() => void)[] = [];
  let clock = 1_000;
  const watch = throughReader(
    createCookieWatch({
      getAll: async ({ domain }) => (reads.jar++, jar).filter((c) => c.domain.replace(/^\./, '') === domain || c.domain.endsWith(`.${domain}`)),
      thirdPartyBlocked: async () => (reads.privacy++, blocked),
      add: (_tab, fs) => added.push(...fs),
      now: () => ++clock,
      schedule: (fn) => timers.push(fn),
    }),
    false,
    () => clock,
  );
  const flush = async () => {
    // A settled request waits for its batch (a second timer): run until no timer is left.
    while (timers.length > 0) for (const fn of timers.splice(0)) fn();
    for (let i = 0; i < 10; i++) await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { watch, added, flush, reads };
}

const req = (id: string, url: string, over: Partial<Details> = {}): Details => ({
  requestId: id,
  url,
  method: 'GET',
  tabId: 7,
  frameId: 0,
  initiator: PAGE,
  type: 'xmlhttprequest',
  ...over,
});

function finished(id: string, url: string, over: Partial<Finished> = {}, status = 200, headers: { name: string; value: string }[] = []): Finished {
  return {
    requestId: id,
    tabId: 7,
    frameId: 0,
    blocked: false,
    record: { method: 'GET', origin: PAGE, credentials: 'include', initiator: 'fetch', requestHeaders: [], hops: [{ url, response: { status, headers } }] },
    cookie: false,
    storageAccess: true,
    hint: { credentials: 'include', initiator: 'fetch' },
    ...over,
  };
}

describe('cookie watch', () => {
  it('keeps only the names of a Cookie header', () => {
    expect(cookieNames(['sid=abc; theme=dark', ' a=b=c ;=x; novalue'])).toEqual(['sid', 'theme', 'a']);
  });

  it('maps a jar cookie to names and attributes, without its value', () => {
    const facts = jarFacts({
      name: 'sid',
      value: 'v4lue',
      domain: '.example.com',
      hostOnly: false,
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'no_restriction',
      partitionKey: { topLevelSite: 'https://app.example' },
    } as JarCookie);
    expect(facts).toEqual({
      name: 'sid',
      secure: true,
      httpOnly: true,
      sameSite: 'none',
      domain: 'example.com',
      path: '/',
      partitioned: true,
      partitionSite: 'https://app.example',
    });
  });

  it('names a Set-Cookie the browser did not store, with the reason, and no value anywhere', async () => {
    const h = harness();
    h.watch.handle('sendHeaders', req('1', `${API}/auth/login`, { requestHeaders: [{ name: 'Sec-Fetch-Site', value: 'cross-site' }] }));
    h.watch.handle(
      'headersReceived',
      req('1', `${API}/auth/login`, { responseHeaders: [{ name: 'Set-Cookie', value: 'sid=v4lue; Path=/; HttpOnly; SameSite=Lax' }] }),
    );
    h.watch.finished(finished('1', `${API}/auth/login`));
    await h.flush();
    expect(h.added.map((f) => [f.rule, f.code, f.credential?.name, f.kind, f.severity])).toEqual([
      ['cookie-samesite', 'SchemefulSameSiteLax', 'sid', 'cookie', 'warning'],
    ]);
    expect(JSON.stringify(h.added)).not.toContain('v4lue');
  });

  it('raises nothing for a cookie that was stored, or for a request that was not credentialed or was blocked', async () => {
    const stored: JarCookie = { name: 'sid', domain: '127.0.0.2', hostOnly: true, path: '/', secure: true, httpOnly: true, sameSite: 'no_restriction' };
    const h = harness([stored]);
    const line = [{ name: 'set-cookie', value: 'sid=x; Path=/; Secure; SameSite=None' }];
    for (const [id, over] of [
      ['a', {}],
      ['b', { hint: { credentials: 'same-origin' as const, initiator: 'fetch' as const }, storageAccess: false }],
      ['c', { blocked: true }],
    ] as const) {
      h.watch.handle('sendHeaders', req(id, `${API}/login`, { requestHeaders: [{ name: 'Cookie', value: 'sid=x' }] }));
      h.watch.handle('headersReceived', req(id, `${API}/login`, { responseHeaders: line }));
      h.watch.finished(finished(id, `${API}/login`, over));
    }
    await h.flush();
    expect(h.added).toEqual([]);
  });

  it('names a jar cookie held back from a cross-site request, and says it once per 30 s', async () => {
    const lax: JarCookie = { name: 'pref', domain: '127.0.0.2', hostOnly: true, path: '/', secure: false, httpOnly: false, sameSite: 'lax' };
    const h = harness([lax], true);
    for (const id of ['1', '2']) {
      h.watch.handle('sendHeaders', req(id, `${API}/me`, { requestHeaders: [{ name: 'Sec-Fetch-Site', value: 'cross-site' }] }));
      h.watch.finished(finished(id, `${API}/me`));
    }
    await h.flush();
    expect(h.added.map((f) => [f.rule, f.code, f.credential?.phase, f.credential?.also])).toEqual([
      ['cookie-samesite', 'SchemefulSameSiteLax', 'send', ['UserPreferences']],
    ]);
  });

  it('reads the jar once per host and the privacy setting once for a batch of settled requests', async () => {
    const lax: JarCookie = { name: 'pref', domain: '127.0.0.2', hostOnly: true, path: '/', secure: false, httpOnly: false, sameSite: 'lax' };
    const h = harness([lax], true);
    for (let i = 0; i < 50; i++) {
      h.watch.handle('sendHeaders', req(`r${i}`, `${API}/me?${i}`, { requestHeaders: [{ name: 'Sec-Fetch-Site', value: 'cross-site' }] }));
      h.watch.finished(finished(`r${i}`, `${API}/me?${i}`));
    }
    await h.flush();
    // jarDomains('127.0.0.2') is one domain: one read for the 50 requests, not 50.
    expect(h.reads).toEqual({ jar: 1, privacy: 1 });
    expect(h.added.map((f) => f.credential?.name)).toEqual(['pref']);
  });

  it('leaves out a cookie stored after the request left (a response that raced it)', async () => {
    const later: JarCookie = { name: 'late', domain: '127.0.0.2', hostOnly: true, path: '/', secure: false, httpOnly: false, sameSite: 'lax' };
    const h = harness([later], false);
    h.watch.handle('sendHeaders', req('1', `${API}/me`, { requestHeaders: [{ name: 'Sec-Fetch-Site', value: 'cross-site' }] }));
    h.watch.cookieChanged(later, false);
    h.watch.finished(finished('1', `${API}/me`));
    await h.flush();
    expect(h.added).toEqual([]);
  });

  it('explains a 401 with a Bearer challenge and a client-certificate failure', async () => {
    const h = harness();
    h.watch.handle('sendHeaders', req('1', `${API}/me`));
    h.watch.finished(finished('1', `${API}/me`, {}, 401, [{ name: 'WWW-Authenticate', value: 'Bearer realm="api"' }]));
    h.watch.handle('errorOccurred', req('2', 'https://mtls.example.net/x', { error: 'net::ERR_BAD_SSL_CLIENT_AUTH_CERT' }));
    h.watch.handle('errorOccurred', req('3', 'https://mtls.example.net/x', { error: 'net::ERR_CONNECTION_REFUSED' }));
    await h.flush();
    expect(h.added.map((f) => [f.rule, f.code]).sort()).toEqual([
      ['client-cert', 'ERR_BAD_SSL_CLIENT_AUTH_CERT'],
      ['http-auth', 'WWWAuthenticateBearer'],
    ]);
  });

  it('survives hostile input', async () => {
    const h = harness();
    h.watch.handle('sendHeaders', req('1', 'not a url', { requestHeaders: [{ name: 'Cookie' }, { name: 'Sec-Fetch-Site', value: 'cross-site' }] }));
    h.watch.handle('headersReceived', req('1', 'not a url', { responseHeaders: [{ name: 'Set-Cookie', value: '\u0000=\u0001;;;' }, { name: 'Set-Cookie' }] }));
    h.watch.handle('errorOccurred', req('9', `${API}/x`, { tabId: -1, error: 'net::ERR_BAD_SSL_CLIENT_AUTH_CERT' }));
    h.watch.finished(finished('1', 'not a url'));
    await h.flush();
    expect(h.added).toEqual([]);
  });
});
