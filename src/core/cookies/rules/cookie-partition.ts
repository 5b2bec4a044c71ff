// A Partitioned (CHIPS) cookie is kept per top-level site: the one stored while the user was on
// site A is not sent when the same API is called from a page on site B.
// https://developers.google.com/privacy-sandbox/cookies/chips ; chrome.cookies partitionKey.
import { domainMatch, siteParts, urlParts } from '../host';
import type { CookieRule } from '../types';
import { PARAGRAPH, what } from '../words';

/** Is the page on the partition's top-level site? (A page's host domain-matches its site.) */
export function onSite(pageOrigin: string, site: string): boolean {
  const s = siteParts(site);
  const p = urlParts(pageOrigin);
  return s !== undefined && p !== undefined && s.scheme === p.scheme && domainMatch(p.host, s.host);
}

const rule: CookieRule = {
  id: 'cookie-partition',
  phases: ['send'],
  code: () => 'PartitionedElsewhere',
  summary: 'a Partitioned (CHIPS) cookie stored under another top-level site',
  check: (c, ctx) => c.partitionSite !== undefined && !onSite(ctx.pageOrigin, c.partitionSite),
  cause: (c) => `Partitioned under ${c.partitionSite ?? 'another site'}`,
  explain: (c, ctx) =>
    `${what(c, ctx)} It is a Partitioned cookie, kept for pages on ${c.partitionSite ?? 'another site'} only, and this page is on ${ctx.pageOrigin}.` +
    PARAGRAPH +
    "Partitioned cookies are per top-level site by design: the user has to log in again from this site (the login response then stores a cookie in this site's partition).",
};
export default rule;
