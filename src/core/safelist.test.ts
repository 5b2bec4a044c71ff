import { describe, expect, test } from 'vitest';
import { corsUnsafeHeaderNames, isSafelistedHeader, needsPreflight, normalizeMethod } from './safelist';

const h = (...pairs: [string, string][]) => pairs.map(([name, value]) => ({ name, value }));

describe('safelist', () => {
  test('methods: only the six are normalized', () => {
    expect(normalizeMethod('put')).toBe('PUT');
    expect(normalizeMethod('patch')).toBe('patch');
    expect(normalizeMethod('Delete')).toBe('DELETE');
  });

  test('content-type is safe only for the three form types', () => {
    expect(isSafelistedHeader('content-type', 'text/plain;charset=UTF-8')).toBe(true);
    expect(isSafelistedHeader('content-type', 'multipart/form-data; boundary=x')).toBe(true);
    expect(isSafelistedHeader('content-type', 'application/json')).toBe(false);
    expect(isSafelistedHeader('content-type', 'text/plain; x="a"')).toBe(false);
  });

  test('unsafe names are lower-case, sorted, unique, and skip forbidden names', () => {
    expect(
      corsUnsafeHeaderNames(
        h(
          ['X-B', '1'],
          ['Authorization', 'Bearer x'],
          ['x-b', '2'],
          ['Cookie', 'a=b'],
          ['Sec-Fetch-Mode', 'cors'],
          ['Accept', '*/*'],
          ['Content-Type', 'application/json'],
        ),
      ),
    ).toEqual(['authorization', 'content-type', 'x-b']);
  });

  test('safelisted values over 1024 bytes in total make their names unsafe', () => {
    const long = 'a'.repeat(120);
    const many = h(...Array.from({ length: 9 }, (_, i) => [i % 2 ? 'Accept' : 'Content-Language', long] as [string, string]));
    expect(corsUnsafeHeaderNames(many)).toEqual(['accept', 'content-language']);
  });

  test('preflight needed for PUT, JSON or custom headers; not for a plain GET', () => {
    expect(needsPreflight({ method: 'GET', requestHeaders: h(['Accept', 'application/json']) })).toBe(false);
    expect(needsPreflight({ method: 'POST', requestHeaders: h(['Content-Type', 'application/json']) })).toBe(true);
    expect(needsPreflight({ method: 'PUT', requestHeaders: [] })).toBe(true);
    expect(needsPreflight({ method: 'GET', requestHeaders: h(['X-Requested-With', 'XMLHttpRequest']) })).toBe(true);
  });
});
