import { describe, expect, it } from 'vitest';
import { MASK, maskHeader, redactRecord, redactUrl } from './redact';

describe('redact', () => {
  it('masks credential-looking query values and userinfo, and leaves other URLs alone', () => {
    expect(redactUrl('https://api.example/me?access_token=abc&page=2')).toBe('https://api.example/me?access_token=REDACTED&page=2');
    expect(redactUrl('https://u:p@api.example/x')).toBe('https://api.example/x'); // userinfo removed (src/core/secrets.ts)
    expect(redactUrl('https://api.example/x?run=1')).toBe('https://api.example/x?run=1');
    expect(redactUrl('not a url ?token=1')).toBe('not a url ?token=REDACTED'); // text, not only URLs: masked all the same
  });

  it('never keeps a Cookie, Authorization or Set-Cookie value', () => {
    for (const name of ['Cookie', 'authorization', 'Set-Cookie', 'Proxy-Authorization'])
      expect(maskHeader({ name, value: 'secret' })).toEqual({ name, value: MASK });
    expect(maskHeader({ name: 'Vary', value: 'Origin' })).toEqual({ name: 'Vary', value: 'Origin' });
    const r = redactRecord({
      method: 'GET',
      origin: 'https://app.example',
      credentials: 'include',
      initiator: 'fetch',
      requestHeaders: [{ name: 'Authorization', value: 'Bearer x' }],
      hops: [{ url: 'https://api.example/?key=1', response: { status: 200, headers: [{ name: 'Set-Cookie', value: 'sid=1' }] } }],
    });
    expect(JSON.stringify(r)).not.toMatch(/Bearer x|sid=1|key=1/);
  });
});
