// Each cookie rule on realistic cases, and its near miss. The DevTools reason names used as codes
// are checked against Chromium 156's live reasons in test/e2e/cookies.test.ts.
import { describe, expect, it } from 'vitest';
import { clientCertFinding } from './credentials/client-cert';
import { httpAuthFinding, schemeOf } from './credentials/http-auth';
import { cookieFinding, parseSetCookie, reasons, type CookieContext, type CookieFacts } from './judge';
import { cookieRules } from './rules/index';
import { renderSnippet, STACKS } from '../fix/stacks/index';

const NOW = Date.UTC(2026, 0, 1);
const ctx = (o: Partial<CookieContext> = {}): CookieContext => ({
  phase: 'set',
  url: 'https://api.example.net/auth/login',
  pageOrigin: 'https://app.example.com',
  crossSite: true,
  thirdPartyBlocked: false,
  now: NOW,
  ...o,
});
const cookie = (line: string): CookieFacts => parseSetCookie(line, NOW)!;
const first = (line: string, o: Partial<CookieContext> = {}) => reasons(cookie(line), ctx(o)).map((r) => r.id)[0];

describe('cookie rules', () => {
  it('SameSite Lax, Strict and unspecified are refused on a cross-site response, not on a same-site one', () => {
    expect(first('sid=1; Path=/; Secure; SameSite=Lax')).toBe('cookie-samesite');
    expect(first('sid=1; Path=/; Secure; SameSite=Strict')).toBe('cookie-samesite');
    expect(first('sid=1; Path=/; Secure')).toBe('cookie-samesite');
    expect(first('sid=1; Path=/; Secure; SameSite=Lax', { crossSite: false })).toBe('cookie-refused');
    expect(cookieFinding(cookie('sid=1; Secure'), ctx(), 0)?.code).toBe('SchemefulSameSiteUnspecifiedTreatedAsLax');
  });

  it('SameSite=None needs Secure; Secure needs https except on loopback', () => {
    expect(first('sid=1; Path=/; SameSite=None')).toBe('cookie-samesite-none-insecure');
    expect(first('sid=1; Path=/; Secure; SameSite=None', { url: 'http://api.example.net/login' })).toBe('cookie-secure-http');
    expect(first('sid=1; Path=/; Secure; SameSite=None', { url: 'http://127.0.0.1:8080/login' })).toBe('cookie-refused');
    expect(first('sid=1; Path=/; Secure; SameSite=None', { url: 'http://localhost:8080/login' })).toBe('cookie-refused');
  });

  it('third-party blocking comes first, spares Partitioned cookies, and the other reasons are still listed', () => {
    const f = cookieFinding(cookie('sid=1; Path=/; SameSite=Lax'), ctx({ thirdPartyBlocked: true }), 0)!;
    expect([f.rule, f.code, f.credential?.also]).toEqual(['cookie-third-party', 'UserPreferences', ['SchemefulSameSiteLax']]);
    expect(f.fix.steps[0]!.headers).toEqual(['Set-Cookie: sid=<value>; Path=/; Secure; HttpOnly; SameSite=None; Partitioned']);
    expect(first('sid=1; Path=/; Secure; SameSite=None; Partitioned', { thirdPartyBlocked: true })).toBe('cookie-refused');
    // Setting unknown: a cross-site cookie that passes every check and was refused is the evidence.
    expect(first('sid=1; Path=/; Secure; SameSite=None', { thirdPartyBlocked: undefined })).toBe('cookie-third-party');
    expect(cookieFinding(cookie('sid=1; Path=/; Secure; SameSite=None'), ctx({ thirdPartyBlocked: undefined }), 0)!.explanation).toContain('could not be read');
    expect(cookieFinding(cookie('sid=1; Path=/; Secure; SameSite=None'), ctx({ thirdPartyBlocked: undefined }), 0)!.fix.steps[0]!.headers[0]).toMatch(
      /; Partitioned$/,
    );
    expect(first('sid=1; Path=/; Secure; SameSite=None', { thirdPartyBlocked: undefined, crossSite: false })).toBe('cookie-refused');
    expect(first('sid=1; Path=/; SameSite=Lax', { thirdPartyBlocked: undefined })).toBe('cookie-samesite');
  });

  it('Domain must cover the host; prefixes have their rules (an IP host may name itself)', () => {
    expect(first('sid=1; Domain=example.com; Secure; SameSite=None')).toBe('cookie-domain');
    expect(first('sid=1; Domain=example.net; Secure; SameSite=None')).toBe('cookie-refused');
    expect(first('__Secure-sid=1; SameSite=None; Path=/')).toBe('cookie-prefix');
    expect(first('__Host-sid=1; Secure; SameSite=None; Path=/x')).toBe('cookie-prefix');
    expect(first('__Host-sid=1; Secure; SameSite=None; Path=/; Domain=api.example.net')).toBe('cookie-prefix');
    expect(first('__Host-sid=1; Secure; SameSite=None; Path=/; Domain=127.0.0.1', { url: 'http://127.0.0.1/login' })).toBe('cookie-refused');
  });

  it('Max-Age=0 or a past Expires deletes the cookie', () => {
    expect(first('sid=1; Secure; SameSite=None; Max-Age=0')).toBe('cookie-expired');
    expect(first('sid=1; Secure; SameSite=None; Expires=Thu, 01 Jan 1970 00:00:00 GMT')).toBe('cookie-expired');
    expect(first('sid=1; Secure; SameSite=None; Max-Age=60')).toBe('cookie-refused');
  });

  it("sending: Path first, then SameSite before the third-party setting (Chromium's order), partitions by site", () => {
    const send = (c: Partial<CookieFacts>, o: Partial<CookieContext> = {}) =>
      reasons(
        { name: 'sid', secure: true, httpOnly: true, sameSite: 'none', domain: '', path: '/', partitioned: false, ...c },
        ctx({ phase: 'send', url: 'https://api.example.net/api/me', ...o }),
      ).map((r) => r.id);
    expect(send({ path: '/auth' })).toEqual(['cookie-path']);
    expect(send({ path: '/api' })).toEqual([]);
    expect(send({ sameSite: 'lax' }, { thirdPartyBlocked: true })).toEqual(['cookie-samesite', 'cookie-third-party']);
    expect(send({ partitioned: true, partitionSite: 'https://other.org' })).toEqual(['cookie-partition']);
    expect(send({ partitioned: true, partitionSite: 'https://example.com' })).toEqual([]);
    expect(
      cookieFinding({ name: 'sid', secure: true, httpOnly: true, sameSite: 'none', domain: '', path: '/', partitioned: false }, ctx({ phase: 'send' }), 0),
    ).toBeUndefined();
  });

  it('every rule has a code, a summary and a cause, and every finding a snippet per stack with no value in it', () => {
    for (const r of cookieRules) expect(r.summary.length).toBeGreaterThan(10);
    const f = cookieFinding(cookie('connect.sid=v4lue-s3cr3t; SameSite=Lax'), ctx(), 2)!;
    expect(f.kind).toBe('cookie');
    expect(f.severity).toBe('warning');
    expect(f.hop).toBe(2);
    // Plain data: the cure's spec, rendered per stack where it is shown.
    expect(f.fix.spec).toEqual({ kind: 'cookie', name: 'connect.sid', path: '/', sameSite: 'None', partitioned: false, domain: '' });
    expect(Object.keys(f.fix)).toEqual(['steps', 'notes', 'spec']);
    for (const { id } of STACKS) expect(renderSnippet(f.fix.spec, id).replaceAll('\\', '')).toContain('connect.sid');
    expect(JSON.stringify(f)).not.toContain('v4lue-s3cr3t');
    expect(renderSnippet(f.fix.spec, 'django')).toContain('SESSION_COOKIE_SAMESITE = "None"');
    expect(renderSnippet(f.fix.spec, 'express')).toContain("sameSite: 'none'");
    expect(f.fix.notes.join(' ')).toMatch(/same-origin proxy/);
  });
});

