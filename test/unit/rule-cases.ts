// The rule cases: realistic request/response pairs as raw HTTP text, each with the rule that must
// report it (or 'pass' plus the rule it must NOT trip). Used by rules.test.ts and registry.test.ts.
import type { RuleId } from '../../src/core/validate';
import type { Stage } from '../../src/core/types';
import type { HttpCase } from './http';

export interface RuleCase extends HttpCase {
  name: string;
  /** The rule that must report it, or 'pass' (no error). */
  expect: RuleId | 'pass';
  /** For 'pass' cases: the rule this near-miss must not trip. */
  against?: RuleId;
  code?: string;
  hint?: string;
  stage?: Stage;
}

export const APP = 'https://app.example.com';
export const REQ_ME = `GET https://api.example.com/me\nOrigin: ${APP}`;
const REQ = REQ_ME;
export const OK = `HTTP/1.1 200 OK\nAccess-Control-Allow-Origin: ${APP}\nAccess-Control-Allow-Credentials: true\nVary: Origin`;
export const PUT_JSON = `PUT https://api.example.com/items/7\nOrigin: ${APP}\nContent-Type: application/json`;
export const PF_OK = `HTTP/1.1 204 No Content\nAccess-Control-Allow-Origin: ${APP}\nAccess-Control-Allow-Credentials: true\nAccess-Control-Allow-Methods: GET, PUT\nAccess-Control-Allow-Headers: Content-Type\nVary: Origin`;
export const pf = (...lines: string[]) =>
  [`HTTP/1.1 204 No Content`, `Access-Control-Allow-Origin: ${APP}`, 'Access-Control-Allow-Credentials: true', 'Vary: Origin', ...lines].join('\n');
const res = (...lines: string[]) => ['HTTP/1.1 200 OK', ...lines].join('\n');

