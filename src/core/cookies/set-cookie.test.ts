import { describe, expect, it } from 'vitest';
import { attributesText, parseSetCookie } from './set-cookie';

const NOW = Date.UTC(2026, 0, 1);

describe('parseSetCookie', () => {
  it('reads the name and attributes of real session cookies, never the value', () => {
    const c = parseSetCookie('connect.sid=s%3AabcDEF.sig; Path=/; Expires=Fri, 02 Jan 2026 00:00:00 GMT; HttpOnly; Secure; SameSite=None', NOW)!;
    expect(c).toEqual({
      name: 'connect.sid',
      secure: true,
      httpOnly: true,
      sameSite: 'none',
      domain: '',
      path: '/',
      partitioned: false,
      expiresAt: Date.UTC(2026, 0, 2),
    });
    expect(JSON.stringify(c)).not.toContain('abcDEF');
    expect(parseSetCookie('sessionid=xyz; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=1209600; Path=/; SameSite=Lax', NOW)).toMatchObject({
      name: 'sessionid',
      sameSite: 'lax',
      expiresAt: NOW + 1_209_600_000,
    });
    expect(parseSetCookie('JSESSIONID=1; Path=/api; SECURE; samesite=strict; Domain=.Example.COM; Partitioned', NOW)).toMatchObject({
      path: '/api',
      secure: true,
      sameSite: 'strict',
      domain: 'example.com',
      partitioned: true,
    });
  });

  it('treats an unknown SameSite value as absent, and Max-Age=0 as "expire now"', () => {
    expect(parseSetCookie('a=1; SameSite=Lax; SameSite=Bogus', NOW)?.sameSite).toBe('unspecified');
    expect(parseSetCookie('a=1; Max-Age=0', NOW)?.expiresAt).toBe(0);
    expect(parseSetCookie('a=1; Max-Age=-5; Expires=Fri, 02 Jan 2026 00:00:00 GMT', NOW)?.expiresAt).toBe(0);
    expect(parseSetCookie('a=1; Max-Age=1e3', NOW)?.expiresAt).toBeUndefined();
    expect(parseSetCookie('a=1; Path=relative', NOW)?.path).toBe('');
  });

  it('gives up on lines without a usable name, whatever they hold', () => {
    for (const bad of ['', '=value', 'novalue', ' =x', 'a\u0001b=1', 'x'.repeat(9000) + '=1', 42, null, undefined])
      expect(parseSetCookie(bad as string)).toBeUndefined();
  });

  it('writes the attributes back without a value', () => {
    expect(attributesText(parseSetCookie('sid=secret; Path=/; Secure; HttpOnly; SameSite=None; Partitioned')!)).toBe(
      'Path=/; Secure; HttpOnly; SameSite=None; Partitioned',
    );
    expect(attributesText(parseSetCookie('sid=secret')!)).toBe('(no attributes)');
  });
});
