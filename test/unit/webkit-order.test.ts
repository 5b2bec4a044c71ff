// Where WebKit's check order or verdict differs from Chromium's, WebKit's wins for WebKit
// (CrossOriginAccessControl.cpp; docs/webkit-notes.md). Cases beyond the lab's; the lab's own are
// checked against WebKit's recording in conformance-webkit.test.ts.
import { describe, expect, test } from 'vitest';
import { validate, type Browser } from '../../src/core/validate';
import { webkitKeyOf, webkitSentence } from '../../src/core/webkit';
import { parseCase } from './http';
import { APP, PUT_JSON, REQ_ME, pf } from './rule-cases';

const res = (...lines: string[]) => ['HTTP/1.1 200 OK', ...lines].join('\n');
const errorOf = (c: Parameters<typeof parseCase>[0], browser: Browser) => validate(parseCase(c), browser).find((f) => f.severity === 'error');

describe('WebKit order and verdicts', () => {
  test('a preflight answered 403 with `*`: Chromium names the wildcard, WebKit the status (it checks status first)', () => {
    const c = { request: PUT_JSON, hops: [{ preflight: 'HTTP/1.1 403 Forbidden\nAccess-Control-Allow-Origin: *\nAccess-Control-Allow-Credentials: true' }] };
    expect(errorOf(c, 'chromium')?.rule).toBe('wildcard-origin');
    const wk = errorOf(c, 'webkit')!;
    expect(wk.rule).toBe('preflight-status');
    expect(wk.message).toBe('Preflight response is not successful. Status code: 403');
  });

  test('a space-separated ACAO: "multiple values" in Chromium, "Origin … is not allowed" in WebKit (it looks for a comma)', () => {
    const c = {
      request: REQ_ME,
      hops: [{ response: res(`Access-Control-Allow-Origin: ${APP} https://admin.example.com`, 'Access-Control-Allow-Credentials: true') }],
    };
    expect(errorOf(c, 'chromium')?.rule).toBe('multiple-allow-origin');
    expect(errorOf(c, 'webkit')?.message).toBe(`Origin ${APP} is not allowed by Access-Control-Allow-Origin. Status code: 200`);
  });

  test('an unparsable ACAM quotes the whole value', () => {
    const c = { request: PUT_JSON, hops: [{ preflight: pf('Access-Control-Allow-Methods: PUT;DELETE', 'Access-Control-Allow-Headers: Content-Type') }] };
    expect(errorOf(c, 'webkit')?.message).toBe('Header Access-Control-Allow-Methods has an invalid value: PUT;DELETE');
  });
});

describe('WebKit sentences', () => {
  test('a value that holds %1 or %2 is printed as sent, never substituted again', () => {
    expect(webkitSentence({ key: 'method', params: ['%2'] })).toBe('Method %2 is not allowed by Access-Control-Allow-Methods.');
  });

  test('every reason round-trips through the matcher, bare, with the console prefix, and wrapped in a redirect', () => {
    const s = webkitSentence({ key: 'originNotAllowed', params: ['https://app.example', '302'] }, 'https://u:p@api.example/next');
    expect(s).toBe(
      'Cross-origin redirection to https://api.example/next denied by Cross-Origin Resource Sharing policy: Origin https://app.example is not allowed by Access-Control-Allow-Origin. Status code: 302',
    );
    expect(webkitKeyOf(s)).toEqual({ key: 'originNotAllowed', redirected: true });
    expect(webkitKeyOf('CONSOLE SECURITY ERROR Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.')).toEqual({
      key: 'wildcard',
      redirected: false,
    });
    expect(webkitKeyOf('Fetch API cannot load https://x due to access control checks.')).toBeUndefined();
  });
});

test('every error rule has WebKit words, and both orders hold the same rules', async () => {
  const { rules, webkitRules } = await import('../../src/core/rules/index');
  expect(rules.filter((r) => r.severity === 'error' && !('webkit' in r.reason)).map((r) => r.id)).toEqual([]);
  expect([...webkitRules].map((r) => r.id).sort()).toEqual([...rules].map((r) => r.id).sort());
});
