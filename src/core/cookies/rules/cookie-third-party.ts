// The browser blocks third-party cookies: no cookie is stored from, or sent to, another site,
// whatever its attributes; only Partitioned (CHIPS) cookies still work. Chromium reports
// "UserPreferences" (probed on Chromium 156, default profile: every unpartitioned cookie of a
// cross-site login was refused with that reason; a Partitioned one was stored and sent back).
// https://developers.google.com/privacy-sandbox/cookies/chips
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
    `${what(c, ctx)} ${crossSiteWords(ctx)} This browser blocks third-party cookies (its privacy setting), so it neither stores nor sends them, whatever their attributes.` +
    PARAGRAPH +
    'A Partitioned cookie (CHIPS: Secure; SameSite=None; Partitioned) is still allowed: the browser keeps it for this page\'s site only, which is enough for an API used by one app. ' +
    LIMITS,
};
export default rule;