describe('HTTP authentication and client certificates', () => {
  const auth = {
    url: 'https://api.example.net/me',
    hop: 0,
    status: 401,
    credentials: 'include' as const,
    authorization: false,
    cookies: [],
    pageOrigin: 'https://app.example.com',
  };
  it('reads the scheme of a challenge', () => {
    expect(['Bearer realm="api", error="invalid_token"', 'Basic realm=x', ' Negotiate', '', '"x"'].map(schemeOf)).toEqual([
      'Bearer',
      'Basic',
      'Negotiate',
      '',
      '',
    ]);
  });
  it('Bearer: the page must send Authorization; Basic with include: Chromium prompts', () => {
    const bearer = httpAuthFinding({ ...auth, challenges: ['Bearer realm="api"'] })!;
    expect([bearer.rule, bearer.code]).toEqual(['http-auth', 'WWWAuthenticateBearer']);
    expect(bearer.explanation).toContain('never prompts');
    expect(bearer.explanation).toContain('Access-Control-Allow-Headers: Authorization');
    const refused = httpAuthFinding({ ...auth, authorization: true, challenges: ['Bearer error="invalid_token"'] })!;
    expect(refused.explanation).toContain('Get a fresh token');
    expect(refused.explanation).toContain('error="invalid_token"');
    const basic = httpAuthFinding({ ...auth, challenges: ['Basic realm="x"'] })!;
    expect(basic.explanation).toContain('sign-in dialog');
    expect(httpAuthFinding({ ...auth, credentials: 'same-origin', challenges: ['Basic realm="x"'] })!.explanation).toContain('never prompts');
    expect(httpAuthFinding({ ...auth, status: 403, challenges: ['Bearer'] })).toBeUndefined();
    expect(httpAuthFinding({ ...auth, challenges: [] })).toBeUndefined();
  });
  it('a client-certificate error says the certificate is a credential', () => {
    const f = clientCertFinding({
      url: 'https://mtls.example.net/x',
      hop: 0,
      error: 'net::ERR_BAD_SSL_CLIENT_AUTH_CERT',
      pageOrigin: 'https://app.example.com',
    })!;
    expect([f.rule, f.code, f.credential?.phase]).toEqual(['client-cert', 'ERR_BAD_SSL_CLIENT_AUTH_CERT', 'cert']);
    expect(f.explanation).toContain('credential');
    expect(clientCertFinding({ url: 'x', hop: 0, error: 'net::ERR_SSL_CLIENT_AUTH_CERT_NEEDED', pageOrigin: 'o' })?.code).toBe(
      'ERR_SSL_CLIENT_AUTH_CERT_NEEDED',
    );
    expect(clientCertFinding({ url: 'x', hop: 0, error: 'net::ERR_FAILED', pageOrigin: 'o' })).toBeUndefined();
  });
});

