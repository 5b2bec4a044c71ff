// SameSite=None without Secure is refused (Chromium since M80; RFC 6265bis §5.7 step 17;
// DevTools "SameSiteNoneInsecure"; probed on Chromium 156 with third-party cookies allowed).
// https://www.chromium.org/updates/same-site/
import type { CookieRule } from '../types';
import { PARAGRAPH, what } from '../words';

const rule: CookieRule = {
  id: 'cookie-samesite-none-insecure',
  phases: ['set'],
  code: () => 'SameSiteNoneInsecure',
  summary: 'SameSite=None without Secure',
  check: (c) => c.sameSite === 'none' && !c.secure,
  cause: () => 'SameSite=None without Secure',
  explain: (c, ctx) =>
    `${what(c, ctx)} It says SameSite=None but not Secure, and the browser refuses every SameSite=None cookie that is not Secure.` +
    PARAGRAPH +
    'Add Secure (and serve the API over https; localhost counts as secure while you develop).',
};
export default rule;
