// A Set-Cookie the browser did not store although no rule explains why (a name or value too long,
// a character the browser rejects, an http response trying to overwrite a Secure cookie, …).
// Listed honestly, never guessed; DevTools (Network > the request > Cookies) names the reason.
import type { CookieRule } from '../types';
import { PARAGRAPH, what } from '../words';

const rule: CookieRule = {
  id: 'cookie-refused',
  phases: ['set'],
  code: () => 'Unexplained',
  summary: 'the browser did not store a cookie and no rule explains it',
  check: () => true,
  cause: () => 'not stored; no rule explains it',
  explain: (c, ctx) =>
    `${what(c, ctx)} None of our checks explains it.` +
    PARAGRAPH +
    'Open DevTools > Network > this request > Cookies: the browser lists the refused Set-Cookie there with its reason (hover the warning icon).',
};
export default rule;
