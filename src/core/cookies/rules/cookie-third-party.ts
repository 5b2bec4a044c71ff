// The browser blocks third-party cookies: no cookie is stored from, or sent to, another site,
// whatever its attributes; only Partitioned (CHIPS) cookies still work. Chromium reports
// "UserPreferences" (probed on Chromium 156, default profile: every unpartitioned cookie of a
// cross-site login was refused with that reason; a Partitioned one was stored and sent back).
// https://developers.google.com/privacy-sandbox/cookies/chips
// Where the setting cannot be read (no `privacy` API), judge.ts names this rule on evidence: a
// cross-site cookie that passes every other check and was refused all the same.
import type { CookieRule } from '../types';
import { crossSiteWords, LIMITS, PARAGRAPH, what } from '../words';

const rule: CookieRule = {
  id: 'cookie-third-party',
  phases: ['set', 'send'],
  code: () => 'UserPreferences',
  summary: "the browser's setting blocks third-party cookies",
  check: (c, ctx) => ctx.crossSite && ctx.thirdPartyBlocked === true && !c.partitioned && c.partitionSite === undefined,
  cause: () => 'third-party cookies are blocked',
  explain: (c, ctx) =>
    `${what(c, ctx)} ${crossSiteWords(ctx)} ` +
    (ctx.thirdPartyBlocked === true
      ? 'This browser blocks third-party cookies (its privacy setting), so it neither stores nor sends them, whatever their attributes.'
      : 'Its attributes would let it through, yet the browser refused it: that is how a browser that blocks third-party cookies behaves (its setting could not be read; DevTools > Application > Cookies shows the reason).') +
    PARAGRAPH +
    "A Partitioned cookie (CHIPS: Secure; SameSite=None; Partitioned) is still allowed: the browser keeps it for this page's site only, which is enough for an API used by one app. " +
    LIMITS,
};
export default rule;