// One case per line, grouped by rule (prettier would spread each over six lines).
// prettier-ignore
export const cases: RuleCase[] = [
  // wildcard-origin
  { name: 'ACAO * with cookies', request: REQ, hops: [{ response: res('Access-Control-Allow-Origin: *', 'Access-Control-Allow-Credentials: true') }], expect: 'wildcard-origin', code: 'WildcardOriginNotAllowed', hint: '*' },
  { name: 'ACAO * padded with spaces and credentials', request: REQ, hops: [{ response: res('Access-Control-Allow-Origin:   * ') }], expect: 'wildcard-origin' },
  { name: 'ACAO * on a preflight', request: PUT_JSON, hops: [{ preflight: PF_OK.replace(`Origin: ${APP}`, 'Origin: *') }], expect: 'wildcard-origin', code: 'PreflightWildcardOriginNotAllowed', stage: 'preflight' },
  { name: 'ACAO * without credentials passes', request: REQ, credentials: 'omit', hops: [{ response: res('Access-Control-Allow-Origin: *') }], expect: 'pass', against: 'wildcard-origin' },
  { name: 'ACAO * with same-origin credentials (XHR without withCredentials) passes', request: REQ, credentials: 'same-origin', initiator: 'xmlhttprequest', hops: [{ response: res('Access-Control-Allow-Origin: *', 'Access-Control-Allow-Credentials: true') }], expect: 'pass', against: 'wildcard-origin' },
  // missing-allow-origin
  { name: 'no ACAO', request: REQ, hops: [{ response: res('Content-Type: application/json') }], expect: 'missing-allow-origin', code: 'MissingAllowOriginHeader', hint: '' },
  { name: '500 without CORS headers', request: REQ, hops: [{ response: 'HTTP/1.1 500 Internal Server Error\nContent-Type: text/html' }], expect: 'missing-allow-origin' },
  { name: 'preflight 401 without CORS headers reports the headers, not the status', request: PUT_JSON, hops: [{ preflight: 'HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer' }], expect: 'missing-allow-origin', code: 'PreflightMissingAllowOriginHeader', stage: 'preflight' },
  { name: 'ACAO header name in odd case is still found', request: REQ, hops: [{ response: res(`access-CONTROL-allow-ORIGIN: ${APP}`, 'ACCESS-CONTROL-ALLOW-CREDENTIALS: true', 'Vary: Origin') }], expect: 'pass', against: 'missing-allow-origin' },
  // multiple-allow-origin
  { name: 'two ACAO lines (app + proxy)', request: REQ, hops: [{ response: res(`Access-Control-Allow-Origin: ${APP}`, `Access-Control-Allow-Origin: ${APP}`, 'Access-Control-Allow-Credentials: true') }], expect: 'multiple-allow-origin', code: 'MultipleAllowOriginValues', hint: `${APP}, ${APP}` },
  { name: 'ACAO * plus origin from two layers', request: REQ, hops: [{ response: res('Access-Control-Allow-Origin: *', `Access-Control-Allow-Origin: ${APP}`) }], expect: 'multiple-allow-origin', hint: `*, ${APP}` },
  { name: 'comma list in one ACAO line', request: REQ, hops: [{ response: res(`Access-Control-Allow-Origin: ${APP},https://admin.example.com`) }], expect: 'multiple-allow-origin', hint: `${APP},https://admin.example.com` },
  { name: 'space list in one ACAO line', request: REQ, hops: [{ response: res(`Access-Control-Allow-Origin: ${APP} https://admin.example.com`) }], expect: 'multiple-allow-origin' },
  { name: 'two lines on the preflight', request: PUT_JSON, hops: [{ preflight: `${PF_OK}\nAccess-Control-Allow-Origin: https://x.example` }], expect: 'multiple-allow-origin', code: 'PreflightMultipleAllowOriginValues' },
  { name: 'one ACAO line with surrounding whitespace passes', request: REQ, hops: [{ response: res(`Access-Control-Allow-Origin: \t${APP}  `, 'Access-Control-Allow-Credentials: true', 'Vary: Origin') }], expect: 'pass', against: 'multiple-allow-origin' },
  // null-allow-origin
  { name: 'ACAO null from a real origin', request: REQ, hops: [{ response: res('Access-Control-Allow-Origin: null', 'Access-Control-Allow-Credentials: true') }], expect: 'null-allow-origin', code: 'AllowOriginMismatch', hint: 'null' },
  { name: 'ACAO null for a sandboxed (opaque) page without credentials passes', request: 'GET https://api.example.com/me\nOrigin: null', credentials: 'omit', hops: [{ response: res('Access-Control-Allow-Origin: null') }], expect: 'pass', against: 'null-allow-origin' },
  // invalid-allow-origin
  { name: 'ACAO without scheme', request: REQ, hops: [{ response: res('Access-Control-Allow-Origin: app.example.com') }], expect: 'invalid-allow-origin', code: 'InvalidAllowOriginValue', hint: 'app.example.com' },
  { name: 'empty ACAO', request: REQ, hops: [{ response: res('Access-Control-Allow-Origin: ') }], expect: 'invalid-allow-origin', hint: '' },
  // Probed in Chromium 156 (raw bytes on the wire): a control character inside is invalid, and
  // the message prints it as \u0001.
  { name: 'ACAO with a control character inside', request: REQ, hops: [{ response: res('Access-Control-Allow-Origin: https://a\u0001b.example') }], expect: 'invalid-allow-origin', hint: 'https://a\u0001b.example' },
  { name: 'ACAO with an impossible port', request: REQ, hops: [{ response: res('Access-Control-Allow-Origin: https://app.example.com:99999') }], expect: 'invalid-allow-origin' },
  { name: 'empty ACAO on the preflight', request: PUT_JSON, hops: [{ preflight: PF_OK.replace(`Origin: ${APP}`, 'Origin:') }], expect: 'invalid-allow-origin', code: 'PreflightInvalidAllowOriginValue' },
  { name: 'ACAO with a path is a URL, so a mismatch, not invalid', request: REQ, hops: [{ response: res(`Access-Control-Allow-Origin: ${APP}/`) }], expect: 'allow-origin-mismatch', against: 'invalid-allow-origin' },
  // allow-origin-mismatch
  { name: 'ACAO with a trailing slash', request: REQ, hops: [{ response: res(`Access-Control-Allow-Origin: ${APP}/`) }], expect: 'allow-origin-mismatch', code: 'AllowOriginMismatch', hint: `${APP}/` },
  { name: 'ACAO in upper case', request: REQ, hops: [{ response: res('Access-Control-Allow-Origin: HTTPS://APP.EXAMPLE.COM') }], expect: 'allow-origin-mismatch' },
  { name: 'ACAO with the default port', request: REQ, hops: [{ response: res(`Access-Control-Allow-Origin: ${APP}:443`) }], expect: 'allow-origin-mismatch' },
  { name: 'ACAO of another site', request: REQ, hops: [{ response: res('Access-Control-Allow-Origin: https://admin.example.com', 'Access-Control-Allow-Credentials: true') }], expect: 'allow-origin-mismatch', hint: 'https://admin.example.com' },
  { name: 'ACAO http vs https on the preflight', request: PUT_JSON, hops: [{ preflight: PF_OK.replace(`Origin: ${APP}`, 'Origin: http://app.example.com') }], expect: 'allow-origin-mismatch', code: 'PreflightAllowOriginMismatch' },
  { name: 'exact origin passes', request: REQ, hops: [{ response: OK }], expect: 'pass', against: 'allow-origin-mismatch' },
  // redirect-tainted-origin
  {
    name: 'cross-origin redirect: the final ACAO names the page, but the origin is now null',
    request: REQ,
    hops: [{ response: `HTTP/1.1 302 Found\nLocation: https://login.example.net/me\n${OK.split('\n').slice(1).join('\n')}` }, { response: OK }],
    expect: 'redirect-tainted-origin',
    code: 'AllowOriginMismatch',
    hint: APP,
    stage: 'response',
  },
  {
    name: 'same-origin redirect keeps the origin',
    request: REQ,
    hops: [{ response: `HTTP/1.1 302 Found\nLocation: /v2/me\n${OK.split('\n').slice(1).join('\n')}` }, { response: OK }],
    expect: 'pass',
    against: 'redirect-tainted-origin',
  },
  {
    name: 'redirect from the page origin to the API does not taint',
    request: `GET ${APP}/api/me\nOrigin: ${APP}`,
    hops: [{ response: 'HTTP/1.1 302 Found\nLocation: https://api.example.com/me' }, { response: OK }],
    expect: 'pass',
    against: 'redirect-tainted-origin',
  },
  // allow-credentials
  { name: 'no ACAC', request: REQ, hops: [{ response: res(`Access-Control-Allow-Origin: ${APP}`) }], expect: 'allow-credentials', code: 'InvalidAllowCredentials', hint: '' },
  { name: 'ACAC True', request: REQ, hops: [{ response: res(`Access-Control-Allow-Origin: ${APP}`, 'Access-Control-Allow-Credentials: True') }], expect: 'allow-credentials', hint: 'True' },
  { name: 'ACAC true, true (two layers)', request: REQ, hops: [{ response: res(`Access-Control-Allow-Origin: ${APP}`, 'Access-Control-Allow-Credentials: true', 'Access-Control-Allow-Credentials: true') }], expect: 'allow-credentials', hint: 'true, true' },
  { name: 'ACAC false', request: REQ, hops: [{ response: res(`Access-Control-Allow-Origin: ${APP}`, 'Access-Control-Allow-Credentials: false') }], expect: 'allow-credentials', hint: 'false' },
  { name: 'no ACAC on the preflight', request: PUT_JSON, hops: [{ preflight: PF_OK.replace('Access-Control-Allow-Credentials: true\n', '') }], expect: 'allow-credentials', code: 'PreflightInvalidAllowCredentials' },
  { name: 'ACAC is ignored without credentials', request: REQ, credentials: 'omit', hops: [{ response: res(`Access-Control-Allow-Origin: ${APP}`, 'Vary: Origin') }], expect: 'pass', against: 'allow-credentials' },
  { name: 'unknown credentials mode is judged without credentials', request: REQ, credentials: 'unknown', hops: [{ response: res(`Access-Control-Allow-Origin: ${APP}`, 'Vary: Origin') }], expect: 'pass', against: 'allow-credentials' },
  // preflight-redirect
  { name: 'preflight answered 301 to a trailing slash', request: PUT_JSON, hops: [{ preflight: `HTTP/1.1 301 Moved Permanently\nLocation: /items/7/\nAccess-Control-Allow-Origin: ${APP}\nAccess-Control-Allow-Credentials: true` }], expect: 'preflight-redirect', code: 'PreflightDisallowedRedirect' },
  { name: 'preflight redirect without CORS headers is still a redirect error', request: PUT_JSON, hops: [{ preflight: 'HTTP/1.1 307 Temporary Redirect\nLocation: https://api.example.com/items/7' }], expect: 'preflight-redirect' },
  { name: 'preflight 300 without Location is a status error, not a redirect', request: PUT_JSON, hops: [{ preflight: pf('Access-Control-Allow-Methods: PUT', 'Access-Control-Allow-Headers: content-type').replace('204 No Content', '300 Multiple Choices') }], expect: 'preflight-status', against: 'preflight-redirect' },
  // preflight-status
  { name: 'preflight 401 with CORS headers', request: PUT_JSON, hops: [{ preflight: PF_OK.replace('204 No Content', '401 Unauthorized') }], expect: 'preflight-status', code: 'PreflightInvalidStatus', hint: '' },
  { name: 'preflight 405 with CORS headers', request: PUT_JSON, hops: [{ preflight: PF_OK.replace('204 No Content', '405 Method Not Allowed') }], expect: 'preflight-status' },
  { name: 'preflight 200 passes', request: PUT_JSON, hops: [{ preflight: PF_OK.replace('204 No Content', '200 OK'), response: OK }], expect: 'pass', against: 'preflight-status' },
  { name: 'actual response 403 with CORS headers is not blocked', request: REQ, hops: [{ response: OK.replace('200 OK', '403 Forbidden') }], expect: 'pass', against: 'preflight-status' },
  // invalid-allow-methods
  { name: 'ACAM with a space inside a name', request: PUT_JSON, hops: [{ preflight: pf('Access-Control-Allow-Methods: GET, PUT DELETE', 'Access-Control-Allow-Headers: content-type') }], expect: 'invalid-allow-methods', code: 'InvalidAllowMethodsPreflightResponse' },
  { name: 'ACAM with a semicolon', request: PUT_JSON, hops: [{ preflight: pf('Access-Control-Allow-Methods: GET;PUT', 'Access-Control-Allow-Headers: content-type') }], expect: 'invalid-allow-methods' },
  { name: 'ACAM with empty items and spaces parses', request: PUT_JSON, hops: [{ preflight: pf('Access-Control-Allow-Methods: , GET ,, PUT ,', 'Access-Control-Allow-Headers: content-type'), response: OK }], expect: 'pass', against: 'invalid-allow-methods' },
  // invalid-allow-headers
  { name: 'ACAH with a colon', request: PUT_JSON, hops: [{ preflight: pf('Access-Control-Allow-Methods: PUT', 'Access-Control-Allow-Headers: Content-Type: application/json') }], expect: 'invalid-allow-headers', code: 'InvalidAllowHeadersPreflightResponse' },
  { name: 'ACAM is parsed before ACAH', request: PUT_JSON, hops: [{ preflight: pf('Access-Control-Allow-Methods: P U T', 'Access-Control-Allow-Headers: a b') }], expect: 'invalid-allow-methods' },
  { name: 'ACAH in two lines parses', request: PUT_JSON, hops: [{ preflight: pf('Access-Control-Allow-Methods: PUT', 'Access-Control-Allow-Headers: x-a', 'Access-Control-Allow-Headers: content-type'), response: OK }], expect: 'pass', against: 'invalid-allow-headers' },
  // method-not-allowed
  { name: 'PUT not in ACAM', request: PUT_JSON, hops: [{ preflight: pf('Access-Control-Allow-Methods: GET, POST', 'Access-Control-Allow-Headers: content-type') }], expect: 'method-not-allowed', code: 'MethodDisallowedByPreflightResponse', hint: 'PUT' },
  { name: 'ACAM * with credentials is a literal', request: PUT_JSON, hops: [{ preflight: pf('Access-Control-Allow-Methods: *', 'Access-Control-Allow-Headers: content-type') }], expect: 'method-not-allowed', hint: 'PUT' },
  { name: 'ACAM lists put in lower case', request: PUT_JSON, hops: [{ preflight: pf('Access-Control-Allow-Methods: get, put', 'Access-Control-Allow-Headers: content-type') }], expect: 'method-not-allowed', hint: 'PUT' },
  { name: 'patch stays lower-case and ACAM PATCH does not match', request: `patch https://api.example.com/items/7\nOrigin: ${APP}`, hops: [{ preflight: pf('Access-Control-Allow-Methods: PATCH') }], expect: 'method-not-allowed', hint: 'patch' },
  { name: 'delete is normalized to DELETE', request: `delete https://api.example.com/items/7\nOrigin: ${APP}`, hops: [{ preflight: pf('Access-Control-Allow-Methods: DELETE'), response: OK }], expect: 'pass', against: 'method-not-allowed' },
  { name: 'ACAM * without credentials is a wildcard', request: `PUT https://api.example.com/items/7\nOrigin: ${APP}`, credentials: 'omit', hops: [{ preflight: 'HTTP/1.1 204\nAccess-Control-Allow-Origin: *\nAccess-Control-Allow-Methods: *', response: res('Access-Control-Allow-Origin: *') }], expect: 'pass', against: 'method-not-allowed' },
  { name: 'POST never needs listing', request: `POST https://api.example.com/items\nOrigin: ${APP}\nX-Requested-With: XMLHttpRequest`, hops: [{ preflight: pf('Access-Control-Allow-Headers: X-Requested-With'), response: OK }], expect: 'pass', against: 'method-not-allowed' },
  // header-not-allowed
  { name: 'JSON content-type not in ACAH', request: PUT_JSON, hops: [{ preflight: pf('Access-Control-Allow-Methods: PUT') }], expect: 'header-not-allowed', code: 'HeaderDisallowedByPreflightResponse', hint: 'content-type' },
  { name: 'ACAH * with credentials does not cover Authorization', request: `GET https://api.example.com/me\nOrigin: ${APP}\nAuthorization: Bearer x`, hops: [{ preflight: pf('Access-Control-Allow-Headers: *') }], expect: 'header-not-allowed', hint: 'authorization' },
  // Chromium 156 names the first missing header in the order it puts the headers on the wire,
  // which is neither sorted nor the page's order (probed: a page setting X-Trace, X-Api-Key,
  // Authorization sends X-Trace, Authorization, X-Api-Key, and with only x-trace allowed the console
  // names authorization). A record in wire order (what the collector sees when the actual request
  // goes out) gets the same name; see README "Known limits" for a failed preflight.
  { name: 'first missing header in wire order (as Chromium sent them), not the page order', request: `GET https://api.example.com/me\nOrigin: ${APP}\nX-Trace: 1\nAuthorization: Bearer x\nX-Api-Key: k`, hops: [{ preflight: pf('Access-Control-Allow-Headers: x-trace') }], expect: 'header-not-allowed', hint: 'authorization' },
  { name: 'a long Accept-Language (over 128 bytes) needs listing', request: `GET https://api.example.com/me\nOrigin: ${APP}\nAccept-Language: ${'en-US,'.repeat(30)}en`, hops: [{ preflight: pf() }], expect: 'header-not-allowed', hint: 'accept-language' },
  { name: 'ACAH names compare case-insensitively', request: PUT_JSON, hops: [{ preflight: pf('Access-Control-Allow-Methods: PUT', 'Access-Control-Allow-Headers: CONTENT-TYPE'), response: OK }], expect: 'pass', against: 'header-not-allowed' },
  { name: 'text/plain content-type is safelisted', request: `POST https://api.example.com/log\nOrigin: ${APP}\nContent-Type: text/plain;charset=UTF-8`, hops: [{ response: OK }], expect: 'pass', against: 'header-not-allowed' },
  { name: 'a redirect that turns POST into GET drops the JSON content-type', request: `POST https://api.example.com/a\nOrigin: ${APP}\nContent-Type: application/json`, hops: [{ preflight: pf('Access-Control-Allow-Headers: content-type'), response: `HTTP/1.1 303 See Other\nLocation: https://api.example.com/b\n${OK.split('\n').slice(1).join('\n')}` }, { preflight: pf(), response: OK }], expect: 'pass', against: 'header-not-allowed' },
  // Redirects (probed in Chromium 156: a preflighted request redirected to another origin is
  // preflighted again with Origin: null and without Authorization; a 303 turns POST into GET and
  // drops Content-Type, so no preflight follows).
  {
    name: 'a preflighted request redirected cross-origin is preflighted again, and that preflight fails',
    request: `PUT https://api.example.com/items/7\nOrigin: ${APP}\nX-A: 1`,
    credentials: 'same-origin',
    hops: [
      { preflight: 'HTTP/1.1 204\nAccess-Control-Allow-Origin: *\nAccess-Control-Allow-Methods: PUT\nAccess-Control-Allow-Headers: x-a', response: 'HTTP/1.1 307\nAccess-Control-Allow-Origin: *\nLocation: https://files.example.net/items/7' },
      { preflight: 'HTTP/1.1 200' },
    ],
    expect: 'missing-allow-origin',
    code: 'PreflightMissingAllowOriginHeader',
    stage: 'preflight',
  },
  {
    name: 'Authorization is dropped on a cross-origin redirect, so the next preflight need not allow it',
    request: `PUT https://api.example.com/items/7\nOrigin: ${APP}\nAuthorization: Bearer t\nX-A: 1`,
    credentials: 'omit',
    hops: [
      { preflight: 'HTTP/1.1 204\nAccess-Control-Allow-Origin: *\nAccess-Control-Allow-Methods: PUT\nAccess-Control-Allow-Headers: authorization, x-a', response: 'HTTP/1.1 307\nAccess-Control-Allow-Origin: *\nLocation: https://files.example.net/items/7' },
      { preflight: 'HTTP/1.1 204\nAccess-Control-Allow-Origin: *\nAccess-Control-Allow-Methods: PUT\nAccess-Control-Allow-Headers: x-a', response: res('Access-Control-Allow-Origin: *') },
    ],
    expect: 'pass',
    against: 'header-not-allowed',
  },
  // redirect-credentials
  { name: 'redirect to user:pass@host', request: REQ, hops: [{ response: `HTTP/1.1 302 Found\nLocation: https://user:pass@api.example.com/v2/me\n${OK.split('\n').slice(1).join('\n')}` }], expect: 'redirect-credentials', code: 'RedirectContainsCredentials', stage: 'redirect', hint: '' },
  { name: 'the redirect CORS check comes before the Location check', request: REQ, hops: [{ response: 'HTTP/1.1 302 Found\nLocation: https://user:pass@api.example.com/v2/me' }], expect: 'missing-allow-origin', against: 'redirect-credentials', stage: 'redirect' },
  { name: 'a plain redirect passes', request: REQ, hops: [{ response: `HTTP/1.1 302 Found\nLocation: https://api.example.com/v2/me\n${OK.split('\n').slice(1).join('\n')}` }, { response: OK }], expect: 'pass', against: 'redirect-credentials' },
];

