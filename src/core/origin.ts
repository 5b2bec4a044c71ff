// URL and origin helpers. src/core has no DOM lib, so the WHATWG URL class (present in every
// runtime we target: Chromium, Firefox, Node) is reached through globalThis with a local type.

interface ParsedUrl {
  protocol: string;
  username: string;
  password: string;
  host: string;
  hostname: string;
  pathname: string;
  origin: string;
  href: string;
}
type UrlConstructor = new (url: string, base?: string) => ParsedUrl;
const URLClass = (globalThis as unknown as { URL: UrlConstructor }).URL;

export function parseUrl(url: string, base?: string): ParsedUrl | undefined {
  try {
    return new URLClass(url, base);
  } catch {
    return undefined;
  }
}

/**
 * Does `value` parse as a URL? Chromium decides "invalid ACAO value" with GURL(value).is_valid()
 * (services/network/public/cpp/cors/cors.cc); WHATWG URL agrees on the cases that matter: no scheme
 * (`app.example.com`), empty, bad port, unterminated IPv6.
 */
export function isValidUrl(value: string): boolean {
  if (value === '') return false;
  let valid = validCache.get(value);
  if (valid === undefined) {
    valid = parseUrl(value) !== undefined;
    if (validCache.size > 500) validCache.clear();
    validCache.set(value, valid);
  }
  return valid;
}
const validCache = new Map<string, boolean>();

const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' };
// scheme://host[:port] followed by /, ?, # or the end; host of plain ASCII labels or a dotted quad.
const FAST = /^(https?):\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::(\d{1,5}))?(?=[/?#]|$)/i;
const DOTTED_QUAD = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const cache = new Map<string, string>();

/**
 * The ASCII serialization of a URL's origin (HTML §7.5 "serialization of an origin"):
 * `scheme://host[:port]` with the default port dropped and no trailing slash, or 'null' for an
 * opaque origin or a string that is not a URL. A regex fast path covers the usual http(s) URLs;
 * anything unusual (IDN, IPv6, numeric hosts, userinfo) goes through the URL parser.
 */
export function serializeOrigin(url: string): string {
  if (typeof url !== 'string') return 'null';
  const cached = cache.get(url);
  if (cached !== undefined) return cached;
  let origin: string | undefined;
  const m = FAST.exec(url);
  if (m) {
    const host = m[2]!.toLowerCase();
    const lastLabel = host.slice(host.lastIndexOf('.') + 1);
    // Hosts ending in a numeric label are IPv4 forms the URL parser rewrites (0x7f.1 → 127.0.0.1).
    if (!/^(?:\d|0x)/i.test(lastLabel) || DOTTED_QUAD.test(host)) {
      const scheme = m[1]!.toLowerCase();
      const port = m[3] === undefined ? undefined : String(Number(m[3]));
      if (port === undefined || Number(port) <= 65535) {
        origin = port === undefined || port === DEFAULT_PORT[`${scheme}:`] ? `${scheme}://${host}` : `${scheme}://${host}:${port}`;
      }
    }
  }
  if (origin === undefined) {
    const u = parseUrl(url);
    origin = u === undefined || u.origin === undefined ? 'null' : u.origin;
  }
  if (cache.size > 2000) cache.clear();
  cache.set(url, origin);
  return origin;
}

/** Does this URL carry a username or password (Fetch "includes credentials")? */
export function urlHasCredentials(url: string): boolean {
  const u = parseUrl(url);
  return u !== undefined && (u.username !== '' || u.password !== '');
}

// scheme://host[:port], lower-case: a special scheme with a tuple origin (file: has none), a host
// of ASCII labels (punycode for IDNs) or an [IPv6] literal, a decimal port. The URL parser accepts
// more in a domain ($ { } ' " ! * and others are not forbidden domain code points, URL standard
// "host parsing"), and none of that is ever part of a page's origin we need to name.
const ORIGIN_SHAPE = /^(?:https?|wss?|ftp):\/\/(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?$/;

/**
 * Is `s` exactly the URL standard's serialization of a tuple origin (HTML "serialization of an
 * origin")? Its shape is checked first, then the URL parser must give it back unchanged: no
 * default port, no path or trailing slash, no userinfo, a canonical host (0x7f.1 is not). Only
 * such strings are ever written into a header line or a snippet.
 */
export function isSerializedOrigin(s: unknown): s is string {
  if (typeof s !== 'string' || s.length > 300 || !ORIGIN_SHAPE.test(s)) return false;
  return parseUrl(s)?.origin === s;
}

/** `value` if it is a serialized origin (isSerializedOrigin), else ''. Never `*`, never `null`. */
export function nameableOrigin(value: unknown): string {
  return isSerializedOrigin(value) ? value : '';
}

/** A URL fit to show: any user:password part removed (it may hold a real password). */
export function displayUrl(url: string): string {
  if (!url.includes('@')) return url;
  const u = parseUrl(url);
  if (u === undefined || (u.username === '' && u.password === '')) return url;
  u.username = '';
  u.password = '';
  return u.href;
}
