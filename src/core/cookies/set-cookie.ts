// Reads a Set-Cookie line for its name and attributes only: the value is skipped, never copied.
// Follows RFC 6265bis §5.6 (https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis#section-5.6):
// name-value pair up to the first ';', then attributes, case-insensitive, the last one of each
// kind wins. Hand-written rather than set-cookie-parser because that library always decodes and
// returns the value, which this extension must never hold.
import type { CookieFacts, SameSite } from './types';

const MAX_LINE = 8192;

function sameSiteOf(v: string): SameSite {
  // An unknown SameSite value is treated as if the attribute were absent (RFC 6265bis §5.6.7).
  const s = v.toLowerCase();
  return s === 'none' || s === 'lax' || s === 'strict' ? s : 'unspecified';
}

/** Name and attributes of one Set-Cookie line; undefined when it holds no cookie. */
export function parseSetCookie(line: unknown, now = Date.now()): CookieFacts | undefined {
  if (typeof line !== 'string' || line.length > MAX_LINE) return undefined;
  const [pair = '', ...attrs] = line.split(';');
  const eq = pair.indexOf('=');
  // "=value" has an empty name; "name" alone is a nameless cookie whose value is "name" (§5.6
  // step 3): either way no name we can show.
  if (eq <= 0) return undefined;
  const name = pair.slice(0, eq).trim();
  // Chromium refuses a name and value longer than 4096 bytes together (RFC 6265bis §5.6 step 8).
  if (name === '' || name.length > 4096 || /[\x00-\x1f\x7f]/.test(name)) return undefined;
  const c: CookieFacts = { name, secure: false, httpOnly: false, sameSite: 'unspecified', domain: '', path: '', partitioned: false };
  let maxAge: number | undefined;
  let expires: number | undefined;
  for (const a of attrs) {
    const i = a.indexOf('=');
    const key = (i < 0 ? a : a.slice(0, i)).trim().toLowerCase();
    const value = i < 0 ? '' : a.slice(i + 1).trim();
    switch (key) {
      case 'secure':
        c.secure = true;
        break;
      case 'httponly':
        c.httpOnly = true;
        break;
      case 'partitioned':
        c.partitioned = true;
        break;
      case 'samesite':
        c.sameSite = sameSiteOf(value);
        break;
      case 'domain':
        c.domain = value.replace(/^\./, '').toLowerCase();
        break;
      case 'path':
        c.path = value.startsWith('/') ? value : '';
        break;
      case 'max-age':
        if (/^-?\d+$/.test(value)) maxAge = Number(value);
        break;
      case 'expires': {
        const t = Date.parse(value);
        if (Number.isFinite(t)) expires = t;
        break;
      }
    }
  }
  // Max-Age wins over Expires (§5.6.2); zero or less means "expire now".
  if (maxAge !== undefined) c.expiresAt = maxAge <= 0 ? 0 : now + maxAge * 1000;
  else if (expires !== undefined) c.expiresAt = expires;
  return c;
}

/** The attributes of a cookie as a Set-Cookie would write them (no value), for display. */
export function attributesText(c: CookieFacts): string {
  const parts: string[] = [];
  if (c.domain) parts.push(`Domain=${c.domain}`);
  if (c.path) parts.push(`Path=${c.path}`);
  if (c.secure) parts.push('Secure');
  if (c.httpOnly) parts.push('HttpOnly');
  if (c.sameSite !== 'unspecified') parts.push(`SameSite=${c.sameSite[0]!.toUpperCase()}${c.sameSite.slice(1)}`);
  if (c.partitioned) parts.push('Partitioned');
  if (c.expiresAt === 0) parts.push('Max-Age=0');
  return parts.length ? parts.join('; ') : '(no attributes)';
}
