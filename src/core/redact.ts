// What may leave the tool: Cookie/Authorization/Set-Cookie values never (names and presence only),
// request header values only where a rule reads them, URL userinfo removed and credential-looking
// parameter values masked. Shared by the panel's exports (src/ui/report.ts) and the command line
// (src/cli), so both redact the same way; the secret names themselves are in ./secrets.ts.
import { isList } from './headers';
import { isSafelistedName } from './safelist';
import { isSecretHeader, redactUrl, VALUE_NOT_KEPT } from './secrets';
import type { HeaderLine, RequestRecord } from './types';

export { isSecretHeader, redactText, redactUrl } from './secrets';
export const MASK = '•••• (hidden)';

/** Cookie/Authorization/Set-Cookie values are never shown or copied: names and presence only. */
export function maskHeader(h: HeaderLine): HeaderLine {
  return isSecretHeader(h.name) ? { name: h.name, value: MASK } : h;
}

const maskLines = (hs: readonly HeaderLine[]): HeaderLine[] => (Array.isArray(hs) ? hs.map(maskHeader) : []);

/**
 * Request headers: values kept only for the CORS-safelisted names, the only ones whose value a
 * rule reads (Fetch §2.2.2); an `X-Api-Key` leaves by name alone.
 */
function requestLines(hs: readonly HeaderLine[]): HeaderLine[] {
  if (!isList(hs)) return [];
  return hs.map((h) =>
    isSecretHeader(h.name) ? { name: h.name, value: MASK } : isSafelistedName(String(h.name).toLowerCase()) ? h : { name: h.name, value: VALUE_NOT_KEPT },
  );
}

export function redactRecord(r: RequestRecord): RequestRecord {
  return {
    ...r,
    requestHeaders: requestLines(r.requestHeaders),
    hops: r.hops.map((h) => ({
      url: redactUrl(h.url),
      ...(h.preflight ? { preflight: { status: h.preflight.status, headers: maskLines(h.preflight.headers) } } : {}),
      ...(h.response ? { response: { status: h.response.status, headers: maskLines(h.response.headers) } } : {}),
    })),
  };
}
