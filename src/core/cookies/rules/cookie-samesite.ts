// SameSite=Lax, SameSite=Strict, or no SameSite (treated as Lax since Chromium M80) on a
// cross-site request or response: a fetch is not a top-level navigation, so the cookie is
// neither stored nor sent (RFC 6265bis §5.7 step 18 and §5.8.3). DevTools reasons (probed on
// Chromium 156, third-party cookies allowed): SchemefulSameSiteLax, SchemefulSameSiteStrict,
// SchemefulSameSiteUnspecifiedTreatedAsLax. https://web.dev/articles/samesite-cookies-explained
import type { CookieRule } from '../types';
import { crossSiteWords, PARAGRAPH, what } from '../words';

const rule: CookieRule = {
  id: 'cookie-samesite',
  phases: ['set', 'send'],
  code: (c) =>
    c.sameSite === 'strict' ? 'SchemefulSameSiteStrict' : c.sameSite === 'lax' ? 'SchemefulSameSiteLax' : 'SchemefulSameSiteUnspecifiedTreatedAsLax',
  summary: 'SameSite Lax, Strict or unspecified (treated as Lax) on a cross-site request',
  check: (c, ctx) => ctx.crossSite && c.sameSite !== 'none',
  cause: (c, ctx) =>
    `${c.sameSite === 'unspecified' ? 'no SameSite (Lax)' : `SameSite=${c.sameSite === 'lax' ? 'Lax' : 'Strict'}`} on a cross-site ${ctx.phase === 'set' ? 'response' : 'request'}`,
  explain: (c, ctx) =>
    `${what(c, ctx)} ${crossSiteWords(ctx)} ` +
    (c.sameSite === 'unspecified'
      ? 'It has no SameSite attribute, which the browser treats as SameSite=Lax. '
      : `It has SameSite=${c.sameSite === 'lax' ? 'Lax' : 'Strict'}. `) +
    `A ${c.sameSite === 'strict' ? 'Strict' : 'Lax'} cookie only travels on same-site requests${c.sameSite === 'strict' ? '' : ' and top-level navigations'}; a fetch() or XHR from another site is neither, so the browser ${ctx.phase === 'set' ? 'does not store it' : 'leaves it out'}.` +
    PARAGRAPH +
    'To be used from another site a cookie needs SameSite=None; Secure (and, where the browser blocks third-party cookies, Partitioned).',
};
export default rule;
