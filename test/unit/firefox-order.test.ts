// Where Firefox's check order or verdict differs from Chromium's, Firefox's wins in Firefox
// (nsCORSListenerProxy.cpp; docs/firefox-notes.md). Rule ids only: the sentences themselves are
// checked against Firefox's recording in conformance-firefox.test.ts.
import { describe, expect, test } from 'vitest';
import { validate, type Browser } from '../../src/core/validate';
import { parseCase } from './http';
import { APP, PUT_JSON, REQ_ME, pf } from './rule-cases';

const res = (...lines: string[]) => ['HTTP/1.1 200 OK', ...lines].join('\n');
const errorOf = (c: Parameters<typeof parseCase>[0], browser: Browser) => validate(parseCase(c), browser).find((f) => f.severity === 'error');

describe('Firefox order and verdicts', () => {
  test('a method missing from ACAM and an unparsable ACAH: Chromium parses ACAH first, Firefox checks the method first', () => {
    const c = { request: PUT_JSON, hops: [{ preflight: pf('Access-Control-Allow-Methods: GET', 'Access-Control-Allow-Headers: Content-Type;X') }] };
    expect(errorOf(c, 'chromium')?.rule).toBe('invalid-allow-headers');
    expect(errorOf(c, 'firefox')?.rule).toBe('method-not-allowed');
    expect(errorOf(c, 'firefox')?.code).toBe('CORSMethodNotFound');
  });

  test('a list in one ACAO line: "multiple values" in Chromium, a mismatch naming the whole value in Firefox', () => {
    const c = {
      request: REQ_ME,
      hops: [{ response: res(`Access-Control-Allow-Origin: ${APP}, https://admin.example.com`, 'Access-Control-Allow-Credentials: true') }],
    };
    expect(errorOf(c, 'chromium')?.rule).toBe('multiple-allow-origin');
    const ff = errorOf(c, 'firefox')!;
    expect(ff.rule).toBe('allow-origin-mismatch');
    expect(ff.message).toContain(`does not match ‘${APP}, https://admin.example.com’`);
  });

  test('two ACAO lines, one of them *: Firefox counts lines before anything else', () => {
    const c = { request: REQ_ME, hops: [{ response: res('Access-Control-Allow-Origin: *', `Access-Control-Allow-Origin: ${APP}`) }] };
    expect(errorOf(c, 'firefox')?.code).toBe('CORSMultipleAllowOriginNotAllowed');
  });

  test('missing ACAO names the status, on the preflight too', () => {
    const c = { request: PUT_JSON, hops: [{ preflight: 'HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer' }] };
    expect(errorOf(c, 'firefox')?.message).toMatch(/\(Reason: CORS header ‘Access-Control-Allow-Origin’ missing\)\. Status code: 401\.$/);
  });

  test('Chromium is the default and any other browser name reads as Chromium', () => {
    const c = { request: REQ_ME, hops: [{ response: res('Access-Control-Allow-Origin: *') }] };
    expect(errorOf(c, 'chromium')?.code).toBe('WildcardOriginNotAllowed');
    expect(validate(parseCase(c))[0]?.code).toBe('WildcardOriginNotAllowed');
    expect(validate(parseCase(c), 'safari' as Browser)[0]?.code).toBe('WildcardOriginNotAllowed');
  });
});

test('every error rule has Firefox words, and both orders hold the same rules', async () => {
  const { rules, firefoxRules } = await import('../../src/core/rules/index');
  expect(rules.filter((r) => r.severity === 'error' && !('firefox' in r.reason)).map((r) => r.id)).toEqual([]);
  expect([...firefoxRules].map((r) => r.id).sort()).toEqual([...rules].map((r) => r.id).sort());
});
