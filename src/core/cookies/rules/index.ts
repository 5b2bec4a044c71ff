// The cookie rules, in the order Chromium decides (probed on Chromium 156, DevTools blocked
// reasons): parse-time checks (Domain, prefixes) before the third-party-cookie setting, which
// comes before the store's own checks (Secure, SameSite). The first that holds is the reason
// DevTools shows; later ones are listed too, because the fix must cure them all.
// cookie-refused is last: a Set-Cookie the browser refused for a reason no rule knows.
import cookieDomain from './cookie-domain';
import cookieExpired from './cookie-expired';
import cookiePartition from './cookie-partition';
import cookiePath from './cookie-path';
import cookiePrefix from './cookie-prefix';
import cookieRefused from './cookie-refused';
import cookieSamesite from './cookie-samesite';
import cookieSamesiteNoneInsecure from './cookie-samesite-none-insecure';
import cookieSecureHttp from './cookie-secure-http';
import cookieThirdParty from './cookie-third-party';

export const cookieRules = [
  cookieDomain,
  cookiePrefix,
  cookieThirdParty,
  cookieSecureHttp,
  cookieSamesiteNoneInsecure,
  cookieSamesite,
  cookieExpired,
  cookiePath,
  cookiePartition,
  cookieRefused,
] as const;

/**
 * Sending is decided in another order: the cookie store's own checks (Path, Secure, SameSite)
 * come before the third-party setting. Probed on Chromium 156: a first-party SameSite=Lax cookie
 * held back from a cross-site fetch is listed by DevTools as [SchemefulSameSiteLax,
 * UserPreferences], and with a path mismatch as [NotOnPath, SchemefulSameSiteLax, UserPreferences].
 */
export const sendOrder = [cookiePath, cookieSecureHttp, cookieSamesite, cookieThirdParty, cookiePartition] as const;
