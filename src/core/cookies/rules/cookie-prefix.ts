// Cookie name prefixes (RFC 6265bis §4.1.3): __Secure- needs Secure; __Host- needs Secure, no
// Domain and Path=/. Chromium: EXCLUDE_INVALID_PREFIX, DevTools "InvalidPrefix" (probed on
// Chromium 156). Chromium treats Domain=<the host's own IP address> as host-only, so that
// __Host- cookie passes (probed: Domain=127.0.0.1 from 127.0.0.1 was stored).
import { isIp, urlParts } from '../host';
import type { CookieFacts, CookieRule } from '../types';
import { PARAGRAPH, what } from '../words';

function problem(c: CookieFacts, host: string): string | undefined {
  const lower = c.name.toLowerCase();
  if (lower.startsWith('__secure-') && !c.secure) return 'a __Secure- cookie must carry Secure';
  if (!lower.startsWith('__host-')) return undefined;
  if (!c.secure) return 'a __Host- cookie must carry Secure';
  if (c.domain !== '' && !(isIp(host) && c.domain === host)) return 'a __Host- cookie must not carry Domain';
  if (c.path !== '/') return 'a __Host- cookie must carry Path=/';
  return undefined;
}

const rule: CookieRule = {
  id: 'cookie-prefix',
  phases: ['set'],
  code: () => 'InvalidPrefix',
  summary: 'a __Secure- or __Host- cookie breaks its prefix rules',
  check: (c, ctx) => problem(c, urlParts(ctx.url)?.host ?? '') !== undefined,
  cause: (c, ctx) => problem(c, urlParts(ctx.url)?.host ?? '') ?? 'prefix rules',
  explain: (c, ctx) =>
    `${what(c, ctx)} Its name starts with a prefix the browser enforces: ${problem(c, urlParts(ctx.url)?.host ?? '')}.` +
    PARAGRAPH +
    '__Secure- cookies need the Secure attribute; __Host- cookies need Secure, Path=/ and no Domain attribute. Add what is missing, or drop the prefix.',
};
export default rule;
