// What may leave the tool: Cookie/Authorization/Set-Cookie values never (names and presence only),
// URL userinfo and credential-looking query values masked. Shared by the panel's exports
// (src/ui/report.ts) and the command line (src/cli), so both redact the same way.
import type { HeaderLine, RequestRecord } from './types';

const SECRET_HEADERS = new Set(['cookie', 'authorization', 'proxy-authorization', 'set-cookie']);
export const MASK = '•••• (hidden)';

/** Cookie/Authorization/Set-Cookie values are never shown or copied: names and presence only. */
export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase());
}

export function maskHeader(h: HeaderLine): HeaderLine {
  return isSecretHeader(h.name) ? { name: h.name, value: MASK } : h;
}

const SECRET_PARAM = /token|secret|password|passwd|pwd|auth|key|sig|session|code|credential/i;

// src/core has no DOM lib: the WHATWG URL class is reached through globalThis with a local type.
interface EditableUrl {
  search: string;
  username: string;
  password: string;
  searchParams: { keys(): Iterable<string>; set(k: string, v: string): void };
  toString(): string;
}
const URLClass = (globalThis as unknown as { URL: new (url: string) => EditableUrl }).URL;

/** Query values that look like credentials (…?access_token=…) and userinfo are replaced. */
export function redactUrl(url: string): string {
  let u: EditableUrl;
  try {
    u = new URLClass(url);
  } catch {
    return url;
  }
  let changed = false;
  if (u.search) {
    for (const k of [...u.searchParams.keys()]) {
      if (SECRET_PARAM.test(k)) {
        u.searchParams.set(k, 'REDACTED');
        changed = true;
      }
    }
  }
  if (u.username || u.password) {
    u.username = 'REDACTED';
    u.password = '';
    changed = true;
  }
  return changed ? u.toString() : url;
}

const maskLines = (hs: readonly HeaderLine[]): HeaderLine[] => (Array.isArray(hs) ? hs.map(maskHeader) : []);

export function redactRecord(r: RequestRecord): RequestRecord {
  return {
    ...r,
    requestHeaders: maskLines(r.requestHeaders),
    hops: r.hops.map((h) => ({
      url: redactUrl(h.url),
      ...(h.preflight ? { preflight: { status: h.preflight.status, headers: maskLines(h.preflight.headers) } } : {}),
      ...(h.response ? { response: { status: h.response.status, headers: maskLines(h.response.headers) } } : {}),
    })),
  };
}
