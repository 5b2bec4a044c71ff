import { describe, expect, test } from 'vitest';
import { BROWSERS, encodeHint } from './message';
import { validate } from './validate';

describe('message', () => {
  test('Chromium sentence: kind, redirect, preflight prefix', () => {
    const base = { hint: '', initiator: 'fetch' as const, firstUrl: 'https://a/x', url: 'https://a/x', pageOrigin: 'https://p', preflightPrefix: false, reason: 'R.' };
    expect(BROWSERS.chromium.sentence(base)).toBe("Access to fetch at 'https://a/x' from origin 'https://p' has been blocked by CORS policy: R.");
    expect(BROWSERS.chromium.sentence({ ...base, initiator: 'xmlhttprequest', url: 'https://b/y', preflightPrefix: true })).toBe(
      "Access to XMLHttpRequest at 'https://b/y' (redirected from 'https://a/x') from origin 'https://p' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: R.",
    );
  });

  test('hints: printable ASCII kept, other bytes as \\uXXXX (UTF-8 bytes)', () => {
    expect(encodeHint('https://a.example')).toBe('https://a.example');
    expect(encodeHint('a\tb')).toBe('a\\u0009b');
    expect(encodeHint('é')).toBe('\\u00C3\\u00A9');
  });
});

test('a UTF-8 origin in ACAO is printed byte by byte (reason text probed from Chromium 156)', () => {
  const [f] = validate({
    method: 'GET',
    origin: 'http://localhost:3000',
    credentials: 'include',
    initiator: 'fetch',
    requestHeaders: [],
    hops: [{ url: 'http://127.0.0.1:4000/utf8', response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: 'https://äpp.example' }] } }],
  });
  expect(f!.message.endsWith(
    "has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value 'https://\\u00C3\\u00A4pp.example' that is not equal to the supplied origin. Have the server send the header with a valid value.",
  )).toBe(true);
});