describe('cookie rule registry', () => {
  it('registers every file of cookies/rules once, under its file name', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(new URL('./rules/', import.meta.url))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    expect(cookieRules.map((r) => r.id).sort()).toEqual(files);
  });
});

describe("Safari's difference", () => {
  it('a cookie of a cross-site request says that Safari blocks third-party cookies outright, whatever the fix', () => {
    for (const [line, o] of [
      ['sid=1; Path=/; SameSite=Lax', {}],
      ['sid=1; Path=/; Secure; SameSite=None', { thirdPartyBlocked: true }],
      ['sid=1; Path=/; Secure; SameSite=None', { phase: 'send' as const, thirdPartyBlocked: true }],
    ] as const) {
      const f = cookieFinding(cookie(line), ctx(o), 0)!;
      const last = f.explanation.split('\n\n').at(-1)!;
      expect(last).toMatch(/^In Safari: Intelligent Tracking Prevention blocks third-party cookies outright/);
      expect(last).toContain('Full Third-Party Cookie Blocking and More');
    }
  });

  it('a same-site cookie gets no Safari note', () => {
    const f = cookieFinding(cookie('sid=1; Path=/; Secure; SameSite=Lax; Domain=other.example'), ctx({ crossSite: false }), 0)!;
    expect(f.explanation).not.toContain('In Safari');
  });
});
