// A Domain attribute that does not domain-match the responding host: the cookie is ignored
// (RFC 6265bis §5.7 step 9; Chromium CookieInclusionStatus EXCLUDE_INVALID_DOMAIN, DevTools
// "InvalidDomain"; probed on Chromium 156: Domain=example.com from 127.0.0.1).
import { domainMatch, urlParts } from '../host';
import type { CookieRule } from '../types';
import { PARAGRAPH, what } from '../words';

const rule: CookieRule = {
  id: 'cookie-domain',
  phases: ['set'],
  code: () => 'InvalidDomain',
  summary: 'the Domain attribute does not cover the host that set the cookie',
  check: (c, ctx) => {
    const u = urlParts(ctx.url);
    return c.domain !== '' && u !== undefined && !domainMatch(u.host, c.domain);
  },
  cause: (c) => `Domain=${c.domain} is not this host's`,
  explain: (c, ctx) =>
    `${what(c, ctx)} Its Domain attribute (${c.domain}) is not the host ${urlParts(ctx.url)?.host ?? ''} nor a parent of it, and a server can only set cookies for itself or its parent domains.` +
    PARAGRAPH +
    "Leave Domain out (the cookie then belongs to exactly this host), or name a parent domain of it. A cookie can never be set for the page's domain from the API's response.",
};
export default rule;
