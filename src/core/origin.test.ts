import { describe, expect, test } from 'vitest';
import { displayUrl, isValidUrl, nameableOrigin, serializeOrigin, urlHasCredentials } from './origin';

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
  });
});

test('URLs are shown without their user:password part', () => {
  expect(displayUrl('https://user:secret@api.example.com/x?y=1')).toBe('https://api.example.com/x?y=1');
  expect(displayUrl('https://api.example.com/@me')).toBe('https://api.example.com/@me');
});
