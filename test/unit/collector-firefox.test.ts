// The Firefox build's collector and verdict, fed event sequences as Firefox ESR 153's webRequest
// reported them on the lab (docs/firefox-notes.md): a simple block ends in onCompleted, a refused
// redirect in an error whose name varies, header bytes arrive one char per byte, and repeated
// header lines arrive joined with ", ".
import { describe, expect, it } from 'vitest';
import { createCollector, type Finished } from '../../extension/background/collector';
import type { Details, EventName } from '../../extension/background/request-event';
import { throughReader } from './webrequest-replay';
import { tabFindings } from '../../extension/background/verdict';
import { validate } from '../../src/core/validate';

const PAGE = 'http://localhost:4000';
const API = 'http://127.0.0.1:5000';

function run(events: Array<[EventName, Partial<Details>]>, firefox = true): Finished[] {
  const out: Finished[] = [];
  const c = throughReader(createCollector({ firefox, onFinished: (f) => out.push(f), now: () => 1_000, schedule: (fn) => fn() }), firefox);
  for (const [name, d] of events)
    c.handle(name, { requestId: '7', method: 'GET', tabId: 3, frameId: 0, type: 'xmlhttprequest', originUrl: `${PAGE}/`, url: `${API}/s/x/0`, ...d });
  return out;
}

const h = (name: string, value: string) => ({ name, value });
const judged = (f: Finished) => tabFindings(f, (r) => validate(r, 'firefox'), 1, true);

