// The cookie jar and the Cookie header, as the cookie watch reads them: names and attributes,
// never values (chrome.cookies returns a value; jarFacts() does not copy it).
import { urlParts } from '../../src/core/cookies/host';
import type { CookieFacts } from '../../src/core/cookies/judge';

/** chrome.cookies.Cookie, the fields we read (the value is never read). */
export interface JarCookie {
  name: string;
  domain: string;
  hostOnly?: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: string;
  partitionKey?: { topLevelSite?: string };
  expirationDate?: number;
}

/** The cookie names of a Cookie header ("a=1; b=2" → ['a', 'b']); the values are dropped. */
export function cookieNames(values: readonly string[]): string[] {
  const names: string[] = [];
  for (const v of values)
    for (const pair of v.split(';')) {
      const i = pair.indexOf('=');
      const name = (i < 0 ? '' : pair.slice(0, i)).trim();
      if (name && names.length < 200) names.push(name.slice(0, 256));
    }
  return names;
}

/** A jar cookie as facts: names and attributes; `value` is not copied. */
export function jarFacts(c: JarCookie): CookieFacts {
  const s = c.sameSite === 'no_restriction' ? 'none' : c.sameSite === 'lax' || c.sameSite === 'strict' ? c.sameSite : 'unspecified';
  return {
    name: c.name,
    secure: c.secure,
    httpOnly: c.httpOnly,
    sameSite: s,
    domain: c.hostOnly ? '' : c.domain.replace(/^\./, ''),
    path: c.path,
    partitioned: c.partitionKey?.topLevelSite !== undefined,
    ...(c.partitionKey?.topLevelSite ? { partitionSite: c.partitionKey.topLevelSite } : {}),
    ...(typeof c.expirationDate === 'number' ? { expiresAt: c.expirationDate * 1000 } : {}),
  };
}

/** Different sites, when the browser did not say (no Sec-Fetch-Site): neither host domain-matches the other's parent. */
export function crossSiteByHost(pageOrigin: string, url: string): boolean {
  const a = urlParts(pageOrigin);
  const b = urlParts(url);
  if (!a || !b) return true;
  if (a.scheme !== b.scheme) return true; // schemeful same-site
  const parent = (h: string) => (/^[\d.]+$|:/.test(h) ? h : h.split('.').slice(-2).join('.'));
  return parent(a.host) !== parent(b.host);
}

/** The domains to ask the jar about for a host: itself and its parents (2 labels or more). */
export function jarDomains(host: string): string[] {
  if (/^[\d.]+$|:/.test(host) || !host.includes('.')) return [host];
  const labels = host.split('.');
  const out: string[] = [];
  for (let i = 0; i <= labels.length - 2 && out.length < 4; i++) out.push(labels.slice(i).join('.'));
  return out;
}
