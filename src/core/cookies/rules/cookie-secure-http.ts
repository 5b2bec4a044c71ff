// A Secure cookie set, or due, over plain http to a host that is not potentially trustworthy
// (RFC 6265bis §5.7 step 14; Chromium EXCLUDE_SECURE_ONLY, DevTools "SecureOnly"). Loopback hosts
// count as secure in Chromium 156 (probed: Secure cookies over http://127.0.0.1 are stored).
import { isSecureUrl, urlParts } from '../host';
import type { CookieRule } from '../types';
import { PARAGRAPH, what } from '../words';

const rule: CookieRule = {
  id: 'cookie-secure-http',
  phases: ['set', 'send'],
  code: () => 'SecureOnly',
  summary: 'a Secure cookie over plain http (localhost aside)',
  check: (c, ctx) => {
    const u = urlParts(ctx.url);
    return c.secure && u !== undefined && !isSecureUrl(u);
  },
  cause: () => 'Secure cookie over plain http',
  explain: (c, ctx) =>
    `${what(c, ctx)} It is marked Secure, and ${ctx.url} is plain http on a host that is not loopback, so the browser neither stores nor sends it there.` +
    PARAGRAPH +
    'Serve the API over https (cross-site cookies need Secure anyway: SameSite=None requires it). Only localhost and 127.0.0.1 count as secure over http.',
};
export default rule;