/** Warnings: requests that pass but deserve advice. */
export const warningCases: (RuleCase & { warn: RuleId | 'none' })[] = [
  {
    name: 'echoed origin without Vary',
    request: REQ,
    hops: [{ response: res(`Access-Control-Allow-Origin: ${APP}`, 'Access-Control-Allow-Credentials: true') }],
    expect: 'pass',
    warn: 'missing-vary-origin',
  },
  {
    name: 'Vary: Accept-Encoding, Origin is enough',
    request: REQ,
    hops: [{ response: res(`Access-Control-Allow-Origin: ${APP}`, 'Access-Control-Allow-Credentials: true', 'Vary: Accept-Encoding, origin') }],
    expect: 'pass',
    warn: 'none',
    against: 'missing-vary-origin',
  },
  {
    name: 'ACAO * needs no Vary',
    request: REQ,
    credentials: 'omit',
    hops: [{ response: res('Access-Control-Allow-Origin: *') }],
    expect: 'pass',
    warn: 'none',
    against: 'missing-vary-origin',
  },
  {
    name: 'Authorization covered only by ACAH * (no credentials)',
    request: `GET https://api.example.com/me\nOrigin: ${APP}\nAuthorization: Bearer x`,
    credentials: 'omit',
    hops: [{ preflight: 'HTTP/1.1 204\nAccess-Control-Allow-Origin: *\nAccess-Control-Allow-Headers: *', response: res('Access-Control-Allow-Origin: *') }],
    expect: 'pass',
    warn: 'wildcard-covers-authorization',
  },
  {
    name: 'Authorization listed by name next to *',
    request: `GET https://api.example.com/me\nOrigin: ${APP}\nAuthorization: Bearer x`,
    credentials: 'omit',
    hops: [
      {
        preflight: 'HTTP/1.1 204\nAccess-Control-Allow-Origin: *\nAccess-Control-Allow-Headers: *, Authorization',
        response: res('Access-Control-Allow-Origin: *'),
      },
    ],
    expect: 'pass',
    warn: 'none',
    against: 'wildcard-covers-authorization',
  },
];
