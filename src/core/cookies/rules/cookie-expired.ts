// Max-Age=0 (or less), or an Expires date in the past: the Set-Cookie deletes the cookie rather
// than storing it (RFC 6265bis §5.6.1, §5.6.2, §5.7 step 23). Often meant (a logout); on a login
// it is a bug (a clock or unit mistake: Max-Age is in seconds).
import type { CookieRule } from '../types';
import { PARAGRAPH, what } from '../words';

const rule: CookieRule = {
  id: 'cookie-expired',
  phases: ['set'],
  code: () => 'ExpiredOnArrival',
  summary: 'Max-Age=0 or an Expires date in the past (the cookie is deleted)',
  check: (c, ctx) => c.expiresAt !== undefined && c.expiresAt <= ctx.now,
  cause: (c) => (c.expiresAt === 0 ? 'Max-Age=0 deletes it' : 'Expires is in the past'),
  explain: (c, ctx) =>
    `${what(c, ctx)} It ${c.expiresAt === 0 ? 'has Max-Age=0 (or less)' : 'has an Expires date in the past'}, which tells the browser to delete the cookie, not to store it.` +
    PARAGRAPH +
    'Fine for a logout. For a login, give a lifetime in seconds (Max-Age=3600), or no Max-Age/Expires at all for a session cookie.',
};
export default rule;
