// Shared wording of the cookie rules.
import { attributesText } from './set-cookie';
import type { CookieContext, CookieFacts } from './types';

export const PARAGRAPH = '\n\n';

/** `sid` (Path=/; SameSite=Lax) */
export const named = (c: CookieFacts): string => `"${c.name}" (${attributesText(c)})`;

export function what(c: CookieFacts, ctx: CookieContext): string {
  return ctx.phase === 'set'
    ? `The response from ${ctx.url} set the cookie ${named(c)}, and the browser did not store it.`
    : `The browser holds the cookie ${named(c)} for this host, but did not send it with this request to ${ctx.url}.`;
}

export const crossSiteWords = (ctx: CookieContext): string =>
  `The page (${ctx.pageOrigin}) and the API (${ctx.url.replace(/^([a-z]+:\/\/[^/?#]+).*$/i, '$1')}) are different sites, so for the browser this cookie is a third-party cookie.`;

/** The honest limit every cross-site cookie fix carries. */
export const LIMITS =
  'No header defeats a browser that blocks third-party cookies (Safari and Firefox by default, Chrome by user choice or policy). ' +
  "The durable cures: serve the API from the app's own site (api.example.com beside app.example.com: same-site, so SameSite=Lax works), " +
  'put a same-origin proxy in front of it (the page calls /api on its own origin), or send a token in the Authorization header instead of a cookie (it needs Access-Control-Allow-Headers: Authorization on the preflight).';
