import { expect, test } from 'vitest';
import { looksLikeLogin } from './common';

test('login pages are recognised by a path segment, not by any "auth" in the path', () => {
  expect(looksLikeLogin('https://idp.example.net/login?next=/api')).toBe(true);
  expect(looksLikeLogin('https://idp.example.net/oauth2/authorize?client_id=x')).toBe(true);
  expect(looksLikeLogin('https://app.example.com/sign-in')).toBe(true);
  expect(looksLikeLogin('https://api.example.com/v2/auth/me')).toBe(false);
  expect(looksLikeLogin('https://api.example.com/sessions/42')).toBe(false);
});