describe('the collector in Firefox', () => {
  it("a simple request Firefox blocks ends in onCompleted: judged from its headers, in Firefox's words", () => {
    const [f] = run([
      ['beforeRequest', {}],
      ['sendHeaders', { requestHeaders: [h('Origin', PAGE), h('Sec-Fetch-Storage-Access', 'none')] }],
      ['headersReceived', { statusCode: 200, responseHeaders: [h('Access-Control-Allow-Origin', '*')] }],
      ['completed', { statusCode: 200 }],
    ]);
    expect(f!.blocked).toBe(false);
    const [error] = judged(f!);
    expect(error!.code).toBe('CORSNotSupportingCredentials');
    expect(error!.message).toBe(
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘${API}/s/x/0’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`,
    );
  });

  it('an allowed request that completes stays without an error', () => {
    const [f] = run([
      ['beforeRequest', {}],
      [
        'headersReceived',
        { statusCode: 200, responseHeaders: [h('Access-Control-Allow-Origin', PAGE), h('Access-Control-Allow-Credentials', 'true'), h('Vary', 'Origin')] },
      ],
      ['completed', { statusCode: 200 }],
    ]);
    expect(judged(f!).filter((x) => x.severity === 'error')).toEqual([]);
  });

  it("a refused redirect ends in a varying error: judged from the redirect's headers", () => {
    const [f] = run([
      ['beforeRequest', {}],
      ['headersReceived', { statusCode: 302, responseHeaders: [h('Location', `${API}/s/x/1`)] }],
      ['beforeRedirect', { statusCode: 302, redirectUrl: `${API}/s/x/1` }],
      ['errorOccurred', { url: `${API}/s/x/1`, error: 'NS_ERROR_NET_ON_RECEIVING_FROM' }],
    ]);
    expect(f!.error).toBe('NS_ERROR_NET_ON_RECEIVING_FROM');
    expect(judged(f!)[0]!.message).toMatch(/\(Reason: CORS header ‘Access-Control-Allow-Origin’ missing\)\. Status code: 302\.$/);
  });

  it('an error the headers do not explain is a network failure: not listed; an abort is dropped at once', () => {
    const [f] = run([
      ['beforeRequest', {}],
      ['errorOccurred', { error: 'NS_ERROR_DOM_INVALID_HEADER_VALUE' }],
    ]);
    expect(judged(f!)).toEqual([]);
    expect(
      run([
        ['beforeRequest', {}],
        ['errorOccurred', { error: 'NS_BINDING_ABORTED' }],
      ]),
    ).toEqual([]);
  });

  it('header bytes are decoded (UTF-8, else kept as bytes), and ACAO lines Firefox joined are split again', () => {
    const [f] = run([
      ['beforeRequest', {}],
      [
        'headersReceived',
        { statusCode: 200, responseHeaders: [h('Access-Control-Allow-Origin', 'http://b\u00c3\u00bccher.example'), h('X-Note', 'caf\u00e9')] },
      ],
      ['completed', { statusCode: 200 }],
    ]);
    expect(f!.record.hops[0]!.response!.headers).toEqual([h('Access-Control-Allow-Origin', 'http://bücher.example'), h('X-Note', 'caf\udce9')]);
    const [g] = run([
      ['beforeRequest', {}],
      ['headersReceived', { statusCode: 200, responseHeaders: [h('Access-Control-Allow-Origin', `*, ${PAGE}`)] }],
      ['completed', { statusCode: 200 }],
    ]);
    expect(g!.record.hops[0]!.response!.headers).toEqual([h('Access-Control-Allow-Origin', '*'), h('Access-Control-Allow-Origin', PAGE)]);
    expect(judged(g!)[0]!.code).toBe('CORSMultipleAllowOriginNotAllowed');
    // The same origin twice: two layers echoing it, two lines too.
    const [twice] = run([
      ['beforeRequest', {}],
      ['headersReceived', { statusCode: 200, responseHeaders: [h('Access-Control-Allow-Origin', `${PAGE}, ${PAGE}`)] }],
      ['completed', { statusCode: 200 }],
    ]);
    expect(judged(twice!)[0]!.code).toBe('CORSMultipleAllowOriginNotAllowed');
  });

  it('distinct origins joined by ", " are read as the one allow-list line Firefox quotes whole (lab acao-comma-list-foreign)', () => {
    const list = 'https://a.example, https://b.example';
    const [f] = run([
      ['beforeRequest', {}],
      ['headersReceived', { statusCode: 200, responseHeaders: [h('Access-Control-Allow-Origin', list)] }],
      ['completed', { statusCode: 200 }],
    ]);
    expect(f!.record.hops[0]!.response!.headers).toEqual([h('Access-Control-Allow-Origin', list)]);
    expect(judged(f!)[0]!.message).toMatch(
      /\(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘https:\/\/a\.example, https:\/\/b\.example’\)\.$/,
    );
  });

  it("an Authorization made of credentials given to XHR open() (the URL's userinfo) is the browser's, not the page's", () => {
    const url = `${API.replace('://', '://user:pass@')}/s/x/0`;
    const [f] = run([
      ['beforeRequest', { url }],
      ['sendHeaders', { url, requestHeaders: [h('Origin', PAGE), h('Authorization', 'Basic dXNlcjpwYXNz'), h('X-Csrf-Token', 't')] }],
      ['headersReceived', { url, statusCode: 200, responseHeaders: [h('Access-Control-Allow-Origin', PAGE), h('Access-Control-Allow-Credentials', 'true')] }],
      ['completed', { url, statusCode: 200 }],
    ]);
    expect(f!.record.requestHeaders.map((x) => x.name)).toEqual(['X-Csrf-Token']);
    // The password is never kept: the URL's userinfo is masked.
    expect(f!.record.hops[0]!.url).toBe(`${API.replace('://', '://user:REDACTED@')}/s/x/0`);
    expect(JSON.stringify(f)).not.toContain('user:pass');
  });

  it("Chromium's collector keeps a joined value as one line, and forgets a network failure", () => {
    const [g] = run(
      [
        ['beforeRequest', {}],
        ['headersReceived', { statusCode: 200, responseHeaders: [h('Access-Control-Allow-Origin', `*, ${PAGE}`)] }],
        ['completed', { statusCode: 200 }],
      ],
      false,
    );
    expect(g!.record.hops[0]!.response!.headers).toEqual([h('Access-Control-Allow-Origin', `*, ${PAGE}`)]);
    expect(
      run(
        [
          ['beforeRequest', {}],
          ['errorOccurred', { error: 'net::ERR_NAME_NOT_RESOLVED' }],
        ],
        false,
      ),
    ).toEqual([]);
  });
});
