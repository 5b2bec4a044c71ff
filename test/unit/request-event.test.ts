// The reader's one normalisation of a webRequest event (extension/background/request-event.ts):
// what the collector and the cookie watch read instead of the browser's details.
import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../src/core/secrets';
import { readEvent, type Details } from '../../extension/background/request-event';
import { runs } from './webrequest-replay';

const base: Details = { requestId: '1', url: 'https://api.example/me', method: 'GET', tabId: 4, initiator: 'https://app.example' };

describe('one webRequest event, normalised', () => {
  it('keeps no Cookie, Set-Cookie or Authorization value: names and attributes only', () => {
    const ev = readEvent(
      'headersReceived',
      {
        ...base,
        requestHeaders: [
          { name: 'Cookie', value: 'sid=s3cret; theme=dark' },
          { name: 'Authorization', value: 'Bearer t0ken' },
        ],
        responseHeaders: [{ name: 'Set-Cookie', value: 'sid=v4lue; Path=/auth; Max-Age=60; Secure' }],
      },
      { now: 1_000 },
    );
    expect(ev.sentCookies).toEqual(['sid', 'theme']);
    expect(ev.setCookies).toMatchObject([{ name: 'sid', path: '/auth', secure: true, expiresAt: 61_000 }]);
    expect(ev.requestHeaders.map((h) => h.value)).toEqual([REDACTED, REDACTED]);
    const json = JSON.stringify(ev);
    for (const secret of ['s3cret', 't0ken', 'v4lue', 'dark']) expect(json).not.toContain(secret);
  });

  it("takes the page's origin from Chromium's initiator, or from Firefox's originUrl", () => {
    expect(readEvent('beforeRequest', base, { now: 0 }).origin).toBe('https://app.example');
    const { initiator: _, ...firefox } = base;
    expect(readEvent('beforeRequest', { ...firefox, originUrl: 'https://app.example/page?q' }, { now: 0 }).origin).toBe('https://app.example');
    expect(readEvent('beforeRequest', firefox, { now: 0 }).origin).toBeUndefined();
  });

  it("decodes Firefox's header bytes and splits the lines two layers sent; Chromium's binaryValue too", () => {
    const raw = [
      { name: 'Access-Control-Allow-Origin', value: '*, https://app.example' },
      { name: 'X-Name', value: 'M\u00c3\u00bcller' },
    ];
    const firefox = readEvent('headersReceived', { ...base, responseHeaders: raw }, { firefox: true, now: 0 }).responseHeaders;
    expect(firefox).toEqual([
      { name: 'Access-Control-Allow-Origin', value: '*' },
      { name: 'Access-Control-Allow-Origin', value: 'https://app.example' },
      { name: 'X-Name', value: 'Müller' },
    ]);
    const chromium = readEvent('headersReceived', { ...base, responseHeaders: [{ name: 'Location', binaryValue: [47, 110] }] }, { now: 0 });
    expect(chromium.responseHeaders).toEqual([{ name: 'Location', value: '/n' }]);
  });

  it('reads every recorded Chromium event, and gives each event the fields its consumers read', () => {
    for (const run of runs)
      for (const e of run.events) {
        const ev = readEvent('sendHeaders', e, { now: 0 });
        expect(ev).toMatchObject({ requestId: e.requestId, url: e.url, method: e.method, tabId: e.tabId, frameId: e.frameId ?? 0 });
        expect(ev.requestHeaders).toHaveLength(e.requestHeaders?.length ?? 0);
        expect(JSON.stringify(ev)).not.toContain('lab_session=');
      }
  });
});
