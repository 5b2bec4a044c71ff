import { describe, expect, it } from 'vitest';
import { isSecretHeader, isSecretParam, redactText, redactUrl, URL_MASK as REDACTED } from './secrets';

describe('secret names', () => {
  it('knows credential headers, whatever their case', () => {
    expect(['Cookie', 'AUTHORIZATION', 'proxy-authorization', 'Set-Cookie'].every(isSecretHeader)).toBe(true);
    expect(['Content-Type', 'X-Api-Key-Hint', 'Origin'].some(isSecretHeader)).toBe(false);
  });

  it('knows credential-like URL parameters, case-insensitively, and leaves ordinary ones', () => {
    const secret = [
      'token',
      'access_token',
      'ID_TOKEN',
      'code',
      'key',
      'api_key',
      'apiKey',
      'secret',
      'client_secret',
      'password',
      'session',
      'sessionid',
      'sig',
      'signature',
      'X-Amz-Signature',
      'X-Amz-Security-Token',
      'refresh-token',
      'auth',
    ];
    const plain = ['page', 'q', 'sort', 'lang', 'id', 'state', 'redirect_uri', 'monkey'];
    expect(secret.filter((n) => !isSecretParam(n))).toEqual([]);
    expect(plain.filter(isSecretParam)).toEqual([]);
  });
});

describe('redactUrl', () => {
  it('removes user:password@ and masks secret query and fragment values', () => {
    expect(redactUrl('https://user:p4ss@api.example/me?access_token=abc&page=2&Code=xyz#id_token=t0k&x=1')).toBe(
      `https://api.example/me?access_token=${REDACTED}&page=2&Code=${REDACTED}#id_token=${REDACTED}&x=1`,
    );
  });

  it('removes userinfo from a URL with no query, and keeps a URL with nothing secret as it is', () => {
    expect(redactUrl('http://admin@10.0.0.1:8080/path')).toBe('http://10.0.0.1:8080/path');
    expect(redactUrl('https://api.example/a?b=c')).toBe('https://api.example/a?b=c');
  });

  it('does not take an @ in the path for userinfo', () => {
    expect(redactUrl('https://api.example/users/@me?sig=1')).toBe(`https://api.example/users/@me?sig=${REDACTED}`);
  });

  it('never throws on junk', () => {
    for (const junk of ['', '%', '?=&&=', 'https://', 'a:b@c', '?%E0%A4%A=1&token=%']) expect(typeof redactUrl(junk)).toBe('string');
    expect(redactUrl('?%E0%A4%A=1&token=%')).toBe(`?%E0%A4%A=1&token=${REDACTED}`);
  });
});

describe('redactText', () => {
  it('redacts every URL in a sentence, as Chromium quotes them', () => {
    const s =
      "Access to fetch at 'https://u:pw@api.example/x?token=T' (redirected from 'https://api.example/start?code=C') from origin 'https://app.example' has been blocked";
    const out = redactText(s);
    expect(out).not.toMatch(/pw|=T'|=C'/);
    expect(out).toContain("from origin 'https://app.example' has been blocked");
  });
});
