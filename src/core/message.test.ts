import { describe, expect, test } from 'vitest';
import { BROWSERS, encodeHint } from './message';

describe('message', () => {
  test('Chromium sentence: kind, redirect, preflight prefix', () => {
    const base = {
      hint: '',
      initiator: 'fetch' as const,
      firstUrl: 'https://a/x',
      url: 'https://a/x',
      pageOrigin: 'https://p',
      preflightPrefix: false,
      reason: 'R.',
    };
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

// Whole sentences are checked only against Chromium's own recorded words: see
// test/unit/conformance.test.ts (edge-acao-utf8, edge-acao-latin1, edge-acac-control cover hint encoding).
