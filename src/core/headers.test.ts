import { describe, expect, test } from 'vitest';
import { firstNonToken, getHeader, isToken, listHas, parseTokenList, readCorsHeaders, trimHttpWhitespace, varyCoversOrigin } from './headers';

const lines = (...pairs: [string, string][]) => pairs.map(([name, value]) => ({ name, value }));

describe('headers', () => {
  test('get joins every line of a name with ", ", case-insensitively, each trimmed', () => {
    const h = lines(['Access-Control-Allow-Origin', ' https://a.example '], ['X', '1'], ['access-control-allow-origin', '\thttps://b.example']);
    expect(getHeader(h, 'access-control-allow-origin')).toBe('https://a.example, https://b.example');
    expect(getHeader(h, 'vary')).toBeUndefined();
    expect(getHeader(lines(['Vary', '']), 'vary')).toBe('');
  });

  test('readCorsHeaders agrees with getHeader and counts ACAO lines', () => {
    const h = lines(
      ['ACCESS-CONTROL-ALLOW-ORIGIN', '*'],
      ['Access-Control-Allow-Origin', 'https://a.example'],
      ['Access-Control-Allow-Credentials', 'true'],
      ['Vary', 'Origin'],
      ['Location', '/x'],
      ['Access-Control-Allow-Methods', 'PUT'],
      ['Access-Control-Allow-Headers', 'x-a'],
    );
    const r = readCorsHeaders(h);
    expect(r).toMatchObject({
      allowOrigin: '*, https://a.example',
      allowOriginLines: 2,
      allowCredentials: 'true',
      vary: 'Origin',
      location: '/x',
      allowMethods: 'PUT',
      allowHeaders: 'x-a',
    });
    expect(readCorsHeaders(undefined).allowOrigin).toBeUndefined();
  });

  test('trims only HTTP whitespace (space and tab)', () => {
    expect(trimHttpWhitespace(' \t* \t')).toBe('*');
    expect(trimHttpWhitespace('\u00a0*')).toBe('\u00a0*');
  });

  test('tokens: tchar only', () => {
    expect(isToken('PUT')).toBe(true);
    expect(isToken('x-csrf-token')).toBe(true);
    expect(isToken('*')).toBe(true);
    expect(isToken('')).toBe(false);
    expect(isToken('a b')).toBe(false);
    expect(isToken('a;b')).toBe(false);
    expect(isToken('é')).toBe(false);
  });

  test('token lists skip empty items and refuse non-tokens', () => {
    expect(parseTokenList(' GET ,, PUT ,')).toEqual(['GET', 'PUT']);
    expect(parseTokenList(undefined)).toEqual([]);
    expect(parseTokenList('GET, PUT DELETE')).toEqual({ bad: 'PUT DELETE' });
  });

  test('Vary covers Origin when it lists origin or *', () => {
    expect(varyCoversOrigin('Origin')).toBe(true);
    expect(varyCoversOrigin('Accept-Encoding, origin')).toBe(true);
    expect(varyCoversOrigin('*')).toBe(true);
    expect(varyCoversOrigin('Origin-Agent')).toBe(false);
    expect(varyCoversOrigin('Accept-Encoding')).toBe(false);
    expect(varyCoversOrigin(undefined)).toBe(false);
  });
});

describe('allocation-free list helpers agree with parseTokenList', () => {
  test.each([' GET ,, PUT ,', 'GET, PUT DELETE', 'a;b', '', ',', 'x-a,\tContent-Type', '*'])('%j', (value) => {
    const parsed = parseTokenList(value);
    expect(firstNonToken(value)).toBe(Array.isArray(parsed) ? undefined : parsed.bad);
    if (Array.isArray(parsed)) {
      for (const item of parsed) {
        expect(listHas(value, item, false)).toBe(true);
        expect(listHas(value, item.toLowerCase(), true)).toBe(true);
      }
    }
    expect(listHas(value, 'PATCH', false)).toBe(false);
  });

  test('method lookup is case-sensitive, header lookup is not', () => {
    expect(listHas('GET, PATCH', 'patch', false)).toBe(false);
    expect(listHas('X-CSRF-Token', 'x-csrf-token', true)).toBe(true);
  });
});

describe('raw line breaks in a value are read like Chromium reads the bytes (lab edge-probe-lf/-cr)', () => {
  test('LF or CRLF followed by a space continues the value with one space', () => {
    expect(getHeader(lines(['Access-Control-Allow-Origin', 'http://a.example\n x']), 'access-control-allow-origin')).toBe('http://a.example x');
    expect(getHeader(lines(['Vary', 'Origin\r\n\tAccept']), 'vary')).toBe('Origin Accept');
  });

  test('a lone CR (or a break not followed by space) ends the value', () => {
    expect(getHeader(lines(['Access-Control-Allow-Origin', 'http://localhost:3000\rx']), 'access-control-allow-origin')).toBe('http://localhost:3000');
    expect(readCorsHeaders(lines(['Access-Control-Allow-Credentials', 'true\nX-Other: 1'])).allowCredentials).toBe('true');
  });
});
