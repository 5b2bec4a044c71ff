// The request's path is not under the cookie's Path (RFC 6265bis §5.1.4, §5.8.3; DevTools
// "NotOnPath"). The usual trap: no Path attribute, so the cookie set by /auth/login belongs to
// /auth only (the default path, §5.1.4), and /api/me never gets it (probed on Chromium 156).
import { pathMatch, urlParts } from '../host';
import type { CookieRule } from '../types';
import { PARAGRAPH, what } from '../words';

const rule: CookieRule = {
  id: 'cookie-path',
  phases: ['send'],
  code: () => 'NotOnPath',
  summary: "the request's path is outside the cookie's Path",
  check: (c, ctx) => {
    const u = urlParts(ctx.url);
    return u !== undefined && c.path !== '' && !pathMatch(u.path, c.path);
  },
  cause: (c) => `Path ${c.path} does not cover this URL`,
  explain: (c, ctx) =>
    `${what(c, ctx)} The cookie belongs to the path ${c.path}, and ${urlParts(ctx.url)?.path ?? ''} is not under it. A Set-Cookie without a Path attribute gets the directory of the URL that set it (a login at /auth/login gives Path=/auth).` +
    PARAGRAPH +
    'Set Path=/ on the cookie (or a path that covers every API route that needs it).',
};
export default rule;
