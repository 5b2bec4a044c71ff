// URL and host facts cookies depend on (RFC 6265bis §5.1.3 domain-match, §5.1.4 paths).
import { parseUrl } from '../origin';

export interface UrlParts {
  scheme: string;
  host: string;
  path: string;
}

export function urlParts(url: string): UrlParts | undefined {
  const u = parseUrl(url);
  if (!u) return undefined;
  return { scheme: u.protocol.replace(/:$/, ''), host: u.hostname.replace(/^\[|\]$/g, '').toLowerCase(), path: u.pathname || '/' };
}

export const isIp = (host: string): boolean => /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');

/**
 * Hosts Chromium lets carry Secure cookies over plain http: loopback names and addresses
 * ("potentially trustworthy", https://w3c.github.io/webappsec-secure-contexts/#is-origin-trustworthy).
 * Probed on Chromium 156: a Secure cookie set over http://127.0.0.1 and http://localhost is stored.
 */
export function isTrustworthyHost(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '::1';
}

export function isSecureUrl(p: UrlParts): boolean {
  return p.scheme === 'https' || p.scheme === 'wss' || isTrustworthyHost(p.host);
}

/** RFC 6265bis §5.1.3: host equals domain, or ends with "." + domain and is not an IP address. */
export function domainMatch(host: string, domain: string): boolean {
  return host === domain || (!isIp(host) && host.endsWith(`.${domain}`));
}

/** RFC 6265bis §5.1.4: the default path of a cookie set by a request to `path`. */
export function defaultPath(path: string): string {
  if (!path.startsWith('/')) return '/';
  const last = path.lastIndexOf('/');
  return last <= 0 ? '/' : path.slice(0, last);
}

/** RFC 6265bis §5.1.4 path-match. */
export function pathMatch(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

/** Scheme and host of a site string like 'https://example.com' (a partition key's topLevelSite). */
export function siteParts(site: string): { scheme: string; host: string } | undefined {
  const p = urlParts(site);
  return p ? { scheme: p.scheme, host: p.host } : undefined;
}
