import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { notAnOrigin, origin } from '../../test/unit/snippets/specs';
import { displayUrl, isSerializedOrigin, isValidUrl, nameableOrigin, serializeOrigin, urlHasCredentials } from './origin';

describe('origin', () => {
  test.each([
    ['https://api.example.com/me?x=1', 'https://api.example.com'],
    ['HTTPS://API.Example.COM:443/', 'https://api.example.com'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://127.0.0.1:8080/x', 'http://127.0.0.1:8080'],
    ['http://0x7f.1/', 'http://127.0.0.1'],
    ['http://[::1]:80/', 'http://[::1]'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example'],
    ['https://user:pw@api.example.com/', 'https://api.example.com'],
    ['http://a.example:080/', 'http://a.example'],
    ['data:text/plain,hi', 'null'],
    ['not a url', 'null'],
  ])('serializeOrigin(%s) is %s, like the URL parser', (url, origin) => {
    expect(serializeOrigin(url)).toBe(origin);
  });

  test('isValidUrl follows GURL on the ACAO cases', () => {
    expect(isValidUrl('https://app.example.com/')).toBe(true);
    expect(isValidUrl('app.example.com')).toBe(false);
    expect(isValidUrl('')).toBe(false);
    expect(isValidUrl('https://app.example.com:99999')).toBe(false);
  });

  test('userinfo in URLs', () => {
    expect(urlHasCredentials('https://u:p@a.example/')).toBe(true);
    expect(urlHasCredentials('https://u@a.example/')).toBe(true);
    expect(urlHasCredentials('https://a.example/@x')).toBe(false);
  });

  test('only origin-shaped values may be named in a fix', () => {
    expect(nameableOrigin('https://app.example.com')).toBe('https://app.example.com');
    expect(nameableOrigin('null')).toBe('');
    expect(nameableOrigin('*')).toBe('');
    expect(nameableOrigin('https://a.example\r\nX: y')).toBe('');
    expect(nameableOrigin('https://a.example/path')).toBe('');
    expect(nameableOrigin('https://a{b}.example')).toBe('');
  });

  test.each([
    'https://app.example.com',
    'http://localhost:3000',
    'http://127.0.0.1:8080',
    'http://[::1]:8080',
    'https://xn--bcher-kva.example',
    'wss://socket.example',
    'https://my_host.example',
  ])('isSerializedOrigin(%s): an origin as the URL standard serializes it', (s) => {
    expect(isSerializedOrigin(s)).toBe(true);
    expect(serializeOrigin(s)).toBe(s);
  });

  test.each([
    ['a trailing slash', 'https://app.example.com/'],
    ['upper case', 'https://App.example.com'],
    ['the default port', 'https://app.example.com:443'],
    ['userinfo', 'https://user@app.example.com'],
    ['a path', 'https://app.example.com/x'],
    ['a query', 'https://app.example.com?x'],
    ['a fragment', 'https://app.example.com#x'],
    ['an opaque origin', 'null'],
    ['a wildcard', '*'],
    ['braces (legal in a URL host, never in an origin we name)', 'https://a{b}.example'],
    ['a dollar sign', 'https://a$b.example'],
    ['a quote', "https://a'b.example"],
    ['Ruby interpolation', 'https://a.example#{`id`}'],
    ['a backslash', 'https:\\\\a.example'],
    ['a space', 'https://a.example x'],
    ['CR LF', 'https://a.example\r\nX: y'],
    ['a non-canonical IPv4', 'http://0x7f.1'],
    ['a non-ASCII host', 'https://bücher.example'],
    ['a scheme with no tuple origin', 'file:///etc/passwd'],
    ['a non-special scheme', 'chrome-extension://abc'],
    ['nothing', ''],
  ])('isSerializedOrigin refuses %s', (_what, s) => {
    expect(isSerializedOrigin(s)).toBe(false);
  });

  test('isSerializedOrigin refuses what is not a string', () => {
    for (const v of [undefined, null, 1, ['https://a.example'], { toString: () => 'https://a.example' }]) expect(isSerializedOrigin(v)).toBe(false);
  });

  test('isSerializedOrigin: every generated origin passes, every hostile value fails (property)', () => {
    fc.assert(
      fc.property(origin, (o) => isSerializedOrigin(o)),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(notAnOrigin, (s) => !isSerializedOrigin(s)),
      { numRuns: 1000 },
    );
  });
});

test('URLs are shown without their user:password part', () => {
  expect(displayUrl('https://user:secret@api.example.com/x?y=1')).toBe('https://api.example.com/x?y=1');
  expect(displayUrl('https://api.example.com/@me')).toBe('https://api.example.com/@me');
});
