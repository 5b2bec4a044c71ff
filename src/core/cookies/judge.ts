// Turns a cookie the browser refused or left out into a Finding (kind 'cookie'), with the first
// rule that explains it as the reason DevTools shows, and the others as "also".
import type { Finding } from '../types';
import { cookieFix } from './fix';
import cookiePath from './rules/cookie-path';
import cookieThirdParty from './rules/cookie-third-party';
import { cookieRules, sendOrder } from './rules/index';
import { safariNote } from './safari';
import { attributesText } from './set-cookie';
import type { CookieContext, CookieFacts, CookieRule } from './types';
import { PARAGRAPH } from './words';

export { parseSetCookie, attributesText } from './set-cookie';
export { cookieRules } from './rules/index';
export type { CookieContext, CookieFacts, CookiePhase, SameSite } from './types';

const applies = (r: CookieRule, c: CookieFacts, ctx: CookieContext): boolean => (r.phases as readonly string[]).includes(ctx.phase) && r.check(c, ctx);

/** The rules that explain this cookie's fate, Chromium's order first. */
export function reasons(c: CookieFacts, ctx: CookieContext): CookieRule[] {
  // A cookie outside the request's path is never a candidate for sending: that is the whole
  // story (Chromium checks Path before the third-party setting; DevTools shows NotOnPath alone).
  if (ctx.phase === 'send') return cookiePath.check(c, ctx) ? [cookiePath] : sendOrder.filter((r) => r.check(c, ctx));
  const found = cookieRules.filter((r) => applies(r, c, ctx) && !(r.id === 'cookie-refused' && cookieRules.some((o) => o !== r && applies(o, c, ctx))));
  // The evidence, when the setting cannot be read: a cross-site cookie whose attributes pass
  // every check, refused all the same, is what third-party cookie blocking looks like.
  if (found.length === 1 && found[0]!.id === 'cookie-refused' && ctx.crossSite && ctx.thirdPartyBlocked === undefined && !c.partitioned)
    return [cookieThirdParty];
  return found;
}

/**
 * The finding for one cookie, or undefined when no rule explains a jar cookie that was not sent
 * (it may have been stored after the request left: we do not guess).
 */
export function cookieFinding(c: CookieFacts, ctx: CookieContext, hop: number): Finding | undefined {
  const [first, ...rest] = reasons(c, ctx);
  if (!first) return undefined;
  const code = first.code(c, ctx);
  const verb = ctx.phase === 'set' ? 'not stored' : 'not sent';
  const also = rest.filter((r) => r.id !== 'cookie-expired' || first.id === 'cookie-expired');
  const alsoText = also.length
    ? `${PARAGRAPH}Once that is cured, the browser would still refuse it: ${also.map((r) => `${r.cause(c, ctx)} (${r.code(c, ctx)})`).join('; ')}. The fix below covers all of it.`
    : '';
  return {
    kind: 'cookie',
    rule: first.id,
    code,
    stage: 'response',
    severity: 'warning',
    hop,
    url: ctx.url,
    hint: c.name,
    header: ctx.phase === 'set' ? 'set-cookie' : 'cookie',
    cause: `cookie ${c.name} ${verb}: ${first.cause(c, ctx)}`,
    message: `Cookie "${c.name}" ${verb}: ${first.cause(c, ctx)} (DevTools: ${code}).`,
    // Next to the fate, for every browser's reader: Safari blocks what Chromium may let through.
    explanation: first.explain(c, ctx) + alsoText + (safariNote(ctx) ? PARAGRAPH + safariNote(ctx) : ''),
    // Blocked third-party cookies (read or inferred): the cure includes Partitioned.
    fix: cookieFix(c, first.id === 'cookie-third-party' ? { ...ctx, thirdPartyBlocked: true } : ctx, hop),
    credential: { phase: ctx.phase, name: c.name, attributes: attributesText(c), also: also.map((r) => r.code(c, ctx)) },
  };
}
