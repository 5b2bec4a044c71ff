import { describe, expect, test } from 'vitest';
import { bytesText, escapedByte, headerText } from './bytes';
import { encodeHint } from './message';

describe('header bytes → text', () => {
  test('ASCII and control bytes are kept as they are', () => {
    expect(headerText('http://a.example\u0001\u007f')).toBe('http://a.example\u0001\u007f');
  });

  test('valid UTF-8 is decoded', () => {
    expect(headerText('http://b\xc3\xbccher.example')).toBe('http://bücher.example');
    expect(bytesText([0x68, 0xc3, 0xa9])).toBe('hé');
  });

  test('invalid UTF-8 keeps every byte ≥ 0x80 as U+DC80–U+DCFF, and encodeHint prints the byte', () => {
    const text = headerText('http://caf\xe9.example');
    expect(text).toBe('http://caf\udce9.example');
    expect(escapedByte(text.charCodeAt(10))).toBe(0xe9);
    expect(encodeHint(text)).toBe('http://caf\\u00E9.example');
    // An overlong encoding and a truncated sequence are not UTF-8 either.
    expect(bytesText([0xc0, 0xaf])).toBe('\udcc0\udcaf');
    expect(bytesText([0x61, 0xe2, 0x82])).toBe('a\udce2\udc82');
  });
});
