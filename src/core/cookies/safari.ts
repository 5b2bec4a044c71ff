// Safari's difference for credentials: its Intelligent Tracking Prevention blocks every cookie of
// a cross-site request ("Cookies for cross-site resources are now blocked by default across the
// board", Safari 13.1 / iOS 13.4: https://webkit.org/blog/10218/full-third-party-cookie-blocking-and-more/,
// webkit.org, 2020-03-24). No setting to read, no attribute that helps: a cookie whose fate
// depends on third-party cookies does not make it in Safari even once the fix below is applied.
import type { CookieContext } from './types';

/** The "In Safari" paragraph for a cookie of a cross-site request; undefined when same-site. */
export function safariNote(ctx: CookieContext): string | undefined {
  if (!ctx.crossSite) return undefined;
  return (
    'In Safari: Intelligent Tracking Prevention blocks third-party cookies outright (since Safari 13.1, 2020: WebKit\'s "Full Third-Party Cookie Blocking and More"), ' +
    'whatever their attributes and with no setting to change, so this cookie stays out in Safari even after the fix below. ' +
    "For Safari users the API must be on the app's own site, behind a same-origin proxy, or use a token in Authorization instead of a cookie."
  );
}
